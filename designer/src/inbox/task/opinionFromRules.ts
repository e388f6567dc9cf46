import type { RuleResult } from '../../api/types.ts';
import { zh } from '../../i18n/zhCN.ts';

/**
 * The opinion a reviewer starts from when refusing or returning: the sentences of the conditions
 * the rules found unmet (✘) or left to a person (需人工), each with its clause, so the applicant
 * reads why and where the notice says so. Null when nothing failed.
 */
export function opinionFromRules(result: RuleResult | null | undefined): string | null {
  if (!result) return null;
  const lines: string[] = [];
  for (const check of result.checks) {
    if (!check.applicable || check.mark === '✔') continue;
    const clause = check.clause ? `(${zh.task.rules.clause(check.clause)})` : '';
    lines.push(`${check.message || check.title}${clause}`);
  }
  return lines.length ? zh.task.failedOpinion(lines) : null;
}
