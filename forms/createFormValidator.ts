import { Ajv, type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import localizeZh from 'ajv-i18n/localize/zh/index.js';
import { checkIdCard, ID_CARD_MESSAGES } from './cnIdCard.ts';

export interface FormError {
  pointer: string;
  field?: string;
  message: string;
  keyword: string;
  clause?: string;
}

type Schema = Record<string, unknown>;

const ANNOTATIONS = ['x-clause', 'x-ambiguities', 'x-provenance', 'enumNames', 'x-attachments', 'x-assumptions'];

function createAjv(): Ajv {
  // Draft-07, the dialect react-jsonschema-form validates with, so server and browser agree.
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  for (const k of ANNOTATIONS) ajv.addKeyword({ keyword: k, schemaType: ['string', 'array', 'object', 'boolean'] });
  ajv.addFormat('cn-id-card', { type: 'string', validate: (s: string) => checkIdCard(s).ok });
  ajv.addFormat('cn-mobile', { type: 'string', validate: /^1[3-9]\d{9}$/ });
  ajv.addFormat('yyyy-mm-dd', {
    type: 'string',
    validate: (s: string) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    },
  });
  return ajv;
}

const ajv = createAjv();

/** Resolves the sub-schema at a data pointer (through properties and items) for its title and clause. */
function schemaAt(schema: Schema, pointer: string): Schema | undefined {
  let cur: Schema | undefined = schema;
  for (const part of pointer.split('/').filter(Boolean)) {
    if (!cur) return undefined;
    const props = cur.properties as Record<string, Schema> | undefined;
    if (props && part in props) cur = props[part];
    else if (cur.items && /^\d+$/.test(part)) cur = cur.items as Schema;
    else return undefined;
  }
  return cur;
}

function formatMessage(e: ErrorObject, value: unknown): string {
  if (e.keyword === 'format') {
    const f = (e.params as { format: string }).format;
    if (f === 'cn-id-card') return ID_CARD_MESSAGES[checkIdCard(String(value)).reason ?? 'CHECK_DIGIT'];
    if (f === 'cn-mobile') return '手机号码应为11位,以1开头';
    if (f === 'yyyy-mm-dd' || f === 'date') return '日期应为有效的 YYYY-MM-DD 格式';
  }
  if (e.keyword === 'const') return '必须勾选确认';
  return e.message ?? '不符合要求';
}

function valueAt(data: unknown, pointer: string): unknown {
  let cur: unknown = data;
  for (const part of pointer.split('/').filter(Boolean)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** A compiled form: validate(data) returns every error with its JSON pointer, Chinese label and clause. */
export function createFormValidator(schema: Schema): { validate(data: unknown): { valid: boolean; errors: FormError[] } } {
  const fn = ajv.compile(schema);
  return {
    validate(data: unknown) {
      if (fn(data)) return { valid: true, errors: [] };
      const errors = [...(fn.errors ?? [])];
      (localizeZh as unknown as (e: ErrorObject[]) => void)(errors);
      const out: FormError[] = [];
      const seen = new Set<string>();
      for (const e of errors) {
        if (e.keyword === 'if') continue; // the failing "then" branch is reported on its own
        let pointer = e.instancePath;
        if (e.keyword === 'required') pointer += `/${(e.params as { missingProperty: string }).missingProperty}`;
        if (e.keyword === 'additionalProperties') pointer += `/${(e.params as { additionalProperty: string }).additionalProperty}`;
        const sub = schemaAt(schema, pointer);
        const field = typeof sub?.title === 'string' ? sub.title : undefined;
        const clauseRaw = sub?.['x-clause'];
        const clause = Array.isArray(clauseRaw) ? clauseRaw.join(',') : (clauseRaw as string | undefined);
        let message = formatMessage(e, valueAt(data, pointer));
        if (e.keyword === 'required') message = `请填写「${field ?? pointer.split('/').pop()}」`;
        else if (e.keyword === 'additionalProperties') message = `不允许的字段 ${pointer.split('/').pop()}`;
        else if (field && e.keyword !== 'format' && e.keyword !== 'const') message = `「${field}」${message}`;
        const key = `${pointer}|${message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ pointer, field, message, keyword: e.keyword, clause });
      }
      return { valid: false, errors: out };
    },
  };
}

const cache = new WeakMap<Schema, ReturnType<typeof createFormValidator>>();
export function validateForm(schema: Schema, data: unknown): { valid: boolean; errors: FormError[] } {
  let v = cache.get(schema);
  if (!v) {
    v = createFormValidator(schema);
    cache.set(schema, v);
  }
  return v.validate(data);
}
