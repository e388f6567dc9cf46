import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { Db } from '../../store/createDb.ts';
import { nowIso } from '../../store/createDb.ts';
import type { PersonalData } from '../../services/privacy/index.ts';
import { deployErrors, EngineDeployError, USER_TASK_JOB_TYPE, type DeployedProcess, type DeployProblem, type DeployResource, type EngineEvent, type Incident, type InstanceSummary, type Job, type JobHandler, type JobOutcome, type JobState, type ProcessEngine, type Variables, type WorkerOptions } from '../../port/ProcessEngine.ts';
import { parseDefinitions, type ProcessModel } from '../../bpmn/zeebeModel.ts';
import { KeyedMutex } from '../../util/KeyedMutex.ts';
import { crashPoint } from '../../reliability/crashPoint.ts';
import { evaluateFeel, isFeel } from '../../bpmn/feel.ts';
import { readTimerStart, timerStartDue } from '../../bpmn/timerStart.ts';
import { fromTyped, fromTypedMap, OperatonRest, RestError, toTypedMap, type Typed } from './OperatonRest.ts';
import { HEADER_VARIABLE_PREFIX, MESSAGE_KEY_PREFIX, messageKeyVariable, RETRIES_PROPERTY, translateToOperaton } from './translate.ts';

export interface OperatonEngineOptions {
  /** Base URLs of the engine nodes (http://host:port, without /engine-rest); any node serves any call. */
  urls: string[];
  user: string;
  password: string;
  /** One worker id for every platform process: a held user task locked by one process is completed by another. */
  workerId?: string;
  /** How often buffered messages are retried and finished instances noticed. */
  pollMs?: number;
  /** How often each worker asks for jobs when the last ask found none. */
  jobPollMs?: number;
  log?: (msg: string) => void;
  /** The platform's clock (tests run it ahead with the nodes' test clock): when timer starts are due. */
  now?: () => number;
  /**
   * Test and try-out runs only: the nodes' clocks follow `now` (PUT /platform-test/clock on every node,
   * the engine app started with platform.test-clock=true), so a scenario's dates hold on the engine too.
   */
  syncNodeClock?: boolean;
  /**
   * How long a held job (user task) is first locked, until its handler has run and the lock is extended for
   * the year: the time after which another platform process gets a job whose process died in between. 30 s.
   */
  holdLeaseMs?: number;
}

interface ExternalTask {
  id: string;
  topicName: string;
  processInstanceId: string;
  processDefinitionKey: string;
  processDefinitionId: string;
  activityId: string;
  executionId: string;
  retries: number | null;
  errorMessage?: string | null;
  lockExpirationTime: string | null;
  variables?: Record<string, Typed>;
  extensionProperties?: Record<string, string>;
}

const HOLD_LOCK_MS = 365 * 24 * 3600 * 1000;
/** A held job is first locked for this long (holdLeaseMs); once its handler has run, for the year. */
const HOLD_LEASE_MS = 30_000;
const UNHANDLED = '[UNHANDLED_ERROR_EVENT] ';
/** engine_timers rows of timer start events (instance_key = prefix + definition id; execution_id = start id#n). */
const TIMER_START_PREFIX = 'operaton-start:';
/** engine_timers rows of a timer-start firing in hand (same keys; due_at = when another process may take it over). */
const TIMER_FIRING_PREFIX = 'operaton-firing:';
/** Longer than a start can take: the REST call's 30 s timeout on each of two nodes, and a retry. */
const FIRING_TAKEOVER_MS = 120_000;
/** The node's incident of an event sub-process timer without a value (FeelExpressions.timer): configuration = its start event. */
const TIMER_INCIDENT = 'platformTimerValue';
/** Running instances asked about per poll (sweepEnds). */
const END_SWEEP = 200;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const hidden = (name: string) => name.startsWith(HEADER_VARIABLE_PREFIX) || name.startsWith(MESSAGE_KEY_PREFIX);

/**
 * The Operaton adapter: the same port on a cluster of Operaton nodes (one shared database) through
 * their REST API. Packages are translated at deploy (translate.ts); jobs are external tasks that
 * workers fetch and lock; user tasks are external tasks of the user-task type held by the inbox.
 * The trail, variables and incidents come from the engine's history; start keys and the message
 * buffer (Operaton has no message time-to-live) are kept in the platform's store.
 */
export class OperatonEngine implements ProcessEngine {
  readonly kind = 'operaton' as const;
  readonly rest: OperatonRest;
  private readonly knex: Knex;
  private readonly personal: PersonalData;
  private readonly workerId: string;
  private readonly workers = new Map<string, { handler: JobHandler; options: WorkerOptions; active: number }>();
  private readonly models = new Map<string, ProcessModel>();
  private readonly listeners: Array<(e: EngineEvent) => void | Promise<void>> = [];
  private readonly startMutex = new KeyedMutex();
  private abort = new AbortController();
  private running = false;
  private readonly loops: Promise<void>[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    db: Db,
    private readonly options: OperatonEngineOptions,
  ) {
    this.knex = db.knex;
    this.personal = db.personal;
    this.rest = new OperatonRest(options.urls, options.user, options.password);
    this.workerId = options.workerId ?? 'platform';
  }

  async start(): Promise<void> {
    this.running = true;
    this.abort = new AbortController();
    for (const [type] of this.workers) this.loops.push(this.workLoop(type));
    this.loops.push(this.pollLoop());
  }

  async stop(): Promise<void> {
    this.running = false;
    this.abort.abort();
    const grace = (p: Promise<unknown>) => Promise.race([p, sleep(3000)]);
    await grace(Promise.allSettled(this.loops.splice(0)));
    await grace(Promise.allSettled([...this.inFlight]));
  }

  onEvent(listener: (event: EngineEvent) => void | Promise<void>): void {
    this.listeners.push(listener);
  }

  private async emit(e: EngineEvent): Promise<void> {
    for (const l of this.listeners) await Promise.resolve(l(e)).catch((err) => this.options.log?.(`listener: ${(err as Error).message}`));
  }

  // ---------------------------------------------------------------- deployment

  async validate(resources: DeployResource[]): Promise<DeployProblem[]> {
    const problems: DeployProblem[] = [];
    for (const r of resources) {
      const parsed = await parseDefinitions(r.name, r.xml);
      problems.push(...parsed.problems);
      if (!deployErrors(parsed.problems).length) problems.push(...(await translateToOperaton(r.name, r.xml, parsed.processes)).problems);
    }
    return problems;
  }

  async deploy(resources: DeployResource[]): Promise<DeployedProcess[]> {
    await this.syncClock();
    const problems = deployErrors(await this.validate(resources));
    if (problems.length) throw new EngineDeployError(problems);
    const form = new FormData();
    form.append('deployment-name', resources.map((r) => r.name).join(',').slice(0, 200));
    form.append('enable-duplicate-filtering', 'true');
    form.append('deploy-changed-only', 'true');
    const parsedBy = new Map<string, ProcessModel[]>();
    for (const r of resources) {
      const parsed = await parseDefinitions(r.name, r.xml);
      parsedBy.set(r.name, parsed.processes);
      const { xml } = await translateToOperaton(r.name, r.xml, parsed.processes);
      form.append(r.name.endsWith('.bpmn') ? r.name : `${r.name}.bpmn`, new Blob([xml], { type: 'application/xml' }), r.name.endsWith('.bpmn') ? r.name : `${r.name}.bpmn`);
    }
    let result: { deployedProcessDefinitions?: Record<string, { id: string; key: string; version: number; resource: string }> | null };
    try {
      result = await this.multipart('/deployment/create', form);
    } catch (err) {
      if (err instanceof RestError) throw new EngineDeployError([{ file: resources[0]?.name ?? '', code: 'ENGINE_REJECTED', message: `Operaton 拒绝部署:${err.message}` }]);
      throw err;
    }
    const deployed: DeployedProcess[] = [];
    // Unchanged resources are not redeployed: their latest definitions stand.
    const defs = Object.values(result.deployedProcessDefinitions ?? {});
    for (const r of resources) {
      for (const model of parsedBy.get(r.name) ?? []) {
        let d = defs.find((x) => x.key === model.bpmnProcessId);
        if (!d) d = (await this.rest.call<Array<{ id: string; key: string; version: number; resource: string }>>('GET', `/process-definition?key=${encodeURIComponent(model.bpmnProcessId)}&latestVersion=true`))[0];
        if (!d) continue;
        this.models.set(model.bpmnProcessId, model);
        const exists = await this.knex('engine_definitions').where({ key: d.id }).first('key');
        if (!exists) {
          const deployedAt = new Date(this.now());
          await this.knex.transaction(async (trx) => {
            const inserted = await trx('engine_definitions')
              .insert({ key: d.id, bpmn_process_id: d.key, version: d.version, resource_name: r.name, checksum: createHash('sha256').update(r.xml).digest('hex'), xml: r.xml, created_at: deployedAt.toISOString() })
              .then(() => true, () => false);
            if (!inserted) return; // another platform process recorded this version (and its timers) first
            await this.scheduleTimerStarts(trx, d.id, d.key, model, deployedAt);
          });
        }
        deployed.push({ bpmnProcessId: d.key, version: d.version, definitionKey: d.id, resourceName: r.name });
      }
    }
    return deployed;
  }

  /**
   * Timer start events are scheduled here, not on the nodes (the translation makes them plain starts):
   * as on Zeebe, a cycle whose first date is past catches up once per past date, Rn fires n times, and a
   * new version's timer starts replace the earlier versions' ones. Rows in the platform's engine_timers.
   */
  private async scheduleTimerStarts(trx: Knex.Transaction, definitionId: string, bpmnProcessId: string, model: ProcessModel, deployedAt: Date): Promise<void> {
    const earlier = (await trx('engine_definitions').where({ bpmn_process_id: bpmnProcessId }).whereNot({ key: definitionId }).select('key')) as Array<{ key: string }>;
    if (earlier.length) await trx('engine_timers').whereIn('instance_key', earlier.map((e) => `${TIMER_START_PREFIX}${e.key}`)).delete();
    for (const t of model.timerStarts) {
      const due = timerStartDue(readTimerStart(t), 1, deployedAt);
      if (due) await trx('engine_timers').insert({ instance_key: `${TIMER_START_PREFIX}${definitionId}`, execution_id: `${t.startId}#1`, element_id: t.startId, due_at: due.toISOString() });
    }
  }

  /**
   * Due timer starts: each row is claimed by deleting it in the transaction that arms the next date and
   * writes the firing in hand (a TIMER_FIRING_PREFIX row), so two platform processes never both fire one
   * date and a process killed before the instance is started loses nothing: its firing is taken over once
   * FIRING_TAKEOVER_MS has passed. The instance is started with a start key of the definition, start
   * event and the how-many-th firing, also the business key on the engine, so a firing whose instance the
   * engine already has (the process died before mirroring it) is mirrored, not started again.
   */
  private async fireDueTimerStarts(): Promise<void> {
    const takeover = () => new Date(this.now() + FIRING_TAKEOVER_MS).toISOString();
    for (const f of await this.dueTimerRows(TIMER_FIRING_PREFIX)) {
      // Taken over by one process: the row's time moved on, as the claim.
      if (!(await this.knex('engine_timers').where({ id: f.id, due_at: f.due_at }).update({ due_at: takeover() }))) continue;
      await this.startFiring(f.instance_key.slice(TIMER_FIRING_PREFIX.length), f.execution_id, f.element_id);
    }
    for (const r of await this.dueTimerRows(TIMER_START_PREFIX)) {
      const definitionId = r.instance_key.slice(TIMER_START_PREFIX.length);
      const n = Number(r.execution_id.split('#')[1] ?? '1');
      const def = await this.knex('engine_definitions').where({ key: definitionId }).first('bpmn_process_id', 'created_at');
      if (!def) {
        await this.knex('engine_timers').where({ id: r.id }).delete();
        continue;
      }
      const model = await this.modelOf(def.bpmn_process_id);
      const spec = model?.timerStarts.find((t) => t.startId === r.element_id);
      const claimed = await this.knex.transaction(async (trx) => {
        if (!(await trx('engine_timers').where({ id: r.id }).delete())) return false;
        const next = spec ? timerStartDue(readTimerStart(spec), n + 1, new Date(def.created_at)) : null;
        if (next) await trx('engine_timers').insert({ instance_key: r.instance_key, execution_id: `${r.element_id}#${n + 1}`, element_id: r.element_id, due_at: next.toISOString() });
        await trx('engine_timers').insert({ instance_key: `${TIMER_FIRING_PREFIX}${definitionId}`, execution_id: r.execution_id, element_id: r.element_id, due_at: takeover() });
        return true;
      });
      if (!claimed) continue;
      crashPoint('operaton.timerStart.claimed');
      await this.startFiring(definitionId, r.execution_id, r.element_id);
    }
  }

  /** The first 100 due engine_timers rows of one kind (timer-start dates or firings in hand), earliest first. */
  private async dueTimerRows(prefix: string): Promise<Array<{ id: number; instance_key: string; execution_id: string; element_id: string; due_at: string }>> {
    return this.knex('engine_timers').where('instance_key', 'like', `${prefix}%`).where('due_at', '<=', new Date(this.now()).toISOString()).orderBy('due_at').limit(100);
  }

  /** Starts the instance of one timer-start firing in hand (at most once), then drops the firing. */
  private async startFiring(definitionId: string, executionId: string, elementId: string): Promise<void> {
    const firing = { instance_key: `${TIMER_FIRING_PREFIX}${definitionId}`, execution_id: executionId };
    const def = await this.knex('engine_definitions').where({ key: definitionId }).first('bpmn_process_id');
    if (!def) return void (await this.knex('engine_timers').where(firing).delete());
    const startKey = `timer:${definitionId}:${elementId}:${Number(executionId.split('#')[1] ?? '1')}`;
    try {
      await this.startMutex.run(startKey, async () => {
        if (await this.knex('engine_instances').where({ start_key: startKey }).first('key')) return;
        const [onEngine] = await this.rest.call<Array<{ id: string; processDefinitionId: string }>>('GET', `/history/process-instance?processInstanceBusinessKey=${encodeURIComponent(startKey)}&maxResults=1`);
        if (onEngine) return this.mirror(onEngine.id, def.bpmn_process_id, onEngine.processDefinitionId, startKey);
        await this.startOnEngine({ bpmnProcessId: def.bpmn_process_id, definitionKey: definitionId, variables: {}, startKey }, true);
      });
    } catch (err) {
      // Not started (no node answers): the firing is due again at once, for the next poll of any process.
      await this.knex('engine_timers').where(firing).update({ due_at: new Date(this.now()).toISOString() });
      throw err;
    }
    await this.knex('engine_timers').where(firing).delete();
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private nodeOffset = 0;
  /** With syncNodeClock: the nodes' clocks moved to the platform's, before the engine is asked anything that reads them. */
  private async syncClock(): Promise<void> {
    if (!this.options.syncNodeClock) return;
    const offset = Math.round((this.now() - Date.now()) / 1000) * 1000;
    if (offset === this.nodeOffset) return;
    this.nodeOffset = offset;
    await this.rest.eachNode('PUT', '/platform-test/clock', String(offset));
  }

  async settled(): Promise<boolean> {
    await this.syncClock();
    const [tasks, jobs] = await Promise.all([
      this.rest.call<ExternalTask[]>('GET', '/external-task?maxResults=10000'),
      this.rest.call<{ count: number }>('GET', '/job/count?executable=true&withRetriesLeft=true'),
    ]);
    if (jobs.count > 0) return false;
    const held = Date.now() + this.nodeOffset + 24 * 3600 * 1000;
    return tasks.every((t) => t.retries === 0 || (t.topicName === USER_TASK_JOB_TYPE && !!t.lockExpirationTime && Date.parse(t.lockExpirationTime) > held));
  }

  private async multipart<T>(path: string, form: FormData): Promise<T> {
    // fetch sets the multipart boundary itself: the REST client's JSON call does not fit here.
    const urls = this.options.urls;
    let last: unknown;
    for (const base of urls) {
      try {
        const res = await fetch(`${base}/engine-rest${path}`, { method: 'POST', body: form, headers: { authorization: `Basic ${Buffer.from(`${this.options.user}:${this.options.password}`).toString('base64')}` } });
        const text = await res.text();
        if (!res.ok) throw new RestError(res.status, '', text);
        return JSON.parse(text) as T;
      } catch (err) {
        if (err instanceof RestError) throw err;
        last = err;
      }
    }
    return this.rest.call('GET', '/engine').then(() => {
      throw last;
    });
  }

  private async modelOf(bpmnProcessId: string): Promise<ProcessModel | undefined> {
    let m = this.models.get(bpmnProcessId);
    if (m) return m;
    const row = await this.knex('engine_definitions').where({ bpmn_process_id: bpmnProcessId }).orderBy('version', 'desc').first();
    if (!row) return undefined;
    m = (await parseDefinitions(row.resource_name, row.xml)).processes.find((p) => p.bpmnProcessId === bpmnProcessId);
    if (m) this.models.set(bpmnProcessId, m);
    return m;
  }

  // ---------------------------------------------------------------- instances

  async createInstance(req: { bpmnProcessId: string; definitionKey?: string; variables: Variables; startKey?: string }): Promise<{ processInstanceKey: string }> {
    await this.syncClock();
    if (!req.startKey) return this.startOnEngine(req);
    return this.startMutex.run(req.startKey, async () => {
      const earlier = await this.knex('engine_instances').where({ start_key: req.startKey }).first('key');
      if (earlier) return { processInstanceKey: earlier.key };
      return this.startOnEngine(req);
    });
  }

  private async startOnEngine(req: { bpmnProcessId: string; definitionKey?: string; variables: Variables; startKey?: string }, byTimer = false): Promise<{ processInstanceKey: string }> {
    const model = await this.modelOf(req.bpmnProcessId);
    // As on Zeebe, a process started by its message, signal or timer is not started directly.
    if (model && (model.messageStarts.length || model.signalStarts.length)) throw new Error(`流程 ${req.bpmnProcessId} 由消息或信号开始,不能直接启动`);
    if (model?.timerStarts.length && !byTimer) throw new Error(`流程 ${req.bpmnProcessId} 没有无触发的开始事件,只能由定时器开始事件启动`);
    const path = req.definitionKey ? `/process-definition/${encodeURIComponent(req.definitionKey)}/start` : `/process-definition/key/${encodeURIComponent(req.bpmnProcessId)}/start`;
    const res = await this.rest.call<{ id: string; definitionId: string }>('POST', path, { variables: toTypedMap(req.variables), businessKey: req.startKey });
    await this.mirror(res.id, req.bpmnProcessId, res.definitionId, req.startKey);
    return { processInstanceKey: res.id };
  }

  private async mirror(key: string, bpmnProcessId: string, definitionKey: string, startKey?: string): Promise<void> {
    const now = nowIso();
    await this.knex('engine_instances')
      .insert({ key, definition_key: definitionKey, bpmn_process_id: bpmnProcessId, status: 'ACTIVE', state: null, variables: this.personal.toJson({}), trail: '[]', version: 1, created_at: now, updated_at: now, ...(startKey ? { start_key: startKey } : {}) })
      .catch(() => undefined);
  }

  async cancelInstance(processInstanceKey: string): Promise<void> {
    await this.rest.call('DELETE', `/process-instance/${processInstanceKey}?skipCustomListeners=true`).catch((err) => {
      if (!(err instanceof RestError && err.status === 404)) throw err;
    });
    await this.knex('engine_instances').where({ key: processInstanceKey }).update({ status: 'TERMINATED', updated_at: nowIso() });
  }

  async getInstance(processInstanceKey: string): Promise<InstanceSummary | null> {
    let hist: { id: string; processDefinitionKey: string; state: string };
    try {
      hist = await this.rest.call('GET', `/history/process-instance/${processInstanceKey}`);
    } catch (err) {
      if (err instanceof RestError && err.status === 404) return null;
      throw err;
    }
    const [vars, trail] = await Promise.all([this.processVariables(processInstanceKey), this.trail(processInstanceKey)]);
    const status: InstanceSummary['status'] = hist.state === 'ACTIVE' || hist.state === 'SUSPENDED' ? 'ACTIVE' : hist.state === 'EXTERNALLY_TERMINATED' ? 'TERMINATED' : 'COMPLETED';
    return { key: hist.id, bpmnProcessId: hist.processDefinitionKey, status, variables: vars, completedElements: trail };
  }

  /** The process-scope variables (not those local to a step), from history: also once the instance has ended. */
  private async processVariables(id: string): Promise<Variables> {
    const rows = await this.rest.call<Array<{ name: string; activityInstanceId: string; type: string; value: unknown; valueInfo?: Record<string, unknown>; state?: string }>>(
      'GET',
      `/history/variable-instance?processInstanceId=${id}&deserializeValues=false&maxResults=10000`,
    );
    const out: Variables = {};
    for (const r of rows) if (r.activityInstanceId === id && !hidden(r.name) && r.state !== 'DELETED') out[r.name] = fromTyped(r as Typed);
    return out;
  }

  /** Completed flow nodes in completion order; steps cut off by a boundary event or a cancel are left out, as elsewhere. */
  private async trail(id: string): Promise<string[]> {
    const rows = await this.rest.call<Array<{ activityId: string; activityType: string; canceled: boolean; endTime: string | null }>>('POST', '/history/activity-instance?maxResults=10000', {
      processInstanceId: id,
      finished: true,
      sorting: [
        { sortBy: 'endTime', sortOrder: 'asc' },
        { sortBy: 'occurrence', sortOrder: 'asc' },
      ],
    });
    return rows.filter((r) => !r.canceled && r.activityType !== 'multiInstanceBody' && !r.activityId.includes('#')).map((r) => r.activityId);
  }

  // ---------------------------------------------------------------- messages and signals

  async publishMessage(msg: { name: string; correlationKey: string; variables?: Variables; timeToLiveMs?: number; messageId?: string }): Promise<void> {
    if (msg.messageId) {
      const seen = await this.knex('engine_messages').where({ name: `id:${msg.name}`, correlation_key: msg.messageId }).first('id');
      if (seen) return;
    }
    const correlated = await this.correlate(msg.name, msg.correlationKey, msg.variables ?? {});
    let started = false;
    if (!correlated) started = await this.startByMessage(msg.name, msg.correlationKey, msg.variables ?? {});
    if (!correlated && !started && (msg.timeToLiveMs ?? 0) > 0) {
      await this.knex('engine_messages').insert({ name: msg.name, correlation_key: msg.correlationKey, variables: this.personal.toJson(msg.variables ?? {}), expires_at: new Date(Date.now() + msg.timeToLiveMs!).toISOString() });
    }
    if (msg.messageId) {
      await this.knex('engine_messages').insert({ name: `id:${msg.name}`, correlation_key: msg.messageId, variables: '{}', expires_at: new Date(Date.now() + Math.max(msg.timeToLiveMs ?? 0, 24 * 3600 * 1000)).toISOString() });
    }
  }

  /**
   * To the waiting steps whose subscription key matches; false when none waits. Each waiting execution
   * is triggered by itself: a correlation by message name would also start processes with that message start.
   */
  private async correlate(name: string, key: string, variables: Variables): Promise<boolean> {
    const waiting = await this.rest.call<Array<{ id: string }>>('POST', '/execution', {
      messageEventSubscriptionName: name,
      variables: [{ name: messageKeyVariable(name), operator: 'eq', value: key }],
    });
    let delivered = false;
    for (const ex of waiting) {
      try {
        await this.retrying(() => this.rest.call('POST', `/execution/${ex.id}/messageSubscriptions/${encodeURIComponent(name)}/trigger`, { variables: toTypedMap(variables) }));
        delivered = true;
      } catch (err) {
        // Gone meanwhile (another message or a timer took the step): not delivered there.
        if (!(err instanceof RestError) || (err.status !== 400 && err.status !== 404 && err.status !== 500)) throw err;
      }
    }
    return delivered;
  }

  /** Message start events of the latest definitions; once per correlation key while an instance of it runs (the business key). */
  private async startByMessage(name: string, key: string, variables: Variables): Promise<boolean> {
    const rows = await this.knex('engine_definitions').select('bpmn_process_id').groupBy('bpmn_process_id');
    let started = false;
    for (const { bpmn_process_id: pid } of rows) {
      const model = await this.modelOf(pid);
      const start = model?.messageStarts.find((s) => s.name === name);
      if (!start) continue;
      // The instance this key started, while it runs, takes the place of a second one (kept in the store, shared by all platform processes).
      const marker = { name: `run:${name}:${pid}`.slice(0, 128), correlation_key: key };
      const earlier = await this.knex('engine_messages').where(marker).first('variables');
      if (earlier) {
        const id = String(this.personal.fromJson<{ id?: string }>(earlier.variables).id ?? '');
        const alive = await this.rest.call('GET', `/process-instance/${id}`).then(() => true, (err) => (err instanceof RestError && err.status === 404 ? false : Promise.reject(err)));
        if (alive) {
          started = true;
          continue;
        }
        await this.knex('engine_messages').where(marker).del();
      }
      const res = await this.rest.call<{ id: string; definitionId: string }>('POST', `/process-definition/key/${encodeURIComponent(pid)}/start`, {
        businessKey: key,
        variables: toTypedMap(variables),
        startInstructions: [{ type: 'startBeforeActivity', activityId: start.startId }],
      });
      await this.knex('engine_messages').insert({ ...marker, variables: this.personal.toJson({ id: res.id }), expires_at: new Date(Date.now() + 10 * 365 * 24 * 3600 * 1000).toISOString() });
      await this.mirror(res.id, pid, res.definitionId);
      started = true;
    }
    return started;
  }

  async broadcastSignal(signal: { name: string; variables?: Variables }): Promise<void> {
    await this.retrying(() => this.rest.call('POST', '/signal', { name: signal.name, variables: toTypedMap(signal.variables ?? {}) }));
  }

  /** Buffered messages until their time to live ends; instances that finished (events for the platform). */
  private async pollLoop(): Promise<void> {
    while (this.running) {
      await sleep(this.options.pollMs ?? 250);
      if (!this.running) break;
      try {
        await this.syncClock();
        await this.fireDueTimerStarts();
        await this.knex('engine_messages').where('expires_at', '<', nowIso()).del();
        for (const m of await this.knex('engine_messages').whereNot('name', 'like', 'id:%').whereNot('name', 'like', 'run:%').orderBy('id')) {
          if (await this.correlate(m.name, m.correlation_key, this.personal.fromJson(m.variables))) await this.knex('engine_messages').where({ id: m.id }).del();
        }
        await this.sweepEnds();
      } catch (err) {
        this.options.log?.(`poll: ${(err as Error).message}`);
      }
    }
  }

  private endCursor = '';
  /**
   * Ends not noticed at a completion (timers, messages, a completion by another platform process): each poll
   * asks about the next END_SWEEP running instances by key, round the table, in one request.
   */
  private async sweepEnds(): Promise<void> {
    const keys = (await this.knex('engine_instances').where({ status: 'ACTIVE' }).where('key', '>', this.endCursor).orderBy('key').limit(END_SWEEP).pluck('key')) as string[];
    this.endCursor = keys.length < END_SWEEP ? '' : keys[keys.length - 1]!;
    await this.noticeEnds(keys);
  }

  /**
   * Instances among `keys` that have ended on the engine: their end mirrored and instance.completed or
   * instance.terminated emitted, once (the update of the ACTIVE row is the claim, also between platform processes).
   */
  private async noticeEnds(keys: string[]): Promise<void> {
    const active = keys.length ? ((await this.knex('engine_instances').whereIn('key', keys).where({ status: 'ACTIVE' }).pluck('key')) as string[]) : [];
    if (!active.length) return;
    const ended = await this.rest.call<Array<{ id: string }>>('POST', `/history/process-instance?maxResults=${active.length}`, { processInstanceIds: active, finished: true });
    for (const { id } of ended) {
      const inst = await this.getInstance(id);
      if (!inst || inst.status === 'ACTIVE') continue;
      const n = await this.knex('engine_instances').where({ key: id, status: 'ACTIVE' }).update({ status: inst.status, variables: this.personal.toJson(inst.variables), trail: JSON.stringify(inst.completedElements), updated_at: nowIso() });
      if (!n) continue;
      if (inst.status === 'COMPLETED') await this.emit({ type: 'instance.completed', processInstanceKey: id, bpmnProcessId: inst.bpmnProcessId, variables: inst.variables, at: nowIso() });
      else await this.emit({ type: 'instance.terminated', processInstanceKey: id, bpmnProcessId: inst.bpmnProcessId, at: nowIso() });
    }
  }

  /** Work started by a call that does not wait for it; stop() waits for it (briefly). */
  private track(p: Promise<unknown>): void {
    const q = p.catch((err) => this.options.log?.(`${(err as Error).message}`)).finally(() => this.inFlight.delete(q));
    this.inFlight.add(q);
  }

  // ---------------------------------------------------------------- jobs

  registerWorker(type: string, handler: JobHandler, options: WorkerOptions = {}): void {
    const had = this.workers.has(type);
    this.workers.set(type, { handler, options, active: 0 });
    if (this.running && !had) this.loops.push(this.workLoop(type));
  }

  private async workLoop(type: string): Promise<void> {
    while (this.running) {
      const w = this.workers.get(type)!;
      const room = (w.options.maxJobsActive ?? 8) - w.active;
      if (room <= 0) {
        await sleep(50);
        continue;
      }
      let tasks: ExternalTask[];
      try {
        tasks = await this.rest.call<ExternalTask[]>(
          'POST',
          '/external-task/fetchAndLock',
          {
            workerId: this.workerId,
            maxTasks: room,
            usePriority: false,
            // No long polling: a fetch the node still holds for a client that has gone would lock the next task to nobody.
            topics: [{ topicName: type, lockDuration: w.options.hold ? (this.options.holdLeaseMs ?? HOLD_LEASE_MS) : (w.options.timeoutMs ?? 60_000), deserializeValues: false, includeExtensionProperties: true }],
          },
          { signal: this.abort.signal, timeoutMs: 10_000 },
        );
      } catch (err) {
        if (!this.running) return;
        // fetch-and-lock answers 500 now and then under concurrency (a known Camunda 7 race): try again.
        this.options.log?.(`fetchAndLock ${type}: ${(err as Error).message}`);
        await sleep(200);
        continue;
      }
      if (!tasks.length) await sleep(this.options.jobPollMs ?? 200);
      for (const t of tasks) {
        w.active++;
        const p = this.runJob(t, w.handler, w.options.hold ?? false).finally(() => {
          w.active--;
          this.inFlight.delete(p);
        });
        this.inFlight.add(p);
      }
    }
  }

  private async toJob(t: ExternalTask, variables?: Variables): Promise<Job> {
    const vars = variables ?? fromTypedMap(t.variables);
    const props = { ...(t.extensionProperties ?? {}) };
    const declaredRetries = Number(props[RETRIES_PROPERTY] ?? 3);
    delete props[RETRIES_PROPERTY];
    for (const name of Object.keys(vars)) {
      if (name.startsWith(HEADER_VARIABLE_PREFIX)) {
        const key = name.slice(HEADER_VARIABLE_PREFIX.length);
        const v = vars[name];
        if (key === 'candidateGroups' || key === 'candidateUsers') props[`io.camunda.zeebe:${key}`] = JSON.stringify(Array.isArray(v) ? v : typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : []);
        else if (v !== null && v !== undefined) props[`io.camunda.zeebe:${key}`] = String(v);
      }
      if (hidden(name)) delete vars[name];
    }
    // Zeebe counts multi-instance iterations from 1, Operaton from 0.
    const model = await this.modelOf(t.processDefinitionKey);
    if (model?.elements.get(t.activityId)?.loop && typeof vars.loopCounter === 'number') vars.loopCounter += 1;
    return {
      key: t.id,
      type: t.topicName,
      processInstanceKey: t.processInstanceId,
      bpmnProcessId: t.processDefinitionKey,
      elementId: t.activityId,
      customHeaders: props,
      variables: vars,
      retries: t.retries ?? declaredRetries,
      deadline: t.lockExpirationTime,
    };
  }

  private async runJob(t: ExternalTask, handler: JobHandler, hold: boolean): Promise<void> {
    const job = await this.toJob(t);
    let outcome: JobOutcome;
    try {
      outcome = await handler(job);
    } catch (err) {
      outcome = { kind: 'fail', errorMessage: (err as Error).message, retries: job.retries - 1 };
    }
    // The kill test: the handler's effects are committed, the engine not yet told (the job's lock runs out).
    crashPoint(`job.handled:${job.type}`);
    if (hold) {
      // Held for the year only once its handler has run (the inbox task exists); a process dying before that leaves a short lease.
      await this.rest.call('POST', `/external-task/${job.key}/extendLock`, { workerId: this.workerId, newDuration: HOLD_LOCK_MS }).catch((err) => this.options.log?.(`extendLock ${job.key}: ${(err as Error).message}`));
      return;
    }
    if (!this.running) return;
    try {
      await this.applyOutcome(job, outcome);
    } catch (err) {
      this.options.log?.(`job ${job.key}: ${(err as Error).message}`);
    }
  }

  private async applyOutcome(job: Job, outcome: JobOutcome): Promise<void> {
    if (outcome.kind === 'complete') return this.completeJob(job.key, outcome.variables ?? {});
    if (outcome.kind === 'error') return this.throwError(job.key, outcome.errorCode, outcome.errorMessage, outcome.variables);
    return this.failJob(job.key, outcome.errorMessage, outcome.retries ?? job.retries - 1, outcome.retryBackoffMs);
  }

  /**
   * Completions, correlations and broadcasts conflict now and then with a concurrent step of the same
   * instance (optimistic locking, a MariaDB deadlock): the node rolls back and answers 500; retried.
   */
  private async retrying<T>(fn: () => Promise<T>): Promise<T> {
    for (let i = 0; ; i++) {
      try {
        return await fn();
      } catch (err) {
        const permanent = !(err instanceof RestError) || err.status !== 500 || /error handler|Propagation of bpmn error|is locked by|Cannot find external task|does not exist/i.test(err.message);
        if (permanent || i >= 6) throw err;
        await sleep(40 * (i + 1) + Math.random() * 40);
      }
    }
  }

  async completeJob(jobKey: string, variables: Variables = {}): Promise<void> {
    await this.syncClock();
    const task = await this.rest.call<ExternalTask>('GET', `/external-task/${jobKey}`);
    const model = await this.modelOf(task.processDefinitionKey);
    // With output mappings the job's variables are local to the step and the mappings carry them out, as on Zeebe.
    const local = (model?.elements.get(task.activityId)?.outputs.length ?? 0) > 0 || !!model?.elements.get(task.activityId)?.loop;
    await this.retrying(() => this.rest.call('POST', `/external-task/${jobKey}/complete`, { workerId: this.workerId, [local ? 'localVariables' : 'variables']: toTypedMap(variables) }));
    // The completion may have ended the instance (the rest of it ran in the same call): noticed now, not at the next poll.
    this.track(this.noticeEnds([task.processInstanceId]));
  }

  async failJob(jobKey: string, errorMessage: string, retries: number, retryBackoffMs = 0): Promise<void> {
    await this.retrying(() => this.rest.call('POST', `/external-task/${jobKey}/failure`, { workerId: this.workerId, errorMessage: errorMessage.slice(0, 3900), errorDetails: errorMessage, retries: Math.max(0, retries), retryTimeout: retryBackoffMs }));
  }

  async throwError(jobKey: string, errorCode: string, errorMessage = '', variables: Variables = {}): Promise<void> {
    try {
      await this.retrying(() => this.rest.call('POST', `/external-task/${jobKey}/bpmnError`, { workerId: this.workerId, errorCode, ...(errorMessage ? { errorMessage } : {}), variables: toTypedMap(variables) }));
    } catch (err) {
      // Nothing catches the code (the node refuses the unhandled error): an incident at the step, as on Zeebe.
      if (!(err instanceof RestError) || err.status !== 500) throw err;
      await this.failJob(jobKey, `${UNHANDLED}未捕获的 BPMN 错误 ${errorCode}:${errorMessage}`, 0);
    }
  }

  async jobState(jobKey: string): Promise<JobState | null> {
    try {
      const t = await this.rest.call<ExternalTask>('GET', `/external-task/${encodeURIComponent(jobKey)}`);
      return t.retries === 0 ? 'INCIDENT' : 'OPEN';
    } catch (err) {
      if (!(err instanceof RestError) || err.status !== 404) throw err;
    }
    const logs = await this.rest.call<Array<{ successLog: boolean; deletionLog: boolean }>>('GET', `/history/external-task-log?externalTaskId=${encodeURIComponent(jobKey)}`);
    if (logs.some((l) => l.successLog)) return 'COMPLETED';
    if (logs.some((l) => l.deletionLog)) return 'CANCELLED';
    return null;
  }

  async listHeldJobKeys(type: string): Promise<string[]> {
    const tasks = await this.rest.call<ExternalTask[]>('GET', `/external-task?topicName=${encodeURIComponent(type)}&locked=true&maxResults=10000`);
    return tasks.map((t) => t.id);
  }

  async heldJob(jobKey: string): Promise<Job | null> {
    let t: ExternalTask;
    try {
      t = await this.rest.call<ExternalTask>('GET', `/external-task/${encodeURIComponent(jobKey)}`);
    } catch (err) {
      if (err instanceof RestError && err.status === 404) return null;
      throw err;
    }
    const [proc, local] = await Promise.all([
      this.rest.call<Record<string, Typed>>('GET', `/process-instance/${t.processInstanceId}/variables?deserializeValues=false`),
      this.rest.call<Record<string, Typed>>('GET', `/execution/${t.executionId}/localVariables?deserializeValues=false`),
    ]);
    const xml = await this.rest.call<{ bpmn20Xml: string }>('GET', `/process-definition/${t.processDefinitionId}/xml`);
    const props = Object.fromEntries([...xml.bpmn20Xml.matchAll(new RegExp(`id="${t.activityId}"[\\s\\S]*?</bpmn:serviceTask>`, 'g'))].flatMap((m) => [...m[0].matchAll(/<camunda:property name="([^"]*)" value="([^"]*)"/g)].map((p) => [p[1], p[2]])));
    return this.toJob({ ...t, extensionProperties: props }, { ...fromTypedMap(proc), ...fromTypedMap(local) });
  }

  async setVariables(processInstanceKey: string, variables: Variables): Promise<void> {
    await this.rest.call('POST', `/process-instance/${processInstanceKey}/variables`, { modifications: toTypedMap(variables) });
  }

  // ---------------------------------------------------------------- incidents

  async listIncidents(filter: { processInstanceKey?: string; state?: 'OPEN' | 'RESOLVED' } = {}): Promise<Incident[]> {
    const q = new URLSearchParams({ maxResults: '10000' });
    if (filter.processInstanceKey) q.set('processInstanceId', filter.processInstanceKey);
    if (filter.state === 'OPEN') q.set('open', 'true');
    if (filter.state === 'RESOLVED') q.set('resolved', 'true');
    const rows = await this.rest.call<Array<{ id: string; processInstanceId: string; configuration: string | null; activityId: string; incidentType: string; incidentMessage: string | null; createTime: string; open: boolean }>>('GET', `/history/incident?${q}`);
    const incidents = rows.map((r): Incident => {
      const message = r.incidentMessage ?? '';
      const errorType = message.startsWith(UNHANDLED) ? 'UNHANDLED_ERROR_EVENT' : message.includes('EXTRACT_VALUE_ERROR') ? 'EXTRACT_VALUE_ERROR' : 'JOB_NO_RETRIES';
      const timer = r.incidentType === TIMER_INCIDENT;
      return {
        key: r.id,
        processInstanceKey: r.processInstanceId,
        jobKey: timer ? null : r.configuration,
        elementId: timer ? (r.configuration ?? '') : (r.activityId ?? '').replace(/#multiInstanceBody$/, ''),
        errorType,
        message: message.startsWith(UNHANDLED) ? message.slice(UNHANDLED.length) : message,
        state: r.open ? 'OPEN' : 'RESOLVED',
        createdAt: r.createTime,
      };
    });
    // Mirrored for the platform's region checks (IncidentRegions reads engine_incidents).
    for (const i of incidents) {
      const row = await this.knex('engine_incidents').where({ key: i.key }).first('state');
      if (!row) {
        await this.knex('engine_incidents').insert({ key: i.key, instance_key: i.processInstanceKey, job_key: i.jobKey, element_id: i.elementId, error_type: i.errorType, message: i.message, state: i.state, created_at: nowIso() }).catch(() => undefined);
        if (i.state === 'OPEN') await this.emit({ type: 'incident.created', incident: i });
      } else if (row.state !== i.state) await this.knex('engine_incidents').where({ key: i.key }).update({ state: i.state, resolved_at: nowIso() });
    }
    return incidents;
  }

  /**
   * Before a failed job is retried, its step's input mappings are evaluated again on the current
   * variables (as Zeebe and the embedded engine do): Operaton maps inputs only when the step starts,
   * so an admin's corrected variable would not reach the retried job.
   */
  private async remapInputs(taskId: string): Promise<void> {
    const task = await this.rest.call<ExternalTask>('GET', `/external-task/${taskId}`);
    const info = (await this.modelOf(task.processDefinitionKey))?.elements.get(task.activityId);
    if (!info?.inputs.length) return;
    const [proc, local] = await Promise.all([
      this.rest.call<Record<string, Typed>>('GET', `/process-instance/${task.processInstanceId}/variables?deserializeValues=false`),
      this.rest.call<Record<string, Typed>>('GET', `/execution/${task.executionId}/localVariables?deserializeValues=false`),
    ]);
    // The step's own locals (a multi-instance item) over the process's variables, without the earlier mapped values.
    const own = fromTypedMap(local);
    for (const m of info.inputs) delete own[m.target.split('.')[0]!];
    const scope = { ...fromTypedMap(proc), ...own };
    const out: Variables = {};
    for (const m of info.inputs) setPath(out, m.target, isFeel(m.source) ? evaluateFeel(m.source, { ...scope, ...out }) : m.source);
    await this.rest.call('POST', `/execution/${task.executionId}/localVariables`, { modifications: toTypedMap(out) });
  }

  async resolveIncident(incidentKey: string, retries = 1): Promise<void> {
    let inc: { id: string; incidentType: string; configuration: string; executionId: string; processInstanceId: string; activityId: string | null };
    try {
      inc = await this.rest.call('GET', `/incident/${incidentKey}`);
    } catch (err) {
      if (err instanceof RestError && err.status === 404) throw new Error(`事件 ${incidentKey} 不存在或已解决`);
      throw err;
    }
    if (inc.incidentType === 'failedExternalTask') {
      await this.remapInputs(inc.configuration);
      await this.rest.call('PUT', `/external-task/${inc.configuration}/retries`, { retries });
    } else if (inc.incidentType === 'failedJob') await this.rest.call('PUT', `/job/${inc.configuration}/retries`, { retries });
    else if (inc.incidentType === TIMER_INCIDENT) await this.rest.call('DELETE', `/incident/${incidentKey}`);
    else await this.rest.call('PUT', `/incident/${incidentKey}/annotation`, { annotation: 'resolved' });
    await this.knex('engine_incidents').where({ key: incidentKey }).update({ state: 'RESOLVED', resolved_at: nowIso() });
  }
}

function setPath(target: Variables, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur: Record<string, unknown> = target;
  for (const p of parts.slice(0, -1)) {
    if (typeof cur[p] !== 'object' || cur[p] === null) cur[p] = {};
    cur = cur[p] as Record<string, unknown>;
  }
  cur[parts.at(-1)!] = value;
}
