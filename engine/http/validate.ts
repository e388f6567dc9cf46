import type { TSchema, Static } from '@sinclair/typebox';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { createRequire } from 'node:module';
import { ValidationError, type ProblemDetail } from '../errors.ts';

const localizeZh = createRequire(import.meta.url)('ajv-i18n/localize/zh') as (errors: ErrorObject[]) => void;

// One ajv for request validation. The same TypeBox schemas are published in /api/openapi.json.
const ajv = new Ajv({ allErrors: true, coerceTypes: false, useDefaults: true, strict: false });
(addFormats as unknown as (a: Ajv) => void)(ajv);
const queryAjv = new Ajv({ allErrors: true, coerceTypes: true, useDefaults: true, strict: false });
(addFormats as unknown as (a: Ajv) => void)(queryAjv);

const compiled = new WeakMap<TSchema, ValidateFunction>();
const compiledQuery = new WeakMap<TSchema, ValidateFunction>();

export function toProblems(errors: ErrorObject[] | null | undefined, where: string): ProblemDetail[] {
  if (!errors) return [];
  localizeZh(errors);
  return errors.map((e) => {
    const missing = e.keyword === 'required' ? `/${(e.params as { missingProperty: string }).missingProperty}` : '';
    const extra = e.keyword === 'additionalProperties' ? `/${(e.params as { additionalProperty: string }).additionalProperty}` : '';
    return { pointer: `${e.instancePath}${missing}${extra}`, message: `${where}${e.instancePath || missing || extra ? ` ${e.instancePath}${missing}${extra}` : ''} ${e.message ?? ''}`.trim(), code: e.keyword };
  });
}

/** Validates (and for queries, coerces) request input against a TypeBox schema. */
export function check<S extends TSchema>(schema: S, value: unknown, where: 'body' | 'query' | 'params'): Static<S> {
  const cache = where === 'body' ? compiled : compiledQuery;
  let fn = cache.get(schema);
  if (!fn) {
    fn = (where === 'body' ? ajv : queryAjv).compile(schema);
    cache.set(schema, fn);
  }
  const copy = where === 'body' ? value : { ...(value as object) };
  if (!fn(copy)) {
    const label = where === 'body' ? '请求体' : where === 'query' ? '查询参数' : '路径参数';
    throw new ValidationError('请求参数不符合要求', `${label}校验未通过`, toProblems(fn.errors, label));
  }
  return copy as Static<S>;
}

/** Deepest nesting a request body may have; forms nest a few levels, never dozens. */
export const MAX_BODY_DEPTH = 32;

/**
 * Refuses bodies nested deeper than MAX_BODY_DEPTH, walking iteratively: a body nested 100,000 deep
 * parses, but every recursive step after it (validation, storage, JSON.stringify) would overflow the stack.
 */
export function assertShallow(value: unknown, maxDepth = MAX_BODY_DEPTH): void {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > maxDepth) throw new ValidationError('请求体嵌套层级过深', `JSON 嵌套不得超过 ${maxDepth} 层`);
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
}
