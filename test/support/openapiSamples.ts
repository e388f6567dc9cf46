import { randomUUID } from 'node:crypto';
import fc from 'fast-check';

/** The parts of an OpenAPI 3.1 document the security suites walk. */
export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query';
  required?: boolean;
  schema: JsonSchema;
}
export interface JsonSchema {
  type?: string | string[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  [k: string]: unknown;
}
export interface OpenApiOperation {
  method: string;
  /** OpenAPI path, e.g. /api/applications/{id}/data */
  path: string;
  operationId: string;
  parameters: OpenApiParameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  security?: unknown[];
  'x-roles'?: string[];
}

export const WRITE_METHODS = ['post', 'put', 'patch', 'delete'];

/** Every operation of the document, in a stable order. */
export function operations(doc: { paths: Record<string, Record<string, Omit<OpenApiOperation, 'method' | 'path'>>> }): OpenApiOperation[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ ...op, parameters: op.parameters ?? [], method, path })));
}

/** A value that satisfies a parameter's schema (so the request gets past path validation). */
export function validSample(schema: JsonSchema, seed = 1): string {
  if (schema.format === 'uuid') return randomUUID();
  if (schema.enum?.length) return String(schema.enum[0]);
  if (schema.const !== undefined) return String(schema.const);
  if (schema.anyOf?.length) return validSample(schema.anyOf[0]!, seed);
  if (schema.type === 'integer' || schema.type === 'number') return String(schema.minimum ?? 1);
  if (schema.type === 'boolean') return 'true';
  if (schema.pattern) return fc.sample(fc.stringMatching(new RegExp(schema.pattern)), { seed, numRuns: 1 })[0]!;
  return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
}

/** The concrete URL of an operation with the given path parameter values. */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{([A-Za-z_]+)\}/g, (_m, name: string) => encodeURIComponent(values[name] ?? 'x'));
}
