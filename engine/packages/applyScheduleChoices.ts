import type { Problem } from './packageTypes.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `"x-scheduleChoice": { "kind": "class", "by": "applicantType" }` on a top-level form field. */
export interface ScheduleChoice {
  /** Windows of this kind in schedule.json are the field's options. */
  kind: string;
  /** Top-level field whose value selects the windows that fit (each window's `applicantTypes`). */
  by?: string;
}

interface WindowLike {
  id: string;
  kind: string;
  title: string;
  applicantTypes?: string[];
}

/**
 * A form field whose options are windows of the package's schedule (the class an applicant enrols in,
 * SC26-05/SC26-15) gets them at load: `enum` and `enumNames` from the windows of its kind, and, when
 * the field names a `by` field, one `if`/`then` per value of that field narrowing the options to the
 * windows whose `applicantTypes` include it (a window without `applicantTypes` fits every value). The
 * schedule stays the one place the classes are written, the applicant picks instead of typing, and the
 * server and the browser refuse a class that does not fit (a 专项 examiner in a 考评员-only month).
 */
export function applyScheduleChoices(formFile: string, schema: Json, scheduleFile: string | undefined, windows: WindowLike[]): { schema: Json; problems: Problem[] } {
  const problems: Problem[] = [];
  const properties = isObject(schema.properties) ? schema.properties : {};
  const choices = Object.entries(properties).filter(([, p]) => isObject(p) && p['x-scheduleChoice'] !== undefined);
  if (choices.length === 0) return { schema, problems };
  const out = structuredClone(schema);
  const outProps = out.properties as Json;
  const allOf: unknown[] = Array.isArray(out.allOf) ? [...out.allOf] : [];
  for (const [name, prop] of choices) {
    const pointer = `/properties/${name}/x-scheduleChoice`;
    const choice = (prop as Json)['x-scheduleChoice'] as ScheduleChoice;
    const options = windows.filter((w) => w.kind === choice.kind);
    if (!scheduleFile || options.length === 0) {
      problems.push({ file: formFile, pointer, message: `字段「${name}」的选项取自日程中类型为 ${choice.kind} 的时间窗口,但${scheduleFile ? ` ${scheduleFile} 中没有这类窗口` : '政策包没有日程(schedule)'}`, severity: 'error', code: 'SCHEDULE_CHOICE' });
      continue;
    }
    outProps[name] = { ...(prop as Json), enum: options.map((w) => w.id), enumNames: options.map((w) => w.title) };
    if (!choice.by) continue;
    const by = isObject(properties[choice.by]) ? (properties[choice.by] as Json) : undefined;
    const values = Array.isArray(by?.enum) ? (by.enum as unknown[]).map(String) : typeof by?.const === 'string' ? [by.const] : undefined;
    if (!values) {
      problems.push({ file: formFile, pointer: `${pointer}/by`, message: `字段「${name}」按「${choice.by}」筛选日程窗口,但表单中没有该字段或它没有固定选项(enum/const)`, severity: 'error', code: 'SCHEDULE_CHOICE' });
      continue;
    }
    for (const w of options) {
      for (const t of w.applicantTypes ?? []) {
        if (!values.includes(t)) problems.push({ file: scheduleFile, pointer: `/windows/${windows.indexOf(w)}/applicantTypes`, message: `时间窗口 ${w.id} 适用的「${t}」不是表单 ${formFile} 中「${choice.by}」的选项(${values.join('、')})`, severity: 'error', code: 'SCHEDULE_CHOICE' });
      }
    }
    for (const v of values) {
      const fit = options.filter((w) => !w.applicantTypes || w.applicantTypes.includes(v));
      if (fit.length === 0) problems.push({ file: scheduleFile, pointer: '/windows', message: `日程中没有适用于「${choice.by}」=${v} 的 ${choice.kind} 窗口:该类申报人无法选择「${String((prop as Json).title ?? name)}」`, severity: 'warning', code: 'SCHEDULE_CHOICE_EMPTY' });
      if (fit.length === options.length) continue;
      allOf.push({
        if: { properties: { [choice.by]: { const: v } }, required: [choice.by] },
        then: { properties: { [name]: { enum: fit.map((w) => w.id), enumNames: fit.map((w) => w.title) } } },
      });
    }
  }
  if (allOf.length) out.allOf = allOf;
  return { schema: out, problems };
}
