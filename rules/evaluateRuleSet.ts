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
/** A rule set prepared once: its rules built into json-rules-engine and what the explanation reads of each. */
interface Prepared {
  /** Idle engines with the rules added; one per concurrent evaluation (a json-rules-engine run is not re-entrant). */
  idle: PooledEngine[];
  rules: Map<string, { facts: string[]; appliesFacts: string[]; leafFacts: string[][] }>;
  allFacts: string[];
}

interface PooledEngine {
  engine: Engine;
  /** The operators of the evaluation under way (bound to its asOf and facts). */
  ops: ReturnType<typeof customOperators>;
}

const POOL_MAX = 16;
/** Rule sets are plain data loaded once per package version: the cache lives as long as the object. */
const prepared = new WeakMap<RuleSet, Prepared>();

function prepare(ruleSet: RuleSet): Prepared {
  const hit = prepared.get(ruleSet);
  if (hit) return hit;
  assertUniqueNames(ruleSet);
  const rules = new Map<string, { facts: string[]; appliesFacts: string[]; leafFacts: string[][] }>();
  for (const rule of ruleSet.rules) {
    rules.set(rule.name, {
      facts: [...new Set(referencedFacts(rule.conditions))],
      appliesFacts: rule.appliesWhen ? [...new Set(referencedFacts(rule.appliesWhen))] : [],
      leafFacts: leaves(wrap(rule.conditions), undefined).map(({ spec }) => [...new Set(referencedFacts(spec))]),
    });
  }
  const p: Prepared = { idle: [], rules, allFacts: [...new Set(ruleSet.rules.flatMap((r) => referencedFacts(r.conditions)))].sort() };
  prepared.set(ruleSet, p);
  return p;
}

function buildEngine(ruleSet: RuleSet): PooledEngine {
  const pooled = { engine: new Engine([], { allowUndefinedFacts: true, pathResolver: resolvePath, replaceFactsInEventParams: false }), ops: customOperators({ asOf: '1970-01-01', facts: {} }) };
  for (const name of Object.keys(pooled.ops) as Array<keyof PooledEngine['ops']>) pooled.engine.addOperator(name, (a: unknown, b: unknown) => pooled.ops[name](a, b));
  for (const rule of ruleSet.rules) {
    pooled.engine.addRule(toEngineRule(rule.name, rule.conditions));
    if (rule.appliesWhen) pooled.engine.addRule(toEngineRule(rule.name + APPLIES, rule.appliesWhen));
  }
  return pooled;
}

/**
 * Evaluates every rule of a rule set against the facts at the as-of date (no short-circuit), so
 * an ineligible applicant is told each failed rule and condition with its clause. Decision:
 * INELIGIBLE if a binding rule failed, else REFER if any rule referred, else ELIGIBLE.
 * A fact the rules read that is null or undefined fails every rule that reads it, with a message
 * saying what is missing, even where the condition alone would have passed.
 * The rules are built into json-rules-engine once per rule set; the explanation reads the
 * condition results of that one run.
 */
export async function evaluateRuleSet(ruleSet: RuleSet, facts: Facts, opts: { asOf: string }): Promise<Evaluation> {
  const { asOf } = opts;
  if (!isCivilDate(asOf)) throw new RuleSetError(`判定日期 asOf 无效:「${String(asOf)}」,应为 YYYY-MM-DD`);
  const prep = prepare(ruleSet);
  const allFacts: Record<string, unknown> = { ...facts, asOf };
  const isMissing = (fact: string) => allFacts[fact] === undefined || allFacts[fact] === null;

  const runFacts: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(allFacts)) if (v !== undefined) runFacts[k] = v;
  const pooled = prep.idle.pop() ?? buildEngine(ruleSet);
  pooled.ops = customOperators({ asOf, facts: allFacts });
  let run: Awaited<ReturnType<Engine['run']>>;
  try {
    run = await pooled.engine.run(runFacts);
  } catch (err) {
    throw new RuleSetError(`规则集 ${ruleSet.id} 执行失败:${(err as Error).message}`, { cause: err });
  } finally {
    if (prep.idle.length < POOL_MAX) prep.idle.push(pooled);
  }
  const outcomes = new Map<string, { passed: boolean; node: ResultNode }>();
  for (const r of run.results) outcomes.set(r.name, { passed: true, node: r.conditions as unknown as ResultNode });
  for (const r of run.failureResults) outcomes.set(r.name, { passed: false, node: r.conditions as unknown as ResultNode });

  const resolve = factRefResolver(allFacts);
  const label = (fact: string) => ruleSet.facts?.[fact] ?? fact;

  const checks = ruleSet.rules.map((rule): RuleCheck => {
    const base = { rule: rule.name, clause: rule.clause, title: rule.title, ambiguities: [...(rule.ambiguities ?? [])], assumptions: [...(rule.assumptions ?? [])] };
    const pr = prep.rules.get(rule.name)!;
    if (rule.appliesWhen && !pr.appliesFacts.some(isMissing) && !outcomes.get(rule.name + APPLIES)!.passed) {
      const message = rule.notApplicableMessage ? interpolateMessage(rule.notApplicableMessage, (k) => lookup(k, undefined)) : `不适用:${rule.title}`;
      return { ...base, applicable: false, passed: true, outcome: 'PASS', message, conditions: [] };
    }

    const res = outcomes.get(rule.name)!;
    const missingHere = pr.facts.filter(isMissing);
    const conditions = leaves(wrap(rule.conditions), res.node).map(({ spec, node }, i) => toCheck(spec, node, pr.leafFacts[i]));
    const passed = res.passed && missingHere.length === 0;
    const outcome: Outcome = passed ? (rule.onPass ?? 'PASS') : (rule.onFail ?? 'INELIGIBLE');
    // The condition the message speaks about: the first failed one, or the first passed one.
    const focus = conditions.find((c) => c.passed === passed) ?? conditions[0];
    let message = interpolateMessage(passed ? rule.passMessage : rule.failMessage, (k) => lookup(k, focus));
    if (missingHere.length) message = `未取得${missingHere.map(label).join('、')},无法判定。${message}`;
    return { ...base, applicable: true, passed, outcome, message, conditions };

    function toCheck(spec: ConditionSpec, node: ResultNode | undefined, specFacts: string[]): ConditionCheck {
      const factMissing = specFacts.find(isMissing);
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
  const missingFacts = prep.allFacts.filter(isMissing);
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

/** AMB-nn and A-n in natural order (AMB-06 before AMB-20, A-1 before A-2); one collator, not one per comparison. */
const byFlag = new Intl.Collator('en', { numeric: true }).compare;
