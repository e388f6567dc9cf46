import { Engine, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import { APPLIES, wrapTree, type LeafOutcome, type Operators, type RunOutcome } from './compileRuleSet.ts';
import { CUSTOM_OPERATORS, type ConditionTree, type Evaluation, type Facts, type RuleSet } from './ruleSetTypes.ts';
import { evaluateRuleSetWith } from './evaluateRuleSet.ts';
import { resolvePath } from './resolvePath.ts';

/**
 * The reference the compiled evaluator is held to: the same rules run by json-rules-engine itself
 * (a fresh engine per run, the platform's options and custom operators), its result tree read
 * back into leaf outcomes. Used by the equivalence test and as the bench baseline; the platform
 * evaluates with rules/compileRuleSet.
 */
export function jsonRulesEngineFor(ruleSet: RuleSet, ops: Operators): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true, pathResolver: resolvePath, replaceFactsInEventParams: false });
  for (const name of CUSTOM_OPERATORS) engine.addOperator(name, ops[name] as (a: unknown, b: unknown) => boolean);
  const add = (name: string, tree: ConditionTree) => engine.addRule({ name, conditions: wrapTree(tree) as unknown as TopLevelCondition, event: { type: name } } as RuleProperties);
  for (const rule of ruleSet.rules) {
    add(rule.name, rule.conditions);
    if (rule.appliesWhen) add(rule.name + APPLIES, rule.appliesWhen);
  }
  return engine;
}

interface ResultNode {
  all?: ResultNode[];
  any?: ResultNode[];
  not?: ResultNode;
  result?: unknown;
  factResult?: unknown;
  valueResult?: unknown;
}

/** One json-rules-engine run, as the outcomes the explanation reads. */
export async function runWithJsonRulesEngine(ruleSet: RuleSet, allFacts: Record<string, unknown>, ops: Operators): Promise<RunOutcome> {
  const runFacts: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(allFacts)) if (v !== undefined) runFacts[k] = v;
  const run = await jsonRulesEngineFor(ruleSet, ops).run(runFacts);
  const out: RunOutcome = new Map();
  const specs = new Map<string, ConditionTree>();
  for (const rule of ruleSet.rules) {
    specs.set(rule.name, rule.conditions);
    if (rule.appliesWhen) specs.set(rule.name + APPLIES, rule.appliesWhen);
  }
  for (const [list, passed] of [
    [run.results, true],
    [run.failureResults, false],
  ] as const) {
    for (const r of list) out.set(r.name as string, { passed, leaves: leafOutcomes(wrapTree(specs.get(r.name as string)!), r.conditions as unknown as ResultNode) });
  }
  return out;
}

function leafOutcomes(spec: ConditionTree, node: ResultNode | undefined, out: Array<LeafOutcome | undefined> = []): Array<LeafOutcome | undefined> {
  if ('all' in spec) spec.all.forEach((c, i) => leafOutcomes(c, node?.all?.[i], out));
  else if ('any' in spec) spec.any.forEach((c, i) => leafOutcomes(c, node?.any?.[i], out));
  else if ('not' in spec) leafOutcomes(spec.not, node?.not, out);
  else out.push(node && 'result' in node ? { result: node.result, factResult: node.factResult, valueResult: node.valueResult } : undefined);
  return out;
}

/** evaluateRuleSet with json-rules-engine doing the run: the reference result of the equivalence test. */
export function evaluateWithJsonRulesEngine(ruleSet: RuleSet, facts: Facts, opts: { asOf: string }): Promise<Evaluation> {
  return evaluateRuleSetWith(ruleSet, facts, opts, (_prep, allFacts, ops) => runWithJsonRulesEngine(ruleSet, allFacts, ops));
}
