import { describe, expect, it } from 'vitest';
import { matchesPredicate } from './matchesPredicate.ts';
import { resolvePath } from './resolvePath.ts';
import type { FactRef } from './ruleSetTypes.ts';

const facts: Record<string, unknown> = { asOf: '2026-03-10', application: { targetOccupation: { code: '4-12-01-01' } } };
const resolve = (ref: FactRef) => (ref.path ? resolvePath(facts[ref.fact], ref.path) : facts[ref.fact]);

describe('matchesPredicate', () => {
  it('requires every field: literals compare by equality, test objects by all their tests', () => {
    // given
    const card = { kind: 'EXAMINER', status: 'COLLECTED', level: 3, validTo: '2026-06-30' };
    // then
    expect(matchesPredicate(card, { kind: 'EXAMINER', status: { in: ['ISSUED', 'COLLECTED'] } }, resolve)).toBe(true);
    expect(matchesPredicate(card, { kind: 'EXAMINER', status: 'ISSUED' }, resolve)).toBe(false);
    expect(matchesPredicate(card, { level: { greaterThanInclusive: 1, lessThanInclusive: 3 } }, resolve)).toBe(true);
    expect(matchesPredicate(card, { level: { greaterThan: 3 } }, resolve)).toBe(false);
    expect(matchesPredicate(card, { validTo: { dateOnOrAfter: { fact: 'asOf' } } }, resolve)).toBe(true);
  });

  it('supports $any, exists and dotted fields', () => {
    // given
    const noExpiry = { kind: 'EXAMINER', validTo: null, issuer: { region: '510700' } };
    const stillValid = { $any: [{ validTo: { exists: false } }, { validTo: { dateOnOrAfter: { fact: 'asOf' } } }] };
    // then
    expect(matchesPredicate(noExpiry, stillValid, resolve)).toBe(true);
    expect(matchesPredicate({ validTo: '2026-03-09' }, stillValid, resolve)).toBe(false);
    expect(matchesPredicate(noExpiry, { 'issuer.region': '510700' }, resolve)).toBe(true);
  });

  it('never matches an absent field against an absent fact reference', () => {
    // given
    const sameOccupation = { occupationCode: { exists: true, equal: { fact: 'application', path: '$.targetOccupation.missing' } } };
    // then
    expect(matchesPredicate({ kind: 'VQ' }, sameOccupation, resolve)).toBe(false);
    expect(matchesPredicate({ occupationCode: '4-12-01-01' }, { occupationCode: { fact: 'application', path: '$.targetOccupation.code' } }, resolve)).toBe(true);
  });

  it('does not match items that are not objects', () => {
    // then
    expect(matchesPredicate(null, { kind: 'VQ' }, resolve)).toBe(false);
    expect(matchesPredicate('VQ', { kind: 'VQ' }, resolve)).toBe(false);
  });
});

describe('matchesPredicate with a keyed table', () => {
  it('reads a table of the facts at the item’s own field: the levels filed for the batch’s occupation', () => {
    // given an organisation that filed 4-01-02-01 for levels 3–5
    const facts: Record<string, unknown> = { organisation: { filedLevels: { '4-01-02-01': [3, 4, 5] } }, other: {} };
    const resolveIn = (ref: { fact: string; path?: string }) => (ref.path ? resolvePath(facts[ref.fact], ref.path) : facts[ref.fact]);
    const filed = { level: { in: { fact: 'organisation', path: '$.filedLevels', keyedBy: 'occupationCode' } } };
    // then a batch within the filed levels matches, one above them or of an occupation not filed does not
    expect(matchesPredicate({ occupationCode: '4-01-02-01', level: 4 }, filed, resolveIn)).toBe(true);
    expect(matchesPredicate({ occupationCode: '4-01-02-01', level: 2 }, filed, resolveIn)).toBe(false);
    expect(matchesPredicate({ occupationCode: '6-01-01-01', level: 4 }, filed, resolveIn)).toBe(false);
    // and a missing table gives nothing to compare with
    expect(matchesPredicate({ occupationCode: '4-01-02-01', level: 4 }, { level: { in: { fact: 'other', path: '$.filedLevels', keyedBy: 'occupationCode' } } }, resolveIn)).toBe(false);
  });
});

describe('resolvePath', () => {
  it('reads $.a.b and a.b, and gives undefined for anything absent', () => {
    // then
    expect(resolvePath({ a: { b: 1 } }, '$.a.b')).toBe(1);
    expect(resolvePath({ a: { b: 1 } }, 'a.b')).toBe(1);
    expect(resolvePath({ a: [1] }, '$.a')).toEqual([1]);
    expect(resolvePath({ a: null }, '$.a.b')).toBeUndefined();
    expect(resolvePath({}, '$.toString')).toBeUndefined();
  });
});
