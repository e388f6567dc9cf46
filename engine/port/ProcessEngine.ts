/**
 * The engine port. Two adapters implement it: `embedded` (bpmn-engine in-process, state in the
 * store) and `zeebe` (a real broker). The platform talks only to this interface, so packages,
 * task workers and the inbox do not know which engine runs them.
 */

export type Variables = Record<string, unknown>;

export interface DeployResource {
  /** File name inside the package, used in problem reports (e.g. 'process.bpmn'). */
  name: string;
  xml: string;
}

export interface DeployProblem {
  file: string;
  elementId?: string;
  message: string;
  code: string;
  /** A warning does not stop the deployment (an unresolved reference the engine never follows); absent = error. */
  severity?: 'warning';
}

/** The problems that stop a deployment. */
export const deployErrors = (problems: DeployProblem[]): DeployProblem[] => problems.filter((p) => p.severity !== 'warning');

export interface DeployedProcess {
  bpmnProcessId: string;
  version: number;
  definitionKey: string;
  resourceName: string;
}

export interface Job {
  key: string;
  type: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  elementId: string;
  /** Zeebe-style custom headers, including io.camunda.zeebe:candidateGroups etc. for user tasks. */
  customHeaders: Record<string, string>;
  variables: Variables;
  retries: number;
  deadline: string | null;
}

export type JobOutcome =
  | { kind: 'complete'; variables?: Variables }
  | { kind: 'fail'; errorMessage: string; retries?: number; retryBackoffMs?: number }
  | { kind: 'error'; errorCode: string; errorMessage?: string; variables?: Variables };

export type JobHandler = (job: Job) => Promise<JobOutcome>;

export interface WorkerOptions {
  /** How long an activated job is reserved for this worker before it may be re-activated. */
  timeoutMs?: number;
  maxJobsActive?: number;
  /**
   * Long-held jobs (user tasks) are activated once and held until a person decides; the handler
   * receives them but does not complete them.
   */
  hold?: boolean;
}

export type JobState = 'OPEN' | 'INCIDENT' | 'COMPLETED' | 'CANCELLED';

export interface Incident {
  key: string;
  processInstanceKey: string;
  jobKey: string | null;
  elementId: string;
  errorType: string;
  message: string;
  state: 'OPEN' | 'RESOLVED';
  createdAt: string;
}

export interface InstanceSummary {
  key: string;
  bpmnProcessId: string;
  status: 'ACTIVE' | 'COMPLETED' | 'TERMINATED';
  variables: Variables;
  /** Completed flow-node ids in completion order (the scenario assertions use it). */
  completedElements: string[];
}

/** Events the platform listens to (timeline, audit, application status). */
export type EngineEvent =
  | { type: 'element.completed'; processInstanceKey: string; elementId: string; elementType: string; at: string }
  | { type: 'instance.completed'; processInstanceKey: string; bpmnProcessId: string; variables: Variables; at: string }
  | { type: 'instance.terminated'; processInstanceKey: string; bpmnProcessId: string; at: string }
  | { type: 'job.cancelled'; processInstanceKey: string; jobKey: string; elementId: string; at: string }
  | { type: 'incident.created'; incident: Incident };

export interface ProcessEngine {
  readonly kind: 'embedded' | 'zeebe' | 'operaton';
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Static check of what this adapter can run; never stores anything. */
  validate(resources: DeployResource[]): Promise<DeployProblem[]>;
  /** All or nothing: a resource with a problem deploys nothing (EngineDeployError carries the list). */
  deploy(resources: DeployResource[]): Promise<DeployedProcess[]>;
  /**
   * With a `startKey` (e.g. `application:<id>`) the start is idempotent: the store holds at most one
   * instance per key, and a repeated start (after a crash) returns the instance already started.
   */
  createInstance(req: { bpmnProcessId: string; definitionKey?: string; variables: Variables; startKey?: string }): Promise<{ processInstanceKey: string }>;
  cancelInstance(processInstanceKey: string): Promise<void>;
  /**
   * Correlates to the instances waiting for this name and key, and starts an instance of each process
   * whose message start event has this name. With a `messageId` a repeated publish (a retry after a
   * crash) starts no second instance.
   */
  publishMessage(msg: { name: string; correlationKey: string; variables?: Variables; timeToLiveMs?: number; messageId?: string }): Promise<void>;
  /**
   * Broadcasts a signal: every signal catch, boundary and event sub-process of this name in the running
   * instances is triggered, and each process with a signal start event of this name starts an instance.
   * Not buffered: only what waits for it when it is broadcast receives it.
   */
  broadcastSignal(signal: { name: string; variables?: Variables }): Promise<void>;
  getInstance(processInstanceKey: string): Promise<InstanceSummary | null>;

  registerWorker(type: string, handler: JobHandler, options?: WorkerOptions): void;
  /** For held jobs (user tasks) completed later by a person through the inbox. */
  completeJob(jobKey: string, variables?: Variables): Promise<void>;
  failJob(jobKey: string, errorMessage: string, retries: number, retryBackoffMs?: number): Promise<void>;
  throwError(jobKey: string, errorCode: string, errorMessage?: string, variables?: Variables): Promise<void>;
  /** Where a job stands, for reconciling after a crash (null: the engine does not know the job). */
  jobState(jobKey: string): Promise<JobState | null>;
  /**
   * Keys of the activated jobs of a held type, and one of them as its handler receives it, for
   * reconciling after a crash. Optional: an adapter whose broker re-delivers held jobs leaves them out.
   */
  listHeldJobKeys?(type: string): Promise<string[]>;
  heldJob?(jobKey: string): Promise<Job | null>;
  /**
   * True when the engine has nothing due to do by itself: no service job waiting for a worker or running,
   * no due timer or async step, every user task handed to its holder. Optional: the scenario runner waits
   * on it before moving the clock (the embedded engine is read from its store instead).
   */
  settled?(): Promise<boolean>;
  /** Merges variables into a running instance (an admin correcting what a failed job needs before retrying it). */
  setVariables(processInstanceKey: string, variables: Variables): Promise<void>;

  listIncidents(filter?: { processInstanceKey?: string; state?: 'OPEN' | 'RESOLVED' }): Promise<Incident[]>;
  /** Gives the failed job new retries and resolves the incident, as Zeebe's UpdateJobRetries + ResolveIncident. */
  resolveIncident(incidentKey: string, retries?: number): Promise<void>;

  onEvent(listener: (event: EngineEvent) => void | Promise<void>): void;

  /**
   * Moves a running instance to another deployed definition of the same process (a notice amended
   * mid-year), as Zeebe's MigrateProcessInstance and Operaton's migration plans do: each element it
   * waits at goes to its mapped element (an unmapped one keeps its id if the target has it), and its
   * waits (jobs, timers, subscriptions) follow. All or nothing: after a crash at any point the instance
   * is on exactly one definition. With `dryRun` it only checks and changes nothing. Repeated after it
   * succeeded it changes nothing and says `alreadyOnTarget`. An adapter that cannot migrate throws
   * MigrationNotSupportedError with the Chinese reason; one without the method cannot either.
   */
  migrateInstance?(req: InstanceMigrationRequest): Promise<InstanceMigrationResult>;
}

export interface InstanceMigrationRequest {
  processInstanceKey: string;
  targetDefinitionKey: string;
  /** Source element id → target element id. */
  mappings: Record<string, string>;
  dryRun?: boolean;
}

export interface InstanceMigrationResult {
  processInstanceKey: string;
  /** Each element the instance waits at and where it waits on the target (null: no target). */
  waiting: Array<{ sourceElementId: string; targetElementId: string | null }>;
  /** Why it cannot be migrated, in Chinese; empty when it can (or was). */
  problems: string[];
  migrated: boolean;
  alreadyOnTarget: boolean;
  /**
   * The instance's waiting user-task jobs as they are on the target after the move (also when it was on the target
   * already): their headers are the target element's (candidate groups, form key, due date, name), so the platform's
   * inbox rows can follow.
   */
  userTasks?: Array<{ jobKey: string; elementId: string; customHeaders: Record<string, string> }>;
}

/** The adapter cannot migrate instances (the message is the Chinese reason). */
export class MigrationNotSupportedError extends Error {}

export class EngineDeployError extends Error {
  constructor(readonly problems: DeployProblem[]) {
    super(`BPMN deployment refused: ${problems.map((p) => `${p.file}#${p.elementId ?? ''}: ${p.message}`).join('; ')}`);
  }
}

export class EngineUnavailableError extends Error {}

/** Resolving would only raise the same incident again (e.g. candidate groups still without a usable result). */
export class IncidentNotResolvedError extends Error {}

export const USER_TASK_JOB_TYPE = 'io.camunda.zeebe:userTask';
