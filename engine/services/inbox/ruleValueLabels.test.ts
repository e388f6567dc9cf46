import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { RuleConditionView, RuleResultView } from './ReviewerTaskService.ts';
import { labelRuleValues } from './ruleValueLabels.ts';

const schema = JSON.parse(readFileSync('deployments/sichuan/2026-examiner-training/forms/application.schema.json', 'utf8')) as Record<string, unknown>;
const condition = (over: Partial<RuleConditionView>): RuleConditionView => ({ fact: 'application', path: null, operator: 'equal', expected: null, actual: null, passed: true, mark: '✔', message: null, clause: null, ...over });
const result = (conditions: RuleConditionView[]): RuleResultView => ({
  decision: 'REFER',
  decisionLabel: '需人工',
  asOf: null,
  ruleSet: 'eligibility',
  checks: [{ rule: 'r', title: 't', clause: 'SC26-03', outcome: 'REFER', mark: '需人工', applicable: true, message: 'm', conditions }],
});

describe('labelRuleValues', () => {
  it('names application codes by the form’s labels and registry codes by the platform’s, and leaves plain values alone', () => {
    // given
    const r = result([
      condition({ path: '$.targetOccupation.kind', actual: 'OCCUPATION', expected: 'SPECIAL_ABILITY' }),
      condition({ fact: 'recommender', path: '$.filingStatus', actual: 'APPLIED', expected: 'FILED' }),
      condition({ path: '$.targetOccupation.majorCategory', actual: 4, expected: [3, 4, 5, 6] }),
      condition({ path: '$.declarations.truthful', actual: true, expected: true }),
    ]);
    // when
    const [kind, filing, major, pledge] = labelRuleValues(r, schema)!.checks[0]!.conditions;
    // then
    expect([kind!.actualText, kind!.expectedText]).toEqual(['职业(工种)', '专项职业能力考核项目']);
    expect([filing!.actualText, filing!.expectedText]).toEqual(['备案申请已受理', '已备案']);
    expect([major!.actualText, major!.expectedText]).toEqual([null, null]);
    expect([pledge!.actualText, pledge!.expectedText]).toEqual(['是', '是']);
  });
});
