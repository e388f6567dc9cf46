import type { ErrorObject, ValidateFunction } from 'ajv';
import localizeZh from 'ajv-i18n/localize/zh/index.js';
import { checkIdCard, ID_CARD_MESSAGES } from './checkIdCard.ts';
import { createFormAjv } from './createFormAjv.ts';

export interface FormError {
  /** JSON pointer of the field; for `required` the missing property, for `additionalProperties` the extra one. */
  pointer: string;
  /** The field's Chinese label (its schema `title`), when it has one. */
  field?: string;
  message: string;
  keyword: string;
  /** The field's x-clause, several joined with ','. */
  clause?: string;
  clauses?: string[];
}

export interface FormValidationResult {
  valid: boolean;
  errors: FormError[];
}

export interface FormValidator {
  schema: FormSchema;
  validate(data: unknown): FormValidationResult;
}

export type FormSchema = Record<string, unknown>;

const TYPE_NAMES: Record<string, string> = { string: '文本', number: '数字', integer: '整数', boolean: '是/否', object: '对象', array: '列表', null: '空值' };
const FORMAT_NAMES: Record<string, string> = { date: '日期(YYYY-MM-DD)', 'date-time': '日期时间', email: '电子邮箱地址', uri: '网址', time: '时间' };

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function segments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map(unescapePointer);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Follows a local "#/definitions/x" reference; remote references are not used by forms. */
function deref(root: FormSchema, s: unknown): FormSchema | undefined {
  let cur = s;
  for (let hops = 0; isObject(cur) && typeof cur.$ref === 'string' && hops < 20; hops++) {
    const ref: string = cur.$ref;
    if (!ref.startsWith('#')) return undefined;
    let target: unknown = root;
    for (const part of segments(ref.slice(1))) target = isObject(target) || Array.isArray(target) ? (target as Record<string, unknown>)[part] : undefined;
    cur = target;
  }
  return isObject(cur) ? cur : undefined;
}

/** The sub-schema that describes one child of `s`, looking through allOf/anyOf/oneOf/if-then-else as well. */
function childSchema(root: FormSchema, s: FormSchema, key: string, depth = 0): FormSchema | undefined {
  if (depth > 10) return undefined;
  const props = s.properties;
  if (isObject(props) && isObject(props[key])) return deref(root, props[key]);
  if (/^\d+$/.test(key)) {
    if (Array.isArray(s.items)) return deref(root, s.items[Number(key)]) ?? deref(root, s.additionalItems);
    if (isObject(s.items)) return deref(root, s.items);
  }
  for (const k of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = s[k];
    if (!Array.isArray(list)) continue;
    for (const sub of list) {
      const d = deref(root, sub);
      const found = d && childSchema(root, d, key, depth + 1);
      if (found) return found;
    }
  }
  for (const k of ['then', 'else'] as const) {
    const d = deref(root, s[k]);
    const found = d && childSchema(root, d, key, depth + 1);
    if (found) return found;
  }
  if (isObject(s.additionalProperties) && !/^\d+$/.test(key)) return deref(root, s.additionalProperties);
  return undefined;
}

/** Resolves the schema of the field at a data pointer, for its title and clause. */
export function schemaAtPointer(schema: FormSchema, pointer: string): FormSchema | undefined {
  let cur: FormSchema | undefined = deref(schema, schema);
  for (const part of segments(pointer)) {
    if (!cur) return undefined;
    cur = childSchema(schema, cur, part);
  }
  return cur;
}

function valueAt(data: unknown, pointer: string): unknown {
  let cur: unknown = data;
  for (const part of segments(pointer)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function clausesOf(s: FormSchema | undefined): string[] | undefined {
  const raw = s?.['x-clause'];
  if (typeof raw === 'string') return [raw];
  if (Array.isArray(raw) && raw.length) return raw.map(String);
  return undefined;
}

function display(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** The allowed values by their Chinese names; looked up by value, as a narrowing `then` lists fewer than the field. */
function optionNames(s: FormSchema | undefined, values: unknown[]): string {
  const names = Array.isArray(s?.enumNames) ? (s.enumNames as unknown[]) : undefined;
  const all = Array.isArray(s?.enum) ? (s.enum as unknown[]) : values;
  return values
    .map((v) => {
      const name = names?.[all.indexOf(v)];
      return typeof name === 'string' ? name : display(v);
    })
    .join('、');
}

/**
 * One Chinese sentence per error; `label` is 「title」 or, untitled, the property name. Exported so the
 * browser form (rjsf, whose errors carry the same keyword and params) says the server's sentence.
 */
export function formErrorMessage(e: Pick<ErrorObject, 'keyword' | 'params' | 'message'>, sub: FormSchema | undefined, label: string, value: unknown): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `请填写${label}`;
    case 'additionalProperties':
      return `不允许填写表单中未定义的字段${label}`;
    case 'format': {
      const f = String(p.format);
      if (f === 'cn-id-card') return ID_CARD_MESSAGES[checkIdCard(value).reason ?? 'CHECK_DIGIT'];
      if (f === 'cn-mobile') return `${label}应为11位手机号码:以1开头,第二位为3至9`;
      if (f === 'yyyy-mm-dd') return `${label}应为真实存在的日期,格式为 YYYY-MM-DD(例如 2026-03-01)`;
      return `${label}应为有效的${FORMAT_NAMES[f] ?? f}`;
    }
    case 'const':
      if (p.allowedValue === true && sub?.type === 'boolean') return `请阅读并勾选确认:${label}`;
      return `${label}只能为 ${display(p.allowedValue)}`;
    case 'enum':
      return `${label}应为以下选项之一:${optionNames(sub, (p.allowedValues as unknown[]) ?? [])}`;
    case 'type': {
      const types = String(p.type).split(',').map((t) => TYPE_NAMES[t] ?? t);
      return `${label}应为${types.join('或')}`;
    }
    case 'minLength':
      return `${label}至少需要 ${p.limit} 个字`;
    case 'maxLength':
      return `${label}不能超过 ${p.limit} 个字`;
    case 'minItems':
      return `${label}至少需要填写 ${p.limit} 项`;
    case 'maxItems':
      return `${label}最多填写 ${p.limit} 项`;
    case 'minimum':
      return `${label}不能小于 ${p.limit}`;
    case 'maximum':
      return `${label}不能大于 ${p.limit}`;
    case 'exclusiveMinimum':
      return `${label}应大于 ${p.limit}`;
    case 'exclusiveMaximum':
      return `${label}应小于 ${p.limit}`;
    case 'pattern':
      return `${label}的格式不正确`;
    default:
      // ajv-i18n's zh text covers the remaining keywords.
      return `${label}${e.message ?? '不符合要求'}`;
  }
}

/**
 * Compiles a form schema (draft-07, strict, annotation keywords allowed). Throws ajv's compile error
 * for a broken schema; the package loader reports it. validate(data) returns every error with its
 * JSON pointer, Chinese field label, Chinese message, keyword and clause.
 */
export function createFormValidator(schema: FormSchema): FormValidator {
  const fn: ValidateFunction = createFormAjv().compile(schema);
  return {
    schema,
    validate(data: unknown): FormValidationResult {
      if (fn(data)) return { valid: true, errors: [] };
      const raw = [...(fn.errors ?? [])];
      (localizeZh as unknown as (e: ErrorObject[]) => void)(raw);
      const errors: FormError[] = [];
      const seen = new Set<string>();
      for (const e of raw) {
        // The failing then/else branch reports its own errors; the "if" summary says nothing more.
        if (e.keyword === 'if') continue;
        let pointer = e.instancePath;
        const p = e.params as Record<string, unknown>;
        if (e.keyword === 'required') pointer += `/${escapePointer(String(p.missingProperty))}`;
        if (e.keyword === 'additionalProperties') pointer += `/${escapePointer(String(p.additionalProperty))}`;
        const sub = e.keyword === 'additionalProperties' ? undefined : schemaAtPointer(schema, pointer);
        const field = typeof sub?.title === 'string' ? sub.title : undefined;
        const name = segments(pointer).pop();
        const label = field ? `「${field}」` : name !== undefined ? `「${name}」` : '表单数据';
        const message = formErrorMessage(e, sub, label, valueAt(data, pointer));
        const key = `${pointer}|${e.keyword}|${message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const clauses = clausesOf(sub);
        errors.push({ pointer, field, message, keyword: e.keyword, ...(clauses ? { clause: clauses.join(','), clauses } : {}) });
      }
      return { valid: false, errors };
    },
  };
}

const compiled = new WeakMap<FormSchema, FormValidator>();

/** validate() with the compiled validator cached per schema object (the services validate the same form often). */
export function validateForm(schema: FormSchema, data: unknown): FormValidationResult {
  let v = compiled.get(schema);
  if (!v) {
    v = createFormValidator(schema);
    compiled.set(schema, v);
  }
  return v.validate(data);
}
