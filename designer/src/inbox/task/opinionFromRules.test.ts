import { describe, expect, it } from 'vitest';
import type { RuleCheck, RuleResult } from '../../api/types.ts';
import { opinionFromRules } from './opinionFromRules.ts';

const check = (over: Partial<RuleCheck>): RuleCheck => ({
  rule: 'r',
  title: '从业年限',
  clause: 'SC26-3',
  outcome: 'ELIGIBLE',
  mark: '✔',
  applicable: true,
  message: '从事本职业满5年',
  conditions: [],
  ...over,
});
const result = (checks: RuleCheck[]): RuleResult => ({ decision: 'INELIGIBLE', decisionLabel: '不通过', asOf: null, ruleSet: 'x', checks });

describe('opinionFromRules', () => {
  it('writes the unmet and to-be-judged conditions with their clauses, and skips passed or inapplicable ones', () => {
    // given
    const r = result([
      check({}),
      check({ mark: '✘', outcome: 'INELIGIBLE', message: '从事本职业工作年限不足5年', clause: 'SC26-3' }),
      check({ mark: '需人工', outcome: 'REFER', message: '工作证明须人工核对', clause: 'SC26-7' }),
      check({ mark: '✘', applicable: false, message: '不适用的条件' }),
    ]);
    // when
    const text = opinionFromRules(r);
    // then
    expect(text).toBe('经审核:从事本职业工作年限不足5年(条款 SC26-3);工作证明须人工核对(条款 SC26-7)。');
  });

  it('gives nothing when every condition passed or there is no result', () => {
    // then
    expect(opinionFromRules(result([check({})]))).toBeNull();
    expect(opinionFromRules(null)).toBeNull();
  });

  it('falls back to the check title when it has no sentence', () => {
    // given
    const r = result([check({ mark: '✘', message: '', title: '学历', clause: '' })]);
    // then
    expect(opinionFromRules(r)).toBe('经审核:学历。');
  });
});
