import type { Engine } from 'json-rules-engine';
import { WorkingDayCalendar } from './calendar/WorkingDayCalendar.ts';

type Pred = Record<string, unknown>;
const cal = new WorkingDayCalendar();
const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v);
const day = (v: string) => v.slice(0, 10);

/** Does one array item match a small predicate object: {field: value} or {field: {operator: value}}? */
function matches(item: unknown, pred: Pred): boolean {
  if (item === null || typeof item !== 'object') return false;
  const obj = item as Record<string, unknown>;
  return Object.entries(pred).every(([field, cond]) => {
    const v = obj[field];
    if (cond !== null && typeof cond === 'object' && !Array.isArray(cond)) {
      return Object.entries(cond as Record<string, unknown>).every(([op, x]) => {
        switch (op) {
          case 'equal':
            return v === x;
          case 'notEqual':
            return v !== x;
          case 'in':
            return Array.isArray(x) && x.includes(v);
          case 'lessThanInclusive':
            return typeof v === 'number' && v <= Number(x);
          case 'greaterThanInclusive':
            return typeof v === 'number' && v >= Number(x);
          case 'equalFact':
            return false;
          default:
            throw new Error(`unknown predicate operator ${op}`);
        }
      });
    }
    return v === cond;
  });
}

/**
 * Custom operators, bound to the evaluation's as-of date (see operators.md). Number words follow
 * C5 (以上/以内 include the number, 超过 excludes it); month arithmetic follows C4.
 */
export function addOperators(engine: Engine, asOf: string): void {
  engine.addOperator('dateOnOrBefore', (a: unknown, b: unknown) => isDate(a) && isDate(b) && day(a) <= day(b));
  engine.addOperator('dateOnOrAfter', (a: unknown, b: unknown) => isDate(a) && isDate(b) && day(a) >= day(b));
  // The fact date lies at most `years` before asOf: 「超过N年」 fails, exactly N years passes.
  engine.addOperator('withinYearsBefore', (a: unknown, years: unknown) => isDate(a) && day(a) <= asOf && cal.addYears(day(a), Number(years)).date >= asOf);
  // Empty, or a date before asOf (a suspension that has ended).
  engine.addOperator('endedBeforeAsOf', (a: unknown) => a === null || a === undefined || a === '' || (isDate(a) && day(a) < asOf));
  // No registry record means no bans.
  engine.addOperator('noneOfKinds', (a: unknown, kinds: unknown) => a === null || a === undefined || (Array.isArray(a) && Array.isArray(kinds) && !a.some((x) => kinds.includes((x as { kind?: unknown })?.kind))));
  engine.addOperator('containsAny', (a: unknown, b: unknown) => Array.isArray(a) && Array.isArray(b) && a.some((x) => b.includes(x)));
  engine.addOperator('someItem', (a: unknown, pred: unknown) => Array.isArray(a) && a.some((x) => matches(x, pred as Pred)));
  engine.addOperator('anyItemOf', (a: unknown, preds: unknown) => Array.isArray(a) && Array.isArray(preds) && a.some((x) => (preds as Pred[]).some((p) => matches(x, p))));
  // C6: count non-whitespace code points.
  engine.addOperator('lengthAtLeast', (a: unknown, n: unknown) => typeof a === 'string' && [...a.replace(/\s+/g, '')].length >= Number(n));
  engine.addOperator('isTrue', (a: unknown) => a === true);
}
