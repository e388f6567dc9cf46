import { describe, expect, it } from 'vitest';
import { checkRuleSet } from './checkRuleSet.ts';

const leaf = { fact: 'person', path: '$.age', operator: 'greaterThanInclusive', value: 18, clause: 'SC26-01', message: '年满18周岁' };
const ruleSet = (rules: unknown[], extra: Record<string, unknown> = {}) => ({ id: 'eligibility', title: '测试', rules, ...extra });
const rule = (over: Record<string, unknown> = {}) => ({ name: 'age', clause: 'SC26-01', title: '年龄', conditions: { all: [leaf] }, passMessage: '通过', failMessage: '未通过', ...over });

describe('checkRuleSet', () => {
  it('accepts a well-formed rule set', () => {
    // then
    expect(checkRuleSet(ruleSet([rule()]))).toMatchObject({ ok: true });
  });

  it('rejects unknown properties, clause ids, operators and onPass values with a pointer', () => {
    // when
    const cases = [
      ruleSet([rule({ extra: 1 })]),
      ruleSet([rule({ clause: 'SC26-1' })]),
      ruleSet([rule({ conditions: { all: [{ ...leaf, operator: 'like' }] } })]),
      ruleSet([rule({ onPass: 'ELIGIBLE' })]),
      ruleSet([rule({ conditions: { all: [{ ...leaf, priority: 2 }] } })]),
    ];
    // then
    for (const c of cases) {
      const r = checkRuleSet(c);
      expect(r.ok, JSON.stringify(c)).toBe(false);
      if (!r.ok) expect(r.problems[0].pointer).toMatch(/^\/rules\/0/);
    }
  });

  it('checks operator values: predicates for someItem, integers for withinYearsBefore, true for the asOf operators', () => {
    // when
    const bad = [
      { fact: 'person', path: '$.bans', operator: 'noItem', value: { kind: { like: 'x' } } },
      { fact: 'person', path: '$.bans', operator: 'someItem', value: { fact: 'x' } },
      { fact: 'unit', path: '$.acceptedOn', operator: 'withinYearsBefore', value: '1' },
      { fact: 'unit', path: '$.until', operator: 'endedBeforeAsOf', value: '2026-01-01' },
      { fact: 'unit', path: '$.acceptedOn', operator: 'dateOnOrBefore', value: '2026/01/01' },
    ];
    const good = [
      { fact: 'person', path: '$.bans', operator: 'noItem', value: { kind: 'X', $any: [{ until: { exists: false } }, { until: { dateOnOrAfter: { fact: 'asOf' } } }] } },
      { fact: 'unit', path: '$.acceptedOn', operator: 'dateOnOrBefore', value: { fact: 'asOf' } },
      { fact: 'application', path: '$.workSummary', operator: 'lengthAtLeast', value: { min: 500, mode: 'CJK_IDEOGRAPHS' } },
    ];
    // then
    for (const c of bad) expect(checkRuleSet(ruleSet([rule({ conditions: c })])).ok, JSON.stringify(c)).toBe(false);
    for (const c of good) expect(checkRuleSet(ruleSet([rule({ conditions: c })])), JSON.stringify(c)).toMatchObject({ ok: true });
  });

  it('reports duplicate rule names and, when facts are declared, undeclared facts (in Chinese)', () => {
    // when
    const r = checkRuleSet(ruleSet([rule(), rule({ conditions: { all: [{ ...leaf, fact: 'persn' }] } })], { facts: { person: '申报人' } }));
    // then
    expect(r).toEqual({
      ok: false,
      problems: [
        { pointer: '/rules/1/name', message: '规则名「age」与 /rules/0 重复' },
        { pointer: '/rules/1/conditions/all/0/fact', message: '事实「persn」未在 facts 中声明(拼写错误?)' },
      ],
    });
  });

  it('gives schema problems in Chinese', () => {
    // when
    const r = checkRuleSet({ id: 'x', title: '测试' });
    // then
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0].message).toMatch(/[\u4e00-\u9fa5]/);
  });
});
