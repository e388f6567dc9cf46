/** The shapes of a policy package (deployments/<region>/<year>-<procedure>/) as the loader returns them. */

export type Provenance = 'verbatim' | 'normalised-from-garbled' | 'interpreted' | 'assumed' | 'supplied-by-owner';
export type ClauseKind = 'rule' | 'flow' | 'form' | 'schedule' | 'human-check' | 'scheduled-job' | 'monitored-obligation';

// Type aliases rather than interfaces: they stay assignable to the services' structural views with index signatures.
export type PackageParameter = { value: unknown; unit?: string; provenance: Provenance; clause?: string; ambiguity?: string };

export type PackageAmbiguity = {
  id: string;
  clauseRefs: string[];
  sourceQuote: string;
  readings: string[];
  chosenDefault: string;
  severity: 'BLOCKING' | 'DEFAULTED' | 'INFO';
  status: 'open' | 'resolved';
  resolvedBy?: string;
  resolvedAt?: string;
  rationale?: string;
};

export type PackageClause = {
  id: string;
  summary: string;
  kind: ClauseKind;
  /** 'rules/eligibility.json#recommender-filed', 'process.bpmn#Task_UnitReview', 'forms/x.schema.json#/properties/y', or a whole file. */
  implementedBy: string[];
};

export type PackageManifest = {
  id: string;
  procedure: string;
  region: { code: string; name: string };
  year: number;
  title: string;
  notice: { docNo?: string | null; title: string; issuer: string; signed: string; published: string | null; seedFile: string; provenance?: Provenance };
  processes: Array<{ file: string; bpmnProcessId: string; role: 'main' | 'called' | 'action' | 'case'; startedBy?: CaseStartedBy }>;
  /** Applicant actions during the procedure (e.g. a leave request): the form they fill and the process they start. */
  actions?: Array<{ id: string; title: string; form: string; process: string; allowedStatuses: string[]; clause: string }>;
  forms: Array<{ id: string; schema: string; ui: string; title: string }>;
  ruleSets: Array<{ id: string; file: string }>;
  schedule: string;
  parameters: Record<string, PackageParameter>;
  /** Chinese labels for the package's own status and reason codes (application.status headers). */
  labels?: { statuses?: Record<string, string>; reasons?: Record<string, string> };
  ambiguities: PackageAmbiguity[];
  clauses: PackageClause[];
  /** Summary tables (汇总表) the reviewers export, one specification file each. */
  exports?: Array<{ id: string; file: string }>;
  /** Candidate groups of user tasks drawn without an assignment (Zeebe allows them), e.g. ["province:510000"]. */
  defaultCandidateGroups?: string[];
  /** Registry-level jobs due on a date of the schedule (engine/services/scheduledJobs). */
  scheduledJobs?: ScheduledJobSpec[];
};

type ScheduledJobBase = {
  id: string;
  title: string;
  clause: string;
  at: { window: string; edge: 'opens' | 'closes'; offsetDays?: number; offsetMonths?: number };
};
export type CardJobSpec = ScheduledJobBase & { kind: 'cards.voidUnrenewed' | 'cards.remindRenewal'; params: { cardKinds: string[]; expiryWindow: string } };
/** A plan (a schedule window of kind plan) not recorded as published by its deadline warns the region's admins. */
export type PlanJobSpec = ScheduledJobBase & { kind: 'plans.checkPublished'; params: { planWindow?: string } };
export type ScheduledJobSpec = CardJobSpec | PlanJobSpec;

export type ScheduleWindow = {
  id: string;
  kind: string;
  month?: string;
  title: string;
  opens?: string;
  closes?: string;
  /** Closing date counted from `opens`, e.g. { amount: 15, unit: 'WD', counting: 'C2' }. */
  length?: { amount: number; unit: 'WD' | 'DAY' | 'MONTH'; counting: string };
  raw: string;
  clause: string;
  provenance: Provenance;
  confidence?: 'high' | 'medium' | 'low';
  ambiguity?: string;
  /** Applicant types the window is for (a class for 高级考评员 only); absent: every type. */
  applicantTypes?: string[];
  /** A registration window's choice: the value of the form field marked x-registrationFor (class, round, plan month). */
  for?: string;
};

export type PackageSchedule = { timezone: 'Asia/Shanghai'; windows: ScheduleWindow[]; enforceRegistrationWindows?: boolean };

export type ScenarioCheck = {
  title: string;
  clauses?: string[];
  asOf?: string;
  ruleSet?: string;
  facts?: Record<string, unknown>;
  deadline?: { anchor: string; amount: number | { parameter: string }; unit: 'WD' | 'MONTH' | 'YEAR' | 'DAY'; counting: string; extendIfLastDayIsRestDay?: boolean };
  form?: string;
  data?: unknown;
  window?: string;
  date?: string;
  /** Form id whose required materials (x-attachments) are checked against `uploaded`, as at submission. */
  uploads?: string;
  uploaded?: Array<{ kind: string; mimeType: string; size: number }>;
  expect: Record<string, unknown>;
};

/** A process scenario has when/then (the whole platform runs); a checks scenario has checks (rules, deadlines, forms, windows). */
export type PackageScenario = {
  name: string;
  description?: string;
  clauses?: string[];
  given: { asOf: string; calendarOverrides?: Array<{ date: string; working: boolean; note?: string }>; [k: string]: unknown };
  when?: Array<Record<string, unknown>>;
  then?: { completedElements?: string[]; variables?: Record<string, unknown>; decision?: unknown; [k: string]: unknown };
  checks?: ScenarioCheck[];
};

/** A case a reviewer starts by filling a form (a city reporting an organisation to the province). */
export interface CaseStartedBy {
  roles: Array<'unit_reviewer' | 'city_reviewer' | 'province_reviewer'>;
  form: string;
  title: string;
  /** A field of the form holding an organisation id, checked within the requester's region. */
  organisationField?: string;
}

export interface Problem {
  /** Path relative to the package folder, e.g. 'manifest.json' or 'rules/eligibility.json'. */
  file: string;
  /** JSON pointer inside that file ('' = the whole document), or '#elementId' for BPMN. */
  pointer?: string;
  /** Chinese, for policy staff. */
  message: string;
  severity: 'error' | 'warning';
  /** Stable machine code, e.g. JSON_SYNTAX, SCHEMA_REQUIRED, MISSING_FILE, TRACE_ELEMENT. */
  code: string;
  /** 1-based position, for syntax errors. */
  line?: number;
  column?: number;
}

export type BpmnValidator = (file: string, xml: string) => Promise<Problem[]>;

export interface LoadPackageOptions {
  /** The engine adapter's BPMN check, called once per process file. */
  bpmnValidator?: BpmnValidator;
}

export interface LoadedForm {
  schema: Record<string, unknown>;
  ui: Record<string, unknown>;
  title: string;
}

export interface LoadedPackage {
  dir: string;
  manifest: PackageManifest;
  /** Every file of the package, raw text, keyed by relative path with '/' separators. */
  files: Record<string, string>;
  bpmn: Record<string, string>;
  ruleSets: Record<string, Record<string, unknown>>;
  forms: Record<string, LoadedForm>;
  schedule: PackageSchedule;
  scenarios: Record<string, PackageScenario>;
  /** Summary-table export specifications (exports/*.json) by id. */
  exports: Record<string, ExportSpec>;
  /** sha256 hex over the sorted relative paths and bytes of every file: the version's name. */
  contentHash: string;
}

export interface LoadPackageResult {
  /** False when any problem is an error. */
  ok: boolean;
  /** Only when ok: a package with errors is never handed out, so it cannot be registered by mistake. */
  package?: LoadedPackage;
  problems: Problem[];
}

/** Where a summary-table cell's value comes from: a JSON pointer into the application data, or a platform field. */
export type ExportSource = { pointer: string } | { platform: 'sequence' | 'applicantName' | 'submittedOn' | 'statusLabel' | 'stage' | 'recommenderOrgName' | 'applicationId' };

export type ExportFormat =
  | { kind: 'text' }
  | { kind: 'date' }
  | { kind: 'integer' }
  | { kind: 'label'; labels: Record<string, string> }
  | { kind: 'join'; item: string; separator?: string };

export type ExportColumn = { header: string; source: ExportSource; format?: ExportFormat; width?: number; personal?: boolean; clause: string };

export type ExportHeaderCell = { text: string; colSpan?: number; rowSpan?: number };

/** A summary table (汇总表) of a notice as the package defines it (exports/<id>.json, schema/export.schema.json). */
export type ExportSpec = {
  id: string;
  title: string;
  attachment: string;
  clause: string;
  fileName?: string;
  rowFilter?: { pointer: string; in: Array<string | number | boolean> };
  preambleLines?: string[];
  headerRows: ExportHeaderCell[][];
  columns: ExportColumn[];
  footerLines?: string[];
  page?: { paperSize?: 'A4' | 'A3'; orientation?: 'landscape' | 'portrait'; repeatHeaderRows?: boolean };
};
