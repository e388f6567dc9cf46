import { describe, expect, it } from 'vitest';
import { customOperators } from './customOperators.ts';

const ops = customOperators({ asOf: '2026-03-10', facts: { asOf: '2026-03-10', application: { targetOccupation: { code: '4-12-01-01' } } } });

describe('customOperators (rules/operators.md)', () => {
  it('dateOnOrBefore / dateOnOrAfter compare civil dates and fail on anything else', () => {
    // then
    expect(ops.dateOnOrBefore('2026-03-10', '2026-03-10')).toBe(true);
    expect(ops.dateOnOrBefore('2026-03-11', '2026-03-10')).toBe(false);
    expect(ops.dateOnOrAfter('2026-03-10', '2026-03-09')).toBe(true);
    expect(ops.dateOnOrBefore(undefined, '2026-03-10')).toBe(false);
    expect(ops.dateOnOrBefore('2026-03-10T00:00:00Z', '2026-03-10')).toBe(false);
  });

  it('countAtLeast / countAtMost count the matching items: three failed sittings, two make-ups within a year (SC26-31/32)', () => {
    // given
    const sittings = [
      { date: '2025-03-09', kind: 'exam', result: 'FAIL' },
      { date: '2025-06-20', kind: 'makeup', result: 'FAIL' },
      { date: '2025-12-12', kind: 'makeup', result: 'ABSENT' },
      { date: '2026-03-10', kind: 'makeup', result: 'FAIL' },
    ];
    const failed = { result: 'FAIL' };
    const makeupsWithinAYear = { kind: 'makeup', date: { withinYearsBeforeAsOf: 1 } };
    // then
    expect(ops.countAtLeast(sittings, { count: 3, where: failed })).toBe(true);
    expect(ops.countAtLeast(sittings, { count: 4, where: failed })).toBe(false);
    expect(ops.countAtMost(sittings, { count: 2, where: failed })).toBe(false);
    // 2025-03-09 is one day more than a year before 2026-03-10; the three make-ups are within it
    expect(ops.countAtMost(sittings, { count: 3, where: makeupsWithinAYear })).toBe(true);
    expect(ops.countAtMost(sittings, { count: 2, where: makeupsWithinAYear })).toBe(false);
    expect(ops.countAtMost(sittings, { count: 4 })).toBe(true);
    expect(ops.countAtMost(undefined, { count: 0, where: failed })).toBe(true);
    expect(ops.countAtLeast(null, { count: 1 })).toBe(false);
    expect(ops.countAtLeast('not a list', { count: 0 })).toBe(false);
    expect(ops.countAtLeast(sittings, { count: -1 })).toBe(false);
    // the count may come from the package parameters
    const withParams = customOperators({ asOf: '2026-03-10', facts: { asOf: '2026-03-10', parameters: { failuresBeforeTrainingBan: 3 } } });
    expect(withParams.countAtLeast(sittings, { count: { fact: 'parameters', path: '$.failuresBeforeTrainingBan' }, where: failed })).toBe(true);
    expect(withParams.countAtLeast(sittings, { count: { fact: 'parameters', path: '$.missing' }, where: failed })).toBe(false);
  });

  it('withinYearsBefore: exactly N years before asOf passes, one day more fails (「超过一年」, C4, C5)', () => {
    // then
    expect(ops.withinYearsBefore('2025-03-10', 1)).toBe(true);
    expect(ops.withinYearsBefore('2025-03-09', 1)).toBe(false);
    expect(ops.withinYearsBefore('2026-03-10', 1)).toBe(true);
    expect(ops.withinYearsBefore('2026-03-11', 1)).toBe(false); // in the future
    expect(ops.withinYearsBefore(null, 1)).toBe(false);
    expect(ops.withinYearsBefore('2025-03-10', '1')).toBe(false);
  });

  it('withinYearsBefore clamps 29 February to the end of February (C4)', () => {
    // given
    const feb = customOperators({ asOf: '2025-02-28', facts: {} });
    const mar = customOperators({ asOf: '2025-03-01', facts: {} });
    // then
    expect(feb.withinYearsBefore('2024-02-29', 1)).toBe(true);
    expect(mar.withinYearsBefore('2024-02-29', 1)).toBe(false);
  });

  it('notAfterAsOf: a date that has happened by asOf; endedBeforeAsOf: a restriction whose last day is past, or none', () => {
    // then
    expect(ops.notAfterAsOf('2026-03-10', true)).toBe(true);
    expect(ops.notAfterAsOf('2026-03-11', true)).toBe(false);
    expect(ops.notAfterAsOf(null, true)).toBe(false);
    expect(ops.endedBeforeAsOf('2026-03-09', true)).toBe(true);
    expect(ops.endedBeforeAsOf('2026-03-10', true)).toBe(false); // the last day is still in force
    expect(ops.endedBeforeAsOf(null, true)).toBe(true);
    expect(ops.endedBeforeAsOf(undefined, true)).toBe(true);
    expect(ops.endedBeforeAsOf('永久', true)).toBe(false);
  });

  it('containsAny: an array fact (or a single value) shares a value with the list', () => {
    // then
    expect(ops.containsAny(['VQ', 'TITLE'], ['TITLE'])).toBe(true);
    expect(ops.containsAny(['VQ'], ['TITLE'])).toBe(false);
    expect(ops.containsAny('TITLE', ['TITLE'])).toBe(true);
    expect(ops.containsAny(undefined, ['TITLE'])).toBe(false);
  });

  it('someItem / noItem match array items against a predicate, with fact references', () => {
    // given
    const items = [
      { kind: 'VQ', level: 4, occupationCode: '4-12-01-01' },
      { kind: 'VQ', level: 3, occupationCode: '6-31-01-03' },
    ];
    const sameOccupationLevel3 = { kind: 'VQ', level: { lessThanInclusive: 3 }, occupationCode: { fact: 'application', path: '$.targetOccupation.code' } };
    // then
    expect(ops.someItem(items, { kind: 'VQ', level: { lessThanInclusive: 3 } })).toBe(true);
    expect(ops.someItem(items, sameOccupationLevel3)).toBe(false);
    expect(ops.someItem([...items, { kind: 'VQ', level: 2, occupationCode: '4-12-01-01' }], sameOccupationLevel3)).toBe(true);
    expect(ops.someItem(undefined, { kind: 'VQ' })).toBe(false);
    expect(ops.noItem(items, { kind: 'TITLE' })).toBe(true);
    expect(ops.noItem(items, { kind: 'VQ' })).toBe(false);
    expect(ops.noItem(null, { kind: 'VQ' })).toBe(true);
  });

  it('lengthAtLeast counts non-whitespace code points by default, CJK ideographs on request (C6, AMB-65)', () => {
    // given: 6 ideographs, a full-width comma, spaces (including U+3000)
    const text = '考评 工作,\u3000总结';
    // then
    expect(ops.lengthAtLeast(text, 7)).toBe(true);
    expect(ops.lengthAtLeast(text, 8)).toBe(false);
    expect(ops.lengthAtLeast(text, { min: 6, mode: 'CJK_IDEOGRAPHS' })).toBe(true);
    expect(ops.lengthAtLeast(text, { min: 7, mode: 'CJK_IDEOGRAPHS' })).toBe(false);
    expect(ops.lengthAtLeast(undefined, 0)).toBe(false);
  });
});
