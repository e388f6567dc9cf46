import { Engine, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import { isCivilDate } from './calendar/civilDate.ts';
import { customOperators, factRefResolver } from './customOperators.ts';
import { interpolateMessage } from './interpolateMessage.ts';
import { isFactRef, matchesPredicate, type Predicate } from './matchesPredicate.ts';
import { resolvePath } from './resolvePath.ts';
import {
  RuleSetError,
  type ConditionCheck,
  type ConditionSpec,
  type ConditionTree,
  type Decision,
  type Evaluation,
  type Facts,
  type Outcome,
  type RuleCheck,
  type RuleSet,
} from './ruleSetTypes.ts';

/** What json-rules-engine leaves on each condition after a run (only the parts read here). */
interface ResultNode {
  all?: ResultNode[];
  any?: ResultNode[];
  not?: ResultNode;
  result?: boolean;
  factResult?: unknown;
  valueResult?: unknown;
}

interface Leaf {
  spec: ConditionSpec;
  node: ResultNode | undefined;
}

const APPLIES = '#appliesWhen';

/**
 * Evaluates every rule of a rule set against the facts at the as-of date (no short-circuit), so
 * an ineligible applicant is told each failed rule and condition with its clause. Decision:
 * INELIGIBLE if a binding rule failed, else REFER if any rule referred, else ELIGIBLE.
 * A fact the rules read that is null or undefined fails every rule that reads it, with a message
 * saying what is missing, even where the condition alone would have passed.
 */
export async function evaluateRuleSet(ruleSet: RuleSet, facts: Facts, opts: { asOf: string }): Promise<Evaluation> {
  const { asOf } = opts;
  if (!isCivilDate(asOf)) throw new RuleSetError(`判定日期 asOf 无效:「${String(asOf)}」,应为 YYYY-MM-DD`);
  assertUniqueNames(ruleSet);
  const allFacts: Record<string, unknown> = { ...facts, asOf };
  const isMissing = (fact: string) => allFacts[fact] === undefined || allFacts[fact] === null;

  // A new engine per evaluation, so the operators are bound to this asOf and these facts.
  const engine = new Engine([], { allowUndefinedFacts: true, pathResolver: resolvePath, replaceFactsInEventParams: false });
  for (const [name, fn] of Object.entries(customOperators({ asOf, facts: allFacts }))) engine.addOperator(name, fn);
  for (const rule of ruleSet.rules) {
    engine.addRule(toEngineRule(rule.name, rule.conditions));
    if (rule.appliesWhen) engine.addRule(toEngineRule(rule.name + APPLIES, rule.appliesWhen));
  }
  const runFacts = Object.fromEntries(Object.entries(allFacts).filter(([, v]) => v !== undefined));
  let run: Awaited<ReturnType<Engine['run']>>;
  try {
    run = await engine.run(runFacts);
  } catch (err) {
    throw new RuleSetError(`规则集 ${ruleSet.id} 执行失败:${(err as Error).message}`, { cause: err });
  }
  const outcomes = new Map<string, { passed: boolean; node: ResultNode }>();
  for (const r of run.results) outcomes.set(r.name, { passed: true, node: r.conditions as unknown as ResultNode });
  for (const r of run.failureResults) outcomes.set(r.name, { passed: false, node: r.conditions as unknown as ResultNode });

  const resolve = factRefResolver(allFacts);
  const label = (fact: string) => ruleSet.facts?.[fact] ?? fact;

  const checks = ruleSet.rules.map((rule): RuleCheck => {
    const base = { rule: rule.name, clause: rule.clause, title: rule.title, ambiguities: [...(rule.ambiguities ?? [])], assumptions: [...(rule.assumptions ?? [])] };
    if (rule.appliesWhen && !referencedFacts(rule.appliesWhen).some(isMissing) && !outcomes.get(rule.name + APPLIES)!.passed) {
      const message = rule.notApplicableMessage ? interpolateMessage(rule.notApplicableMessage, (k) => lookup(k, undefined)) : `不适用:${rule.title}`;
      return { ...base, applicable: false, passed: true, outcome: 'PASS', message, conditions: [] };
    }

    const res = outcomes.get(rule.name)!;
    const missingHere = [...new Set(referencedFacts(rule.conditions))].filter(isMissing);
    const conditions = leaves(wrap(rule.conditions), res.node).map(({ spec, node }) => toCheck(spec, node));
    const passed = res.passed && missingHere.length === 0;
    const outcome: Outcome = passed ? (rule.onPass ?? 'PASS') : (rule.onFail ?? 'INELIGIBLE');
    // The condition the message speaks about: the first failed one, or the first passed one.
    const focus = conditions.find((c) => c.passed === passed) ?? conditions[0];
    let message = interpolateMessage(passed ? rule.passMessage : rule.failMessage, (k) => lookup(k, focus));
    if (missingHere.length) message = `未取得${missingHere.map(label).join('、')},无法判定。${message}`;
    return { ...base, applicable: true, passed, outcome, message, conditions };

    function toCheck(spec: ConditionSpec, node: ResultNode | undefined): ConditionCheck {
      const factMissing = referencedFacts(spec).find(isMissing);
      const actual = node?.factResult;
      const expected = node?.valueResult !== undefined ? node.valueResult : isFactRef(spec.value) ? resolve(spec.value) : spec.value;
      const ok = node?.result === true && !factMissing;
      const check: ConditionCheck = { fact: spec.fact, ...(spec.path ? { path: spec.path } : {}), operator: spec.operator, expected, actual, passed: ok };
      if (!ok && (factMissing || actual === undefined || actual === null)) check.missing = true;
      if ((spec.operator === 'someItem' || spec.operator === 'noItem') && Array.isArray(actual)) {
        check.matched = actual.filter((item) => matchesPredicate(item, spec.value as Predicate, resolve));
      }
      if (spec.clause) check.clause = spec.clause;
      if (spec.message) {
        const text = interpolateMessage(spec.message, (k) => lookup(k, check));
        check.message = factMissing ? `未取得${label(factMissing)}:${text}` : text;
      }
      return check;
    }
  });

  const decision: Decision = checks.some((c) => c.outcome === 'INELIGIBLE') ? 'INELIGIBLE' : checks.some((c) => c.outcome === 'REFER') ? 'REFER' : 'ELIGIBLE';
  // An INELIGIBLE decision rests on the failed binding rules alone; any other on every applicable rule.
  const influencing = decision === 'INELIGIBLE' ? checks.filter((c) => c.outcome === 'INELIGIBLE') : checks.filter((c) => c.applicable);
  const ambiguities = [...new Set(influencing.flatMap((c) => [...c.ambiguities, ...c.assumptions]))].sort(byFlag);
  const missingFacts = [...new Set(ruleSet.rules.flatMap((r) => referencedFacts(r.conditions)))].filter(isMissing).sort();
  return { decision, checks, ambiguities, missingFacts, asOf };

  /** {actual} {expected} {matched.x} speak about one condition; {asOf} and {fact.path} read the facts. */
  function lookup(key: string, c: ConditionCheck | undefined): unknown {
    const [head, ...rest] = key.split('.');
    const tail = rest.join('.');
    const from = (v: unknown) => (tail ? resolvePath(v, tail) : v);
    if (head === 'actual') return from(c?.actual);
    if (head === 'expected') return from(c?.expected);
    if (head === 'matched') return from(c?.matched?.[0]);
    return from(allFacts[head]);
  }
}

function assertUniqueNames(ruleSet: RuleSet): void {
  const seen = new Set<string>();
  for (const r of ruleSet.rules) {
    if (seen.has(r.name)) throw new RuleSetError(`规则集 ${ruleSet.id} 中规则名「${r.name}」重复`);
    seen.add(r.name);
  }
}

/** json-rules-engine wants all/any/not at the top; a single condition is wrapped. */
function wrap(tree: ConditionTree): ConditionTree {
  return 'all' in tree || 'any' in tree || 'not' in tree ? tree : { all: [tree] };
}

function toEngineRule(name: string, tree: ConditionTree): RuleProperties {
  return { name, conditions: wrap(tree) as unknown as TopLevelCondition, event: { type: name } };
}

function leaves(spec: ConditionTree, node: ResultNode | undefined, out: Leaf[] = []): Leaf[] {
  if ('all' in spec) spec.all.forEach((c, i) => leaves(c, node?.all?.[i], out));
  else if ('any' in spec) spec.any.forEach((c, i) => leaves(c, node?.any?.[i], out));
  else if ('not' in spec) leaves(spec.not, node?.not, out);
  else out.push({ spec, node });
  return out;
}

/** Every fact a tree reads: condition facts and fact references anywhere in values (asOf is always given). */
function referencedFacts(tree: ConditionTree): string[] {
  const out: string[] = [];
  const visitValue = (v: unknown): void => {
    if (isFactRef(v)) out.push(v.fact);
    else if (Array.isArray(v)) v.forEach(visitValue);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(visitValue);
  };
  const visit = (t: ConditionTree): void => {
    if ('all' in t) t.all.forEach(visit);
    else if ('any' in t) t.any.forEach(visit);
    else if ('not' in t) visit(t.not);
    else {
      out.push(t.fact);
      visitValue(t.value);
    }
  };
  visit(tree);
  return out;
}

/** AMB-nn and A-n in natural order (AMB-06 before AMB-20, A-1 before A-2). */
function byFlag(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
