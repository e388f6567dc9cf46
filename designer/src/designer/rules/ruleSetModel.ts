import { queryToTree, representable, type ConditionGroup } from './ruleQuery.ts';

type JsonObject = Record<string, unknown>;

/** A condition tree in the builder (ok) or, when the builder cannot show it, kept as it is. */
export type TreeModel = { ok: true; query: ConditionGroup } | { ok: false; reason: string; raw: unknown };

export interface RuleModel {
  /** The rule as in the file (name, title, clause, messages …); its trees are in `conditions` / `appliesWhen`. */
  rule: JsonObject & { name: string; title?: string; clause?: string };
  conditions: TreeModel;
  appliesWhen?: TreeModel;
}

export interface RuleSetModel {
  ruleSet: JsonObject;
  rules: RuleModel[];
}

function tree(raw: unknown): TreeModel {
  const r = representable(raw);
  return r.ok ? r : { ok: false, reason: r.reason, raw };
}

/** A rule set as the rules editor holds it. */
export function ruleSetToModel(ruleSet: JsonObject): RuleSetModel {
  const rules = Array.isArray(ruleSet.rules) ? (ruleSet.rules as JsonObject[]) : [];
  return {
    ruleSet,
    rules: rules.map((rule) => ({
      rule: rule as RuleModel['rule'],
      conditions: tree(rule.conditions),
      ...('appliesWhen' in rule ? { appliesWhen: tree(rule.appliesWhen) } : {}),
    })),
  };
}

const back = (t: TreeModel) => (t.ok ? queryToTree(t.query) : t.raw);

/** The model back as the rule set's JSON, every key where it was. */
export function modelToRuleSet(model: RuleSetModel): JsonObject {
  const rules = model.rules.map((m) => {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(m.rule)) {
      if (k === 'conditions') out[k] = back(m.conditions);
      else if (k === 'appliesWhen') {
        if (m.appliesWhen) out[k] = back(m.appliesWhen);
      } else out[k] = v;
    }
    if (!('conditions' in out)) out.conditions = back(m.conditions);
    if (m.appliesWhen && !('appliesWhen' in out)) out.appliesWhen = back(m.appliesWhen);
    return out;
  });
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(model.ruleSet)) out[k] = k === 'rules' ? rules : v;
  if (!('rules' in out)) out.rules = rules;
  return out;
}
