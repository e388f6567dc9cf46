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

export type DeadlineCalculator = (req: { anchor: string; amount: number; unit: 'WD' | 'MONTH' | 'YEAR' | 'DAY'; counting: string }) => DeadlineResult;

export interface CardRecord {
  number: string;
  validFrom: string;
  validTo: string | null;
  issuerRegionCode: string;
  validRegionCode: string;
  status: string;
}

export interface RegistryWriter {
  getRecommenderFacts(orgId: string, asOf: string): Promise<unknown>;
  getPersonFacts(idNumber: string, asOf: string): Promise<unknown>;
  issueCard(input: {
    applicationId: string;
    idNumber: string;
    kind: string;
    occupationCode: string | null;
    occupationName: string | null;
    issuerRegionCode: string;
    validRegionCode: string;
    validFrom: string;
    validTo?: string | null;
    collectionDeadline?: string | null;
    packageHash: string;
  }): Promise<CardRecord>;
  markCardCollected(number: string): Promise<unknown>;
  cancelCard(number: string, reason: string): Promise<unknown>;
  recordSanction(input: {
    subjectType: 'person' | 'org';
    subjectId: string;
    kind: string;
    clause: string;
    startsOn: string;
    until?: string | null;
    permanent?: boolean;
    reason: string;
    applicationId?: string;
    idempotencyKey: string;
  }): Promise<unknown>;
}
