import { addCalendarMonths, isCivilDate } from './calendar/civilDate.ts';
import { countCharacters, type CharacterCountMode } from './countCharacters.ts';
import { matchesPredicate, type Predicate } from './matchesPredicate.ts';
import { resolvePath } from './resolvePath.ts';
import type { CUSTOM_OPERATORS, FactRef, Facts } from './ruleSetTypes.ts';

export interface OperatorContext {
  /** The evaluation's as-of date 'YYYY-MM-DD'. */
  asOf: string;
  /** All facts of the evaluation, for fact references inside someItem/noItem predicates. */
  facts: Facts;
}

export type OperatorFn = (factValue: unknown, compareTo: unknown) => boolean;

const absent = (v: unknown) => v === undefined || v === null || v === '';

/** Reads a fact reference against the evaluation's facts (json-rules-engine only resolves top-level values). */
export function factRefResolver(facts: Facts): (ref: FactRef) => unknown {
  return (ref) => (ref.path ? resolvePath(facts[ref.fact], ref.path) : facts[ref.fact]);
}

/**
 * The custom operators, bound to one evaluation (rules/operators.md). Number words follow C5:
 * 以上/以内 include the number, 超过 excludes it; years are C4 month arithmetic. A value that is
 * not a valid date or not of the expected type makes the condition fail, never throw.
 */
export function customOperators(ctx: OperatorContext): Record<(typeof CUSTOM_OPERATORS)[number], OperatorFn> {
  // The context is read at call time, so one table can serve evaluation after evaluation (rebound in between).
  const resolve = (ref: FactRef) => (ref.path ? resolvePath(ctx.facts[ref.fact], ref.path) : ctx.facts[ref.fact]);
  return {
    dateOnOrBefore: (a, b) => isCivilDate(a) && isCivilDate(b) && a <= b,
    dateOnOrAfter: (a, b) => isCivilDate(a) && isCivilDate(b) && a >= b,
    // 「自…之日起超过N年」 fails; exactly N years (the corresponding day, C4) still passes. A date after asOf fails.
    withinYearsBefore: (a, years) => isCivilDate(a) && typeof years === 'number' && Number.isInteger(years) && years >= 0 && a <= ctx.asOf && addCalendarMonths(a, years * 12) >= ctx.asOf,
    // A date that has happened by asOf (e.g. a filing accepted on or before the as-of date).
    notAfterAsOf: (a) => isCivilDate(a) && a <= ctx.asOf,
    // The last day of a restriction (inclusive) lies before asOf, or there is none: the restriction is over.
    endedBeforeAsOf: (a) => absent(a) || (isCivilDate(a) && a < ctx.asOf),
    containsAny: (a, list) => Array.isArray(list) && (Array.isArray(a) ? a : absent(a) ? [] : [a]).some((x) => list.includes(x)),
    someItem: (a, pred) => Array.isArray(a) && a.some((item) => matchesPredicate(item, pred as Predicate, resolve)),
    // No array (or an empty one) has no matching item.
    noItem: (a, pred) => absent(a) || (Array.isArray(a) && !a.some((item) => matchesPredicate(item, pred as Predicate, resolve))),
    // 「累计三次」「1年内两次」: how many items match (all items without `where`); an absent array has none.
    countAtLeast: (a, spec) => countMatching(a, spec, resolve) >= countOf(spec, resolve),
    countAtMost: (a, spec) => countMatching(a, spec, resolve) <= countOf(spec, resolve),
    lengthAtLeast: (a, spec) => {
      const { min, mode } = typeof spec === 'number' ? { min: spec, mode: undefined } : (spec as { min: number; mode?: CharacterCountMode });
      return typeof a === 'string' && countCharacters(a, mode) >= min;
    },
  };
}

type CountSpec = { count: number | FactRef; where?: Predicate };

/** The count, literal or read from the facts (e.g. { fact: 'parameters', path: '$.uncollectedCardsForBan' }). */
function countOf(spec: unknown, resolve: (ref: FactRef) => unknown): number {
  const raw = (spec as CountSpec | null)?.count;
  const n = raw !== null && typeof raw === 'object' ? resolve(raw) : raw;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : Number.NaN;
}

function countMatching(a: unknown, spec: unknown, resolve: (ref: FactRef) => unknown): number {
  if (a === undefined || a === null) return 0;
  if (!Array.isArray(a)) return Number.NaN;
  const where = (spec as CountSpec | null)?.where;
  return where ? a.filter((item) => matchesPredicate(item, where, resolve)).length : a.length;
}
