import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { ZBClient, type ZBWorker } from 'zeebe-node';
import type { Db } from '../../store/createDb.ts';
import { fromJson, nowIso, toJson } from '../../store/createDb.ts';
import type { PersonalData } from '../../services/privacy/index.ts';
import { listIncidentRows } from '../../store/incidentQueries.ts';
import { parseDefinitions, type ProcessModel } from '../../bpmn/zeebeModel.ts';
import {
  MigrationNotSupportedError,
  type InstanceMigrationRequest,
  type InstanceMigrationResult,
  EngineDeployError,
  EngineUnavailableError,
  type DeployedProcess,
  type DeployProblem,
  type DeployResource,
  type EngineEvent,
  type Incident,
  type InstanceSummary,
  type Job,
  type JobHandler,
  type JobOutcome,
  type JobState,
  type ProcessEngine,
  type Variables,
  type WorkerOptions,
} from '../../port/ProcessEngine.ts';
import { instrumentForTrail, TRAIL_JOB_TYPE } from './instrument.ts';
import { KeyedMutex } from '../../util/KeyedMutex.ts';

export interface ZeebeEngineOptions {
  /** host:port of the Zeebe gateway, e.g. 127.0.0.1:26500 */
  gatewayAddress: string;
  usePlaintext?: boolean;
  /** OAuth client credentials for a secured cluster (Camunda SaaS or self-managed with Identity). */
  oAuth?: { url: string; audience: string; clientId: string; clientSecret: string };
  log?: (msg: string) => void;
}

/** A job as zeebe-node hands it to a worker: the port's fields plus its reply methods. */
type ZJob = Omit<Job, 'deadline'> & {
  deadline: string;
  complete(vars?: Variables): Promise<unknown>;
  fail(opts: { errorMessage: string; retries?: number; retryBackOff?: number }): Promise<unknown>;
  error(opts: { errorCode: string; errorMessage?: string; variables?: Variables }): Promise<unknown>;
  forward(): unknown;
};

const HOLD_TIMEOUT_MS = 24 * 3600 * 1000;

/**
 * The Zeebe adapter: the same port on a real broker through zeebe-node (kept thin so a move to
 * @camunda8/sdk stays inside this folder). Without Operate, the platform learns what happened from
 * execution listeners it adds at deploy time (trail and variables), and holds failed jobs as its
 * own incidents so an admin can list and resolve them through the same API as on the embedded engine.
 */
export class ZeebeEngine implements ProcessEngine {
  readonly kind = 'zeebe' as const;
  private readonly knex: Knex;
  private zbc?: ZBClient;
  private readonly workers: ZBWorker<any, any, any>[] = [];
  private readonly pendingWorkers: Array<{ type: string; handler: JobHandler; options: WorkerOptions }> = [];
  private readonly handlers = new Map<string, JobHandler>();
  private readonly models = new Map<string, ProcessModel>();
  private readonly listeners: Array<(e: EngineEvent) => void | Promise<void>> = [];
  private readonly startMutex = new KeyedMutex();

  /** Recorded variables are sealed at the store (ID and mobile numbers). */
  private readonly personal: PersonalData;

  constructor(
    db: Db,
    private readonly options: ZeebeEngineOptions,
  ) {
    this.knex = db.knex;
    this.personal = db.personal;
  }

  private client(): ZBClient {
    if (!this.zbc) {
      this.zbc = new ZBClient(this.options.gatewayAddress, {
        usePlaintext: this.options.usePlaintext ?? !this.options.oAuth,
        oAuth: this.options.oAuth ? { url: this.options.oAuth.url, audience: this.options.oAuth.audience, clientId: this.options.oAuth.clientId, clientSecret: this.options.oAuth.clientSecret, cacheOnDisk: false } : undefined,
        loglevel: 'NONE',
        retry: false,
      } as ConstructorParameters<typeof ZBClient>[1]);
    }
    return this.zbc;
  }

  /** gRPC UNAVAILABLE / connection failures become EngineUnavailableError (HTTP 503). */
  private async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      const e = err as { code?: number; message?: string };
      if (e?.code === 14 || /UNAVAILABLE|ECONNREFUSED|No connection|Deadline exceeded|DEADLINE_EXCEEDED/i.test(e?.message ?? '')) {
        throw new EngineUnavailableError(`Zeebe 网关不可用(${what}):${e?.message ?? ''}`);
      }
      throw err;
    }
  }

  async start(): Promise<void> {
    this.registerWorker(TRAIL_JOB_TYPE, (job) => this.onTrail(job), { maxJobsActive: 32, timeoutMs: 30_000 });
    for (const w of this.pendingWorkers.splice(0)) this.startWorker(w.type, w.handler, w.options);
  }

  async stop(): Promise<void> {
    // A handler that never returns (a dead worker) must not block shutdown.
    const grace = <T>(p: Promise<T>) => Promise.race([p, new Promise((r) => setTimeout(r, 3000))]);
    await grace(Promise.allSettled(this.workers.map((w) => w.close(2000))));
    this.workers.length = 0;
    await grace(this.zbc?.close(2000).catch(() => undefined) ?? Promise.resolve());
    this.zbc = undefined;
  }

  onEvent(listener: (event: EngineEvent) => void | Promise<void>): void {
    this.listeners.push(listener);
  }

  private async emit(events: EngineEvent[]): Promise<void> {
    for (const e of events) for (const l of this.listeners) await Promise.resolve(l(e)).catch((err) => this.options.log?.(`listener: ${(err as Error).message}`));
  }

  // ---------------------------------------------------------------- deployment

  async validate(resources: DeployResource[]): Promise<DeployProblem[]> {
    const problems: DeployProblem[] = [];
    for (const r of resources) problems.push(...(await parseDefinitions(r.name, r.xml)).problems);
    return problems;
  }

  async deploy(resources: DeployResource[]): Promise<DeployedProcess[]> {
    const problems = await this.validate(resources);
    if (problems.length) throw new EngineDeployError(problems);
    const deployed: DeployedProcess[] = [];
    for (const r of resources) {
      const xml = await instrumentForTrail(r.xml);
      let result;
      try {
        result = await this.call('deploy', () => this.client().deployResource({ process: Buffer.from(xml), name: r.name }));
      } catch (err) {
        if (err instanceof EngineUnavailableError) throw err;
        throw new EngineDeployError([{ file: r.name, code: 'BROKER_REJECTED', message: `Zeebe 拒绝部署:${(err as Error).message}` }]);
      }
      const parsed = await parseDefinitions(r.name, r.xml);
      for (const d of result.deployments as Array<{ process?: { bpmnProcessId: string; version: number; processDefinitionKey: string; resourceName: string } }>) {
        if (!d.process) continue;
        const p = d.process;
        const key = String(p.processDefinitionKey);
        const model = parsed.processes.find((m) => m.bpmnProcessId === p.bpmnProcessId);
        if (model) this.models.set(key, model);
        const exists = await this.knex('engine_definitions').where({ key }).first('key');
        if (!exists) {
          await this.knex('engine_definitions').insert({
            key,
            bpmn_process_id: p.bpmnProcessId,
            version: p.version,
            resource_name: r.name,
            checksum: createHash('sha256').update(r.xml).digest('hex'),
            xml: r.xml,
            created_at: nowIso(),
          });
        }
        deployed.push({ bpmnProcessId: p.bpmnProcessId, version: p.version, definitionKey: key, resourceName: r.name });
      }
    }
    return deployed;
  }

  private async modelOf(bpmnProcessId: string): Promise<ProcessModel | undefined> {
    const row = await this.knex('engine_definitions').where({ bpmn_process_id: bpmnProcessId }).orderBy('version', 'desc').first();
    if (!row) return undefined;
    let m = this.models.get(row.key);
    if (!m) {
      m = (await parseDefinitions(row.resource_name, row.xml)).processes.find((p) => p.bpmnProcessId === bpmnProcessId);
      if (m) this.models.set(row.key, m);
    }
    return m;
  }

  // ---------------------------------------------------------------- instances

  async createInstance(req: { bpmnProcessId: string; definitionKey?: string; variables: Variables; startKey?: string }): Promise<{ processInstanceKey: string }> {
    if (!req.startKey) return this.createOnBroker(req);
    // The broker has no business key: the platform's store remembers which instance a start key got,
    // and starts with one key are serialised here. (A crash between the broker's answer and this
    // record can still leave a second instance on the broker.)
    return this.startMutex.run(req.startKey, async () => {
      const earlier = await this.knex('engine_instances').where({ start_key: req.startKey }).first('key');
      if (earlier) return { processInstanceKey: earlier.key };
      return this.createOnBroker(req);
    });
  }

  private async createOnBroker(req: { bpmnProcessId: string; definitionKey?: string; variables: Variables; startKey?: string }): Promise<{ processInstanceKey: string }> {
    let version: number | undefined;
    if (req.definitionKey) version = (await this.knex('engine_definitions').where({ key: req.definitionKey }).first('version'))?.version;
    const res = await this.call('createProcessInstance', () =>
      this.client().createProcessInstance({ bpmnProcessId: req.bpmnProcessId, variables: req.variables, ...(version ? { version } : {}) } as Parameters<ZBClient['createProcessInstance']>[0]),
    );
    const key = String(res.processInstanceKey);
    await this.upsertInstance(key, req.bpmnProcessId, {});
    if (req.startKey) await this.knex('engine_instances').where({ key }).update({ start_key: req.startKey });
    return { processInstanceKey: key };
  }

  private async upsertInstance(key: string, bpmnProcessId: string, patch: { variables?: Variables; appendTrail?: string; status?: InstanceSummary['status'] }): Promise<void> {
    await this.knex.transaction(async (trx) => {
      const row = await trx('engine_instances').where({ key }).first();
      const now = nowIso();
      if (!row) {
        await trx('engine_instances').insert({
          key,
          definition_key: '',
          bpmn_process_id: bpmnProcessId,
          status: patch.status ?? 'ACTIVE',
          state: null,
          variables: this.personal.toJson(patch.variables ?? {}),
          trail: toJson(patch.appendTrail ? [patch.appendTrail] : []),
          version: 1,
          created_at: now,
          updated_at: now,
        });
        return;
      }
      const trail = fromJson<string[]>(row.trail);
      if (patch.appendTrail) trail.push(patch.appendTrail);
      await trx('engine_instances')
        .where({ key })
        .update({
          trail: toJson(trail),
          ...(patch.variables ? { variables: this.personal.toJson(patch.variables) } : {}),
          ...(patch.status && row.status === 'ACTIVE' ? { status: patch.status } : {}),
          updated_at: now,
          version: row.version + 1,
        });
    });
  }

  /** Execution-listener jobs: record the element in the trail and the variables; react to ends. */
  private async onTrail(job: Job): Promise<JobOutcome> {
    const model = await this.modelOf(job.bpmnProcessId);
    const isProcessEnd = job.elementId === job.bpmnProcessId;
    if (isProcessEnd) {
      await this.upsertInstance(job.processInstanceKey, job.bpmnProcessId, { variables: job.variables, status: 'COMPLETED' });
      await this.cancelOpenJobs(job.processInstanceKey, null);
      await this.emit([{ type: 'instance.completed', processInstanceKey: job.processInstanceKey, bpmnProcessId: job.bpmnProcessId, variables: job.variables, at: nowIso() }]);
      return { kind: 'complete' };
    }
    const info = model?.elements.get(job.elementId);
    // Boundary events carry no listener: when the element after one runs, the boundary event fired
    // and (interrupting) ended the task it is attached to, whose held job is then gone.
    const boundary = info?.incomingFrom.length === 1 ? model?.elements.get(info.incomingFrom[0]) : undefined;
    if (boundary?.type === 'bpmn:BoundaryEvent') {
      await this.upsertInstance(job.processInstanceKey, job.bpmnProcessId, { appendTrail: boundary.id });
      if (boundary.attachedToRef) await this.cancelOpenJobs(job.processInstanceKey, boundary.attachedToRef);
    }
    await this.upsertInstance(job.processInstanceKey, job.bpmnProcessId, { variables: job.variables, appendTrail: job.elementId });
    await this.emit([{ type: 'element.completed', processInstanceKey: job.processInstanceKey, elementId: job.elementId, elementType: info?.type ?? '', at: nowIso() }]);
    return { kind: 'complete' };
  }

  private async cancelOpenJobs(instanceKey: string, elementId: string | null): Promise<void> {
    const q = this.knex('engine_jobs').where({ instance_key: instanceKey }).whereIn('state', ['ACTIVATED', 'INCIDENT']);
    if (elementId) q.andWhere({ element_id: elementId });
    const open = await q;
    for (const j of open) {
      await this.knex('engine_jobs').where({ key: j.key }).update({ state: 'CANCELLED' });
      await this.emit([{ type: 'job.cancelled', processInstanceKey: instanceKey, jobKey: j.key, elementId: j.element_id, at: nowIso() }]);
    }
  }

  async cancelInstance(processInstanceKey: string): Promise<void> {
    await this.call('cancelProcessInstance', () => this.client().cancelProcessInstance(processInstanceKey));
    await this.upsertInstance(processInstanceKey, '', { status: 'TERMINATED' });
    await this.cancelOpenJobs(processInstanceKey, null);
  }

  async getInstance(processInstanceKey: string): Promise<InstanceSummary | null> {
    const row = await this.knex('engine_instances').where({ key: processInstanceKey }).first();
    if (!row) return null;
    return { key: row.key, bpmnProcessId: row.bpmn_process_id, status: row.status, variables: this.personal.fromJson(row.variables), completedElements: fromJson(row.trail) };
  }

  async publishMessage(msg: { name: string; correlationKey: string; variables?: Variables; timeToLiveMs?: number; messageId?: string }): Promise<void> {
    try {
      await this.call('publishMessage', () =>
        this.client().publishMessage({
          name: msg.name,
          correlationKey: msg.correlationKey,
          variables: msg.variables ?? {},
          timeToLive: msg.timeToLiveMs ?? 0,
          ...(msg.messageId ? { messageId: msg.messageId } : {}),
        } as Parameters<ZBClient['publishMessage']>[0]),
      );
    } catch (err) {
      // The broker refuses a message id it still holds: that publish already took effect (a retry after a crash).
      if (msg.messageId && (err as { code?: number }).code === 6) return;
      throw err;
    }
  }

  /** The broker broadcasts it to its signal subscriptions (starts, catches, boundaries, event sub-processes). */
  async broadcastSignal(signal: { name: string; variables?: Variables }): Promise<void> {
    await this.call('broadcastSignal', () => this.client().broadcastSignal({ signalName: signal.name, variables: signal.variables ?? {} } as Parameters<ZBClient['broadcastSignal']>[0]));
  }

  // ---------------------------------------------------------------- jobs

  registerWorker(type: string, handler: JobHandler, options: WorkerOptions = {}): void {
    this.handlers.set(type, handler);
    if (type === TRAIL_JOB_TYPE || this.zbc) this.startWorker(type, handler, options);
    else this.pendingWorkers.push({ type, handler, options });
  }

  private startWorker(type: string, handler: JobHandler, options: WorkerOptions): void {
    const worker = this.client().createWorker({
      taskType: type,
      maxJobsActive: options.maxJobsActive ?? 8,
      timeout: options.hold ? HOLD_TIMEOUT_MS : (options.timeoutMs ?? 60_000),
      pollInterval: 100,
      taskHandler: async (zjob: unknown) => this.runJob(zjob as ZJob, handler, options.hold ?? false),
    } as unknown as Parameters<ZBClient['createWorker']>[0]);
    this.workers.push(worker as ZBWorker<any, any, any>);
  }

  private toJob(z: ZJob): Job {
    return {
      key: String(z.key),
      type: z.type,
      processInstanceKey: String(z.processInstanceKey),
      bpmnProcessId: z.bpmnProcessId,
      elementId: z.elementId,
      customHeaders: z.customHeaders ?? {},
      variables: z.variables ?? {},
      retries: z.retries,
      deadline: z.deadline ?? null,
    };
  }

  private async runJob(z: ZJob, handler: JobHandler, hold: boolean): Promise<unknown> {
    const job = this.toJob(z);
    if (job.type !== TRAIL_JOB_TYPE) {
      // A job held as a platform incident stays held when the broker hands it out again.
      const held = await this.knex('engine_jobs').where({ key: job.key }).first();
      if (held?.state === 'INCIDENT') return z.forward();
      if (!held) {
        await this.knex('engine_jobs')
          .insert({
            key: job.key,
            instance_key: job.processInstanceKey,
            execution_id: job.key,
            element_id: job.elementId,
            type: job.type,
            retries: job.retries,
            state: 'ACTIVATED',
            custom_headers: toJson(job.customHeaders),
            variables: '{}',
            created_at: nowIso(),
          })
          .catch(() => undefined);
      }
    }
    let outcome: JobOutcome;
    try {
      outcome = await handler(job);
    } catch (err) {
      outcome = { kind: 'fail', errorMessage: (err as Error).message, retries: job.retries - 1 };
    }
    if (hold) return z.forward();
    return this.applyOutcome(z, job, outcome);
  }

  private async applyOutcome(z: ZJob | null, job: Job, outcome: JobOutcome): Promise<unknown> {
    if (outcome.kind === 'complete') {
      await this.knex('engine_jobs').where({ key: job.key }).update({ state: 'COMPLETED' });
      return z ? z.complete(outcome.variables ?? {}) : this.client().completeJob({ jobKey: job.key, variables: outcome.variables ?? {} });
    }
    if (outcome.kind === 'error') {
      const model = await this.modelOf(job.bpmnProcessId);
      const caught = model?.elements.get(job.elementId)?.catchesErrors.some((c) => c === '' || c === outcome.errorCode);
      if (!caught) return this.holdAsIncident(z, job, 'UNHANDLED_ERROR_EVENT', `未捕获的 BPMN 错误 ${outcome.errorCode}:${outcome.errorMessage ?? ''}`);
      await this.knex('engine_jobs').where({ key: job.key }).update({ state: 'COMPLETED' });
      const args = { errorCode: outcome.errorCode, errorMessage: outcome.errorMessage ?? '', variables: outcome.variables ?? {} };
      return z ? z.error(args) : this.client().throwError({ jobKey: job.key, ...args } as Parameters<ZBClient['throwError']>[0]);
    }
    const retries = outcome.retries ?? job.retries - 1;
    if (retries > 0) {
      await this.knex('engine_jobs').where({ key: job.key }).update({ retries, error_message: outcome.errorMessage });
      const args = { errorMessage: outcome.errorMessage, retries, retryBackOff: outcome.retryBackoffMs ?? 0 };
      return z ? z.fail(args) : this.client().failJob({ jobKey: job.key, ...args });
    }
    return this.holdAsIncident(z, job, 'JOB_NO_RETRIES', outcome.errorMessage);
  }

  /** The job stays activated (forwarded) and the platform records the incident; resolution re-runs it. */
  private async holdAsIncident(z: ZJob | null, job: Job, errorType: string, message: string): Promise<unknown> {
    const incident: Incident = { key: `${job.key}-${Date.now()}`, processInstanceKey: job.processInstanceKey, jobKey: job.key, elementId: job.elementId, errorType, message, state: 'OPEN', createdAt: nowIso() };
    await this.knex('engine_jobs').where({ key: job.key }).update({ state: 'INCIDENT', retries: 0, error_message: message, variables: this.personal.toJson({ job }) });
    await this.knex('engine_incidents').insert({ key: incident.key, instance_key: job.processInstanceKey, job_key: job.key, element_id: job.elementId, error_type: errorType, message, state: 'OPEN', created_at: incident.createdAt });
    await this.emit([{ type: 'incident.created', incident }]);
    return z?.forward();
  }

  async completeJob(jobKey: string, variables: Variables = {}): Promise<void> {
    await this.call('completeJob', () => this.client().completeJob({ jobKey, variables }));
    await this.knex('engine_jobs').where({ key: jobKey }).update({ state: 'COMPLETED' });
  }

  async jobState(jobKey: string): Promise<JobState | null> {
    const job = await this.knex('engine_jobs').where({ key: jobKey }).first('state');
    if (!job) return null;
    return job.state === 'ACTIVATABLE' || job.state === 'ACTIVATED' ? 'OPEN' : (job.state as JobState);
  }

  async setVariables(processInstanceKey: string, variables: Variables): Promise<void> {
    // On the process instance's scope, as Operate's "edit variable" does.
    await this.call('setVariables', () => this.client().setVariables({ elementInstanceKey: processInstanceKey, variables, local: false }));
    const row = await this.knex('engine_instances').where({ key: processInstanceKey }).first('variables');
    if (row) await this.knex('engine_instances').where({ key: processInstanceKey }).update({ variables: toJson({ ...fromJson<Variables>(row.variables), ...variables }), updated_at: nowIso() });
  }

  async failJob(jobKey: string, errorMessage: string, retries: number, retryBackoffMs = 0): Promise<void> {
    await this.call('failJob', () => this.client().failJob({ jobKey, errorMessage, retries, retryBackOff: retryBackoffMs }));
  }

  async throwError(jobKey: string, errorCode: string, errorMessage = '', variables: Variables = {}): Promise<void> {
    await this.call('throwError', () => this.client().throwError({ jobKey, errorCode, errorMessage, variables } as Parameters<ZBClient['throwError']>[0]));
  }

  async listIncidents(filter: { processInstanceKey?: string; state?: 'OPEN' | 'RESOLVED' } = {}): Promise<Incident[]> {
    return listIncidentRows(this.knex, filter);
  }

  /** Re-runs the held job's handler with fresh retries; its outcome goes to the broker as usual. */
  async resolveIncident(incidentKey: string, retries = 1): Promise<void> {
    const inc = await this.knex('engine_incidents').where({ key: incidentKey, state: 'OPEN' }).first();
    if (!inc) throw new Error(`事件 ${incidentKey} 不存在或已解决`);
    const held = await this.knex('engine_jobs').where({ key: inc.job_key }).first();
    await this.knex('engine_incidents').where({ key: incidentKey }).update({ state: 'RESOLVED', resolved_at: nowIso() });
    await this.knex('engine_jobs').where({ key: inc.job_key }).update({ state: 'ACTIVATED', retries });
    const job = { ...(this.personal.fromJson<{ job: Job }>(held.variables).job as Job), retries };
    const handler = this.handlers.get(job.type);
    if (!handler) return;
    let outcome: JobOutcome;
    try {
      outcome = await handler(job);
    } catch (err) {
      outcome = { kind: 'fail', errorMessage: (err as Error).message, retries: retries - 1 };
    }
    await this.applyOutcome(null, job, outcome);
  }

  /**
   * Zeebe 8 migrates instances itself (MigrateProcessInstance with mapping instructions), but
   * zeebe-node 8.3 has no call for it, and the platform's trail listeners would need re-instrumenting
   * on the target: refused with the reason until the adapter moves to the 8.4+ client.
   */
  async migrateInstance(_req: InstanceMigrationRequest): Promise<InstanceMigrationResult> {
    throw new MigrationNotSupportedError('Zeebe 引擎暂不支持流程实例迁移:当前客户端(zeebe-node)尚无迁移接口,请在嵌入式引擎上迁移,或等待适配器升级');
  }
}
