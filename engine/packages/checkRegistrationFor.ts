import type { Problem } from './packageTypes.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A registration window `for` a choice (class, round, plan month) must name a value of the application
 * form's field marked `x-registrationFor`, or the submission gate would never find it open.
 */
export function checkRegistrationFor(formFile: string | undefined, schema: unknown, scheduleFile: string | undefined, windows: unknown[]): Problem[] {
  const tied = windows.map((w, i) => [w, i] as const).filter(([w]) => isObject(w) && typeof w.for === 'string') as Array<readonly [Json, number]>;
  if (tied.length === 0 || !scheduleFile) return [];
  const properties = isObject(schema) && isObject(schema.properties) ? schema.properties : {};
  const field = Object.entries(properties).find(([, p]) => isObject(p) && p['x-registrationFor'] !== undefined);
  if (!field) {
    return [{ file: scheduleFile, pointer: `/windows/${tied[0]![1]}/for`, message: `报名期对应某项选择(for),但申报表${formFile ? ` ${formFile} ` : ''}没有标注 x-registrationFor 的字段`, severity: 'error', code: 'REGISTRATION_FOR' }];
  }
  const [name, prop] = field as [string, Json];
  const values = Array.isArray(prop.enum) ? (prop.enum as unknown[]) : undefined;
  if (!values) return [];
  return tied
    .filter(([w]) => !values.includes(w.for))
    .map(([w, i]) => ({ file: scheduleFile, pointer: `/windows/${i}/for`, message: `报名期 ${String(w.id)} 对应的「${String(w.for)}」不是申报表字段「${name}」的选项`, severity: 'error' as const, code: 'REGISTRATION_FOR' }));
}
