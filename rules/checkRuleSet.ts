import { createRequire } from 'node:module';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import localizeZh from 'ajv-i18n/localize/zh/index.js';
import { isFactRef } from './matchesPredicate.ts';
import type { ConditionTree, RuleSet } from './ruleSetTypes.ts';

export interface RuleSetProblem {
  /** JSON pointer into the rule-set file. */
  pointer: string;
  message: string;
}

let validator: ValidateFunction | undefined;

function schemaValidator(): ValidateFunction {
  if (!validator) {
    const schema = createRequire(import.meta.url)('./schema/ruleSet.schema.json') as object;
    validator = new Ajv({ allErrors: true, strict: true }).compile(schema);
  }
  return validator;
}

/**
 * Everything that can be checked before a rule set runs: the JSON schema, then what a schema
 * cannot say — unique rule names, and (when the rule set declares its facts) no fact outside
 * that list, so a misspelt fact is caught at load time instead of failing every applicant.
 */
export function checkRuleSet(value: unknown): { ok: true; ruleSet: RuleSet } | { ok: false; problems: RuleSetProblem[] } {
  const validate = schemaValidator();
  if (!validate(value)) {
    // The package's typings declare an ES default export the CommonJS module does not have.
    (localizeZh as unknown as (errors: ErrorObject[] | null | undefined) => void)(validate.errors);
    return { ok: false, problems: (validate.errors ?? []).map((e) => ({ pointer: e.instancePath || '/', message: e.message ?? '格式不正确' })) };
  }
  const ruleSet = value as RuleSet;
  const problems: RuleSetProblem[] = [];
  const names = new Map<string, number>();
  const declared = ruleSet.facts ? new Set([...Object.keys(ruleSet.facts), 'asOf']) : undefined;

  ruleSet.rules.forEach((rule, i) => {
    const first = names.get(rule.name);
    if (first !== undefined) problems.push({ pointer: `/rules/${i}/name`, message: `规则名「${rule.name}」与 /rules/${first} 重复` });
    else names.set(rule.name, i);
    if (!declared) return;
    const trees: Array<[string, ConditionTree | undefined]> = [
      ['conditions', rule.conditions],
      ['appliesWhen', rule.appliesWhen],
    ];
    for (const [key, tree] of trees) {
      if (tree) forEachFact(tree, `/rules/${i}/${key}`, (fact, pointer) => {
        if (!declared.has(fact)) problems.push({ pointer, message: `事实「${fact}」未在 facts 中声明(拼写错误?)` });
      });
    }
  });
  return problems.length ? { ok: false, problems } : { ok: true, ruleSet };
}

function forEachFact(tree: ConditionTree, at: string, visit: (fact: string, pointer: string) => void): void {
  if ('all' in tree) tree.all.forEach((t, i) => forEachFact(t, `${at}/all/${i}`, visit));
  else if ('any' in tree) tree.any.forEach((t, i) => forEachFact(t, `${at}/any/${i}`, visit));
  else if ('not' in tree) forEachFact(tree.not, `${at}/not`, visit);
  else {
    visit(tree.fact, `${at}/fact`);
    const visitValue = (v: unknown, p: string): void => {
      if (isFactRef(v)) visit(v.fact, `${p}/fact`);
      else if (Array.isArray(v)) v.forEach((x, i) => visitValue(x, `${p}/${i}`));
      else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) visitValue(x, `${p}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    };
    visitValue(tree.value, `${at}/value`);
  }
}
