import { pathSegments, readSegments, resolvePath } from './resolvePath.ts';
import { RuleSetError, type ConditionTree, type RuleSet } from './ruleSetTypes.ts';

/**
 * A rule set compiled once into plain synchronous closures that give exactly what one
 * json-rules-engine 7 run of the same rules gives (engine options as the platform sets them:
 * allowUndefinedFacts, rules/resolvePath as path resolver, no condition references registered),
 * without its per-run work (a deep copy of every rule's conditions, a promise per condition, an
 * almanac per run). What is replicated, with json-rules-engine's own quirks:
 * - all / any / not: every condition of a priority set is evaluated (no short-circuit inside a set);
 *   an empty all or any passes; a single child passes its raw operator result up; several children
 *   pass when every / some result is `=== true`; a not negates; sets of higher priority run first and
 *   a decided set stops the lower ones (priorities are not allowed by the schema, but are kept).
 * - a fact that is not given (or given as undefined) reads as undefined; a path is read only from an
 *   object fact (any other value is returned as it is); a value with an own `fact` key is read from
 *   the facts the same way; an operator unknown at run time, a condition reference, an operator
 *   that throws, or a fact named '' fail the whole run.
 * - built-in operators with their fact-value validators (Array.isArray for contains, parseFloat for
 *   the number comparisons); custom operators are called as json-rules-engine calls them.
 * The leaf outcomes (result, factResult, valueResult) land in one array per rule, in the order
 * rules/explainEvaluation reads them. Equivalence with json-rules-engine is proven by
 * test/rules/compiledEquivalence.test.ts on every package's rule sets.
 */

export type Operators = Readonly<Record<string, (factValue: unknown, compareTo: unknown) => unknown>>;

/** What json-rules-engine leaves on one evaluated leaf condition; undefined for a leaf it did not evaluate. */
export interface LeafOutcome {
  result: unknown;
  factResult: unknown;
  valueResult: unknown;
}

export interface RuleOutcome {
  /** The rule's result as json-rules-engine files it: truthy → results, else failureResults. */
  passed: boolean;
  /** Per leaf condition, in tree order (all / any children in order, a not's child). */
  leaves: Array<LeafOutcome | undefined>;
}

/** Outcomes by engine rule name: a rule's name, and `<name>#appliesWhen` for its guard. */
export type RunOutcome = Map<string, RuleOutcome>;

export const APPLIES = '#appliesWhen';

interface Env {
  facts: Record<string, unknown>;
  ops: Operators;
  out: Array<LeafOutcome | undefined>;
}
type Eval = (env: Env) => unknown;

interface CompiledRule {
  name: string;
  leafCount: number;
  run: Eval;
}

export interface CompiledRuleSet {
  /** Runs every rule (and every guard) against the facts; throws what json-rules-engine's run would reject with. */
  run(facts: Readonly<Record<string, unknown>>, ops: Operators): RunOutcome;
}

/** The default operators of json-rules-engine 7 (engine-default-operators.js), validators included. */
const numberValidator = (factValue: unknown): boolean => Number.parseFloat(factValue as string).toString() !== 'NaN';
export const JSON_RULES_ENGINE_OPERATORS: Operators = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  in: (a, b) => (b as unknown[]).indexOf(a) > -1,
  notIn: (a, b) => (b as unknown[]).indexOf(a) === -1,
  contains: (a, b) => Array.isArray(a) && a.indexOf(b) > -1,
  doesNotContain: (a, b) => Array.isArray(a) && a.indexOf(b) === -1,
  lessThan: (a, b) => numberValidator(a) && (a as number) < (b as number),
  lessThanInclusive: (a, b) => numberValidator(a) && (a as number) <= (b as number),
  greaterThan: (a, b) => numberValidator(a) && (a as number) > (b as number),
  greaterThanInclusive: (a, b) => numberValidator(a) && (a as number) >= (b as number),
};

const hasOwn = (o: object, k: PropertyKey) => Object.prototype.hasOwnProperty.call(o, k);

/** json-rules-engine needs all / any / not at the root; a single condition is wrapped (as the platform always did). */
export function wrapTree(tree: ConditionTree): ConditionTree {
  return 'all' in tree || 'any' in tree || 'not' in tree ? tree : { all: [tree] };
}

function booleanOperator(c: object): 'any' | 'all' | 'not' | undefined {
  if (hasOwn(c, 'any')) return 'any';
  if (hasOwn(c, 'all')) return 'all';
  if (hasOwn(c, 'not')) return 'not';
  return undefined;
}

/** Almanac.factValue with allowUndefinedFacts and the platform's path resolver (the path split once, at compile time). */
function factValue(facts: Record<string, unknown>, id: unknown, path: unknown, keys: readonly string[] | undefined): unknown {
  if (typeof id !== 'string' || !hasOwn(facts, id)) return undefined;
  const v = facts[id];
  if (path && v != null && typeof v === 'object') return keys ? readSegments(v, keys) : resolvePath(v, path as string);
  return v;
}
const segmentsOf = (path: unknown) => (typeof path === 'string' ? pathSegments(path) : undefined);

function compileLeaf(spec: Record<string, unknown>, counter: { n: number }): Eval {
  if (hasOwn(spec, 'condition')) {
    counter.n++;
    const name = String(spec.condition);
    return () => {
      throw new Error(`No condition ${name} exists`);
    };
  }
  // The Condition constructor's checks, raised where json-rules-engine raises them (addRule).
  for (const key of ['fact', 'operator', 'value']) if (!hasOwn(spec, key)) throw new Error(`Condition: constructor "${key}" property required`);
  const index = counter.n++;
  const { fact, path, operator } = spec as { fact: unknown; path?: unknown; operator: string };
  const given = spec.value as Record<string, unknown>;
  const valueIsRef = given != null && typeof given === 'object' && hasOwn(given, 'fact');
  // json-rules-engine hands operators a fresh copy of the value on every run, so an object in it is
  // never identical (===) to anything in the facts: a private copy made once, never handed out
  // (the explanation copies it again), keeps that.
  const value = valueIsRef ? given : copyJson(given);
  const valueFact = valueIsRef ? value.fact : undefined;
  const valuePath = valueIsRef ? value.path : undefined;
  const valueKeys = segmentsOf(valuePath);
  const keys = segmentsOf(path);
  return (env) => {
    const op = hasOwn(env.ops, operator) ? env.ops[operator] : undefined;
    if (!op) throw new Error(`Unknown operator: ${operator}`);
    const rhs = valueIsRef ? factValue(env.facts, valueFact, valuePath, valueKeys) : value;
    const lhs = factValue(env.facts, fact, path, keys);
    const result = op(lhs, rhs);
    env.out[index] = { result, factResult: lhs, valueResult: rhs };
    return result;
  };
}

/** A condition as evaluateCondition treats it: a boolean node's own result is `=== true` of its comparison. */
function compileCondition(c: Record<string, unknown>, counter: { n: number }): { run: Eval; priority: string } {
  const op = booleanOperator(c);
  if (!op) {
    // A leaf without a priority of its own takes its fact's (a constant run-time fact: 1).
    return { run: compileLeaf(c, counter), priority: String(c.priority || 1) };
  }
  const inner = compileBoolean(op, c[op], counter);
  return { run: (env) => inner(env) === true, priority: String(Number.parseInt(c.priority as string, 10) || 1) };
}

function compileBoolean(op: 'any' | 'all' | 'not', sub: unknown, counter: { n: number }): Eval {
  if (op !== 'not' && !Array.isArray(sub)) throw new Error(`"${op}" must be an array`);
  if (op === 'not' && Array.isArray(sub)) throw new Error(`"${op}" cannot be an array`);
  if (op === 'not') {
    const child = compileCondition(sub as Record<string, unknown>, counter).run;
    return (env) => !child(env);
  }
  const children = (sub as Array<Record<string, unknown>>).map((c) => compileCondition(c, counter));
  if (children.length === 0) return () => true;
  if (children.length === 1) return children[0].run;
  // prioritizeConditions: sets by priority, highest first.
  const byPriority = new Map<string, Eval[]>();
  for (const ch of children) byPriority.set(ch.priority, [...(byPriority.get(ch.priority) ?? []), ch.run]);
  const sets = [...byPriority.keys()].sort((a, b) => (Number(a) > Number(b) ? -1 : 1)).map((k) => byPriority.get(k)!);
  const runSet = (set: Eval[], env: Env): boolean => {
    // Every condition of a set is evaluated before the set is judged (Promise.all).
    const results = set.map((f) => f(env));
    return op === 'any' ? results.some((r) => r === true) : results.every((r) => r === true);
  };
  if (sets.length === 1) return (env) => runSet(sets[0], env);
  return (env) => {
    let acc: boolean = op === 'all';
    for (const set of sets) acc = op === 'any' ? acc || runSet(set, env) : acc && runSet(set, env);
    return acc;
  };
}

function compileRule(name: string, tree: ConditionTree): CompiledRule {
  const root = wrapTree(tree) as unknown as Record<string, unknown>;
  const op = booleanOperator(root);
  if (!op) throw new Error('"conditions" root must contain a single instance of "all", "any", "not", or "condition"');
  const counter = { n: 0 };
  const run = compileBoolean(op, root[op], counter);
  return { name, leafCount: counter.n, run };
}

export function compileRuleSet(ruleSet: RuleSet): CompiledRuleSet {
  const rules: CompiledRule[] = [];
  for (const rule of ruleSet.rules) {
    rules.push(compileRule(rule.name, rule.conditions));
    if (rule.appliesWhen) rules.push(compileRule(rule.name + APPLIES, rule.appliesWhen));
  }
  return {
    run(facts, ops) {
      // engine.run: a run-time fact needs an id; undefined values are not given at all.
      const given = Object.create(null) as Record<string, unknown>;
      for (const k in facts) {
        if (facts[k] === undefined) continue;
        if (!k) throw new Error('factId required');
        given[k] = facts[k];
      }
      const outcome: RunOutcome = new Map();
      for (const r of rules) {
        const env: Env = { facts: given, ops, out: new Array<LeafOutcome | undefined>(r.leafCount).fill(undefined) };
        const result = r.run(env);
        outcome.set(r.name, { passed: !!result, leaves: env.out });
      }
      return outcome;
    },
  };
}

/** A deep copy of plain JSON data (what json-rules-engine hands back as a condition's value after its per-run copy). */
export function copyJson<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(copyJson) as T;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) out[k] = copyJson((v as Record<string, unknown>)[k]);
  return out as T;
}

export { RuleSetError };
