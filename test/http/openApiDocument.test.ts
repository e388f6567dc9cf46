import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { objectShape } from '../../engine/http/openapi.ts';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform.ts';

type Operation = { parameters: Array<{ name: string; in: string }>; responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>; requestBody?: { content: Record<string, { schema?: unknown }> } };

/** A schema that says nothing (typed `unknown` in the client): no type, no ref, no combinator, or an object with no properties. */
function saysNothing(schema: Record<string, unknown> | undefined): boolean {
  if (!schema) return true;
  if (schema.$ref || schema.anyOf || schema.oneOf || schema.allOf) return false;
  if (!schema.type) return true;
  if (schema.type === 'object') return !schema.properties && !(schema.patternProperties && Object.keys(schema.patternProperties as object).length);
  if (schema.type === 'array') return saysNothing(schema.items as Record<string, unknown> | undefined);
  return false;
}

describe('OpenAPI document (/api/openapi.json)', () => {
  let t: TestPlatform;
  let doc: { paths: Record<string, Record<string, Operation>> };
  beforeAll(async () => {
    t = await startTestPlatform();
    doc = (await t.agent().get('/api/openapi.json')).body;
  });
  afterAll(async () => t?.close());

  it('publishes every query parameter of the inbox list (filters, sort, paging)', () => {
    // given the route's query schema (a generated client pages and filters the inbox with it)
    // when the document is read
    const names = doc.paths['/api/tasks'].get.parameters.filter((p) => p.in === 'query').map((p) => p.name);
    // then every property is a parameter
    expect(names.sort()).toEqual(['applicationId', 'due', 'mine', 'package', 'page', 'pageSize', 'procedure', 'q', 'region', 'rule', 'sort', 'step', 'tab', 'year']);
  });

  it('merges properties and required names of nested allOf members', () => {
    // given an allOf of an object and another allOf
    const shape = objectShape({ allOf: [{ properties: { a: {} }, required: ['a'] }, { allOf: [{ properties: { b: {} }, required: ['b'] }] }] });
    // then both members' properties and required names are kept
    expect(Object.keys(shape.properties)).toEqual(['a', 'b']);
    expect(shape.required).toEqual(['a', 'b']);
  });

  it('gives every operation a response schema for its success status', () => {
    // given every operation of the document
    const missing: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        // when its lowest 2xx status is looked at (204 carries no body by definition)
        const success = Object.keys(op.responses).filter((s) => /^2\d\d$/.test(s)).sort()[0];
        if (!success) {
          missing.push(`${method.toUpperCase()} ${path}: no 2xx response`);
          continue;
        }
        if (success === '204') continue;
        const content = op.responses[success].content ?? {};
        const schemas = Object.values(content).map((c) => c.schema);
        // then it has a schema that says what comes back
        if (!schemas.length || schemas.some((s) => saysNothing(s as Record<string, unknown> | undefined))) missing.push(`${method.toUpperCase()} ${path} ${success}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('gives every request body a schema', () => {
    const missing: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        for (const c of Object.values(op.requestBody?.content ?? {})) if (saysNothing(c.schema as Record<string, unknown>)) missing.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
