import type { RegistryService } from '../services/registry/RegistryService.ts';

/** Structural views of what the generic task workers need (wired in the composition root). */

export interface EligibilityResult {
  decision: 'ELIGIBLE' | 'INELIGIBLE' | 'REFER';
  checks: Array<{ rule: string; clause: string; title?: string; passed: boolean; outcome: string; message: string }>;
  ambiguities: string[];
  asOf: string;
}

export type RuleEvaluator = (ruleSet: unknown, facts: Record<string, unknown>, opts: { asOf: string }) => Promise<EligibilityResult>;

export interface DeadlineResult {
  date: string;
  provisional: boolean;
  convention: string;
  calendarVersion: string;
}

/** A deadline through the calendar of a region (a city's or province's code; the package region when the applicant's is unknown). */
export type DeadlineCalculator = (req: { anchor: string; amount: number; unit: 'WD' | 'MONTH' | 'YEAR' | 'DAY'; counting: string }, regionCode?: string) => DeadlineResult;

/** The registry as the workers use it (writes are idempotent per job). */
export type RegistryWriter = Pick<RegistryService, 'getRecommenderFacts' | 'getPersonFacts' | 'getOrganisationFacts' | 'getCard' | 'issueCard' | 'markCardCollected' | 'cancelCard' | 'recordSanction' | 'records' | 'unitYears' | 'publicNotices' | 'provincialClasses'>;
