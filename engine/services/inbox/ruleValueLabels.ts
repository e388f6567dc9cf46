import { schemaAtPointer } from '../../../forms/index.ts';
import { REGISTRY_VALUE_LABELS } from '../../packages/platformLabels.ts';
import type { RuleResultView } from './ReviewerTaskService.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The subschema of a form at a rules path ($.targetOccupation.kind), through objects and their branches. */
const schemaAt = (schema: Json, path: string): Json | undefined => {
  const keys = path.replace(/^\$\.?/, '').split('.').filter(Boolean);
  return schemaAtPointer(schema, keys.map((k) => `/${k}`).join('')) as Json | undefined;
};

/** Code → Chinese label of one field: its enumNames, or its oneOf/anyOf const titles. */
function labelsOf(field: Json | undefined): Record<string, string> {
  if (!field) return {};
  const out: Record<string, string> = {};
  if (Array.isArray(field.enum) && Array.isArray(field.enumNames)) (field.enum as unknown[]).forEach((v, i) => typeof field.enumNames === 'object' && (out[String(v)] = String((field.enumNames as unknown[])[i])));
  for (const k of ['oneOf', 'anyOf'] as const) for (const o of Array.isArray(field[k]) ? (field[k] as unknown[]) : []) if (isObject(o) && 'const' in o && typeof o.title === 'string') out[String(o.const)] = o.title;
  if (field.type === 'boolean') Object.assign(out, { true: '是', false: '否' });
  return out;
}

function text(v: unknown, labels: Record<string, string>): string | null {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) {
    const parts = v.map((x) => text(x, labels));
    return parts.every((x) => x !== null) ? parts.join('、') : null;
  }
  if (typeof v === 'object') return null;
  return labels[String(v)] ?? null;
}

/**
 * The values a rule found and required, in the words the applicant chose them by: a code of the
 * application form (OCCUPATION → 职业(工种)) through the form's own labels, a registry code
 * (FILED → 已备案) through the platform's. Null where the value is its own text (a name, a date, a number).
 */
export function labelRuleValues(result: RuleResultView | null, applicationSchema: Json | undefined, ruleTitles: Record<string, string> = {}): RuleResultView | null {
  if (!result) return result;
  return {
    ...result,
    checks: result.checks.map((c) => ({
      ...c,
      conditions: c.conditions.map((k) => {
        const labels =
          k.fact === 'application' && applicationSchema && k.path
            ? labelsOf(schemaAt(applicationSchema, k.path))
            : // The findings a unit's year has had decided are rule names: shown by their titles.
              k.fact === 'unitYear' && k.path === '$.decidedFindings'
              ? ruleTitles
              : (REGISTRY_VALUE_LABELS[`${k.fact}${k.path?.replace(/^\$/, '') ?? ''}`] ?? {});
        return { ...k, actualText: text(k.actual, labels), expectedText: text(k.expected, labels) };
      }),
    })),
  };
}
