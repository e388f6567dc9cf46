import { isCivilDate } from './calendar/civilDate.ts';
import { compileRuleSet, JSON_RULES_ENGINE_OPERATORS, type CompiledRuleSet, type Operators, type RunOutcome } from './compileRuleSet.ts';
import { customOperators, type OperatorContext } from './customOperators.ts';
import { explainEvaluation, planExplanation, type ExplainPlan } from './explainEvaluation.ts';
import { RuleSetError, type Evaluation, type Facts, type RuleSet } from './ruleSetTypes.ts';

/** A rule set prepared once: compiled into closures, and what the explanation reads of each rule. */
interface Prepared {
  compiled: CompiledRuleSet;
  plan: ExplainPlan;
}

/** Rule sets are plain data loaded once per package version: the cache lives as long as the object. */
const prepared = new WeakMap<RuleSet, Prepared>();

export function prepareRuleSet(ruleSet: RuleSet): Prepared {
  const hit = prepared.get(ruleSet);
  if (hit) return hit;
  assertUniqueNames(ruleSet);
  const p: Prepared = { compiled: compileRuleSet(ruleSet), plan: planExplanation(ruleSet) };
  prepared.set(ruleSet, p);
  return p;
}

/** The operators of one evaluation: json-rules-engine's built-ins and the platform's, bound to its asOf and facts. */
export function evaluationOperators(asOf: string, allFacts: Facts): Operators {
  return { ...JSON_RULES_ENGINE_OPERATORS, ...customOperators({ asOf, facts: allFacts }) };
}

/**
 * Evaluates every rule of a rule set against the facts at the as-of date (no short-circuit), so
 * an ineligible applicant is told each failed rule and condition with its clause. Decision:
 * INELIGIBLE if a binding rule failed, else REFER if any rule referred, else ELIGIBLE.
 * A fact the rules read that is null or undefined fails every rule that reads it, with a message
 * saying what is missing, even where the condition alone would have passed.
 * The rule set is compiled once (rules/compileRuleSet: json-rules-engine's semantics without its
 * per-run copies and promises); the explanation reads the leaf outcomes of that one run.
 */
export async function evaluateRuleSet(ruleSet: RuleSet, facts: Facts, opts: { asOf: string }): Promise<Evaluation> {
  const { asOf } = opts;
  if (!isCivilDate(asOf)) throw new RuleSetError(`判定日期 asOf 无效:「${String(asOf)}」,应为 YYYY-MM-DD`);
  const prep = prepareRuleSet(ruleSet);
  const allFacts: Record<string, unknown> = { ...facts, asOf };
  // Run and explanation are synchronous: the one operator table is bound to this evaluation until it returns.
  shared.ctx.asOf = asOf;
  shared.ctx.facts = allFacts;
  try {
    let run: RunOutcome;
    try {
      run = prep.compiled.run(allFacts, shared.ops);
    } catch (err) {
      throw new RuleSetError(`规则集 ${ruleSet.id} 执行失败:${(err as Error).message}`, { cause: err });
    }
    return explainEvaluation(ruleSet, prep.plan, allFacts, asOf, run);
  } finally {
    shared.ctx.facts = NO_FACTS;
  }
}

const NO_FACTS: Facts = Object.freeze({});
const shared = (() => {
  const ctx: OperatorContext = { asOf: '1970-01-01', facts: NO_FACTS };
  return { ctx, ops: { ...JSON_RULES_ENGINE_OPERATORS, ...customOperators(ctx) } as Operators };
})();

/** The evaluation with a given run of the rules (the compiled one; the equivalence test and the bench also pass json-rules-engine's). */
export async function evaluateRuleSetWith(
  ruleSet: RuleSet,
  facts: Facts,
  opts: { asOf: string },
  runRules: (prep: Prepared, allFacts: Record<string, unknown>, ops: Operators) => RunOutcome | Promise<RunOutcome>,
): Promise<Evaluation> {
  const { asOf } = opts;
  if (!isCivilDate(asOf)) throw new RuleSetError(`判定日期 asOf 无效:「${String(asOf)}」,应为 YYYY-MM-DD`);
  const prep = prepareRuleSet(ruleSet);
  const allFacts: Record<string, unknown> = { ...facts, asOf };
  let run: RunOutcome;
  try {
    run = await runRules(prep, allFacts, evaluationOperators(asOf, allFacts));
  } catch (err) {
    throw new RuleSetError(`规则集 ${ruleSet.id} 执行失败:${(err as Error).message}`, { cause: err });
  }
  return explainEvaluation(ruleSet, prep.plan, allFacts, asOf, run);
}

function assertUniqueNames(ruleSet: RuleSet): void {
  const seen = new Set<string>();
  for (const r of ruleSet.rules) {
    if (seen.has(r.name)) throw new RuleSetError(`规则集 ${ruleSet.id} 中规则名「${r.name}」重复`);
    seen.add(r.name);
  }
}
