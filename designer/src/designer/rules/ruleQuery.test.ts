import { describe, expect, it } from 'vitest';
import { prepareRuleGroup } from 'react-querybuilder';
import { queryToTree, representable, treeToQuery, type ConditionGroup } from './ruleQuery.ts';
import { ruleSetToModel, modelToRuleSet } from './ruleSetModel.ts';

// Every rule set of every package in deployments/ (read by Vite's glob, as the app's own build would).
const sets = import.meta.glob('../../../../deployments/*/*/rules/*.json', { eager: true, import: 'default' }) as Record<string, Record<string, unknown>>;
const ruleFiles = Object.keys(sets).sort();

describe('condition builder adapter', () => {
  it('finds the rule sets of the packages', () => {
    // given / when: the packages in deployments/ / then: there are rule sets to check
    expect(ruleFiles.length).toBeGreaterThanOrEqual(10);
  });

  it.each(ruleFiles)('%s round-trips through the builder model unchanged', (file) => {
    // given a rule set of a package
    const ruleSet = structuredClone(sets[file]!);
    // when every tree goes into the builder's model (with the ids and paths react-querybuilder adds) and back
    const model = ruleSetToModel(ruleSet);
    for (const r of model.rules) {
      expect(r.conditions.ok, `${r.rule.name}`).toBe(true);
      if (r.appliesWhen) expect(r.appliesWhen.ok, `${r.rule.name} appliesWhen`).toBe(true);
    }
    const prepared = {
      ...model,
      rules: model.rules.map((r) => ({
        ...r,
        conditions: r.conditions.ok ? { ok: true as const, query: prepareRuleGroup(r.conditions.query) as ConditionGroup } : r.conditions,
        appliesWhen: r.appliesWhen?.ok ? { ok: true as const, query: prepareRuleGroup(r.appliesWhen.query) as ConditionGroup } : r.appliesWhen,
      })),
    };
    // then the rule set is the same JSON, key order included
    const back = modelToRuleSet(prepared);
    expect(back).toEqual(ruleSet);
    expect(JSON.stringify(back)).toBe(JSON.stringify(ruleSet));
  });

  it('keeps not groups, a bare condition and unknown condition keys', () => {
    // given trees of every shape the schema allows
    const trees = [
      { not: { any: [{ fact: 'a', operator: 'equal', value: 1 }] } },
      { not: { fact: 'a', path: '$.x', operator: 'in', value: [1, 2] } },
      { fact: 'person', path: '$.bans', operator: 'noItem', value: { kind: 'X', $any: [{ permanent: true }] }, message: 'm', clause: 'C-1' },
      { all: [{ fact: 'a', operator: 'equal', value: { fact: 'asOf' }, priority: 1 }] },
    ];
    for (const t of trees) {
      // when / then
      expect(queryToTree(prepareRuleGroup(treeToQuery(t)) as ConditionGroup)).toEqual(t);
    }
  });

  it('says what the builder cannot show instead of changing it', () => {
    // given a group with two kinds of children, and a condition without an operator
    // when / then
    expect(representable({ all: [], any: [] })).toMatchObject({ ok: false });
    expect(representable({ fact: 'a', value: 1 })).toMatchObject({ ok: false });
    expect(representable({ all: [{ fact: 'a', operator: 'equal', value: 1 }] })).toMatchObject({ ok: true });
  });
});
