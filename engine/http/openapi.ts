import type { TSchema } from '@sinclair/typebox';
import type { RouteDef } from './route.ts';

const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string', description: '中文标题,可直接展示给用户' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    problems: {
      type: 'array',
      items: {
        type: 'object',
        properties: { pointer: { type: 'string' }, file: { type: 'string' }, field: { type: 'string' }, message: { type: 'string' }, clause: { type: 'string' }, code: { type: 'string' } },
      },
    },
  },
};

function strip(schema: TSchema | undefined): unknown {
  // TypeBox adds symbol keys only; JSON round-trip yields the plain JSON Schema (2020-12 compatible).
  return schema ? JSON.parse(JSON.stringify(schema)) : undefined;
}

type ObjectShape = { properties: Record<string, unknown>; required: string[] };

/**
 * A query or path schema as one list of properties: `Type.Intersect([Paging, …])` is published by
 * TypeBox as `allOf`, whose members' properties would otherwise never become parameters.
 */
export function objectShape(schema: unknown): ObjectShape {
  const s = (schema ?? {}) as { properties?: Record<string, unknown>; required?: string[]; allOf?: unknown[] };
  const shape: ObjectShape = { properties: { ...(s.properties ?? {}) }, required: [...(s.required ?? [])] };
  for (const member of s.allOf ?? []) {
    const m = objectShape(member);
    Object.assign(shape.properties, m.properties);
    shape.required.push(...m.required.filter((r) => !shape.required.includes(r)));
  }
  return shape;
}

/** OpenAPI 3.1 built from the same route definitions and schemas that validate requests. */
export function buildOpenApi(routes: RouteDef[], info: { version: string }): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const [name, schema] of Object.entries(objectShape(strip(r.params)).properties)) parameters.push({ name, in: 'path', required: true, schema });
    const query = objectShape(strip(r.query));
    for (const [name, schema] of Object.entries(query.properties)) parameters.push({ name, in: 'query', required: query.required.includes(name), schema });
    const responses: Record<string, unknown> = {};
    for (const [status, resp] of Object.entries(r.responses)) {
      responses[status] = {
        description: resp.description,
        ...(resp.schema ? { content: { [resp.contentType ?? 'application/json']: { schema: strip(resp.schema) } } } : {}),
      };
    }
    responses.default = { description: '错误(application/problem+json)', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
    const op: Record<string, unknown> = {
      operationId: `${r.method}${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      summary: r.summary,
      tags: r.tags,
      parameters,
      responses,
      ...(r.auth === 'public' ? { security: [] } : {}),
      ...(r.roles ? { 'x-roles': r.roles } : {}),
    };
    if (r.body) op.requestBody = { required: true, content: { 'application/json': { schema: strip(r.body) } } };
    if (r.multipart) {
      op.requestBody = {
        required: true,
        content: {
          'multipart/form-data': {
            schema: {
              type: 'object',
              required: [r.multipart.fileField],
              properties: { [r.multipart.fileField]: { type: 'string', format: 'binary' }, ...Object.fromEntries(Object.entries(r.multipart.fields).map(([k, v]) => [k, strip(v)])) },
            },
          },
        },
      };
    }
    paths[path] = { ...(paths[path] ?? {}), [r.method]: op };
  }
  return {
    openapi: '3.1.0',
    info: { title: '技能人才评价低代码流程平台 API', version: info.version, description: '政策包部署、申报、审核待办、账号与审计。错误统一为 application/problem+json,title 为中文。' },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'sid' }, bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Problem: problemSchema },
    },
    security: [{ session: [] }, { bearer: [] }],
    paths,
  };
}
