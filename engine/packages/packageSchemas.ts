import fs from 'node:fs/promises';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import localizeZh from 'ajv-i18n/localize/zh/index.js';
import type { Problem } from './packageTypes.ts';

export type PackageSchemaKind = 'manifest' | 'schedule' | 'scenario' | 'ruleSet' | 'export';

/** Where each schema lives. The rule set schema belongs to rules/ and may change (or appear) while we run. */
const SCHEMA_URLS: Record<PackageSchemaKind, URL> = {
  manifest: new URL('./schema/manifest.schema.json', import.meta.url),
  schedule: new URL('./schema/schedule.schema.json', import.meta.url),
  scenario: new URL('./schema/scenario.schema.json', import.meta.url),
  export: new URL('./schema/export.schema.json', import.meta.url),
  ruleSet: new URL('../../rules/schema/ruleSet.schema.json', import.meta.url),
};

export type SchemaLookup = { ok: true; validate: ValidateFunction } | { ok: false; reason: 'missing' | 'invalid'; detail: string };

// Compiled validators keyed by the schema file's text: an edited schema is recompiled, an unchanged one is not.
const compiled = new Map<string, ValidateFunction>();

function createPackageAjv(): Ajv {
  // strictRequired is off because if/then branches name properties declared in the parent.
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, addUsedSchema: false });
  (addFormats as unknown as (a: Ajv) => Ajv)(ajv);
  return ajv;
}

/** The validator for one kind of package file, read and compiled lazily (and again after the schema file changes). */
export async function packageSchema(kind: PackageSchemaKind, from: URL = SCHEMA_URLS[kind]): Promise<SchemaLookup> {
  let text: string;
  try {
    text = await fs.readFile(from, 'utf8');
  } catch (err) {
    return { ok: false, reason: 'missing', detail: (err as Error).message };
  }
  const key = `${from.href}\0${text}`;
  const hit = compiled.get(key);
  if (hit) return { ok: true, validate: hit };
  try {
    const validate = createPackageAjv().compile(JSON.parse(text));
    for (const k of compiled.keys()) if (k.startsWith(`${from.href}\0`)) compiled.delete(k);
    compiled.set(key, validate);
    return { ok: true, validate };
  } catch (err) {
    return { ok: false, reason: 'invalid', detail: (err as Error).message };
  }
}

const TYPE_NAMES: Record<string, string> = { string: '字符串', number: '数字', integer: '整数', boolean: '布尔值', object: '对象', array: '数组', null: 'null' };

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function patternMessage(e: ErrorObject): string {
  const sp = e.schemaPath;
  if (sp.includes('/definitions/clause/')) return '条款编号格式不正确,应形如 SC26-01';
  if (sp.includes('/definitions/ambiguity/')) return '歧义编号格式不正确,应形如 AMB-20';
  if (sp.includes('/definitions/relPath/')) return '应为政策包内的相对路径(不以 / 开头,不含 ..)';
  if (sp.includes('/definitions/slug/')) return '应由小写字母、数字和连字符组成,如 sichuan-2026-examiner-training';
  return `格式不正确,应匹配 ${(e.params as { pattern: string }).pattern}`;
}

function describe(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `缺少必填属性「${p.missingProperty}」`;
    case 'additionalProperties':
      return `不允许的属性「${p.additionalProperty}」`;
    case 'type':
      return `应为${String(p.type).split(',').map((t) => TYPE_NAMES[t] ?? t).join('或')}`;
    case 'enum':
      return `应为以下值之一:${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join('、')}`;
    case 'const':
      return `应为 ${JSON.stringify(p.allowedValue)}`;
    case 'pattern':
      return patternMessage(e);
    case 'format':
      return p.format === 'date' ? '应为真实存在的日期,格式 YYYY-MM-DD' : `应为有效的 ${p.format} 格式`;
    case 'anyOf':
    case 'oneOf':
      return '不符合任何一种允许的写法';
    case 'propertyNames':
      return `属性名「${p.propertyName}」不合规`;
    default:
      return e.message ?? '不符合要求';
  }
}

/** ajv errors as Problems: pointer at the offending value (for `required`, at the missing property), Chinese text. */
export function schemaProblems(file: string, errors: ErrorObject[] | null | undefined): Problem[] {
  const list = [...(errors ?? [])];
  (localizeZh as unknown as (e: ErrorObject[]) => void)(list);
  const out: Problem[] = [];
  const seen = new Set<string>();
  for (const e of list) {
    // "if" only says that "then" failed; the then-branch errors follow on their own.
    if (e.keyword === 'if') continue;
    const p = e.params as Record<string, unknown>;
    let pointer = e.instancePath;
    if (e.keyword === 'required') pointer += `/${escapePointer(String(p.missingProperty))}`;
    if (e.keyword === 'additionalProperties') pointer += `/${escapePointer(String(p.additionalProperty))}`;
    // A failed anyOf/oneOf repeats what its branches said; keep it only when nothing more precise was reported.
    if ((e.keyword === 'anyOf' || e.keyword === 'oneOf') && list.some((o) => o !== e && o.keyword !== 'if' && o.instancePath.startsWith(e.instancePath))) continue;
    // Name the object that lacks or has the property, and the value itself otherwise.
    const where = e.keyword === 'required' || e.keyword === 'additionalProperties' ? e.instancePath : pointer;
    const message = `${where || '(根)'} ${describe(e)}`;
    const key = `${pointer}\0${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ file, pointer, message, severity: 'error', code: `SCHEMA_${e.keyword.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}` });
  }
  return out;
}
