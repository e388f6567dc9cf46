// The field table's rows over a form's JSON schema (and its UI schema), and the edits written back.

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface FieldRow {
  key: string;
  label: string;
  type: string;
  required: boolean;
  /** enum with enumNames, as `value=名称` lines; null when the field has no fixed options. */
  options: Array<{ value: unknown; label: string }> | null;
  clause: string[];
  help: string;
  /** The UI schema's help line, shown beside the schema's description. */
  uiHelp: string | null;
  /** When the field is shown or required only under a condition (allOf if/then), in words. */
  shownWhen: string | null;
  nested: number;
}

function typeOf(p: Json): string {
  if (p.format === 'date') return 'date';
  return typeof p.type === 'string' ? p.type : Array.isArray(p.type) ? String(p.type[0]) : 'string';
}

/** The value's label in the controlling field's own words (enumNames / oneOf titles). */
function optionLabel(field: Json | undefined, v: unknown): string {
  if (!field) return String(v);
  if (Array.isArray(field.enum) && Array.isArray(field.enumNames)) {
    const i = (field.enum as unknown[]).indexOf(v);
    if (i >= 0) return String((field.enumNames as unknown[])[i]);
  }
  return String(v);
}

function conditionsOf(schema: Json): Map<string, string[]> {
  const props = isObject(schema.properties) ? schema.properties : {};
  const out = new Map<string, string[]>();
  const all = Array.isArray(schema.allOf) ? schema.allOf : [];
  for (const c of all) {
    if (!isObject(c) || !isObject(c.if) || !isObject(c.then)) continue;
    const ifProps = isObject(c.if.properties) ? c.if.properties : {};
    const words = Object.entries(ifProps)
      .map(([k, v]) => {
        const field = props[k] as Json | undefined;
        const name = String(field?.title ?? k);
        if (isObject(v) && 'const' in v) return `${name}为「${optionLabel(field, v.const)}」`;
        if (isObject(v) && Array.isArray(v.enum)) return `${name}为「${v.enum.map((x) => optionLabel(field, x)).join('」或「')}」`;
        return `${name}满足条件`;
      })
      .join('且');
    const then = c.then;
    const named = new Set<string>([...(Array.isArray(then.required) ? (then.required as string[]) : []), ...(isObject(then.properties) ? Object.keys(then.properties) : [])]);
    for (const k of named) out.set(k, [...(out.get(k) ?? []), `${words}时${Array.isArray(then.required) && (then.required as string[]).includes(k) ? '必填' : '显示'}`]);
  }
  return out;
}

/** The top-level fields in the UI schema's order. */
export function fieldRows(schema: Json, ui: Json | null): FieldRow[] {
  const props = isObject(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const order = Array.isArray(ui?.['ui:order']) ? (ui!['ui:order'] as string[]) : [];
  const keys = [...order.filter((k) => k in props), ...Object.keys(props).filter((k) => !order.includes(k))];
  const when = conditionsOf(schema);
  return keys.map((key) => {
    const p = (isObject(props[key]) ? props[key] : {}) as Json;
    const enumValues = Array.isArray(p.enum) ? (p.enum as unknown[]) : null;
    const names = Array.isArray(p.enumNames) ? (p.enumNames as unknown[]) : [];
    const uiField = isObject(ui?.[key]) ? (ui![key] as Json) : null;
    const nestedProps = isObject(p.properties) ? Object.keys(p.properties).length : isObject(p.items) && isObject((p.items as Json).properties) ? Object.keys((p.items as Json).properties as Json).length : 0;
    return {
      key,
      label: String(p.title ?? ''),
      type: typeOf(p),
      required: required.has(key),
      options: enumValues ? enumValues.map((value, i) => ({ value, label: String(names[i] ?? value) })) : null,
      clause: Array.isArray(p['x-clause']) ? (p['x-clause'] as string[]) : typeof p['x-clause'] === 'string' ? [p['x-clause']] : [],
      help: String(p.description ?? ''),
      uiHelp: typeof uiField?.['ui:help'] === 'string' ? (uiField['ui:help'] as string) : null,
      shownWhen: when.get(key)?.join(';') ?? null,
      nested: nestedProps,
    };
  });
}

export type FieldEdit =
  | { kind: 'label'; value: string }
  | { kind: 'type'; value: string }
  | { kind: 'required'; value: boolean }
  | { kind: 'options'; value: string }
  | { kind: 'clause'; value: string }
  | { kind: 'help'; value: string };

/** `value=名称` lines back to enum / enumNames (numbers stay numbers when the field is numeric). */
export function parseOptions(text: string, numeric: boolean): { enum: unknown[]; enumNames: string[] } {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const e: unknown[] = [];
  const n: string[] = [];
  for (const l of lines) {
    const i = l.indexOf('=');
    const raw = i < 0 ? l : l.slice(0, i).trim();
    const label = i < 0 ? l : l.slice(i + 1).trim();
    e.push(numeric && raw !== '' && !Number.isNaN(Number(raw)) ? Number(raw) : raw);
    n.push(label);
  }
  return { enum: e, enumNames: n };
}

export const optionsText = (options: FieldRow['options']) => (options ?? []).map((o) => (String(o.value) === o.label ? o.label : `${String(o.value)}=${o.label}`)).join('\n');

/** The schema with one field edited; every other key stays where it was. */
export function editField(schema: Json, key: string, edit: FieldEdit): Json {
  const props = isObject(schema.properties) ? schema.properties : {};
  const p = { ...((props[key] as Json) ?? {}) };
  const out: Json = { ...schema };
  switch (edit.kind) {
    case 'label':
      p.title = edit.value;
      break;
    case 'help':
      if (edit.value) p.description = edit.value;
      else delete p.description;
      break;
    case 'type':
      if (edit.value === 'date') {
        p.type = 'string';
        p.format = 'date';
      } else {
        p.type = edit.value;
        if (p.format === 'date') delete p.format;
      }
      break;
    case 'clause': {
      const list = edit.value.split(/[,,、\s]+/).filter(Boolean);
      if (!list.length) delete p['x-clause'];
      else p['x-clause'] = list.length === 1 && !Array.isArray(p['x-clause']) ? list[0] : list;
      break;
    }
    case 'options': {
      const numeric = p.type === 'integer' || p.type === 'number';
      const o = parseOptions(edit.value, numeric);
      if (!o.enum.length) {
        delete p.enum;
        delete p.enumNames;
      } else {
        p.enum = o.enum;
        if (o.enumNames.some((name, i) => name !== String(o.enum[i]))) p.enumNames = o.enumNames;
        else delete p.enumNames;
      }
      break;
    }
    case 'required': {
      const req = Array.isArray(schema.required) ? [...(schema.required as string[])] : [];
      const has = req.includes(key);
      if (edit.value && !has) req.push(key);
      if (!edit.value && has) req.splice(req.indexOf(key), 1);
      out.required = req;
      return out;
    }
  }
  out.properties = { ...props, [key]: p };
  return out;
}

/** The UI schema with one field's help line (ui:help) set, or removed when empty; every other key stays where it was. */
export function editUiHelp(ui: Json, key: string, help: string): Json {
  const field = { ...(isObject(ui[key]) ? (ui[key] as Json) : {}) };
  if (help) field['ui:help'] = help;
  else delete field['ui:help'];
  const out: Json = { ...ui };
  if (Object.keys(field).length) out[key] = field;
  else delete out[key];
  return out;
}
