/**
 * The rule-set format (schema: rules/schema/ruleSet.schema.json) and the evaluation result.
 * Conditions are json-rules-engine conditions plus an optional clause and Chinese message.
 */

export type Outcome = 'PASS' | 'INELIGIBLE' | 'REFER';
export type Decision = 'ELIGIBLE' | 'INELIGIBLE' | 'REFER';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A value read from another fact at evaluation time, e.g. { fact: 'asOf' } or { fact: 'application', path: '$.targetOccupation.code' }. */
export interface FactRef {
  fact: string;
  path?: string;
  /** Inside someItem / noItem predicates: the value is a table, read at this field of the item. */
  keyedBy?: string;
}

export const BUILT_IN_OPERATORS = [
  'equal',
  'notEqual',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
] as const;

/** Registered by the runtime per evaluation, bound to its as-of date (rules/operators.md). */
export const CUSTOM_OPERATORS = [
  'dateOnOrBefore',
  'dateOnOrAfter',
  'withinYearsBefore',
  'notAfterAsOf',
  'endedBeforeAsOf',
  'containsAny',
  'someItem',
  'noItem',
  'countAtLeast',
  'countAtMost',
  'lengthAtLeast',
] as const;

export type OperatorName = (typeof BUILT_IN_OPERATORS)[number] | (typeof CUSTOM_OPERATORS)[number];

export interface ConditionSpec {
  fact: string;
  /** '$.a.b' into the fact. */
  path?: string;
  operator: OperatorName;
  value: JsonValue;
  clause?: string;
  /** What this condition requires, in Chinese; may interpolate {actual}, {expected}, {matched.x}. */
  message?: string;
}

export type ConditionTree = { all: ConditionTree[] } | { any: ConditionTree[] } | { not: ConditionTree } | ConditionSpec;

export interface RuleSpec {
  /** Unique in the rule set; manifest clauses may point at rules/<file>#<name>. */
  name: string;
  clause: string;
  title: string;
  description?: string;
  ambiguities?: string[];
  assumptions?: string[];
  /** When given and false, the rule does not apply and is reported as PASS, not applicable. */
  appliesWhen?: ConditionTree;
  conditions: ConditionTree;
  /** Default INELIGIBLE (binding). REFER sends the case to a person instead. */
  onFail?: 'INELIGIBLE' | 'REFER';
  /** Default PASS. REFER marks a rule that is only a non-binding hint (e.g. assumption A-1). */
  onPass?: 'PASS' | 'REFER';
  passMessage: string;
  failMessage: string;
  notApplicableMessage?: string;
}

export interface RuleSet {
  id: string;
  title: string;
  description?: string;
  /** Chinese labels of the facts, for messages about missing facts. */
  facts?: Record<string, string>;
  rules: RuleSpec[];
}

/** Facts by name, as plain data (the runtime adds asOf). */
export type Facts = Readonly<Record<string, unknown>>;

export interface ConditionCheck {
  fact: string;
  path?: string;
  operator: string;
  /** The compared-to value, with fact references resolved. */
  expected: unknown;
  /** The value found at fact + path (undefined when absent). */
  actual: unknown;
  passed: boolean;
  /** The condition failed because its fact, or the value at its path, is absent. */
  missing?: boolean;
  /** someItem / noItem: the items of the array that matched the predicate. */
  matched?: unknown[];
  clause?: string;
  message?: string;
}

export interface RuleCheck {
  rule: string;
  clause: string;
  title: string;
  /** False when appliesWhen did not hold; the rule then counts as PASS. */
  applicable: boolean;
  passed: boolean;
  outcome: Outcome;
  /** Chinese explanation for applicant and reviewer alike. */
  message: string;
  conditions: ConditionCheck[];
  ambiguities: string[];
  assumptions: string[];
}

export interface Evaluation {
  decision: Decision;
  /** One per rule, in rule-set order; every rule is evaluated. */
  checks: RuleCheck[];
  /** AMB-nn and A-n flags of the rules that shaped the decision (the failed binding rules if INELIGIBLE, else every applicable rule). */
  ambiguities: string[];
  /** Facts the rules needed but that were not given (null or undefined). */
  missingFacts: string[];
  asOf: string;
}

/** The rule set itself is wrong (a package error, not an applicant's failure). */
export class RuleSetError extends Error {
  override name = 'RuleSetError';
}
