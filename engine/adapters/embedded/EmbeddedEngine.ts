import * as Elements from 'bpmn-elements';
import serializeContext, { TypeResolver } from 'moddle-context-serializer';
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { Db } from '../../store/createDb.ts';
import { fromJson, nowIso, toJson } from '../../store/createDb.ts';
import type { PersonalData } from '../../services/privacy/index.ts';
import { listIncidentRows } from '../../store/incidentQueries.ts';
import {
  deployErrors,
  EngineDeployError,
  IncidentNotResolvedError,
  USER_TASK_JOB_TYPE,
  type DeployedProcess,
  type DeployProblem,
  type DeployResource,
  type EngineEvent,
  type Incident,
  type InstanceMigrationRequest,
  type InstanceMigrationResult,
  type InstanceSummary,
  type Job,
  type JobHandler,
  type JobOutcome,
  type JobState,
  type ProcessEngine,
  type Variables,
  type WorkerOptions,
} from '../../port/ProcessEngine.ts';
import { evaluateFeel, isFeel } from '../../bpmn/feel.ts';
import { InstanceSession, JOB_ELEMENTS, type SessionResult, type Wait } from './instanceSession.ts';
import { nextKey } from './keys.ts';
import { KeyedMutex } from '../../util/KeyedMutex.ts';
import { crashPoint } from '../../reliability/crashPoint.ts';
import { readTimerStart, timerStartDue } from '../../bpmn/timerStart.ts';
import { parseDefinitions, SCRIPT_EXPRESSION_HEADER, SCRIPT_JOB_TYPE, SCRIPT_RESULT_HEADER, type ElementInfo, type ProcessModel } from '../../bpmn/zeebeModel.ts';
import { eventSubTimerDue } from './eventSubTimer.ts';
import { migrateEmbeddedInstance } from './instanceMigration.ts';
// Event sub-process starts: `evsub:<start id>` in subscriptions, `evsub:<start id>#<n>` (the n-th firing) in engine_timers.
import { AlreadyAppliedError, EVENT_SUB_PREFIX, SignalBroadcasts, type SignalStarts } from './SignalBroadcasts.ts';

interface LoadedDefinition {
  key: string;
  bpmnProcessId: string;
  version: number;
  sourceContext: unknown;
  model: ProcessModel;
}

interface InstanceRow {
  key: string;
  definition_key: string;
  bpmn_process_id: string;
  parent_key: string | null;
  parent_execution_id: string | null;
  status: 'ACTIVE' | 'COMPLETED' | 'TERMINATED';
  state: string | null;
  variables: string;
  trail: string;
  version: number;
  start_key?: string | null;
}

interface JobRow {
  key: string;
  instance_key: string;
  execution_id: string;
  element_id: string;
  type: string;
  retries: number;
  state: 'ACTIVATABLE' | 'ACTIVATED' | 'INCIDENT' | 'COMPLETED' | 'CANCELLED';
  worker: string | null;
  deadline: string | null;
  not_before: string | null;
  custom_headers: string;
  variables: string;
  error_message: string | null;
}

/** A command applied to a recovered instance inside one session. */
type Command = (session: InstanceSession, vars: Variables) => void;

export interface EmbeddedEngineOptions {
  /** Clock for timers; tests and demos may run it ahead of the wall clock. */
  now?: () => number;
  timerPollMs?: number;
  jobPollMs?: number;
  workerName?: string;
  stopTimeoutMs?: number;
  log?: (msg: string) => void;
  /** Live engine objects kept for instances just advanced (0 turns it off); the stored state stays the truth. */
  hotInstances?: number;
}

/** A live session of an instance whose stored row is at `version`: reused only while the row still is. */
interface HotInstance {
  session: InstanceSession;
  version: number;
  definitionKey: string;
}

const CALL_JOB_TYPE = 'embedded:callActivity';
/** engine_timers rows of timer start events: `start:<definition key>`, one per start event, no instance yet. */
const TIMER_START_PREFIX = 'start:';
const MESSAGE_WAIT_TYPE = 'embedded:message';
const HOLD_TIMEOUT_MS = 365 * 24 * 3600 * 1000;
/** A held job is first leased for this long; only once its handler has run (the inbox task exists) is it held for the year. */
const HOLD_LEASE_MS = 30_000;

class OptimisticLockError extends Error {}

/**
 * The embedded adapter: bpmn-engine in-process, Zeebe semantics on top (jobs, incidents, FEEL,
 * mappings, user tasks as jobs), every wait state persisted and the engine object dropped.
 */
/**
 * One serialized context per process: bpmn-engine would otherwise start every executable process
 * of the file (a call activity's callee included) together.
 */
function serializeProcess(moddleContext: unknown, bpmnProcessId: string) {
  const typeResolver = TypeResolver({ ...Elements, ...JOB_ELEMENTS });
  return serializeContext(moddleContext as never, typeResolver, ((mapped: any) => zeebeExtend(mapped, bpmnProcessId)) as never);
}

export class EmbeddedEngine implements ProcessEngine {
  readonly kind = 'embedded' as const;
  private readonly knex: Knex;
  private readonly definitions = new Map<string, LoadedDefinition>();
  /** The last files checked (parsed and loaded), by name and content: a deploy checks each file twice. */
  private readonly checked = new Map<string, Awaited<ReturnType<typeof parseDefinitions>>>();
  private readonly mutex = new KeyedMutex();
  private readonly workers = new Map<string, { handler: JobHandler; options: Required<WorkerOptions>; active: number }>();
  private readonly listeners: Array<(e: EngineEvent) => void | Promise<void>> = [];
  private readonly inFlight = new Set<Promise<unknown>>();
  private timerLoop?: NodeJS.Timeout;
  private jobLoop?: NodeJS.Timeout;
  private running = false;
  private kickScheduled = false;
  private readonly workerName: string;
  private readonly now: () => number;
  /** Variables and saved state are sealed at the store (ID and mobile numbers); in memory they are clear. */
  private readonly personal: PersonalData;
  private readonly signals: SignalBroadcasts;
  /**
   * Bounded cache (least recently used first) of the live sessions of instances this process advanced
   * last: a command on one whose row is still at the version it wrote skips rebuilding and recovering
   * the engine. Anything else (another process, an admin's variables, a failure) rebuilds from the row.
   */
  private readonly hot = new Map<string, HotInstance>();

  constructor(
    db: Db,
    private readonly options: EmbeddedEngineOptions = {},
  ) {
    this.knex = db.knex;
    this.personal = db.personal;
    this.workerName = options.workerName ?? `embedded-${process.pid}`;
    this.now = options.now ?? Date.now;
    this.signals = new SignalBroadcasts({
      knex: this.knex,
      personal: this.personal,
      log: options.log,
      latestStarts: (pick) => this.latestStarts(pick),
      startInstance: (req) => this.startInstance(req),
      eventSubStartsOf: async (instanceKey) => (await this.definitionOfInstance(instanceKey)).model.eventSubStarts,
      command: (instanceKey, cmd, after) => this.command(instanceKey, cmd, after),
      isGone: (err) => err instanceof InstanceGoneError,
    });
  }

  // ---------------------------------------------------------------- lifecycle

  async start(): Promise<void> {
    // zeebe:script tasks: the engine's own worker evaluates the FEEL into the result variable.
    if (!this.workers.has(SCRIPT_JOB_TYPE)) this.registerWorker(SCRIPT_JOB_TYPE, runScript);
    await this.recoverHeldLeases();
    this.running = true;
    const timerPoll = this.options.timerPollMs ?? 1000;
    const jobPoll = this.options.jobPollMs ?? 200;
    const loopTimers = () => {
      if (!this.running) return;
      // Signal deliveries left by a crash (or a failed delivery) are applied with the timer poll.
      this.track(this.fireDueTimers().then(() => this.signals.deliver())).finally(() => {
        if (this.running) this.timerLoop = setTimeout(loopTimers, timerPoll);
      });
    };
    const loopJobs = () => {
      if (!this.running) return;
      this.track(this.dispatchJobs()).finally(() => {
        if (this.running) this.jobLoop = setTimeout(loopJobs, jobPoll);
      });
    };
    loopTimers();
    loopJobs();
  }

  /**
   * A held job whose handler never finished (the process died after the activation commit) is still
   * on its short lease: offer it again now instead of when the lease runs out. Handlers of held jobs
   * are idempotent, so a second run by a live process only finds its own work done.
   */
  private async recoverHeldLeases(): Promise<void> {
    const held = [...this.workers].filter(([, w]) => w.options.hold).map(([type]) => type);
    if (!held.length) return;
    const leaseEnd = new Date(Date.now() + 2 * HOLD_LEASE_MS).toISOString();
    await this.knex('engine_jobs').whereIn('type', held).andWhere({ state: 'ACTIVATED' }).andWhere('deadline', '<', leaseEnd).update({ deadline: new Date(0).toISOString() });
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const h of this.hot.values()) h.session.stop();
    this.hot.clear();
    clearTimeout(this.timerLoop);
    clearTimeout(this.jobLoop);
    // A handler that never returns (a dead worker) must not block shutdown; its job times out and is re-activated.
    const deadline = Date.now() + (this.options.stopTimeoutMs ?? 5000);
    while (this.inFlight.size && Date.now() < deadline) {
      await Promise.race([Promise.allSettled([...this.inFlight]), new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now())))]);
    }
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.inFlight.add(p);
    const done = () => this.inFlight.delete(p);
    p.then(done, done);
    return p;
  }

  onEvent(listener: (event: EngineEvent) => void | Promise<void>): void {
    this.listeners.push(listener);
  }

  private async emit(events: EngineEvent[]): Promise<void> {
    for (const e of events) {
      for (const l of this.listeners) {
        try {
          await l(e);
        } catch (err) {
          this.options.log?.(`event listener failed: ${(err as Error).message}`);
        }
      }
    }
  }

  // ---------------------------------------------------------------- deployment

  async validate(resources: DeployResource[]): Promise<DeployProblem[]> {
    const problems: DeployProblem[] = [];
    for (const r of resources) problems.push(...(await this.check(r)).problems);
    return problems;
  }

  /**
   * Everything a first start does with a file short of running it: parse, check the Zeebe
   * extensions, and build each process's engine context; what would fail there fails here.
   */
  private async check(r: DeployResource): Promise<Awaited<ReturnType<typeof parseDefinitions>>> {
    // A deploy validates first and then deploys the same files: the second check of a file is the first's.
    const key = `${r.name}\0${createHash('sha256').update(r.xml).digest('hex')}`;
    const hit = this.checked.get(key);
    if (hit) return { ...hit, problems: [...hit.problems] };
    const parsed = await this.checkUncached(r);
    if (this.checked.size >= 16) this.checked.delete(this.checked.keys().next().value!);
    this.checked.set(key, { ...parsed, problems: [...parsed.problems] });
    return parsed;
  }

  private async checkUncached(r: DeployResource): Promise<Awaited<ReturnType<typeof parseDefinitions>>> {
    const parsed = await parseDefinitions(r.name, r.xml);
    if (deployErrors(parsed.problems).length) return parsed;
    for (const proc of parsed.processes) {
      try {
        serializeProcess(parsed.moddleContext, proc.bpmnProcessId);
      } catch (err) {
        parsed.problems.push({ file: r.name, code: 'ENGINE_LOAD', message: `流程 ${proc.bpmnProcessId} 无法载入嵌入式引擎:${(err as Error).message}` });
      }
    }
    return parsed;
  }

  async deploy(resources: DeployResource[]): Promise<DeployedProcess[]> {
    const parsed: Array<{ resource: DeployResource; parsed: Awaited<ReturnType<typeof parseDefinitions>> }> = [];
    const problems: DeployProblem[] = [];
    for (const r of resources) {
      const p = await this.check(r);
      problems.push(...deployErrors(p.problems));
      parsed.push({ resource: r, parsed: p });
    }
    if (problems.length) throw new EngineDeployError(problems);

    const deployed: DeployedProcess[] = [];
    await this.knex.transaction(async (trx) => {
      for (const { resource, parsed: p } of parsed) {
        const checksum = createHash('sha256').update(resource.xml).digest('hex');
        for (const proc of p.processes) {
          const latest = await trx('engine_definitions').where({ bpmn_process_id: proc.bpmnProcessId }).orderBy('version', 'desc').first();
          if (latest && latest.checksum === checksum) {
            deployed.push({ bpmnProcessId: proc.bpmnProcessId, version: latest.version, definitionKey: latest.key, resourceName: resource.name });
            continue;
          }
          const key = nextKey();
          const version = (latest?.version ?? 0) + 1;
          await trx('engine_definitions').insert({
            key,
            bpmn_process_id: proc.bpmnProcessId,
            version,
            resource_name: resource.name,
            checksum,
            xml: resource.xml,
            // On the engine's clock: a timer start cycle without a first date counts from the deploy.
            created_at: new Date(this.now()).toISOString(),
          });
          // As in Zeebe, a new version's timer start events replace the earlier versions' ones.
          const earlier = (await trx('engine_definitions').where({ bpmn_process_id: proc.bpmnProcessId }).whereNot({ key }).select('key')) as Array<{ key: string }>;
          if (earlier.length) await trx('engine_timers').whereIn('instance_key', earlier.map((d) => `${TIMER_START_PREFIX}${d.key}`)).delete();
          for (const t of proc.timerStarts) {
            const due = timerStartDue(readTimerStart(t), 1, new Date(this.now()));
            if (due) await trx('engine_timers').insert({ instance_key: `${TIMER_START_PREFIX}${key}`, execution_id: `${t.startId}#1`, element_id: t.startId, due_at: due.toISOString() });
          }
          deployed.push({ bpmnProcessId: proc.bpmnProcessId, version, definitionKey: key, resourceName: resource.name });
        }
      }
    });
    return deployed;
  }

  private async loadDefinition(key: string): Promise<LoadedDefinition> {
    const hit = this.definitions.get(key);
    if (hit) return hit;
    const row = await this.knex('engine_definitions').where({ key }).first();
    if (!row) throw new Error(`process definition ${key} not found`);
    const parsed = await parseDefinitions(row.resource_name, row.xml);
    const model = parsed.processes.find((p) => p.bpmnProcessId === row.bpmn_process_id);
    if (!model) throw new Error(`process ${row.bpmn_process_id} missing in ${row.resource_name}`);
    const sourceContext = serializeProcess(parsed.moddleContext, row.bpmn_process_id);
    const def: LoadedDefinition = { key, bpmnProcessId: row.bpmn_process_id, version: row.version, sourceContext, model };
    this.definitions.set(key, def);
    return def;
  }

  private async latestDefinitionKey(bpmnProcessId: string): Promise<string> {
    const row = await this.knex('engine_definitions').where({ bpmn_process_id: bpmnProcessId }).orderBy('version', 'desc').first('key');
    if (!row) throw new EngineDeployError([{ file: '', code: 'NOT_DEPLOYED', message: `流程 ${bpmnProcessId} 尚未部署` }]);
    return row.key;
  }

  // ---------------------------------------------------------------- instances

  async createInstance(req: { bpmnProcessId: string; definitionKey?: string; variables: Variables; startKey?: string }): Promise<{ processInstanceKey: string }> {
    // As on Zeebe, a process whose only start is a timer, message or signal is started by that trigger, not directly.
    const def = await this.loadDefinition(req.definitionKey ?? (await this.latestDefinitionKey(req.bpmnProcessId)));
    const trigger = def.model.timerStarts.length ? '定时器' : def.model.messageStarts.length ? '消息' : def.model.signalStarts.length ? '信号' : undefined;
    if (trigger) throw new Error(`流程 ${def.bpmnProcessId} 没有无触发的开始事件,只能由${trigger}开始事件启动`);
    return this.startInstance({ ...req, definitionKey: def.key });
  }

  /** Creates an instance through the process's start (its plain start, or the triggered start the adapter serves). */
  private async startInstance(req: { bpmnProcessId: string; definitionKey?: string; variables: Variables; startKey?: string }): Promise<{ processInstanceKey: string }> {
    const started = async () => (req.startKey ? ((await this.knex('engine_instances').where({ start_key: req.startKey }).first('key')) as { key: string } | undefined) : undefined);
    const earlier = await started();
    if (earlier) return { processInstanceKey: earlier.key };
    const key = nextKey();
    try {
      await this.createInstanceWithKey(key, req.definitionKey ?? (await this.latestDefinitionKey(req.bpmnProcessId)), req.variables, null, req.startKey);
    } catch (err) {
      // Two starts with one key at once: the store's unique key let one in; the other returns it.
      const winner = await started();
      if (winner) return { processInstanceKey: winner.key };
      throw err;
    }
    return { processInstanceKey: key };
  }

  private async createInstanceWithKey(key: string, definitionKey: string, variables: Variables, parent: { key: string; executionId: string } | null, startKey?: string): Promise<void> {
    const def = await this.loadDefinition(definitionKey);
    await this.mutex.run(key, async () => {
      const vars: Variables = { ...variables };
      const session = new InstanceSession(key, def.sourceContext, def.model, vars, this.now);
      await session.start(vars);
      const result = await session.finish({ keepAlive: this.hotLimit > 0 });
      if (result.error) {
        session.stop();
        throw new Error(`流程启动失败:${result.error.message}`);
      }
      const row: InstanceRow = {
        key,
        definition_key: def.key,
        bpmn_process_id: def.bpmnProcessId,
        parent_key: parent?.key ?? null,
        parent_execution_id: parent?.executionId ?? null,
        status: 'ACTIVE',
        state: null,
        variables: '{}',
        trail: '[]',
        version: 0,
        start_key: startKey ?? null,
      };
      try {
        await this.persist(row, def, vars, result, { insert: true });
      } catch (err) {
        session.stop();
        throw err;
      }
      this.keepHot(key, session, 1, def.key, result);
    });
  }

  private get hotLimit(): number {
    return this.options.hotInstances ?? 64;
  }

  private keepHot(key: string, session: InstanceSession, version: number, definitionKey: string, result: SessionResult): void {
    if (this.hotLimit <= 0 || result.status !== 'ACTIVE' || !this.running) return session.stop();
    this.hot.set(key, { session, version, definitionKey });
    while (this.hot.size > this.hotLimit) {
      const [oldest, h] = this.hot.entries().next().value as [string, HotInstance];
      this.hot.delete(oldest);
      h.session.stop();
    }
  }

  async cancelInstance(processInstanceKey: string): Promise<void> {
    await this.command(processInstanceKey, (session) => session.cancel());
  }

  async getInstance(processInstanceKey: string): Promise<InstanceSummary | null> {
    const row = (await this.knex('engine_instances').where({ key: processInstanceKey }).first()) as InstanceRow | undefined;
    if (!row) return null;
    return {
      key: row.key,
      bpmnProcessId: row.bpmn_process_id,
      status: row.status,
      variables: this.personal.fromJson<Variables>(row.variables),
      completedElements: fromJson<string[]>(row.trail),
    };
  }

  /**
   * Recover the instance, apply one command, run to the next wait states and persist. Retries on
   * an optimistic-lock conflict (another process advanced the same instance meanwhile).
   */
  private async command(instanceKey: string, cmd: Command, after?: (trx: Knex.Transaction, result: SessionResult) => Promise<void>): Promise<SessionResult> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.mutex.run(instanceKey, async () => {
          const row = (await this.knex('engine_instances').where({ key: instanceKey }).first()) as InstanceRow | undefined;
          if (!row) throw new InstanceGoneError(`流程实例 ${instanceKey} 不存在`);
          if (row.status !== 'ACTIVE') throw new InstanceGoneError(`流程实例 ${instanceKey} 已结束`);
          const def = await this.loadDefinition(row.definition_key);
          const stored = this.personal.fromJson<Variables>(row.variables);
          const hot = this.hot.get(instanceKey);
          this.hot.delete(instanceKey);
          let session: InstanceSession;
          if (hot && hot.version === row.version && hot.definitionKey === row.definition_key) {
            session = hot.session;
            session.reuse(stored);
          } else {
            hot?.session.stop();
            session = new InstanceSession(instanceKey, def.sourceContext, def.model, stored, this.now);
            await session.resume(this.personal.fromJson(row.state));
          }
          const vars = session.variables;
          let result: SessionResult;
          try {
            cmd(session, vars);
            result = await session.finish({ keepAlive: this.hotLimit > 0 });
            if (result.error) throw new InstanceRunError(result.error.message, result.error.elementId);
            await this.persist(row, def, vars, result, { after });
          } catch (err) {
            // What the live engine did was not stored: the next command starts from the row again.
            session.stop();
            throw err;
          }
          this.keepHot(instanceKey, session, row.version + 1, row.definition_key, result);
          return result;
        });
      } catch (err) {
        if (err instanceof OptimisticLockError && attempt < 5) continue;
        throw err;
      }
    }
  }

  private async persist(
    row: InstanceRow,
    def: LoadedDefinition,
    vars: Variables,
    result: SessionResult,
    opts: { insert?: boolean; after?: (trx: Knex.Transaction, result: SessionResult) => Promise<void> },
  ): Promise<void> {
    const now = nowIso();
    const events: EngineEvent[] = [];
    const newJobs: string[] = [];
    const childStarts: Array<{ key: string; executionId: string; info: ElementInfo; locals: Variables }> = [];
    const trail = [...fromJson<string[]>(row.trail), ...result.completed.map((c) => c.elementId)];
    for (const c of result.completed) {
      events.push({ type: 'element.completed', processInstanceKey: row.key, elementId: c.elementId, elementType: c.elementType, at: now });
    }

    // Signals thrown here reach the other instances and the signal starts through recorded deliveries,
    // committed with this step; the starts are looked up first (the store may have one connection).
    const thrown = result.thrownSignals;
    const signalStarts: SignalStarts = thrown.length ? await this.signals.startsFor(thrown.map((t) => t.name)) : new Map();
    const signalKeys: string[] = [];

    await this.knex.transaction(async (trx) => {
      const values = {
        status: result.status,
        state: result.status === 'ACTIVE' ? this.personal.toJson(result.state) : null,
        variables: this.personal.toJson(vars),
        trail: toJson(trail),
        updated_at: now,
      };
      if (opts.insert) {
        await trx('engine_instances').insert({ ...row, ...values, version: 1, created_at: now });
      } else {
        const n = await trx('engine_instances').where({ key: row.key, version: row.version }).update({ ...values, version: row.version + 1 });
        if (n !== 1) throw new OptimisticLockError();
      }

      // Jobs: one row per waiting execution; executions no longer waiting lose their open jobs.
      const existing = (await trx('engine_jobs').where({ instance_key: row.key })) as JobRow[];
      const byExecution = new Map(existing.map((j) => [j.execution_id, j]));
      for (const wait of result.waits.values()) {
        if (byExecution.has(wait.executionId)) continue;
        const info = def.model.elements.get(wait.elementId)!;
        const jobKey = nextKey();
        const { row: job, problem, locals } = this.buildJob(jobKey, row.key, info, wait, vars);
        if (problem) {
          // As on Zeebe: an expression whose result cannot be used stops at an incident instead of a task nobody can see.
          const incident: Incident = { key: nextKey(), processInstanceKey: row.key, jobKey, elementId: info.id, errorType: 'EXTRACT_VALUE_ERROR', message: problem, state: 'OPEN', createdAt: now };
          await trx('engine_jobs').insert({ ...job, state: 'INCIDENT', error_message: problem });
          await trx('engine_incidents').insert({ key: incident.key, instance_key: row.key, job_key: jobKey, element_id: info.id, error_type: incident.errorType, message: problem, state: 'OPEN', created_at: now });
          events.push({ type: 'incident.created', incident });
          continue;
        }
        await trx('engine_jobs').insert(job);
        if (wait.kind === 'job') newJobs.push(jobKey);
        if (wait.kind === 'call') childStarts.push({ key: jobKey, executionId: wait.executionId, info, locals });
        if (wait.kind === 'message') await this.storeSubscription(trx, row.key, wait, info, vars);
      }
      for (const job of existing) {
        if (result.waits.has(job.execution_id)) continue;
        if (job.state === 'ACTIVATABLE' || job.state === 'ACTIVATED' || job.state === 'INCIDENT') {
          await trx('engine_jobs').where({ key: job.key }).update({ state: 'CANCELLED' });
          await trx('engine_incidents').where({ job_key: job.key, state: 'OPEN' }).update({ state: 'RESOLVED', resolved_at: now });
          if (job.type === MESSAGE_WAIT_TYPE) await trx('engine_message_subscriptions').where({ instance_key: row.key, execution_id: job.execution_id }).delete();
          if (job.type === CALL_JOB_TYPE) {
            const child = await trx('engine_instances').where({ parent_key: row.key, parent_execution_id: job.execution_id, status: 'ACTIVE' }).first('key');
            if (child) this.track(this.cancelInstance(child.key).catch(() => undefined));
          }
          events.push({ type: 'job.cancelled', processInstanceKey: row.key, jobKey: job.key, elementId: job.element_id, at: now });
        }
      }

      // A timer keeps the due time it got when it was first armed; re-arming on resume must not move it.
      const armed = new Map<string, string>(
        ((await trx('engine_timers').where({ instance_key: row.key })) as Array<{ execution_id: string; due_at: string }>).map((t) => [t.execution_id, t.due_at]),
      );
      // An event sub-process's timer is the adapter's own row: it stays until it fires or the instance ends.
      if (result.status === 'ACTIVE') await trx('engine_timers').where({ instance_key: row.key }).andWhere('execution_id', 'not like', `${EVENT_SUB_PREFIX}%`).delete();
      else await trx('engine_timers').where({ instance_key: row.key }).delete();
      if (result.status === 'ACTIVE') {
        for (const t of result.timers.values()) {
          await trx('engine_timers').insert({ instance_key: row.key, execution_id: t.executionId, element_id: t.elementId, due_at: armed.get(t.executionId) ?? t.dueAt });
        }
        if (opts.insert) {
          const started = new Date(this.now());
          for (const e of def.model.eventSubStarts) {
            if (!e.timer) continue;
            let due: Date | null;
            try {
              due = eventSubTimerDue(e, 1, started, vars);
            } catch (err) {
              // As on Zeebe, a timer expression without a usable value is an incident of the instance, not a failed start.
              const message = `事件子流程定时器 ${e.startId} 的表达式「${e.timer.expression}」没有可用的值:${(err as Error).message}`;
              const incident: Incident = { key: nextKey(), processInstanceKey: row.key, jobKey: null, elementId: e.startId, errorType: 'EXTRACT_VALUE_ERROR', message, state: 'OPEN', createdAt: now };
              await trx('engine_incidents').insert({ key: incident.key, instance_key: row.key, job_key: null, element_id: e.startId, error_type: incident.errorType, message, state: 'OPEN', created_at: now });
              events.push({ type: 'incident.created', incident });
              continue;
            }
            if (due) await trx('engine_timers').insert({ instance_key: row.key, execution_id: `${EVENT_SUB_PREFIX}${e.startId}#1`, element_id: e.startId, due_at: due.toISOString() });
          }
        }
      } else {
        await trx('engine_message_subscriptions').where({ instance_key: row.key }).delete();
      }
      for (const t of thrown) {
        const signalKey = nextKey();
        signalKeys.push(signalKey);
        // As on Zeebe, the throwing event's input mappings are the signal's variables.
        const info = def.model.elements.get(t.elementId);
        const variables = info?.inputs.length ? this.evalInputs(info, vars) : {};
        await this.signals.record(trx, signalKey, t.name, variables, signalStarts, row.key);
      }
      if (opts.after) await opts.after(trx, result);
      // Event sub-processes started by a message listen while the instance runs: an interrupting one
      // once (from the start), a non-interrupting one again after each time it started.
      if (result.status === 'ACTIVE') {
        for (const e of def.model.eventSubStarts) {
          if ((e.interrupting && !opts.insert) || e.timer) continue;
          const executionId = `${EVENT_SUB_PREFIX}${e.startId}`;
          if (await trx('engine_message_subscriptions').where({ instance_key: row.key, execution_id: executionId }).first('instance_key')) continue;
          const trigger = e.message
            ? { kind: 'message', message_ref: e.message.refId, message_name: e.message.name, correlation_key: String(evalMaybe(e.message.correlationKey, vars) ?? '') }
            : { kind: 'signal', message_ref: e.signal!.refId, message_name: e.signal!.name, correlation_key: '' };
          await trx('engine_message_subscriptions').insert({ instance_key: row.key, execution_id: executionId, element_id: e.startId, ...trigger });
        }
      }
    });

    if (result.status === 'COMPLETED') {
      events.push({ type: 'instance.completed', processInstanceKey: row.key, bpmnProcessId: row.bpmn_process_id, variables: vars, at: now });
    } else if (result.status === 'TERMINATED') {
      events.push({ type: 'instance.terminated', processInstanceKey: row.key, bpmnProcessId: row.bpmn_process_id, at: now });
    }
    await this.emit(events);

    // Work that follows the commit: call activities start their child, a completed child returns
    // to its parent, buffered messages correlate, new jobs are offered to workers.
    for (const c of childStarts) {
      const childKey = nextKey();
      // The child sees the parent's variables and the call's own: its input mappings and, in a
      // multi-instance call, the item and loop counter of its turn.
      const childVars = { ...vars, ...c.locals };
      this.track(
        this.latestDefinitionKey(c.info.calledProcessId!)
          .then((defKey) => this.createInstanceWithKey(childKey, defKey, childVars, { key: row.key, executionId: c.executionId }))
          .catch((err) => this.raiseIncident(c.key, row.key, c.info.id, 'CALLED_ELEMENT_ERROR', (err as Error).message)),
      );
    }
    if (result.status === 'COMPLETED' && row.parent_key && row.parent_execution_id) {
      const parentKey = row.parent_key;
      const execId = row.parent_execution_id;
      this.track(this.completeCall(parentKey, execId, vars).catch((err) => this.options.log?.(`call return failed: ${(err as Error).message}`)));
    }
    if (result.status === 'ACTIVE' && [...result.waits.values()].some((w) => w.kind === 'message')) {
      this.track(this.correlateBuffered(row.key).catch((err) => this.options.log?.(`buffered message failed: ${(err as Error).message}`)));
    }
    if (newJobs.length) this.kick();
    for (const k of signalKeys) this.track(this.signals.deliver(k).catch((err) => this.options.log?.(`signal delivery failed: ${(err as Error).message}`)));
  }

  private buildJob(jobKey: string, instanceKey: string, info: ElementInfo, wait: Wait, vars: Variables): { row: Record<string, unknown>; problem?: string; locals: Variables } {
    const locals: Variables = {};
    if (info.loop?.inputElement) locals[info.loop.inputElement] = wait.loopItem ?? null;
    if (info.loop) locals.loopCounter = (wait.loopIndex ?? 0) + 1;
    if (info.loop?.outputCollection) {
      const coll = vars[info.loop.outputCollection];
      const len = evaluateList(info.loop.inputCollection, vars).length;
      if (!Array.isArray(coll) || coll.length !== len) vars[info.loop.outputCollection] = Array.from({ length: len }, () => null);
    }
    Object.assign(locals, this.evalInputs(info, { ...vars, ...locals }));
    const scope = { ...vars, ...locals };
    const headers: Record<string, string> = { ...info.headers };
    let problem: string | undefined;
    let type = info.jobType ?? USER_TASK_JOB_TYPE;
    if (info.jobType && isFeel(info.jobType)) {
      const evaluated = jobTypeOf(info.jobType, scope);
      type = evaluated.type;
      problem = evaluated.problem;
    }
    if (wait.kind === 'call') type = CALL_JOB_TYPE;
    if (wait.kind === 'message') type = MESSAGE_WAIT_TYPE;
    if (info.type === 'bpmn:UserTask') {
      const assignment = userTaskHeaders(info, scope);
      Object.assign(headers, assignment.headers);
      problem = [problem, assignment.problem].filter(Boolean).join(';') || undefined;
    }
    const row = {
      key: jobKey,
      instance_key: instanceKey,
      execution_id: wait.executionId,
      element_id: info.id,
      type,
      retries: info.retries ?? 3,
      state: wait.kind === 'job' ? 'ACTIVATABLE' : 'ACTIVATED',
      worker: wait.kind === 'job' ? null : 'engine',
      deadline: null,
      not_before: null,
      custom_headers: toJson(headers),
      variables: this.personal.toJson(locals),
      error_message: null,
      created_at: nowIso(),
    };
    return problem ? { row, problem, locals } : { row, locals };
  }

  private evalInputs(info: ElementInfo, scope: Variables): Variables {
    const out: Variables = {};
    for (const m of info.inputs) setPath(out, m.target, evalMaybe(m.source, { ...scope, ...out }));
    return out;
  }

  private applyOutputs(info: ElementInfo, vars: Variables, locals: Variables, result: Variables): void {
    const scope = { ...vars, ...locals, ...result };
    if (info.outputs.length) {
      for (const m of info.outputs) setPath(vars, m.target, evalMaybe(m.source, scope));
    } else if (!info.loop) {
      Object.assign(vars, result);
    }
    if (info.loop?.outputCollection && info.loop.outputElement) {
      const coll = Array.isArray(vars[info.loop.outputCollection]) ? (vars[info.loop.outputCollection] as unknown[]) : [];
      const idx = (Number(locals.loopCounter) || 1) - 1;
      coll[idx] = evalMaybe(info.loop.outputElement, scope);
      vars[info.loop.outputCollection] = coll;
    }
  }

  // ---------------------------------------------------------------- jobs

  registerWorker(type: string, handler: JobHandler, options: WorkerOptions = {}): void {
    this.workers.set(type, {
      handler,
      options: { timeoutMs: options.timeoutMs ?? 60_000, maxJobsActive: options.maxJobsActive ?? 8, hold: options.hold ?? false },
      active: 0,
    });
    this.kick();
  }

  /** Run the dispatcher soon (new jobs were created) without waiting for the next poll. */
  private kick(): void {
    if (!this.running || this.kickScheduled) return;
    this.kickScheduled = true;
    setImmediate(() => {
      this.kickScheduled = false;
      this.track(this.dispatchJobs());
    });
  }

  private async dispatchJobs(): Promise<void> {
    const now = nowIso();
    for (const [type, worker] of this.workers) {
      const free = worker.options.maxJobsActive - worker.active;
      if (free <= 0) continue;
      const candidates = (await this.knex('engine_jobs')
        .where({ type })
        .andWhere((q) =>
          q
            .where((q2) => q2.where({ state: 'ACTIVATABLE' }).andWhere((q3) => q3.whereNull('not_before').orWhere('not_before', '<=', now)))
            .orWhere((q2) => q2.where({ state: 'ACTIVATED' }).andWhere('deadline', '<', now)),
        )
        .orderBy('key')
        .limit(free)) as JobRow[];
      for (const job of candidates) {
        const timeout = worker.options.hold ? HOLD_LEASE_MS : worker.options.timeoutMs;
        const deadline = new Date(Date.now() + timeout).toISOString();
        // Claim by compare-and-set so two processes never activate the same job twice.
        const claimed = await this.knex('engine_jobs')
          .where({ key: job.key, state: job.state })
          .andWhere((q) => (job.deadline ? q.where({ deadline: job.deadline }) : q.whereNull('deadline')))
          .update({ state: 'ACTIVATED', worker: this.workerName, deadline });
        if (claimed !== 1) continue;
        worker.active++;
        this.track(
          this.runHandler(worker.handler, { ...job, deadline }, worker.options.hold).finally(() => {
            worker.active--;
          }),
        );
      }
    }
  }

  private async toJob(row: JobRow): Promise<Job> {
    const inst = (await this.knex('engine_instances').where({ key: row.instance_key }).first('variables', 'bpmn_process_id')) as { variables: string; bpmn_process_id: string };
    return {
      key: row.key,
      type: row.type,
      processInstanceKey: row.instance_key,
      bpmnProcessId: inst?.bpmn_process_id ?? '',
      elementId: row.element_id,
      customHeaders: fromJson(row.custom_headers),
      variables: { ...this.personal.fromJson<Variables>(inst?.variables ?? '{}'), ...this.personal.fromJson<Variables>(row.variables) },
      retries: row.retries,
      deadline: row.deadline,
    };
  }

  private async runHandler(handler: JobHandler, row: JobRow, hold: boolean): Promise<void> {
    let outcome: JobOutcome;
    if (hold) crashPoint('userTask.activated');
    try {
      outcome = await handler(await this.toJob(row));
    } catch (err) {
      outcome = { kind: 'fail', errorMessage: (err as Error).message, retries: row.retries - 1 };
    }
    if (hold) {
      // Held for the year only after the handler has done its work: a crash before this leaves the
      // lease, which runs out (or start-up re-offers it) and the idempotent handler runs again.
      if (outcome.kind !== 'complete') return;
      crashPoint('userTask.projected');
      await this.knex('engine_jobs')
        .where({ key: row.key, state: 'ACTIVATED', deadline: row.deadline })
        .update({ deadline: new Date(Date.now() + HOLD_TIMEOUT_MS).toISOString() })
        .catch((err) => this.options.log?.(`hold of job ${row.key} failed: ${(err as Error).message}`));
      return;
    }
    try {
      if (outcome.kind === 'complete') await this.completeJob(row.key, outcome.variables ?? {});
      else if (outcome.kind === 'fail') await this.failJob(row.key, outcome.errorMessage, outcome.retries ?? row.retries - 1, outcome.retryBackoffMs);
      else await this.throwError(row.key, outcome.errorCode, outcome.errorMessage, outcome.variables);
    } catch (err) {
      this.options.log?.(`job ${row.key} outcome failed: ${(err as Error).message}`);
    }
  }

  private async openJob(jobKey: string): Promise<JobRow> {
    const job = (await this.knex('engine_jobs').where({ key: jobKey }).first()) as JobRow | undefined;
    if (!job || (job.state !== 'ACTIVATED' && job.state !== 'ACTIVATABLE')) throw new JobNotFoundError(`任务 ${jobKey} 不存在或已结束`);
    return job;
  }

  async completeJob(jobKey: string, variables: Variables = {}): Promise<void> {
    const job = await this.openJob(jobKey);
    const def = await this.definitionOfInstance(job.instance_key);
    const info = def.model.elements.get(job.element_id)!;
    try {
      await this.command(
        job.instance_key,
        (session, vars) => {
          if (!session.isWaiting(job.execution_id)) throw new JobNotFoundError(`任务 ${jobKey} 已不在等待状态`);
          this.applyOutputs(info, vars, this.personal.fromJson(job.variables), variables);
          session.signal(job.element_id, job.execution_id);
        },
        async (trx) => {
          await trx('engine_jobs').where({ key: jobKey }).update({ state: 'COMPLETED' });
        },
      );
    } catch (err) {
      if (err instanceof InstanceRunError) {
        await this.raiseIncident(jobKey, job.instance_key, err.elementId ?? job.element_id, 'EXTRACT_VALUE_ERROR', err.message);
        return;
      }
      throw err;
    }
  }

  async jobState(jobKey: string): Promise<JobState | null> {
    const job = (await this.knex('engine_jobs').where({ key: jobKey }).first('state')) as Pick<JobRow, 'state'> | undefined;
    if (!job) return null;
    return job.state === 'ACTIVATABLE' || job.state === 'ACTIVATED' ? 'OPEN' : job.state;
  }

  async listHeldJobKeys(type: string): Promise<string[]> {
    return ((await this.knex('engine_jobs').where({ type, state: 'ACTIVATED' }).orderBy('key').select('key')) as Array<{ key: string }>).map((r) => r.key);
  }

  async heldJob(jobKey: string): Promise<Job | null> {
    const row = (await this.knex('engine_jobs').where({ key: jobKey, state: 'ACTIVATED' }).first()) as JobRow | undefined;
    return row ? this.toJob(row) : null;
  }

  async setVariables(processInstanceKey: string, variables: Variables): Promise<void> {
    await this.mutex.run(processInstanceKey, async () => {
      const row = (await this.knex('engine_instances').where({ key: processInstanceKey }).first()) as InstanceRow | undefined;
      if (!row) throw new InstanceGoneError(`流程实例 ${processInstanceKey} 不存在`);
      if (row.status !== 'ACTIVE') throw new InstanceGoneError(`流程实例 ${processInstanceKey} 已结束`);
      const def = await this.loadDefinition(row.definition_key);
      const vars = { ...fromJson<Variables>(row.variables), ...variables };
      await this.knex.transaction(async (trx) => {
        const n = await trx('engine_instances').where({ key: row.key, version: row.version }).update({ variables: toJson(vars), version: row.version + 1, updated_at: nowIso() });
        if (n !== 1) throw new OptimisticLockError();
        // A job stopped at an incident read its input mappings from the old values: evaluate them again.
        const stopped = (await trx('engine_jobs').where({ instance_key: row.key, state: 'INCIDENT' })) as JobRow[];
        for (const job of stopped) {
          const info = def.model.elements.get(job.element_id);
          if (!info?.inputs.length) continue;
          const locals = fromJson<Variables>(job.variables);
          // Only the loop's own locals belong to the scope; the mapped targets are what is recomputed.
          const loopScope: Variables = {};
          if (info.loop?.inputElement) loopScope[info.loop.inputElement] = locals[info.loop.inputElement];
          if (info.loop) loopScope.loopCounter = locals.loopCounter;
          await trx('engine_jobs').where({ key: job.key }).update({ variables: toJson({ ...locals, ...this.evalInputs(info, { ...vars, ...loopScope }) }) });
        }
      });
    });
  }

  async failJob(jobKey: string, errorMessage: string, retries: number, retryBackoffMs = 0): Promise<void> {
    const job = await this.openJob(jobKey);
    if (retries > 0) {
      await this.knex('engine_jobs')
        .where({ key: jobKey })
        .update({ state: 'ACTIVATABLE', retries, error_message: errorMessage, worker: null, deadline: null, not_before: new Date(Date.now() + retryBackoffMs).toISOString() });
      if (!retryBackoffMs) this.kick();
      return;
    }
    await this.knex('engine_jobs').where({ key: jobKey }).update({ retries: 0, error_message: errorMessage });
    await this.raiseIncident(jobKey, job.instance_key, job.element_id, 'JOB_NO_RETRIES', errorMessage);
  }

  async throwError(jobKey: string, errorCode: string, errorMessage = '', variables: Variables = {}): Promise<void> {
    const job = await this.openJob(jobKey);
    const def = await this.definitionOfInstance(job.instance_key);
    const info = def.model.elements.get(job.element_id)!;
    const eventSub = info.catchesErrors.some((c) => c === '' || c === errorCode) ? undefined : def.model.errorSubStarts.find((e) => e.errorCode === errorCode) ?? def.model.errorSubStarts.find((e) => e.errorCode === '');
    if (eventSub) {
      // No boundary catches it: an error event sub-process of the process does, and ends the steps outside it.
      await this.command(
        job.instance_key,
        (session, vars) => {
          Object.assign(vars, variables);
          session.throwToEventSubProcess(eventSub.subProcessId, eventSub.errorRefId, errorCode, errorMessage);
          session.interruptOutside(eventSub.subProcessId, new Set(eventSub.elementIds));
        },
        async (trx) => {
          await trx('engine_jobs').where({ key: jobKey }).update({ state: 'COMPLETED', error_message: `${errorCode}: ${errorMessage}` });
        },
      );
      return;
    }
    if (!info.catchesErrors.some((c) => c === '' || c === errorCode)) {
      await this.raiseIncident(jobKey, job.instance_key, job.element_id, 'UNHANDLED_ERROR_EVENT', `未捕获的 BPMN 错误 ${errorCode}:${errorMessage}`);
      return;
    }
    await this.command(
      job.instance_key,
      (session, vars) => {
        // Like Zeebe: error variables land on the catching event; its output mappings (if any) decide what reaches the process.
        const catcher = [...def.model.elements.values()].find((e) => e.type === 'bpmn:BoundaryEvent' && e.attachedToRef === job.element_id && e.outputs.length);
        if (catcher) for (const m of catcher.outputs) setPath(vars, m.target, evalMaybe(m.source, { ...vars, ...variables }));
        else Object.assign(vars, variables);
        session.throwError(job.execution_id, errorCode, errorMessage);
      },
      async (trx) => {
        await trx('engine_jobs').where({ key: jobKey }).update({ state: 'COMPLETED', error_message: `${errorCode}: ${errorMessage}` });
      },
    );
  }

  private async raiseIncident(jobKey: string, instanceKey: string, elementId: string, errorType: string, message: string): Promise<void> {
    const incident: Incident = { key: nextKey(), processInstanceKey: instanceKey, jobKey, elementId, errorType, message, state: 'OPEN', createdAt: nowIso() };
    await this.knex.transaction(async (trx) => {
      await trx('engine_jobs').where({ key: jobKey }).update({ state: 'INCIDENT', error_message: message });
      await trx('engine_incidents').insert({
        key: incident.key,
        instance_key: instanceKey,
        job_key: jobKey,
        element_id: elementId,
        error_type: errorType,
        message,
        state: 'OPEN',
        created_at: incident.createdAt,
      });
    });
    await this.emit([{ type: 'incident.created', incident }]);
  }

  async listIncidents(filter: { processInstanceKey?: string; state?: 'OPEN' | 'RESOLVED' } = {}): Promise<Incident[]> {
    return listIncidentRows(this.knex, filter);
  }

  async resolveIncident(incidentKey: string, retries = 1): Promise<void> {
    const inc = await this.knex('engine_incidents').where({ key: incidentKey, state: 'OPEN' }).first();
    if (!inc) throw new JobNotFoundError(`事件 ${incidentKey} 不存在或已解决`);
    // An expression incident is resolved by evaluating the expressions again, as Zeebe does.
    const again = inc.error_type === 'EXTRACT_VALUE_ERROR' && inc.job_key ? await this.reevaluatedJob(inc.job_key, inc.instance_key) : null;
    await this.knex.transaction(async (trx) => {
      if (inc.job_key) {
        await trx('engine_jobs')
          .where({ key: inc.job_key, state: 'INCIDENT' })
          .update({
            state: 'ACTIVATABLE',
            retries: Math.max(1, retries),
            worker: null,
            deadline: null,
            not_before: null,
            ...(again?.headers ? { custom_headers: toJson(again.headers) } : {}),
            ...(again?.type ? { type: again.type } : {}),
          });
      }
      await trx('engine_incidents').where({ key: incidentKey }).update({ state: 'RESOLVED', resolved_at: nowIso() });
    });
    this.kick();
  }

  /** A job's expressions (a user task's assignment, a FEEL job type) evaluated against the instance's variables now. */
  private async reevaluatedJob(jobKey: string, instanceKey: string): Promise<{ headers?: Record<string, string>; type?: string } | null> {
    const job = await this.knex('engine_jobs').where({ key: jobKey }).first();
    const inst = (await this.knex('engine_instances').where({ key: instanceKey }).first()) as InstanceRow | undefined;
    if (!job || !inst) return null;
    const def = await this.loadDefinition(inst.definition_key);
    const info = def.model.elements.get(job.element_id);
    if (!info) return null;
    const scope = { ...this.personal.fromJson<Variables>(inst.variables), ...this.personal.fromJson<Variables>(job.variables) };
    const stillBad = (problem: string) => new IncidentNotResolvedError(`${problem.replace(/(是否引用了不存在的变量?)$/, '')}——仍不可用`);
    if (info.jobType && isFeel(info.jobType)) {
      const evaluated = jobTypeOf(info.jobType, scope);
      if (evaluated.problem) throw stillBad(evaluated.problem);
      return { type: evaluated.type };
    }
    if (info.type !== 'bpmn:UserTask' || job.type !== USER_TASK_JOB_TYPE) return null;
    const assignment = userTaskAssignment(info, scope);
    if (assignment.problem) throw stillBad(assignment.problem);
    return { headers: { ...fromJson<Record<string, string>>(job.custom_headers), ...assignment.headers } };
  }

  // ---------------------------------------------------------------- timers, messages, calls

  private async fireDueTimers(): Promise<void> {
    const dueRows = (await this.knex('engine_timers')
      .where('due_at', '<=', new Date(this.now()).toISOString())
      .orderBy('due_at')
      .limit(200)) as Array<{ id: number; instance_key: string; execution_id: string; element_id: string }>;
    const byInstance = new Map<string, string[]>();
    for (const r of dueRows) {
      if (r.instance_key.startsWith(TIMER_START_PREFIX)) {
        await this.fireTimerStart(r).catch((err) => this.options.log?.(`timer start ${r.execution_id} failed: ${(err as Error).message}`));
        continue;
      }
      byInstance.set(r.instance_key, [...(byInstance.get(r.instance_key) ?? []), r.execution_id]);
    }
    for (const [key, executions] of byInstance) {
      try {
        const eventSubs = executions.filter((id) => id.startsWith(EVENT_SUB_PREFIX));
        for (const id of eventSubs) await this.fireEventSubTimer(key, id);
        const own = executions.filter((id) => !id.startsWith(EVENT_SUB_PREFIX));
        if (!own.length) continue;
        await this.command(key, (session) => {
          for (const id of own) session.fireTimer(id);
        });
      } catch (err) {
        if (err instanceof InstanceGoneError) await this.knex('engine_timers').where({ instance_key: key }).delete();
        else if (!(err instanceof AlreadyAppliedError)) this.options.log?.(`timer of ${key} failed: ${(err as Error).message}`);
      }
    }
  }

  /**
   * An event sub-process's timer is due: the sub-process starts (an interrupting one ends the other
   * steps), and a non-interrupting cycle is armed for its next time, in the step's transaction.
   */
  private async fireEventSubTimer(instanceKey: string, executionId: string): Promise<void> {
    const [startId, nth] = executionId.slice(EVENT_SUB_PREFIX.length).split('#');
    const n = Number(nth ?? '1');
    const def = await this.definitionOfInstance(instanceKey);
    const e = def.model.eventSubStarts.find((x) => x.startId === startId && x.timer);
    if (!e) {
      await this.knex('engine_timers').where({ instance_key: instanceKey, execution_id: executionId }).delete();
      return;
    }
    let next: Date | null = null;
    await this.command(
      instanceKey,
      (session, vars) => {
        session.startEventSubProcess(e.subProcessId);
        if (e.interrupting) session.interruptOutside(e.subProcessId, new Set(e.elementIds));
        else next = eventSubTimerDue(e, n + 1, new Date(this.now()), vars);
      },
      async (trx, result) => {
        // Fired once: the row goes with the step (an ended instance's timers are all gone already).
        const taken = await trx('engine_timers').where({ instance_key: instanceKey, execution_id: executionId }).delete();
        if (taken !== 1 && result.status === 'ACTIVE') throw new AlreadyAppliedError();
        if (next && result.status === 'ACTIVE') await trx('engine_timers').insert({ instance_key: instanceKey, execution_id: `${EVENT_SUB_PREFIX}${startId}#${n + 1}`, element_id: startId, due_at: next.toISOString() });
      },
    );
  }

  /**
   * A timer start event that is due creates its instance. The instance's start key names the timer
   * and the how-many-th firing, so a crash after the instance and before the timer moves on creates
   * no second instance when the timer fires again; then a cycle is armed for its next time.
   */
  private async fireTimerStart(r: { id: number; instance_key: string; execution_id: string; element_id: string }): Promise<void> {
    const definitionKey = r.instance_key.slice(TIMER_START_PREFIX.length);
    const n = Number(r.execution_id.split('#')[1] ?? '1');
    const def = await this.loadDefinition(definitionKey);
    const spec = def.model.timerStarts.find((t) => t.startId === r.element_id);
    await this.startInstance({ bpmnProcessId: def.bpmnProcessId, definitionKey, variables: {}, startKey: `timer:${definitionKey}:${r.element_id}:${n}` });
    await this.knex.transaction(async (trx) => {
      const removed = await trx('engine_timers').where({ id: r.id }).delete();
      if (!removed || !spec) return;
      const schedule = readTimerStart(spec);
      // A cycle counts from the version's deploy when it has no first date of its own.
      const anchor = new Date((await trx('engine_definitions').where({ key: definitionKey }).first('created_at')).created_at);
      const next = timerStartDue(schedule, n + 1, anchor);
      if (next) await trx('engine_timers').insert({ instance_key: r.instance_key, execution_id: `${r.element_id}#${n + 1}`, element_id: r.element_id, due_at: next.toISOString() });
    });
  }

  /** Test and admin hook: fire due timers now instead of waiting for the poll. */
  async runDueTimers(): Promise<void> {
    await this.fireDueTimers();
  }

  private async storeSubscription(trx: Knex.Transaction, instanceKey: string, wait: Wait, info: ElementInfo, vars: Variables): Promise<void> {
    if (info.signal) {
      await trx('engine_message_subscriptions').insert({ instance_key: instanceKey, execution_id: wait.executionId, element_id: info.id, kind: 'signal', message_ref: info.signal.refId, message_name: info.signal.name, correlation_key: '' });
      return;
    }
    const key = info.message?.correlationKey ? evalMaybe(info.message.correlationKey, vars) : '';
    await trx('engine_message_subscriptions').insert({
      instance_key: instanceKey,
      execution_id: wait.executionId,
      element_id: info.id,
      kind: 'message',
      message_ref: info.message!.refId,
      message_name: info.message!.name,
      correlation_key: String(key ?? ''),
    });
  }

  async publishMessage(msg: { name: string; correlationKey: string; variables?: Variables; timeToLiveMs?: number; messageId?: string }): Promise<void> {
    const subs = await this.knex('engine_message_subscriptions').where({ kind: 'message', message_name: msg.name, correlation_key: msg.correlationKey });
    const seen = new Set<string>();
    for (const s of subs) {
      if (seen.has(s.instance_key)) continue;
      seen.add(s.instance_key);
      await this.deliver(s, msg.variables ?? {});
    }
    const started = await this.startByMessage(msg);
    if (subs.length || started) return;
    if (msg.timeToLiveMs && msg.timeToLiveMs > 0) {
      await this.knex('engine_messages').insert({
        name: msg.name,
        correlation_key: msg.correlationKey,
        variables: this.personal.toJson(msg.variables ?? {}),
        expires_at: new Date(Date.now() + msg.timeToLiveMs).toISOString(),
      });
    }
  }

  /**
   * A message start event of this name (latest version of each process) creates an instance with the
   * message's variables. As on Zeebe, while an instance a message with this correlation key started is
   * active, the key starts no other one; with a message id, a repeated publish returns the first instance.
   */
  private async startByMessage(msg: { name: string; correlationKey: string; variables?: Variables; messageId?: string }): Promise<number> {
    let started = 0;
    for (const { definitionKey, bpmnProcessId, startId } of await this.latestStarts((m) => m.messageStarts.filter((x) => x.name === msg.name).map((x) => x.startId))) {
      const prefix = `message:${bpmnProcessId}:${msg.correlationKey.length}:${msg.correlationKey}:`;
      if (msg.correlationKey) {
        const active = await this.knex('engine_instances').where('start_key', '>=', prefix).andWhere('start_key', '<', `${prefix}\uffff`).andWhere({ status: 'ACTIVE' }).first('key');
        if (active && !(msg.messageId && (await this.knex('engine_instances').where({ start_key: `${prefix}${msg.messageId}` }).first('key')))) continue;
      }
      await this.startInstance({ bpmnProcessId, definitionKey, variables: msg.variables ?? {}, startKey: `${prefix}${msg.messageId ?? `${startId}@${nextKey()}`}` });
      started++;
    }
    return started;
  }

  /** The start events `pick` chooses in the latest version of every deployed process. */
  private async latestStarts(pick: (m: ProcessModel) => string[]): Promise<Array<{ definitionKey: string; bpmnProcessId: string; startId: string }>> {
    const rows = (await this.knex('engine_definitions')
      .select('key', 'bpmn_process_id', 'version')
      .whereIn(['bpmn_process_id', 'version'], this.knex('engine_definitions').select('bpmn_process_id').max('version').groupBy('bpmn_process_id'))) as Array<{ key: string }>;
    const out: Array<{ definitionKey: string; bpmnProcessId: string; startId: string }> = [];
    for (const r of rows) {
      const def = await this.loadDefinition(r.key);
      for (const startId of pick(def.model)) out.push({ definitionKey: def.key, bpmnProcessId: def.bpmnProcessId, startId });
    }
    return out;
  }

  private async deliver(sub: { instance_key: string; execution_id: string; element_id: string; message_ref: string }, variables: Variables): Promise<void> {
    const eventSub = sub.execution_id.startsWith(EVENT_SUB_PREFIX) ? (await this.definitionOfInstance(sub.instance_key)).model.eventSubStarts.find((e) => e.startId === sub.element_id) : undefined;
    await this.command(
      sub.instance_key,
      (session, vars) => {
        Object.assign(vars, variables);
        // An event sub-process is started first; its message start event then takes the message.
        if (eventSub) session.startEventSubProcess(eventSub.subProcessId, sub.message_ref);
        session.signalMessage(sub.message_ref, {}, sub.element_id);
        if (eventSub?.interrupting) session.interruptOutside(eventSub.subProcessId, new Set(eventSub.elementIds));
      },
      async (trx) => {
        await trx('engine_message_subscriptions').where({ instance_key: sub.instance_key, execution_id: sub.execution_id }).delete();
        await trx('engine_jobs').where({ instance_key: sub.instance_key, execution_id: sub.execution_id }).update({ state: 'COMPLETED' });
      },
    );
  }

  async broadcastSignal(signal: { name: string; variables?: Variables }): Promise<void> {
    const starts = await this.signals.startsFor([signal.name]);
    const signalKey = nextKey();
    await this.knex.transaction((trx) => this.signals.record(trx, signalKey, signal.name, signal.variables ?? {}, starts, null));
    crashPoint('signal.recorded');
    await this.signals.deliver(signalKey);
  }

  private async correlateBuffered(instanceKey: string): Promise<void> {
    const subs = await this.knex('engine_message_subscriptions').where({ instance_key: instanceKey, kind: 'message' });
    for (const s of subs) {
      const buffered = await this.knex('engine_messages')
        .where({ name: s.message_name, correlation_key: s.correlation_key })
        .andWhere('expires_at', '>', nowIso())
        .orderBy('id')
        .first();
      if (!buffered) continue;
      const taken = await this.knex('engine_messages').where({ id: buffered.id }).delete();
      if (taken === 1) {
        await this.deliver(s, this.personal.fromJson(buffered.variables));
        return;
      }
    }
  }

  private async completeCall(parentKey: string, executionId: string, childVars: Variables): Promise<void> {
    const job = (await this.knex('engine_jobs').where({ instance_key: parentKey, execution_id: executionId }).first()) as JobRow | undefined;
    if (!job || job.state !== 'ACTIVATED') return;
    const def = await this.definitionOfInstance(parentKey);
    const info = def.model.elements.get(job.element_id)!;
    await this.command(
      parentKey,
      (session, vars) => {
        // Output mappings read the child's variables; a multi-instance call puts each child's output
        // element at its turn's place in the output collection (and keeps the rest local, as Zeebe does).
        const propagated = info.outputs.length || info.propagateAllChildVariables !== false ? childVars : {};
        if (info.outputs.length || info.loop) this.applyOutputs(info, vars, this.personal.fromJson<Variables>(job.variables), propagated);
        else Object.assign(vars, propagated);
        session.signal(job.element_id, executionId);
      },
      async (trx) => {
        await trx('engine_jobs').where({ key: job.key }).update({ state: 'COMPLETED' });
      },
    );
  }

  private async definitionOfInstance(instanceKey: string): Promise<LoadedDefinition> {
    const row = await this.knex('engine_instances').where({ key: instanceKey }).first('definition_key');
    if (!row) throw new InstanceGoneError(`流程实例 ${instanceKey} 不存在`);
    return this.loadDefinition(row.definition_key);
  }

  /** Size in bytes of the stored state of a waiting instance (benchmarks and tests). */
  /** Instance migration lives in its own module; the adapter lends it the store, the definitions and the instance lock. */
  async migrateInstance(req: InstanceMigrationRequest): Promise<InstanceMigrationResult> {
    return migrateEmbeddedInstance({ knex: this.knex, personal: this.personal, now: this.now, loadDefinition: (key) => this.loadDefinition(key), exclusive: (key, fn) => this.mutex.run(key, fn), userTaskHeaders }, req);
  }

  async storedStateSize(instanceKey: string): Promise<number> {
    const row = await this.knex('engine_instances').where({ key: instanceKey }).first('state', 'variables');
    return Buffer.byteLength(row?.state ?? '') + Buffer.byteLength(row?.variables ?? '');
  }
}

export class InstanceGoneError extends Error {}
export class JobNotFoundError extends Error {}
export class InstanceRunError extends Error {
  constructor(
    message: string,
    readonly elementId?: string,
  ) {
    super(message);
  }
}

function evalMaybe(expr: string, scope: Variables): unknown {
  return isFeel(expr) ? evaluateFeel(expr, scope) : expr;
}

function evaluateList(expr: string, scope: Variables): unknown[] {
  const v = evalMaybe(expr, scope);
  return Array.isArray(v) ? v : [];
}

/** Evaluates a script task's FEEL expression against the visible variables (an incident when it cannot). */
const runScript: JobHandler = async (job) => {
  const expression = job.customHeaders[SCRIPT_EXPRESSION_HEADER] ?? '';
  const result = job.customHeaders[SCRIPT_RESULT_HEADER] ?? '';
  try {
    return { kind: 'complete', variables: { [result]: evaluateFeel(expression, job.variables) } };
  } catch (err) {
    throw new Error(`脚本任务 ${job.elementId} 的表达式「${expression}」无法求值:${(err as Error).message}`);
  }
};

/** A job type given as a FEEL expression (Zeebe allows it), evaluated when the job is created. */
function jobTypeOf(expr: string, scope: Variables): { type: string; problem?: string } {
  const v = evalMaybe(expr, scope);
  if (typeof v === 'string' && v.trim()) return { type: v.trim() };
  return { type: '', problem: `任务类型表达式「${expr}」的结果应为非空的字符串,实际为 ${JSON.stringify(v ?? null)}(是否引用了不存在的变量?)` };
}

const isTextList = (v: unknown): v is string[] => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string' && x.length > 0);

/**
 * Who may work a user task and by when, from its assignment and schedule expressions. As in Zeebe,
 * an assignment that gives nothing usable (an unset variable, a wrong type) is an incident, never a
 * task anyone may complete; a due date may be empty but not something other than a date.
 */
function userTaskAssignment(info: ElementInfo, scope: Variables): { headers: Record<string, string>; problem?: string } {
  const headers: Record<string, string> = {};
  const problems: string[] = [];
  const shown = (v: unknown) => JSON.stringify(v ?? null);
  if (info.candidateGroups) {
    const groups = evalMaybe(info.candidateGroups, scope);
    headers['io.camunda.zeebe:candidateGroups'] = JSON.stringify(toList(groups));
    if (!isTextList(typeof groups === 'string' ? [groups] : groups)) problems.push(`候选组表达式「${info.candidateGroups}」的结果应为非空的字符串列表,实际为 ${shown(groups)}`);
  }
  if (info.candidateUsers) {
    const users = evalMaybe(info.candidateUsers, scope);
    headers['io.camunda.zeebe:candidateUsers'] = JSON.stringify(toList(users));
    if (!isTextList(typeof users === 'string' ? [users] : users)) problems.push(`候选人表达式「${info.candidateUsers}」的结果应为非空的字符串列表,实际为 ${shown(users)}`);
  }
  if (info.assignee) {
    const who = evalMaybe(info.assignee, scope);
    headers['io.camunda.zeebe:assignee'] = typeof who === 'string' ? who : '';
    if (typeof who !== 'string' || !who) problems.push(`办理人表达式「${info.assignee}」的结果应为非空的字符串,实际为 ${shown(who)}`);
  }
  if (info.dueDate) {
    // Nullable, as in Zeebe: no value is a task without a deadline; a value that is no date is an incident.
    const due = evalMaybe(info.dueDate, scope);
    headers['io.camunda.zeebe:dueDate'] = typeof due === 'string' ? due : '';
    if (due !== null && due !== undefined && (typeof due !== 'string' || Number.isNaN(Date.parse(due)))) problems.push(`到期时间表达式「${info.dueDate}」的结果应为日期时间(ISO 8601)或空,实际为 ${shown(due)}`);
  }
  return problems.length ? { headers, problem: `${problems.join(';')}(是否引用了不存在的变量?)` } : { headers };
}

/** A user task job's headers: the element's static headers, its assignment and schedule evaluated now, its form key and name. */
function userTaskHeaders(info: ElementInfo, scope: Variables): { headers: Record<string, string>; problem?: string } {
  const assignment = userTaskAssignment(info, scope);
  const headers: Record<string, string> = { ...info.headers, ...assignment.headers };
  if (info.formKey) headers['io.camunda.zeebe:formKey'] = info.formKey;
  if (info.name) headers['io.camunda.zeebe:name'] = info.name;
  return assignment.problem ? { headers, problem: assignment.problem } : { headers };
}

function toList(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string') return v.split(',').map((s) => s.trim()).filter(Boolean);
  return v == null ? [] : [String(v)];
}

function setPath(target: Variables, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur: Record<string, unknown> = target;
  for (const p of parts.slice(0, -1)) {
    if (typeof cur[p] !== 'object' || cur[p] === null) cur[p] = {};
    cur = cur[p] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1]] = value;
}

/** Map zeebe:loopCharacteristics onto what bpmn-elements' multi-instance reads; run only the target process. */
function zeebeExtend(mapped: any, bpmnProcessId: string): void {
  if (mapped?.$type === 'bpmn:Process' && mapped.id !== bpmnProcessId) mapped.isExecutable = false;
  const lc = mapped?.loopCharacteristics;
  const values: any[] = lc?.behaviour?.extensionElements?.values ?? [];
  const zl = values.find((v) => v.$type === 'zeebe:LoopCharacteristics');
  if (zl) {
    lc.behaviour.collection = zl.inputCollection;
    if (zl.inputElement) lc.behaviour.elementVariable = zl.inputElement;
  }
}
