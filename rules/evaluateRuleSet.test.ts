import { describe, expect, it } from 'vitest';
import { evaluateRuleSet } from './evaluateRuleSet.ts';
import { RuleSetError, type RuleSet, type RuleSpec } from './ruleSetTypes.ts';

const rule = (over: Partial<RuleSpec> & Pick<RuleSpec, 'name' | 'conditions'>): RuleSpec => ({ clause: 'XX26-01', title: over.name, passMessage: '通过', failMessage: '未通过', ...over });
const set = (...rules: RuleSpec[]): RuleSet => ({ id: 'test', title: '测试规则集', facts: { unit: '单位信息' }, rules });

const ageAtLeast18 = rule({ name: 'age', clause: 'XX26-01', conditions: { fact: 'person', path: '$.age', operator: 'greaterThanInclusive', value: 18, clause: 'XX26-01', message: '年满18周岁(实际:{actual})' }, failMessage: '须年满18周岁,申报人为{person.age}岁(XX26-01)' });
const filed = rule({ name: 'filed', clause: 'XX26-02', conditions: { fact: 'unit', path: '$.status', operator: 'equal', value: 'FILED' }, ambiguities: ['AMB-22'] });
const hint = rule({ name: 'hint', clause: 'XX26-03', conditions: { fact: 'person', path: '$.level', operator: 'lessThanInclusive', value: 3 }, onPass: 'REFER', onFail: 'REFER', ambiguities: ['AMB-20'], assumptions: ['A-1'] });

describe('evaluateRuleSet', () => {
  it('is ELIGIBLE when every rule passes', async () => {
    // when
    const r = await evaluateRuleSet(set(ageAtLeast18, filed), { person: { age: 30 }, unit: { status: 'FILED' } }, { asOf: '2026-03-10' });
    // then
    expect(r).toMatchObject({ decision: 'ELIGIBLE', asOf: '2026-03-10', ambiguities: ['AMB-22'], missingFacts: [] });
    expect(r.checks.map((c) => c.outcome)).toEqual(['PASS', 'PASS']);
  });

  it('evaluates every rule and reports each failure, with values found and interpolated Chinese messages', async () => {
    // when
    const r = await evaluateRuleSet(set(ageAtLeast18, filed, hint), { person: { age: 16, level: 2 }, unit: { status: 'NONE' } }, { asOf: '2026-03-10' });
    // then
    expect(r.decision).toBe('INELIGIBLE');
    expect(r.checks.map((c) => [c.rule, c.outcome])).toEqual([
      ['age', 'INELIGIBLE'],
      ['filed', 'INELIGIBLE'],
      ['hint', 'REFER'],
    ]);
    expect(r.checks[0].message).toBe('须年满18周岁,申报人为16岁(XX26-01)');
    expect(r.checks[0].conditions).toEqual([{ fact: 'person', path: '$.age', operator: 'greaterThanInclusive', expected: 18, actual: 16, passed: false, clause: 'XX26-01', message: '年满18周岁(实际:16)' }]);
    // only the failed binding rules explain an INELIGIBLE decision
    expect(r.ambiguities).toEqual(['AMB-22']);
  });

  it('turns ELIGIBLE into REFER when a hint rule refers, passed or not, and carries its flags', async () => {
    // when
    const passedHint = await evaluateRuleSet(set(ageAtLeast18, hint), { person: { age: 30, level: 3 } }, { asOf: '2026-03-10' });
    const failedHint = await evaluateRuleSet(set(ageAtLeast18, hint), { person: { age: 30, level: 4 } }, { asOf: '2026-03-10' });
    // then
    expect(passedHint.decision).toBe('REFER');
    expect(passedHint.checks[1]).toMatchObject({ passed: true, outcome: 'REFER', message: '通过' });
    expect(failedHint.checks[1]).toMatchObject({ passed: false, outcome: 'REFER', message: '未通过' });
    expect(passedHint.ambiguities).toEqual(['A-1', 'AMB-20']);
  });

  it('fails a rule whose fact is missing, even where the condition alone would pass, and says what is missing', async () => {
    // given: notEqual would be true for an absent value
    const notSuspended = rule({ name: 'not-suspended', conditions: { fact: 'unit', path: '$.status', operator: 'notEqual', value: 'SUSPENDED', message: '未被暂停' }, failMessage: '单位被暂停' });
    // when
    const r = await evaluateRuleSet(set(notSuspended), { unit: null }, { asOf: '2026-03-10' });
    // then
    expect(r.decision).toBe('INELIGIBLE');
    expect(r.missingFacts).toEqual(['unit']);
    expect(r.checks[0].message).toBe('未取得单位信息,无法判定。单位被暂停');
    expect(r.checks[0].conditions[0]).toMatchObject({ passed: false, missing: true, message: '未取得单位信息:未被暂停' });
  });

  it('marks a condition whose path finds nothing as missing', async () => {
    // when
    const r = await evaluateRuleSet(set(ageAtLeast18), { person: {} }, { asOf: '2026-03-10' });
    // then
    expect(r.checks[0].conditions[0]).toMatchObject({ passed: false, missing: true, message: '年满18周岁(实际:(无))' });
    expect(r.missingFacts).toEqual([]);
  });

  it('reports a rule whose appliesWhen does not hold as not applicable, and leaves its flags out', async () => {
    // given
    const senior = rule({ ...hint, name: 'senior', appliesWhen: { fact: 'person', path: '$.type', operator: 'equal', value: 'SENIOR' }, notApplicableMessage: '非高级申报,不适用' });
    // when
    const r = await evaluateRuleSet(set(ageAtLeast18, senior), { person: { age: 30, type: 'BASIC', level: 9 } }, { asOf: '2026-03-10' });
    const s = await evaluateRuleSet(set(ageAtLeast18, senior), { person: { age: 30, type: 'SENIOR', level: 9 } }, { asOf: '2026-03-10' });
    // then
    expect(r.decision).toBe('ELIGIBLE');
    expect(r.checks[1]).toMatchObject({ applicable: false, passed: true, outcome: 'PASS', message: '非高级申报,不适用', conditions: [] });
    expect(r.ambiguities).toEqual([]);
    expect(s.decision).toBe('REFER');
  });

  it('resolves fact references in values and reports them resolved', async () => {
    // given
    const inTime = rule({ name: 'in-time', conditions: { fact: 'application', path: '$.submittedOn', operator: 'dateOnOrBefore', value: { fact: 'plan', path: '$.closesOn' } } });
    // when
    const r = await evaluateRuleSet(set(inTime), { application: { submittedOn: '2026-03-06' }, plan: { closesOn: '2026-03-06' } }, { asOf: '2026-03-10' });
    // then
    expect(r.checks[0].conditions[0]).toMatchObject({ expected: '2026-03-06', actual: '2026-03-06', passed: true });
  });

  it('works through not: a leaf may fail while its rule passes', async () => {
    // given
    const notBanned = rule({ name: 'not-banned', conditions: { not: { fact: 'person', path: '$.banned', operator: 'equal', value: true } } });
    // when
    const r = await evaluateRuleSet(set(notBanned), { person: { banned: false } }, { asOf: '2026-03-10' });
    // then
    expect(r.checks[0]).toMatchObject({ passed: true, outcome: 'PASS' });
    expect(r.checks[0].conditions[0].passed).toBe(false);
  });

  it('binds the date operators to the as-of date of each evaluation', async () => {
    // given
    const recent = rule({ name: 'recent', conditions: { fact: 'unit', path: '$.acceptedOn', operator: 'withinYearsBefore', value: 1 } });
    const facts = { unit: { acceptedOn: '2025-03-10' } };
    // when
    const [a, b] = await Promise.all([evaluateRuleSet(set(recent), facts, { asOf: '2026-03-10' }), evaluateRuleSet(set(recent), facts, { asOf: '2026-03-11' })]);
    // then
    expect([a.decision, b.decision]).toEqual(['ELIGIBLE', 'INELIGIBLE']);
  });

  it('throws RuleSetError for a broken rule set or as-of date, not an applicant failure', async () => {
    // then
    await expect(evaluateRuleSet(set(ageAtLeast18, ageAtLeast18), {}, { asOf: '2026-03-10' })).rejects.toThrow(/规则名「age」重复/);
    await expect(evaluateRuleSet(set(ageAtLeast18), {}, { asOf: '2026-3-10' })).rejects.toBeInstanceOf(RuleSetError);
    const badPredicate = rule({ name: 'bad', conditions: { fact: 'person', path: '$.items', operator: 'someItem', value: { kind: { like: 'x' } } } });
    await expect(evaluateRuleSet(set(badPredicate), { person: { items: [{ kind: 'x' }] } }, { asOf: '2026-03-10' })).rejects.toThrow(/未知比较「like」/);
  });
});
