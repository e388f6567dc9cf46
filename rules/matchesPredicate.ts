import { addCalendarMonths, isCivilDate } from './calendar/civilDate.ts';
import { resolvePath } from './resolvePath.ts';
import { RuleSetError, type FactRef } from './ruleSetTypes.ts';

/**
 * One array item against a small predicate object (someItem / noItem, rules/operators.md):
 *
 *   { "kind": "VQ", "level": { "lessThanInclusive": 3 }, "occupationCode": { "fact": "application", "path": "$.targetOccupation.code" },
 *     "$any": [ { "validTo": { "exists": false } }, { "validTo": { "dateOnOrAfter": { "fact": "asOf" } } } ] }
 *
 * Every field must match. A field (dotted for nested objects) is a literal or a fact reference
 * (equality), or a test object whose tests must all hold. "$any": at least one sub-predicate.
 * A fact reference with `keyedBy` reads a table of the facts at the item's own field:
 * { "level": { "in": { "fact": "organisation", "path": "$.filedLevels", "keyedBy": "occupationCode" } } }.
 */
export type Predicate = { [field: string]: unknown };

export type ResolveFactRef = (ref: FactRef) => unknown;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export function isFactRef(v: unknown): v is FactRef {
  return isObject(v) && typeof v.fact === 'string' && Object.keys(v).every((k) => k === 'fact' || k === 'path' || k === 'keyedBy');
}

const absent = (v: unknown) => v === undefined || v === null;

const TESTS: Record<string, (v: unknown, x: unknown) => boolean> = {
  equal: (v, x) => v === x,
  notEqual: (v, x) => v !== x,
  in: (v, x) => Array.isArray(x) && x.includes(v),
  notIn: (v, x) => Array.isArray(x) && !x.includes(v),
  lessThan: (v, x) => typeof v === 'number' && typeof x === 'number' && v < x,
  lessThanInclusive: (v, x) => typeof v === 'number' && typeof x === 'number' && v <= x,
  greaterThan: (v, x) => typeof v === 'number' && typeof x === 'number' && v > x,
  greaterThanInclusive: (v, x) => typeof v === 'number' && typeof x === 'number' && v >= x,
  // Civil dates compare correctly as strings once both are valid 'YYYY-MM-DD'.
  dateOnOrBefore: (v, x) => isCivilDate(v) && isCivilDate(x) && v <= x,
  dateOnOrAfter: (v, x) => isCivilDate(v) && isCivilDate(x) && v >= x,
  exists: (v, x) => (x === true ? !absent(v) : absent(v)),
};

export function matchesPredicate(item: unknown, predicate: Predicate, resolve: ResolveFactRef): boolean {
  if (!isObject(item)) return false;
  const operand = (x: unknown) => {
    if (!isFactRef(x)) return x;
    if (!x.keyedBy) return resolve(x);
    // A table in the facts read at the item's own key (the levels filed for this batch's occupation); a table
    // without that key has nothing for it (an empty list), a missing table gives nothing at all.
    const table = resolve({ fact: x.fact, path: x.path });
    if (!isObject(table)) return undefined;
    const key = String(resolvePath(item, x.keyedBy));
    return Object.hasOwn(table, key) ? table[key] : [];
  };
  return Object.entries(predicate).every(([field, spec]) => {
    if (field === '$any') {
      if (!Array.isArray(spec)) throw new RuleSetError('谓词中的 $any 须为数组');
      return spec.some((p) => isObject(p) && matchesPredicate(item, p, resolve));
    }
    const v = resolvePath(item, field);
    if (!isObject(spec) || isFactRef(spec)) return v === operand(spec);
    return Object.entries(spec).every(([op, x]) => {
      // 「N年内」: the item's date lies within N years (C4) up to the evaluation's as-of date.
      if (op === 'withinYearsBeforeAsOf') {
        const asOf = resolve({ fact: 'asOf' });
        return isCivilDate(v) && isCivilDate(asOf) && typeof x === 'number' && Number.isInteger(x) && x >= 0 && v <= asOf && addCalendarMonths(v, x * 12) >= asOf;
      }
      const test = TESTS[op];
      if (!test) throw new RuleSetError(`谓词中的未知比较「${op}」(字段 ${field})`);
      return test(v, operand(x));
    });
  });
}
