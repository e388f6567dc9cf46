import { schemaAtPointer } from '../../../../forms/createFormValidator.ts';
import { zh } from '../../i18n/zhCN.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A package form's `ui:print` (checked at package load, engine/packages/checkPrintLayout.ts). */
export interface PrintLayout {
  title?: string;
  titleBy?: { field: string; values: Record<string, string> };
  annex?: string;
  photo?: string;
  signatures?: Array<{ label: string; text?: string; stamp?: boolean }>;
  notes?: string[];
}

/** Without a layout of its own, a form prints with the applicant's signature and the recommender's stamp. */
const DEFAULT_SIGNATURES: NonNullable<PrintLayout['signatures']> = [{ label: zh.print.applicantSignature }, { label: zh.print.recommenderOpinion, stamp: true }];

export function printLayoutOf(ui: Json | null | undefined): PrintLayout & { signatures: NonNullable<PrintLayout['signatures']> } {
  const p = (isObject(ui?.['ui:print']) ? ui!['ui:print'] : {}) as PrintLayout;
  return { ...p, signatures: p.signatures?.length ? p.signatures : DEFAULT_SIGNATURES };
}

/** The 申报表's title: the one for the applicant's type when the layout names several, else its own, else the form's. */
export function printTitle(layout: PrintLayout, data: Json, fallback: string): string {
  const by = layout.titleBy;
  const v = by ? data[by.field] : undefined;
  return (by && typeof v === 'string' ? by.values[v] : undefined) ?? layout.title ?? fallback;
}

export interface PrintField {
  key: string;
  label: string;
  value: PrintValue;
  /** Takes the whole width of the table (long text, lists, tables). */
  wide: boolean;
}
export type PrintValue = { text: string } | { table: { columns: string[]; rows: string[][] } };

/** A property's schema, wherever the form declares it (its branches too): the server's own lookup. */
const schemaOf = (s: Json, key: string): Json | undefined => schemaAtPointer(s, `/${key}`) as Json | undefined;

/** Every property a schema declares (its branches' too), in declaration order. */
function keysOf(s: Json, out: string[] = []): string[] {
  if (isObject(s.properties)) for (const k of Object.keys(s.properties)) if (!out.includes(k)) out.push(k);
  for (const k of ['allOf', 'anyOf', 'oneOf'] as const) for (const sub of Array.isArray(s[k]) ? (s[k] as unknown[]) : []) if (isObject(sub)) keysOf(sub, out);
  for (const k of ['then', 'else'] as const) if (isObject(s[k])) keysOf(s[k] as Json, out);
  return out;
}

function ordered(s: Json, ui: Json): string[] {
  const all = keysOf(s);
  const order = Array.isArray(ui['ui:order']) ? (ui['ui:order'] as string[]) : ['*'];
  const named = order.filter((k) => k !== '*' && all.includes(k));
  const rest = all.filter((k) => !named.includes(k));
  const star = order.indexOf('*');
  return star < 0 ? [...named, ...rest] : [...named.slice(0, star), ...rest, ...named.slice(star)];
}

/** One value as the paper form shows it: option labels not codes, 是/否, lists joined. */
export function printText(f: Json, v: unknown, names: Record<string, string>, ui: Json = {}): string {
  if (v === undefined || v === null || v === '') return '';
  if (Array.isArray(f.enum)) {
    const i = (f.enum as unknown[]).indexOf(v);
    const labels = Array.isArray(f.enumNames) ? (f.enumNames as string[]) : [];
    if (i >= 0 && labels[i]) return labels[i]!;
  }
  for (const k of ['oneOf', 'anyOf'] as const) {
    const hit = (Array.isArray(f[k]) ? (f[k] as Json[]) : []).find((o) => isObject(o) && o.const === v && typeof o.title === 'string');
    if (hit) return hit.title as string;
  }
  if (typeof v === 'boolean') return v ? zh.common.yes : zh.common.no;
  if (typeof v === 'string' && names[v]) return names[v]!;
  if (Array.isArray(v)) return v.map((x) => printText(isObject(f.items) ? (f.items as Json) : {}, x, names)).filter(Boolean).join('、');
  if (isObject(v)) return fieldsOf(f, ui, v, names).map((x) => ('text' in x.value && x.value.text ? `${x.label}:${x.value.text}` : '')).filter(Boolean).join(';');
  return String(v);
}

/**
 * The application's fields in the form's order, as label and printed value: a table of rows for a
 * list of records, a whole-width line for long text. Hidden fields and empty conditional ones are left out.
 */
export function fieldsOf(schema: Json, ui: Json, data: Json, names: Record<string, string>): PrintField[] {
  const top = new Set(isObject(schema.properties) ? Object.keys(schema.properties) : []);
  const out: PrintField[] = [];
  for (const key of ordered(schema, ui)) {
    const f = schemaOf(schema, key);
    const u = (isObject(ui[key]) ? ui[key] : {}) as Json;
    if (!f || u['ui:widget'] === 'hidden') continue;
    const v = data[key];
    if (!top.has(key) && (v === undefined || v === null || v === '')) continue;
    const label = typeof f.title === 'string' ? f.title : key;
    const items = isObject(f.items) ? (f.items as Json) : null;
    if (f.type === 'array' && items && (items.type === 'object' || isObject(items.properties))) {
      const iu = (isObject(u.items) ? u.items : {}) as Json;
      const cols = ordered(items, iu).filter((k) => (isObject(iu[k]) ? (iu[k] as Json)['ui:widget'] : undefined) !== 'hidden' && Array.isArray(v) && v.some((r) => isObject(r) && r[k] !== undefined && r[k] !== ''));
      const rows = (Array.isArray(v) ? v : []).filter(isObject).map((r) => cols.map((k) => printText(schemaOf(items, k) ?? {}, r[k], names)));
      out.push({ key, label, wide: true, value: { table: { columns: cols.map((k) => (schemaOf(items, k)?.title as string | undefined) ?? k), rows } } });
      continue;
    }
    if (isObject(f.properties) && isObject(v) && Object.values(f.properties).every((p) => isObject(p) && p.const === true)) {
      // A pledge: each statement with its tick.
      const text = Object.entries(f.properties as Record<string, Json>).map(([k, p]) => `${v[k] === true ? '☑' : '☐'} ${String(p.title ?? k)}`).join('\n');
      out.push({ key, label, wide: true, value: { text } });
      continue;
    }
    const text = printText(f, v, names, u);
    const long = u['ui:widget'] === 'textarea' || isObject(f.properties) || Array.isArray(v) || text.length > 24;
    out.push({ key, label, wide: long, value: { text } });
  }
  return out;
}
