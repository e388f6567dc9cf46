/** A process scenario (scenarios/*.json with when/then): given registry facts and a form, when people act and time passes, then. */
export interface Scenario {
  name: string;
  clauses: string[];
  /** Ends before any dated timer is armed, so it can run at any real date. */
  clockIndependent?: boolean;
  /**
   * `application` is the whole form, except for examiner applications that name a `recommender`: those
   * are the shared sample application with `application` laid over it.
   */
  given: { asOf: string; applicant: string; recommender?: string; application: Record<string, unknown>; registry?: RegistrySeed };
  when: ScenarioStep[];
  /** What must hold at the end; a try-out may leave it out and only look at what happened. */
  then?: ScenarioExpectation;
}

export interface ScenarioStep {
  submit?: true;
  /** With `submit` or `action`: the Chinese title of the refusal expected. */
  refused?: string;
  refusedDetail?: string;
  action?: string;
  expectStatus?: string;
  /** A user task completed by whoever may (the applicant for a correction, else a demo reviewer of its groups). */
  complete?: string;
  decision?: 'approve' | 'reject' | 'return';
  data?: Record<string, unknown>;
  advanceDays?: number;
  expectWaitingAt?: string[];
}

export interface ScenarioExpectation {
  status: string;
  cards?: Array<Record<string, unknown>>;
  examSittings?: Array<Record<string, unknown>>;
  actions?: Record<string, { variables?: Record<string, unknown>; completedElementsEndWith?: string[] }>;
  completedElements?: string[];
  completedElementsEndWith?: string[];
  waitingAt?: string[];
  variables?: Record<string, unknown>;
  failedClauses?: string[];
}

export interface RegistrySeed {
  persons?: Array<{
    idNumber: string;
    name: string;
    cards?: Array<Record<string, any>>;
    certificates?: Array<Record<string, any>>;
    titles?: Array<Record<string, any>>;
    examSittings?: Array<Record<string, any>>;
    evaluationRecords?: Array<Record<string, any>>;
    sanctions?: Array<Record<string, any>>;
  }>;
  organisations?: Array<Record<string, any>>;
}

/** One step as it went: when (the scenario's clock), what, and how it ended. */
export interface StepOutcome {
  index: number;
  at: string;
  step: ScenarioStep;
  ok: boolean;
  /** The task completed or the refusal met, in Chinese. */
  note?: string;
}

/** What a scenario run observed, and where it differs from the scenario's `then`. */
export interface ScenarioRun {
  applicationId: string;
  steps: StepOutcome[];
  status: string;
  statusLabel: string;
  reason: string | null;
  completedElements: string[];
  waitingAt: Array<{ elementId: string; name: string | null; dueAt: string | null; candidateGroups: string[] }>;
  eligibility: { decision?: string; checks?: Array<{ clause: string; outcome: string; message: string }> } | null;
  variables: Record<string, unknown>;
  cards: Array<Record<string, unknown>>;
  examSittings: Array<Record<string, unknown>>;
  sanctions: Array<Record<string, unknown>>;
  /** Each difference from `then`, in Chinese; empty when the run matched (or there was no `then`). */
  mismatches: string[];
  /** The step that could not be carried out, if any (the run stops there). */
  error: string | null;
}
