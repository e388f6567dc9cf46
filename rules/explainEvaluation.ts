import { copyJson, wrapTree, APPLIES, type LeafOutcome, type RunOutcome } from './compileRuleSet.ts';
import { factRefResolver } from './customOperators.ts';
import { interpolateMessage } from './interpolateMessage.ts';
import { isFactRef, matchesPredicate, type Predicate } from './matchesPredicate.ts';
import { resolvePath } from './resolvePath.ts';
import type { ConditionCheck, ConditionSpec, ConditionTree, Decision, Evaluation, Outcome, RuleCheck, RuleSet } from './ruleSetTypes.ts';

/** What the explanation reads of each rule, worked out once per rule set. */
export interface ExplainPlan {
  rules: Array<{ facts: string[]; appliesFacts: string[]; leaves: ConditionSpec[]; leafFacts: string[][] }>;
  allFacts: string[];
  /** Every AMB-nn and A-n flag of the rule set by its place in natural order (sorted once, not per evaluation). */
  flagRank: Map<string, number>;
}

export function planExplanation(ruleSet: RuleSet): ExplainPlan {
  return {
    rules: ruleSet.rules.map((rule) => {
      const leaves = leafSpecs(wrapTree(rule.conditions));
      return {
        facts: [...new Set(referencedFacts(rule.conditions))],
        appliesFacts: rule.appliesWhen ? [...new Set(referencedFacts(rule.appliesWhen))] : [],
        leaves,
        leafFacts: leaves.map((spec) => [...new Set(referencedFacts(spec))]),
      };
    }),
    allFacts: [...new Set(ruleSet.rules.flatMap((r) => referencedFacts(r.conditions)))].sort(),
    flagRank: new Map([...new Set(ruleSet.rules.flatMap((r) => [...(r.ambiguities ?? []), ...(r.assumptions ?? [])]))].sort(byFlag).map((f, i) => [f, i])),
  };
}

/**
 * The explanation of one run (✔/✘/missing per condition with the values found, the Chinese sentence
 * of each rule, its clause) and the decision: INELIGIBLE if a binding rule failed, else REFER if any
 * rule referred, else ELIGIBLE. A fact the rules read that is null or undefined fails every rule that
 * reads it, with a message saying what is missing, even where the condition alone would have passed.
 */
export function explainEvaluation(ruleSet: RuleSet, plan: ExplainPlan, allFacts: Record<string, unknown>, asOf: string, run: RunOutcome): Evaluation {
  const isMissing = (fact: string) => allFacts[fact] === undefined || allFacts[fact] === null;
  const resolve = factRefResolver(allFacts);
  const label = (fact: string) => ruleSet.facts?.[fact] ?? fact;

  const checks = ruleSet.rules.map((rule, ruleIndex): RuleCheck => {
    const ambiguities = rule.ambiguities ? [...rule.ambiguities] : [];
    const assumptions = rule.assumptions ? [...rule.assumptions] : [];
    const pr = plan.rules[ruleIndex];
    if (rule.appliesWhen && !pr.appliesFacts.some(isMissing) && !run.get(rule.name + APPLIES)!.passed) {
      const message = rule.notApplicableMessage ? interpolateMessage(rule.notApplicableMessage, (k) => lookup(k, undefined)) : `不适用:${rule.title}`;
      return { rule: rule.name, clause: rule.clause, title: rule.title, ambiguities, assumptions, applicable: false, passed: true, outcome: 'PASS', message, conditions: [] };
    }

    const res = run.get(rule.name)!;
    const missingHere = pr.facts.filter(isMissing);
    const conditions = pr.leaves.map((spec, i) => toCheck(spec, res.leaves[i], pr.leafFacts[i]));
    const passed = res.passed && missingHere.length === 0;
    const outcome: Outcome = passed ? (rule.onPass ?? 'PASS') : (rule.onFail ?? 'INELIGIBLE');
    // The condition the message speaks about: the first failed one, or the first passed one.
    const focus = conditions.find((c) => c.passed === passed) ?? conditions[0];
    let message = interpolateMessage(passed ? rule.passMessage : rule.failMessage, (k) => lookup(k, focus));
    if (missingHere.length) message = `未取得${missingHere.map(label).join('、')},无法判定。${message}`;
    return { rule: rule.name, clause: rule.clause, title: rule.title, ambiguities, assumptions, applicable: true, passed, outcome, message, conditions };

    function toCheck(spec: ConditionSpec, node: LeafOutcome | undefined, specFacts: string[]): ConditionCheck {
      const factMissing = specFacts.find(isMissing);
      const actual = node?.factResult;
      // A literal value is copied, as json-rules-engine's per-run copy of the conditions handed it back: the
      // evaluation never shares objects with the rule set.
      const literal = !(spec.value !== null && typeof spec.value === 'object' && Object.hasOwn(spec.value, 'fact'));
      const expected = node?.valueResult !== undefined ? (literal ? copyJson(node.valueResult) : node.valueResult) : isFactRef(spec.value) ? resolve(spec.value) : copyJson(spec.value);
      const ok = node?.result === true && !factMissing;
      // Built without a spread: an object spread here was a quarter of the evaluation's time.
      const check: ConditionCheck = spec.path
        ? { fact: spec.fact, path: spec.path, operator: spec.operator, expected, actual, passed: ok }
        : { fact: spec.fact, operator: spec.operator, expected, actual, passed: ok };
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
  const flags = new Set<string>();
  for (const c of influencing) {
    for (const f of c.ambiguities) flags.add(f);
    for (const f of c.assumptions) flags.add(f);
  }
  const ambiguities = [...flags].sort((a, b) => plan.flagRank.get(a)! - plan.flagRank.get(b)!);
  const missingFacts = plan.allFacts.filter(isMissing);
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

function leafSpecs(spec: ConditionTree, out: ConditionSpec[] = []): ConditionSpec[] {
  if ('all' in spec) spec.all.forEach((c) => leafSpecs(c, out));
  else if ('any' in spec) spec.any.forEach((c) => leafSpecs(c, out));
  else if ('not' in spec) leafSpecs(spec.not, out);
  else out.push(spec);
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
