import { Engine, type RuleProperties } from 'json-rules-engine';
import { addOperators } from './operators.ts';

export type Outcome = 'PASS' | 'INELIGIBLE' | 'REFER';
export type Decision = 'ELIGIBLE' | 'INELIGIBLE' | 'REFER';

export interface ConditionSpec {
  fact: string;
  operator: string;
  value: unknown;
  path?: string;
  clause?: string;
  message?: string;
}
export type ConditionTree = { all: Array<ConditionTree | ConditionSpec> } | { any: Array<ConditionTree | ConditionSpec> } | { not: ConditionTree | ConditionSpec } | ConditionSpec;

export interface RuleSpec {
  name: string;
  clause: string;
  title: string;
  ambiguities?: string[];
  assumptions?: string[];
  conditions: ConditionTree;
  onFail?: 'INELIGIBLE' | 'REFER';
  onPass?: 'REFER';
  passMessage: string;
  failMessage: string;
}

export interface RuleSet {
  id: string;
  title: string;
  description?: string;
  rules: RuleSpec[];
}

export interface ConditionCheck {
  fact: string;
  path?: string;
  operator: string;
  expected: unknown;
  actual: unknown;
  passed: boolean;
  clause?: string;
  message?: string;
}

export interface RuleCheck {
  rule: string;
  clause: string;
  title: string;
  passed: boolean;
  outcome: Outcome;
  message: string;
  conditions: ConditionCheck[];
  ambiguities: string[];
  assumptions: string[];
}

export interface Evaluation {
  decision: Decision;
  checks: RuleCheck[];
  ambiguities: string[];
  asOf: string;
}

interface EvaluatedCondition {
  fact?: string;
  path?: string;
  operator?: string;
  value?: unknown;
  factResult?: unknown;
  result?: boolean;
  clause?: string;
  message?: string;
  all?: EvaluatedCondition[];
  any?: EvaluatedCondition[];
  not?: EvaluatedCondition;
}

function leaves(c: EvaluatedCondition | undefined, out: ConditionCheck[] = []): ConditionCheck[] {
  if (!c) return out;
  for (const child of c.all ?? []) leaves(child, out);
  for (const child of c.any ?? []) leaves(child, out);
  if (c.not) leaves(c.not, out);
  if (c.fact) {
    out.push({ fact: c.fact, path: c.path, operator: c.operator ?? '', expected: c.value, actual: c.factResult ?? null, passed: c.result === true, clause: c.clause, message: c.message });
  }
  return out;
}

function fill(template: string, vars: Record<string, unknown>): string {
  return template.replace(/\{([^}]+)\}/g, (_m, key: string) => {
    const v = vars[key];
    if (v === undefined || v === null) return '(未填写)';
    return typeof v === 'object' ? JSON.stringify(v) : String(v);
  });
}

/**
 * Evaluates every rule (no short-circuit), so an applicant is told each failed condition with its
 * clause. A rule that only gives a non-binding hint (onPass/onFail REFER) turns ELIGIBLE into REFER.
 */
export async function evaluateRuleSet(ruleSet: RuleSet, facts: Record<string, unknown>, opts: { asOf: string }): Promise<Evaluation> {
  const engine = new Engine([], { allowUndefinedFacts: true, replaceFactsInEventParams: false });
  addOperators(engine, opts.asOf);
  for (const r of ruleSet.rules) {
    engine.addRule({ name: r.name, conditions: r.conditions as RuleProperties['conditions'], event: { type: r.name } });
  }
  const { results, failureResults } = await engine.run({ ...facts, asOf: opts.asOf });
  const byName = new Map<string, { passed: boolean; conditions: EvaluatedCondition }>();
  for (const r of results) byName.set(r.name as string, { passed: true, conditions: r.conditions as unknown as EvaluatedCondition });
  for (const r of failureResults) byName.set(r.name as string, { passed: false, conditions: r.conditions as unknown as EvaluatedCondition });

  const checks: RuleCheck[] = ruleSet.rules.map((spec) => {
    const res = byName.get(spec.name)!;
    const conditions = leaves(res.conditions);
    const firstFailed = conditions.find((c) => !c.passed) ?? conditions[0];
    const outcome: Outcome = res.passed ? (spec.onPass ?? 'PASS') : (spec.onFail ?? 'INELIGIBLE');
    const vars = { actual: firstFailed?.actual, expected: firstFailed?.expected, asOf: opts.asOf };
    return {
      rule: spec.name,
      clause: spec.clause,
      title: spec.title,
      passed: res.passed,
      outcome,
      message: fill(res.passed ? spec.passMessage : spec.failMessage, vars),
      conditions,
      ambiguities: spec.ambiguities ?? [],
      assumptions: spec.assumptions ?? [],
    };
  });
  const decision: Decision = checks.some((c) => c.outcome === 'INELIGIBLE') ? 'INELIGIBLE' : checks.some((c) => c.outcome === 'REFER') ? 'REFER' : 'ELIGIBLE';
  // Flags of the rules that shaped the decision: the failed binding ones, or the REFER ones.
  const influencing = checks.filter((c) => (decision === 'INELIGIBLE' ? c.outcome === 'INELIGIBLE' : c.outcome !== 'PASS') || c.ambiguities.length);
  const ambiguities = [...new Set(influencing.flatMap((c) => [...c.ambiguities, ...c.assumptions]))].sort();
  return { decision, checks, ambiguities, asOf: opts.asOf };
}
