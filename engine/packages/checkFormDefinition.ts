import { createFormValidator } from '../../forms/index.ts';
import { pointerOf, walkJson } from './jsonPointer.ts';
import type { Problem } from './packageTypes.ts';
import { checkPrintLayout } from './checkPrintLayout.ts';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Where in the schema an ajv compile error points, when its text says so. */
function compileErrorPointer(schema: Json, message: string): string {
  const annotation = /keyword "([^"]+)" value is invalid at path "[^"#]*#([^"]*)"/.exec(message);
  if (annotation) return `${annotation[2]}/${annotation[1]}`;
  const at = /at (?:path )?"[^"#]*#([^"]*)"/.exec(message);
  if (at) return at[1];
  const data = /schema is invalid: data(\/[^\s,]*)?/.exec(message);
  if (data) return data[1] ?? '';
  const unknown = /unknown keyword: "([^"]+)"/.exec(message);
  if (unknown) {
    let found: string | undefined;
    walkJson(schema, (v, p) => {
      if (found === undefined && isObject(v) && unknown[1] in v) found = `${p}/${unknown[1].replace(/~/g, '~0').replace(/\//g, '~1')}`;
    });
    if (found !== undefined) return found;
  }
  return '';
}

function compileErrorText(message: string): string {
  const unknown = /unknown keyword: "([^"]+)"/.exec(message);
  if (unknown) return `未知的关键字「${unknown[1]}」(拼写错误?注释请使用已登记的 x-clause、x-ambiguities 等关键字)`;
  const format = /unknown format "([^"]+)"/.exec(message);
  if (format) return `未知的格式「${format[1]}」(可用 cn-id-card、cn-mobile、yyyy-mm-dd 及 ajv-formats 的格式)`;
  const keyword = /keyword "([^"]+)" value is invalid/.exec(message);
  if (keyword) return `注解「${keyword[1]}」的值不合规`;
  if (message.startsWith('schema is invalid')) return '不符合 JSON Schema draft-07 规范';
  if (message.startsWith('strict mode')) return '不符合严格模式要求';
  return '无法编译';
}

/**
 * ajv's compile error for a form schema, or null when it compiles. Compiling is most of a package
 * check's time and its outcome depends on the schema's text alone, so outcomes are remembered by text:
 * a package deployed again with one file changed does not compile its unchanged forms anew.
 */
const compileOutcomes = new Map<string, string | null>();
const COMPILE_OUTCOMES_KEPT = 128;

function compileError(schema: Json): string | null {
  const key = JSON.stringify(schema);
  if (compileOutcomes.has(key)) return compileOutcomes.get(key)!;
  let outcome: string | null = null;
  try {
    createFormValidator(schema);
  } catch (err) {
    outcome = (err as Error).message;
  }
  if (compileOutcomes.size >= COMPILE_OUTCOMES_KEPT) compileOutcomes.delete(compileOutcomes.keys().next().value!);
  compileOutcomes.set(key, outcome);
  return outcome;
}

/** Property names an object schema declares, including those in allOf/anyOf/oneOf/then/else branches. */
function declaredProperties(s: Json, own = false): Set<string> {
  const names = new Set<string>(isObject(s.properties) ? Object.keys(s.properties) : []);
  if (own) return names;
  for (const k of ['allOf', 'anyOf', 'oneOf']) for (const sub of Array.isArray(s[k]) ? (s[k] as unknown[]) : []) if (isObject(sub)) declaredProperties(sub).forEach((n) => names.add(n));
  for (const k of ['then', 'else']) if (isObject(s[k])) declaredProperties(s[k] as Json).forEach((n) => names.add(n));
  return names;
}

/**
 * react-jsonschema-form refuses to render an object whose ui:order names a property the schema lacks,
 * or leaves one out without a '*' wildcard; both are errors here, before a user ever sees a blank form.
 */
function checkUi(schemaFile: string, uiFile: string, schema: Json, ui: Json, at: string[], problems: Problem[]): void {
  const own = declaredProperties(schema, true);
  const all = declaredProperties(schema);
  const order = ui['ui:order'];
  if (order !== undefined) {
    if (!Array.isArray(order)) {
      problems.push({ file: uiFile, pointer: pointerOf(...at, 'ui:order'), message: 'ui:order 应为属性名数组', severity: 'error', code: 'UI_ORDER' });
    } else {
      order.forEach((name, i) => {
        if (name !== '*' && !all.has(String(name))) {
          problems.push({ file: uiFile, pointer: pointerOf(...at, 'ui:order', i), message: `ui:order 中的「${name}」不是表单 ${schemaFile} 中的字段`, severity: 'error', code: 'UI_ORDER_UNKNOWN' });
        }
      });
      if (!order.includes('*')) {
        for (const name of own) {
          if (!order.includes(name)) {
            problems.push({ file: uiFile, pointer: pointerOf(...at, 'ui:order'), message: `ui:order 未列出字段「${name}」(或加入 "*" 通配)`, severity: 'error', code: 'UI_ORDER_INCOMPLETE' });
          }
        }
      }
    }
  }
  const props = isObject(schema.properties) ? schema.properties : {};
  for (const [key, sub] of Object.entries(ui)) {
    if (key.startsWith('ui:') || !isObject(sub)) continue;
    if (key === 'items' && (schema.type === 'array' || schema.items !== undefined)) continue; // checked by the parent
    const child = props[key];
    if (!isObject(child)) {
      if (!all.has(key)) problems.push({ file: uiFile, pointer: pointerOf(...at, key), message: `界面配置中的「${key}」不是表单中的字段`, severity: 'warning', code: 'UI_UNKNOWN_FIELD' });
      continue;
    }
    checkUi(schemaFile, uiFile, child, sub, [...at, key], problems);
    if (isObject(child.items) && isObject(sub.items)) checkUi(schemaFile, uiFile, child.items, sub.items, [...at, key, 'items'], problems);
  }
}

function fieldSchema(schema: Json, dotted: string): Json | undefined {
  let cur: Json | undefined = schema;
  for (const part of dotted.split('.')) {
    const props: unknown = cur?.properties;
    cur = isObject(props) && isObject(props[part]) ? props[part] : undefined;
  }
  return cur;
}

function checkAttachmentSpecs(file: string, schema: Json, problems: Problem[]): void {
  const specs = Array.isArray(schema['x-attachments']) ? (schema['x-attachments'] as unknown[]) : [];
  const kinds = new Set<string>();
  const groups = new Map<string, number>();
  specs.forEach((spec, i) => {
    if (!isObject(spec)) return;
    const kind = String(spec.kind);
    if (kinds.has(kind)) problems.push({ file, pointer: pointerOf('x-attachments', i, 'kind'), message: `附件类型「${kind}」重复`, severity: 'error', code: 'ATTACHMENT_DUPLICATE' });
    kinds.add(kind);
    if (typeof spec.oneOf === 'string') groups.set(spec.oneOf, (groups.get(spec.oneOf) ?? 0) + 1);
    const when = isObject(spec.required) && isObject(spec.required.when) ? spec.required.when : undefined;
    if (when && typeof when.field === 'string') {
      const target = fieldSchema(schema, when.field);
      if (!target) {
        problems.push({ file, pointer: pointerOf('x-attachments', i, 'required', 'when', 'field'), message: `附件「${spec.label}」的条件字段「${when.field}」不是表单中的字段`, severity: 'error', code: 'ATTACHMENT_CONDITION' });
      } else if (Array.isArray(target.enum) && Array.isArray(when.in)) {
        const enumValues = target.enum as unknown[];
        for (const v of when.in as unknown[]) {
          if (!enumValues.includes(v)) problems.push({ file, pointer: pointerOf('x-attachments', i, 'required', 'when', 'in'), message: `附件「${spec.label}」的条件值 ${JSON.stringify(v)} 不是字段「${when.field}」的可选值`, severity: 'warning', code: 'ATTACHMENT_CONDITION_VALUE' });
        }
      }
    }
  });
  for (const [group, n] of groups) {
    if (n < 2) problems.push({ file, pointer: '/x-attachments', message: `附件组「${group}」只有一项,「至少其一」没有意义`, severity: 'warning', code: 'ATTACHMENT_GROUP_SINGLE' });
  }
}

/** Compiles a form with the shared form runtime and checks its ui schema and attachment declarations. */
export function checkFormDefinition(schemaFile: string, schema: unknown, uiFile: string | undefined, ui: unknown): Problem[] {
  const problems: Problem[] = [];
  if (!isObject(schema)) {
    problems.push({ file: schemaFile, pointer: '', message: '表单 JSON Schema 应为对象', severity: 'error', code: 'FORM_SCHEMA' });
    return problems;
  }
  if (schema.$schema !== undefined && schema.$schema !== 'http://json-schema.org/draft-07/schema#') {
    problems.push({ file: schemaFile, pointer: '/$schema', message: '表单应使用 JSON Schema draft-07(react-jsonschema-form 所用版本)', severity: 'error', code: 'FORM_DIALECT' });
  }
  const raw = compileError(schema);
  if (raw !== null) problems.push({ file: schemaFile, pointer: compileErrorPointer(schema, raw), message: `表单 JSON Schema 无法编译:${compileErrorText(raw)}(${raw})`, severity: 'error', code: 'FORM_SCHEMA' });
  checkAttachmentSpecs(schemaFile, schema, problems);
  if (uiFile !== undefined && ui !== undefined) {
    if (!isObject(ui)) problems.push({ file: uiFile, pointer: '', message: '界面配置(ui schema)应为对象', severity: 'error', code: 'UI_SCHEMA' });
    else {
      checkUi(schemaFile, uiFile, schema, ui, [], problems);
      if (ui['ui:print'] !== undefined) {
        const kinds = (Array.isArray(schema['x-attachments']) ? (schema['x-attachments'] as unknown[]) : []).filter(isObject).map((a) => String(a.kind));
        problems.push(...checkPrintLayout(uiFile, ui['ui:print'], kinds, declaredProperties(schema)));
      }
    }
  }
  return problems;
}
