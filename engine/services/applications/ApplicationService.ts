import type { OpenStep } from '../inbox/TaskQueries.ts';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import type { Knex } from 'knex';
import type { Db } from '../../store/createDb.ts';
import { ConflictError, ForbiddenError, NotFoundError, UnsupportedMediaTypeError, PayloadTooLargeError, UnprocessableError, ValidationError } from '../../errors.ts';
import type { Quotas } from '../../config.ts';
import { formatBytes } from '../attachments/AttachmentStorage.ts';
import { safeFileName } from '../attachments/safeFileName.ts';
import type { ProcessEngine } from '../../port/ProcessEngine.ts';
import { assertRole, candidateGroupsOf, type Actor } from '../actor.ts';
import { regionCovers } from '../actorScope.ts';
import type { AuditSink, InboxService } from '../inbox/InboxService.ts';
import type { AuditEntry } from '../audit/AuditLog.ts';
import type { PackageService } from '../packages/PackageService.ts';
import { shanghaiDate } from '../time/clock.ts';
import { KeyedMutex } from '../../util/KeyedMutex.ts';
import { crashPoint } from '../../reliability/crashPoint.ts';
import { maskInText } from '../privacy/index.ts';
import { applicationSearchColumns } from '../review/applicationSearchColumns.ts';
import { projectRuleDecision } from '../inbox/TaskQueries.ts';
import type { AttachmentStoragePort, FormRuntime, RegistryPort, UploadInspector } from './ports.ts';

export { APPLICATION_STATUS_LABELS, REASON_LABELS } from '../../packages/platformLabels.ts';
import { APPLICATION_STATUS_LABELS, REASON_LABELS } from '../../packages/platformLabels.ts';

export interface ApplicationView {
  id: string;
  packageHash: string;
  packageId: string;
  status: string;
  statusLabel: string;
  stage: string | null;
  data: Record<string, unknown>;
  eligibility: unknown;
  outcome: unknown;
  processInstanceKey: string | null;
  submittedAt: string | null;
  createdAt: string;
  updatedAt: string;
  attachments: AttachmentView[];
  /** Package-defined actions the applicant may take now (e.g. a leave request), with the form to fill. */
  actions: Array<{ id: string; title: string; form: string }>;
}

export interface AttachmentView {
  id: string;
  kind: string;
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
  createdAt: string;
}

interface AppRow {
  id: string;
  package_hash: string;
  package_id: string;
  applicant_account_id: string;
  applicant_id_number: string | null;
  recommender_org_id: string | null;
  city_code: string | null;
  status: string;
  stage: string | null;
  data: string;
  eligibility: string | null;
  outcome: string | null;
  process_instance_key: string | null;
  submitted_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

const EDITABLE = new Set(['DRAFT', 'RETURNED']);

/** A correction reserved on the applicant's task row before the engine is told (its data sealed as the application's). */
interface PendingResubmission {
  kind: 'resubmit';
  token: string;
  data: string;
  actorId: string;
  actorRole: string;
  completedAt: string;
  previous: { state: 'OPEN' | 'CLAIMED'; assignee: string | null };
}

function parsePendingResubmission(text: string): PendingResubmission | null {
  try {
    const p = JSON.parse(text) as Partial<PendingResubmission>;
    return p?.kind === 'resubmit' ? (p as PendingResubmission) : null;
  } catch {
    return null;
  }
}

export interface ApplicationServiceDeps {
  db: Db;
  engine: ProcessEngine;
  packages: PackageService;
  inbox: InboxService;
  audit: AuditSink & { append(entry: AuditEntry, trx?: Knex.Transaction): Promise<unknown> } & { listForApplication(applicationId: string): Promise<Array<{ at: string; action: string; actorRole?: string | null; detail?: unknown }>> };
  forms: FormRuntime;
  registry: RegistryPort;
  storage: AttachmentStoragePort;
  /** The real type of an uploaded file by its whole structure (null when it is none of the accepted types). */
  inspect: UploadInspector;
  maxUploadBytes: number;
  quotas: Quotas;
  now: () => number;
  /** Called after a submission is committed so the dispatcher starts the process without waiting for its poll. */
  onSubmitted?: () => void;
  /** Refuses a submission outside the package's registration windows (when its schedule enforces them). */
  registrationGate?: { assertRegistrationOpen(packageHash: string, on: string, data: Record<string, unknown>): Promise<{ id: string; title: string; opens?: string | null; closes?: string | null; clause?: string } | undefined> };
  /** The steps an application waits at with their working-day deadlines (the inbox's task queries). */
  openSteps?: (applicationId: string) => Promise<OpenStep[]>;
}

/**
 * Applications: drafts, server-side validation against the package form, attachments on disk,
 * submission with a durably queued process start, withdrawal, correction and a status timeline.
 */
export class ApplicationService {
  private readonly knex: Knex;

  private readonly actionMutex = new KeyedMutex();

  constructor(private readonly d: ApplicationServiceDeps) {
    this.knex = d.db.knex;
  }

  // Application data, variables and results cross the store boundary sealed (services/privacy).
  private toJson(value: unknown): string {
    return this.d.db.personal.toJson(value);
  }
  private fromJson<T>(text: unknown): T {
    return this.d.db.personal.fromJson<T>(text);
  }

  private nowIso(): string {
    return new Date(this.d.now()).toISOString();
  }

  async createDraft(actor: Actor, input: { packageHash: string; data?: Record<string, unknown> }): Promise<ApplicationView> {
    assertRole(actor, 'applicant');
    if (!(await this.d.packages.isActive(input.packageHash))) throw new NotFoundError('开放中的申报', input.packageHash);
    const pkg = await this.d.packages.version(input.packageHash);
    this.assertDataSize(input.data ?? {});
    const id = randomUUID();
    const now = this.nowIso();
    await this.knex.transaction(async (trx) => {
      const [{ n }] = await trx('applications').where({ applicant_account_id: actor.id, status: 'DRAFT' }).count('* as n');
      const max = this.d.quotas.maxDraftsPerApplicant;
      if (Number(n) >= max) throw new UnprocessableError('草稿数量已达上限', `每位申报人最多保留 ${max} 份未提交的草稿,请先提交或删除已有草稿`);
      await trx('applications').insert({
        id,
        package_hash: input.packageHash,
        package_id: pkg.manifest.id,
        applicant_account_id: actor.id,
        applicant_id_number: actor.idNumber ? this.d.db.personal.lookupKey(actor.idNumber) : null,
        status: 'DRAFT',
        data: this.toJson(input.data ?? {}),
        created_at: now,
        updated_at: now,
        version: 0,
      });
      await this.d.audit.append({ actorId: actor.id, actorRole: actor.role, action: 'application.created', entityType: 'application', entityId: id, applicationId: id }, trx);
    });
    return this.get(actor, id);
  }

  async updateDraft(actor: Actor, id: string, data: Record<string, unknown>): Promise<ApplicationView> {
    const row = await this.ownRow(actor, id);
    if (row.status !== 'DRAFT') throw new ConflictError('只有草稿可以修改', `当前状态:${APPLICATION_STATUS_LABELS[row.status] ?? row.status}`);
    this.assertDataSize(data);
    const n = await this.knex('applications').where({ id, version: row.version }).update({ data: this.toJson(data), updated_at: this.nowIso(), version: row.version + 1 });
    if (!n) throw new ConflictError('申报已被修改,请刷新后重试');
    return this.get(actor, id);
  }

  /** Validate against the package form and required attachments; every problem is returned at once. */
  async check(actor: Actor, id: string): Promise<{ valid: boolean; problems: Array<{ pointer?: string; field?: string; message: string; clause?: string }> }> {
    const row = await this.ownRow(actor, id);
    return this.validateRow(row, this.fromJson(row.data), actor);
  }

  private async validateRow(row: AppRow, data: Record<string, unknown>, actor: Actor) {
    const { valid, problems } = await this.validateRowRead(row, data, actor);
    return { valid, problems };
  }

  /** The checks, and what they read that a submission uses again: the attachment rows and the recommender's facts. */
  private async validateRowRead(row: AppRow, data: Record<string, unknown>, actor: Actor) {
    const pkg = await this.d.packages.version(row.package_hash);
    const form = pkg.forms.application ?? Object.values(pkg.forms)[0];
    const problems: Array<{ pointer?: string; field?: string; message: string; clause?: string }> = [];
    const result = this.d.forms.validate(form.schema, data);
    problems.push(...result.errors.map((e) => ({ pointer: e.pointer, field: e.field, message: e.message, clause: e.clause })));
    const uploaded = (await this.knex('attachments').where({ application_id: row.id }).orderBy('created_at')) as Array<Record<string, any>>;
    problems.push(
      ...this.d.forms
        .checkAttachments(form.schema, data, uploaded.map((u) => ({ kind: u.kind, mimeType: u.mime_type, size: Number(u.size) })))
        .map((p) => ({ pointer: p.kind ? `/attachments/${p.kind}` : '/attachments', message: p.message, clause: p.clause })),
    );
    // The registry is written under the form's ID number (cards voided, sittings recorded): it must be the applicant's own.
    if (actor.idNumber && typeof data.idNumber === 'string' && data.idNumber !== actor.idNumber) {
      problems.push({ pointer: '/idNumber', field: '身份证号码', message: '身份证号码须与申报人账号实名登记的号码一致' });
    }
    // An organisation applies only for itself.
    if (typeof data.organisationId === 'string' && actor.orgId !== data.organisationId) {
      problems.push({ pointer: '/organisationId', field: '申报机构', message: '只能以本账号所属机构的名义申报' });
    }
    const orgId = typeof data.recommenderOrgId === 'string' ? data.recommenderOrgId : null;
    const factsOn = shanghaiDate(this.d.now());
    let recommender: Awaited<ReturnType<RegistryPort['getRecommenderFacts']>> | undefined;
    if (orgId && result.valid) {
      try {
        recommender = await this.d.registry.getRecommenderFacts(orgId, factsOn);
      } catch {
        problems.push({ pointer: '/recommenderOrgId', field: '推荐单位', message: '推荐单位不存在,请从评价机构名录中选择' });
      }
    }
    return { valid: problems.length === 0, problems, attachments: uploaded, recommender: recommender ? { orgId: orgId!, on: factsOn, facts: recommender } : undefined };
  }

  async submit(actor: Actor, id: string): Promise<ApplicationView> {
    const row = await this.ownRow(actor, id);
    if (row.status !== 'DRAFT') throw new ConflictError('申报已提交,不能重复提交', `当前状态:${APPLICATION_STATUS_LABELS[row.status] ?? row.status}`);
    if (!(await this.d.packages.isActive(row.package_hash))) throw new ConflictError('该申报已停止受理', '政策包版本已不再启用');
    const data = this.fromJson<Record<string, unknown>>(row.data);
    // The checks read the attachments and the recommender's facts; the submission and its answer use them again.
    const check = await this.validateRowRead(row, data, actor);
    if (!check.valid) throw new ValidationError('申报材料不完整或不符合要求', `共 ${check.problems.length} 处问题`, check.problems);
    const asOf = shanghaiDate(this.d.now());
    const window = await this.d.registrationGate?.assertRegistrationOpen(row.package_hash, asOf, data);

    const pkg = await this.d.packages.version(row.package_hash);
    const main = pkg.manifest.processes.find((p) => p.role === 'main') ?? pkg.manifest.processes[0];
    // The registration window it came in by is its batch (首批 or a later round): gateways and reviewers read it.
    const registrationWindow = window ? { id: window.id, title: window.title, opens: window.opens ?? null, closes: window.closes ?? null, clause: window.clause ?? null } : undefined;
    const known = check.recommender?.on === asOf && check.recommender.orgId === data.recommenderOrgId ? check.recommender.facts : undefined;
    const variables = { ...(await this.processVariables(actor, row, data, asOf, known)), submittedOn: asOf, ...(registrationWindow ? { registrationWindow } : {}) };
    const { recommender, organisation } = variables;
    const now = this.nowIso();
    const cityCode = recommender?.cityCode ?? organisation?.cityCode ?? null;
    const submitted = {
          status: 'SUBMITTED',
          stage: '等待流程启动',
          submitted_at: now,
          updated_at: now,
          recommender_org_id: recommender?.id ?? null,
          city_code: cityCode,
          applicant_id_number: typeof data.idNumber === 'string' ? this.d.db.personal.lookupKey(data.idNumber) : row.applicant_id_number,
          version: row.version + 1,
          ...applicationSearchColumns(this.d.db.personal, data),
        };
    await this.knex.transaction(async (trx) => {
      const n = await trx('applications').where({ id, version: row.version, status: 'DRAFT' }).update(submitted);
      if (!n) throw new ConflictError('申报已被修改或已提交,请刷新后重试');
      // The process start is queued in the same transaction: a crash or an engine outage loses nothing.
      await trx('process_start_queue').insert({
        application_id: id,
        bpmn_process_id: main.bpmnProcessId,
        package_hash: row.package_hash,
        variables: this.toJson(variables),
        state: 'PENDING',
        attempts: 0,
        next_attempt_at: now,
        created_at: now,
      });
      // Its region is known here (the audit log would read it back from the row just written).
      await this.d.audit.append(
        { actorId: actor.id, actorRole: actor.role, action: 'application.submitted', entityType: 'application', entityId: id, applicationId: id, regionCode: cityCode ?? pkg.manifest.region.code, detail: { packageHash: row.package_hash } },
        trx,
      );
    });
    crashPoint('submit.committed');
    this.d.onSubmitted?.();
    // The answer from what was just written, without reading it back.
    return this.view(actor, { ...row, ...submitted } as AppRow, check.attachments);
  }

  /** Withdraw before any reviewer has decided (撤回). */
  async withdraw(actor: Actor, id: string): Promise<ApplicationView> {
    const row = await this.ownRow(actor, id);
    if (!['SUBMITTED', 'IN_REVIEW', 'RETURNED'].includes(row.status)) throw new ConflictError('当前状态不能撤回', `当前状态:${APPLICATION_STATUS_LABELS[row.status] ?? row.status}`);
    const decided = await this.knex('tasks').where({ application_id: id, state: 'COMPLETED' }).whereNot('element_id', 'Task_ApplicantCorrection').first('id');
    if (decided) throw new ConflictError('已进入审核,不能撤回', '推荐单位或职鉴中心已作出审核意见');
    const queued = await this.knex('process_start_queue').where({ application_id: id }).first();
    if (row.process_instance_key) {
      await this.d.engine.cancelInstance(row.process_instance_key);
    } else if (queued && queued.state !== 'STARTED') {
      const n = await this.knex('process_start_queue').where({ application_id: id }).whereNot({ state: 'STARTED' }).delete();
      if (!n) throw new ConflictError('流程正在启动,请稍后重试');
    }
    const now = this.nowIso();
    await this.knex.transaction(async (trx) => {
      await trx('applications').where({ id }).update({ status: 'WITHDRAWN', stage: null, updated_at: now, version: row.version + 1 });
      // Normally the engine's job-cancelled events already did this; a start that never happened has no events.
      const open = (await trx('tasks').where({ application_id: id }).whereIn('state', ['OPEN', 'CLAIMED']).select('id')).map((r: { id: string }) => r.id);
      if (open.length) {
        await trx('tasks').whereIn('id', open).update({ state: 'CANCELLED', completed_at: now });
        await trx('task_candidates').whereIn('task_id', open).update({ state: 'DONE' });
      }
      await this.d.audit.append({ actorId: actor.id, actorRole: actor.role, action: 'application.withdrawn', entityType: 'application', entityId: id, applicationId: id }, trx);
    });
    return this.get(actor, id);
  }

  /**
   * An applicant's action during the procedure (e.g. a leave request before an exam, SC26-55): the
   * package names its form, the statuses in which it may be taken and the process it starts; that
   * process's tasks reach the same inbox, linked to this application.
   */
  async performAction(actor: Actor, id: string, actionId: string, data: Record<string, unknown>): Promise<{ actionId: string; processInstanceKey: string }> {
    assertRole(actor, 'applicant');
    this.assertDataSize(data);
    // One start at a time per application, so a double click cannot start the same action twice.
    return this.actionMutex.run(id, () => this.startAction(actor, id, actionId, data));
  }

  private async startAction(actor: Actor, id: string, actionId: string, data: Record<string, unknown>): Promise<{ actionId: string; processInstanceKey: string }> {
    const row = await this.ownRow(actor, id);
    const pkg = await this.d.packages.version(row.package_hash);
    const action = pkg.manifest.actions?.find((a) => a.id === actionId);
    if (!action) throw new NotFoundError('申报操作', actionId);
    if (!action.allowedStatuses.includes(row.status)) throw new ConflictError(`当前状态不能办理「${action.title}」`, `当前状态:${(await this.labels(row.package_hash)).statuses[row.status] ?? row.status}`);
    const form = pkg.forms[action.form];
    const result = this.d.forms.validate(form.schema, data);
    if (!result.valid) throw new ValidationError(`「${action.title}」填写不完整或不符合要求`, `共 ${result.errors.length} 处问题`, result.errors.map((e) => ({ pointer: e.pointer, field: e.field, message: e.message, clause: e.clause })));
    const earlier = (await this.d.audit.listForApplication(id)).filter((e) => e.action === 'application.action' && (e.detail as { actionId?: string } | undefined)?.actionId === actionId);
    const last = earlier.length ? (earlier[earlier.length - 1]!.detail as { processInstanceKey: string }).processInstanceKey : null;
    if (last && (await this.d.engine.getInstance(last))?.status === 'ACTIVE') throw new ConflictError(`「${action.title}」正在办理中`, '上一次提交尚未办结,请等待审核结果后再提交');
    const asOf = shanghaiDate(this.d.now());
    // What the main process decided so far (e.g. the occupations approved at selection), read-only for the action.
    const main = row.process_instance_key ? ((await this.d.engine.getInstance(row.process_instance_key))?.variables ?? null) : null;
    const { processInstanceKey } = await this.d.engine.createInstance({
      bpmnProcessId: action.process,
      definitionKey: pkg.processKeys[action.process],
      variables: { ...(await this.processVariables(actor, row, this.fromJson<Record<string, unknown>>(row.data), asOf)), action: { id: action.id, data, submittedOn: asOf }, main },
    });
    await this.d.audit.append({ actorId: actor.id, actorRole: actor.role, action: 'application.action', entityType: 'application', entityId: id, applicationId: id, detail: { actionId, title: action.title, processInstanceKey, data } });
    return { actionId, processInstanceKey };
  }

  /** What every process of an application starts with: the form, who applies through whom, the package's parameters. */
  private async processVariables(actor: Actor, row: AppRow, application: Record<string, unknown>, asOf: string, knownRecommender?: Awaited<ReturnType<RegistryPort['getRecommenderFacts']>>) {
    const pkg = await this.d.packages.version(row.package_hash);
    // A person applies through a recommending unit; an organisation applies itself (LC20, GS24).
    const recommender = application.recommenderOrgId ? (knownRecommender ?? (await this.d.registry.getRecommenderFacts(String(application.recommenderOrgId), asOf))) : null;
    const organisation = application.organisationId ? await this.d.registry.getOrganisationFacts(String(application.organisationId), asOf) : null;
    return {
      applicationId: row.id,
      packageHash: row.package_hash,
      applicantAccountId: actor.id,
      application,
      recommender,
      organisation,
      provinceCode: pkg.manifest.region.code,
      parameters: Object.fromEntries(Object.entries(pkg.manifest.parameters ?? {}).map(([k, v]) => [k, v.value])),
    };
  }

  /**
   * Correct a returned application and send it back into review (completes the applicant's task).
   * As a reviewer's decision: the correction is first reserved on the task row by compare-and-set,
   * then the engine completes the job, then the data, the task row and the trail entry commit
   * together. A crash between the steps is finished or undone by `recoverResubmissions()` at start-up.
   */
  async resubmit(actor: Actor, id: string, data: Record<string, unknown>): Promise<ApplicationView> {
    const row = await this.ownRow(actor, id);
    if (row.status !== 'RETURNED') throw new ConflictError('只有被退回的申报可以补正后重新提交');
    this.assertDataSize(data);
    const check = await this.validateRow(row, data, actor);
    if (!check.valid) throw new ValidationError('申报材料不完整或不符合要求', `共 ${check.problems.length} 处问题`, check.problems);
    const task = await this.d.inbox.openTaskForGroup(`applicant:${actor.id}`, id);
    if (!task) throw new ConflictError('没有待补正的任务');
    const pending: PendingResubmission = {
      kind: 'resubmit',
      token: randomUUID(),
      data: this.toJson(data),
      actorId: actor.id,
      actorRole: actor.role,
      completedAt: this.nowIso(),
      previous: { state: task.state === 'CLAIMED' ? 'CLAIMED' : 'OPEN', assignee: task.assignee },
    };
    const reserved = await this.knex('tasks').where({ id: task.id }).whereNull('pending_completion').whereIn('state', ['OPEN', 'CLAIMED']).update({ pending_completion: JSON.stringify(pending) });
    if (!reserved) throw new ConflictError('补正材料正在提交,请勿重复提交');
    crashPoint('resubmit.reserved');
    try {
      await this.d.engine.completeJob(task.id, { application: data });
    } catch (err) {
      const state = await this.d.engine.jobState(task.id).catch(() => 'OPEN' as const);
      if (state === 'COMPLETED' || state === 'INCIDENT') {
        await this.finishResubmission(task.id, id, pending);
        return this.get(actor, id);
      }
      if (state === 'CANCELLED' || state === null) {
        await this.d.inbox.onJobCancelled(task.id);
        throw new ConflictError('补正任务已结束', '流程已不在补正环节等待(可能已超时或被撤回)');
      }
      await this.undoResubmission(task.id, pending);
      throw err;
    }
    crashPoint('resubmit.engineCommitted');
    await this.finishResubmission(task.id, id, pending);
    return this.get(actor, id);
  }

  /**
   * Start-up reconciliation of corrections a crash interrupted: a job the engine completed gets the
   * corrected data, its task COMPLETED and one trail entry; a job still open gets its task back as
   * it was (the applicant resubmits); a job gone ends the task. Runs before the engine starts.
   */
  async recoverResubmissions(): Promise<{ finished: number; undone: number; cancelled: number }> {
    const out = { finished: 0, undone: 0, cancelled: 0 };
    const rows = (await this.knex('tasks').whereNotNull('pending_completion').whereIn('state', ['OPEN', 'CLAIMED']).select('id', 'application_id', 'pending_completion')) as Array<{ id: string; application_id: string | null; pending_completion: string }>;
    for (const row of rows) {
      const pending = parsePendingResubmission(row.pending_completion);
      if (!pending || !row.application_id) continue; // a reviewer's decision: the inbox reconciles it
      const state = await this.d.engine.jobState(row.id);
      if (state === 'COMPLETED' || state === 'INCIDENT') {
        await this.finishResubmission(row.id, row.application_id, pending);
        out.finished++;
      } else if (state === 'OPEN') {
        await this.undoResubmission(row.id, pending);
        out.undone++;
      } else {
        await this.d.inbox.onJobCancelled(row.id);
        out.cancelled++;
      }
    }
    return out;
  }

  private async finishResubmission(taskId: string, applicationId: string, p: PendingResubmission): Promise<void> {
    await this.knex.transaction(async (trx) => {
      // Only the reservation's owner finishes it, once: a second run finds the row already done.
      const n = await trx('tasks')
        .where({ id: taskId, pending_completion: JSON.stringify(p) })
        .update({ state: 'COMPLETED', completed_by: p.actorId, completed_at: p.completedAt, decision: 'approve', opinion: '申报人已补正', pending_completion: null });
      if (!n) return;
      await trx('task_candidates').where({ task_id: taskId }).update({ state: 'DONE' });
      // The reviewers' search columns follow the corrected name and ID number (migration 009).
      const search = applicationSearchColumns(this.d.db.personal, this.d.db.personal.fromJson(p.data) as Record<string, unknown>);
      await trx('applications').where({ id: applicationId }).update({ data: p.data, updated_at: p.completedAt, version: trx.raw('version + 1'), ...search });
      // The next review task may already have been projected (and moved the status on): only a returned application changes here.
      await trx('applications').where({ id: applicationId, status: 'RETURNED' }).update({ status: 'IN_REVIEW' });
      await this.d.audit.append(
        { actorId: p.actorId, actorRole: p.actorRole, action: 'application.resubmitted', entityType: 'application', entityId: applicationId, applicationId, idempotencyKey: `application.resubmitted:${taskId}` },
        trx,
      );
    });
  }

  private async undoResubmission(taskId: string, p: PendingResubmission): Promise<void> {
    await this.knex('tasks').where({ id: taskId, pending_completion: JSON.stringify(p) }).update({ state: p.previous.state, assignee: p.previous.assignee, pending_completion: null });
  }

  async get(actor: Actor, id: string): Promise<ApplicationView> {
    const row = await this.visibleRow(actor, id);
    return this.view(actor, row, await this.knex('attachments').where({ application_id: id }).orderBy('created_at'));
  }

  private async view(actor: Actor, row: AppRow, attachments: Array<Record<string, any>>): Promise<ApplicationView> {
    const personal = await this.personalAccess(actor, row);
    const shown = <T>(v: T): T => (personal === 'masked' ? this.d.db.personal.mask(v) : v);
    const manifest = (await this.d.packages.version(row.package_hash)).manifest;
    const actions = (manifest.actions ?? []).filter((a) => a.allowedStatuses.includes(row.status)).map((a) => ({ id: a.id, title: a.title, form: a.form }));
    return {
      id: row.id,
      packageHash: row.package_hash,
      packageId: row.package_id,
      status: row.status,
      statusLabel: (await this.labels(row.package_hash)).statuses[row.status] ?? row.status,
      stage: row.stage,
      data: shown(this.fromJson(row.data)),
      eligibility: shown(this.fromJson(row.eligibility)),
      outcome: shown(this.fromJson(row.outcome)),
      processInstanceKey: row.process_instance_key,
      submittedAt: row.submitted_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      attachments: attachments.map(toAttachmentView),
      actions,
    };
  }

  async listMine(actor: Actor, q: { cursor?: string; limit?: number }): Promise<{ items: ApplicationView[]; nextCursor: string | null }> {
    assertRole(actor, 'applicant');
    const limit = Math.min(Math.max(q.limit ?? 20, 1), 100);
    const query = this.knex('applications').where({ applicant_account_id: actor.id }).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1);
    if (q.cursor) {
      const [createdAt, cid, ...rest] = q.cursor.split('|');
      // The cursor is one this service made: `<created_at>|<id>`; anything else is the client's mistake.
      if (rest.length || !createdAt || !cid || Number.isNaN(Date.parse(createdAt))) throw new ValidationError('分页游标无效', '请使用上一页返回的 nextCursor', [{ pointer: '/cursor', message: '分页游标无效' }]);
      query.andWhere((w) => w.where('created_at', '<', createdAt).orWhere((w2) => w2.where('created_at', createdAt).andWhere('id', '<', cid)));
    }
    const rows = (await query) as AppRow[];
    const page = rows.slice(0, limit);
    const items = await Promise.all(page.map((r) => this.get(actor, r.id)));
    const last = page[page.length - 1];
    return { items, nextCursor: rows.length > limit && last ? `${last.created_at}|${last.id}` : null };
  }

  /** Status with the reasons and a timeline of every decision and state change. */
  async status(actor: Actor, id: string): Promise<{
    application: ApplicationView;
    reasons: Array<{ clause?: string; message: string; outcome?: string }>;
    timeline: Array<{ at: string; action: string; label: string; actorRole: string | null; detail: unknown }>;
    currentSteps: OpenStep[];
  }> {
    const application = await this.get(actor, id);
    const elig = application.eligibility as { decision?: string; checks?: Array<{ clause: string; message: string; outcome: string; passed: boolean }> } | null;
    const reasons: Array<{ clause?: string; message: string; outcome?: string }> = (elig?.checks ?? []).filter((c) => !c.passed || c.outcome !== 'PASS').map((c) => ({ clause: c.clause, message: c.message, outcome: c.outcome }));
    const outcome = application.outcome as { reason?: string; reasonText?: string; clause?: string } | null;
    // A package names its own reasons (manifest labels or the reasonText header); the platform's labels cover the common ones.
    const labels = await this.labels(application.packageHash);
    const reasonOf = (r: string) => (typeof outcome?.reasonText === 'string' ? outcome.reasonText : undefined) ?? labels.reasons[r] ?? r;
    if (outcome?.reason && outcome.reason !== 'INELIGIBLE') reasons.push({ clause: outcome.clause, message: reasonOf(outcome.reason) });
    const entries = await this.d.audit.listForApplication(id);
    const own = (await this.knex('applications').where({ id }).first('applicant_account_id'))?.applicant_account_id === actor.id;
    const timeline = entries.map((e) => (own ? e : { ...e, detail: this.d.db.personal.mask(e.detail) })).map((e) => ({
      at: String(e.at),
      action: String(e.action),
      label: timelineLabel(String(e.action), e.detail),
      actorRole: (e.actorRole as string | null) ?? null,
      detail: e.detail ?? null,
    }));
    const currentSteps = (await this.d.openSteps?.(id)) ?? [];
    return { application, reasons, timeline, currentSteps };
  }

  // ------------------------------------------------------------ attachments

  /** Whether this applicant may upload to this application now; checked before any byte is written. */
  async assertCanUpload(actor: Actor, id: string): Promise<void> {
    const row = await this.ownRow(actor, id);
    if (!EDITABLE.has(row.status)) throw new ConflictError('当前状态不能上传附件');
    await this.assertAttachmentQuota(id);
  }

  private async assertAttachmentQuota(id: string, kind?: string, label?: string): Promise<void> {
    const { maxAttachmentsPerApplication: total, maxAttachmentsPerKind: perKind } = this.d.quotas;
    const [{ n }] = await this.knex('attachments').where({ application_id: id }).count('* as n');
    if (Number(n) >= total) throw new UnprocessableError('附件数量已达上限', `每份申报最多上传 ${total} 个附件,请先删除不需要的附件`);
    if (kind === undefined) return;
    const [{ n: ofKind }] = await this.knex('attachments').where({ application_id: id, kind }).count('* as n');
    if (Number(ofKind) >= perKind) throw new UnprocessableError('该类附件数量已达上限', `「${label ?? kind}」最多上传 ${perKind} 个文件,请先删除不需要的文件`);
  }

  private assertDataSize(data: Record<string, unknown>): void {
    const max = this.d.quotas.maxDraftDataBytes;
    if (Buffer.byteLength(JSON.stringify(data)) > max) throw new PayloadTooLargeError('申报表单数据过大', `表单数据不得超过 ${formatBytes(max)}`);
  }

  async addAttachment(actor: Actor, id: string, file: { kind: string; path: string; originalName: string; declaredMime: string; size: number }): Promise<AttachmentView> {
    try {
      const row = await this.ownRow(actor, id);
      if (!EDITABLE.has(row.status)) throw new ConflictError('当前状态不能上传附件');
      const pkg = await this.d.packages.version(row.package_hash);
      const form = pkg.forms.application ?? Object.values(pkg.forms)[0];
      const spec = this.d.forms.attachmentSpec(form.schema, file.kind);
      if (!spec) throw new ValidationError('附件类型不存在', `本申报没有「${file.kind}」这一附件项`, [{ pointer: '/kind', message: `未知的附件类型 ${file.kind}` }]);
      const maxBytes = Math.min(spec.maxBytes ?? this.d.maxUploadBytes, this.d.maxUploadBytes);
      if (file.size > maxBytes) throw new PayloadTooLargeError('文件过大', `「${spec.label}」不得超过 ${Math.round(maxBytes / 1024 / 1024)} MB`);
      await this.assertAttachmentQuota(id, file.kind, spec.label);
      const inspected = await this.d.inspect(file.path);
      const actual = inspected.mimeType;
      const accept = spec.accept ?? ['application/pdf', 'image/jpeg', 'image/png'];
      if (!actual || !accept.includes(actual)) {
        throw new UnsupportedMediaTypeError('文件类型不符合要求', `「${spec.label}」只接受 ${accept.map(mimeLabel).join('、')};上传的文件实际类型为 ${actual ? mimeLabel(actual) : (inspected.reason ?? '无法识别')}`);
      }
      const saved = await this.d.storage.save(fs.createReadStream(file.path), { maxBytes });
      const attachment = {
        id: randomUUID(),
        application_id: id,
        kind: file.kind,
        file_name: maskInText(safeFileName(file.originalName)), // a scan named after an ID or mobile number keeps it masked only
        mime_type: actual,
        size: saved.size,
        sha256: saved.sha256,
        storage_key: saved.storageKey,
        uploaded_by: actor.id,
        created_at: this.nowIso(),
      };
      await this.knex.transaction(async (trx) => {
        await trx('attachments').insert(attachment);
        await this.d.audit.append({ actorId: actor.id, actorRole: actor.role, action: 'attachment.added', entityType: 'attachment', entityId: attachment.id, applicationId: id, detail: { kind: file.kind, fileName: attachment.file_name, size: saved.size } }, trx);
      });
      return toAttachmentView(attachment);
    } finally {
      await fs.promises.rm(file.path, { force: true });
    }
  }

  async removeAttachment(actor: Actor, id: string, attachmentId: string): Promise<void> {
    const row = await this.ownRow(actor, id);
    if (!EDITABLE.has(row.status)) throw new ConflictError('当前状态不能删除附件');
    const att = await this.knex('attachments').where({ id: attachmentId, application_id: id }).first();
    if (!att) throw new NotFoundError('附件', attachmentId);
    await this.knex.transaction(async (trx) => {
      await trx('attachments').where({ id: attachmentId }).delete();
      await this.d.audit.append({ actorId: actor.id, actorRole: actor.role, action: 'attachment.removed', entityType: 'attachment', entityId: attachmentId, applicationId: id, detail: { kind: att.kind } }, trx);
    });
    const stillUsed = await this.knex('attachments').where({ storage_key: att.storage_key }).first('id');
    if (!stillUsed) await this.d.storage.remove(att.storage_key);
  }

  async openAttachment(actor: Actor, id: string, attachmentId: string): Promise<{ stream: Readable; fileName: string; mimeType: string; size: number }> {
    await this.visibleRow(actor, id);
    const att = await this.knex('attachments').where({ id: attachmentId, application_id: id }).first();
    if (!att) throw new NotFoundError('附件', attachmentId);
    return { stream: this.d.storage.open(att.storage_key), fileName: safeFileName(att.file_name), mimeType: att.mime_type, size: Number(att.size) };
  }

  // ------------------------------------------------------------ process-side updates (task workers)

  /**
   * Keeps a rule evaluation: always in the audit trail; on the application (what the applicant is
   * shown) when it is the eligibility decision or the first check of all, so a later check (a make-up,
   * a plan, a collection history) does not replace the explanation of the decision.
   */
  async recordEligibility(applicationId: string, result: unknown, jobKey: string, opts: { primary: boolean } = { primary: true }): Promise<void> {
    await this.knex.transaction(async (trx) => {
      const q = trx('applications').where({ id: applicationId });
      if (!opts.primary) q.whereNull('eligibility');
      const changed = await q.update({ eligibility: this.toJson(result), updated_at: this.nowIso() });
      // The task list filters by the application's rule result (TaskQueries).
      if (changed) await projectRuleDecision(trx, applicationId, (result as { decision?: string } | null)?.decision ?? null);
      await this.d.audit.append(
        { actorRole: 'system', action: 'eligibility.evaluated', entityType: 'application', entityId: applicationId, applicationId, detail: result, idempotencyKey: `eligibility:${jobKey}` },
        trx,
      );
    });
  }

  async setStatusFromProcess(applicationId: string, status: string, extra: { reason?: string; reasonText?: string; clause?: string; outcome?: Record<string, unknown> }, jobKey: string): Promise<void> {
    // Labels are read before the transaction: on SQLite it holds the only connection.
    const current = (await this.knex('applications').where({ id: applicationId }).first('package_hash')) as { package_hash: string } | undefined;
    if (!current) return;
    const label = (await this.labels(current.package_hash)).statuses[status] ?? status;
    await this.knex.transaction(async (trx) => {
      const row = (await trx('applications').where({ id: applicationId }).first()) as AppRow | undefined;
      if (!row) return;
      const outcome = { ...(this.fromJson<Record<string, unknown>>(row.outcome) ?? {}), ...(extra.outcome ?? {}), ...(extra.reason ? { reason: extra.reason, reasonText: extra.reasonText } : {}), ...(extra.clause ? { clause: extra.clause } : {}) };
      await trx('applications').where({ id: applicationId }).update({ status, outcome: this.toJson(outcome), stage: label, updated_at: this.nowIso() });
      await this.d.audit.append(
        { actorRole: 'system', action: 'application.status', entityType: 'application', entityId: applicationId, applicationId, detail: { status, statusLabel: label, ...extra }, idempotencyKey: `status:${jobKey}` },
        trx,
      );
    });
  }

  /** Status and reason labels: the platform's, overlaid by the package's own (manifest labels). */
  private async labels(packageHash: string): Promise<{ statuses: Record<string, string>; reasons: Record<string, string> }> {
    const own = (await this.d.packages.version(packageHash).catch(() => null))?.manifest.labels;
    return { statuses: { ...APPLICATION_STATUS_LABELS, ...(own?.statuses ?? {}) }, reasons: { ...REASON_LABELS, ...(own?.reasons ?? {}) } };
  }

  async markStarted(applicationId: string, processInstanceKey: string, trx?: Knex.Transaction): Promise<void> {
    await (trx ?? this.knex)('applications').where({ id: applicationId }).update({ process_instance_key: processInstanceKey, updated_at: this.nowIso() });
  }

  // ------------------------------------------------------------ access

  /**
   * How the ID and mobile numbers of an application are shown: in full to its applicant and to a
   * reviewer working one of its open tasks (that read is audited), masked to everyone else in scope.
   */
  private async personalAccess(actor: Actor, row: AppRow): Promise<'own' | 'full' | 'masked'> {
    if (row.applicant_account_id === actor.id) return 'own';
    const groups = candidateGroupsOf(actor);
    const working = groups.length
      ? await this.knex('task_candidates as c').join('tasks as t', 't.id', 'c.task_id').whereIn('c.candidate_group', groups).andWhere('t.application_id', row.id).whereIn('t.state', ['OPEN', 'CLAIMED']).first('t.id')
      : undefined;
    if (!working) return 'masked';
    await this.d.audit.append({ actorId: actor.id, actorRole: actor.role, action: 'personal-data.read', entityType: 'application', entityId: row.id, applicationId: row.id, detail: { what: 'application', taskId: working.id } });
    return 'full';
  }

  private async ownRow(actor: Actor, id: string): Promise<AppRow> {
    // Staff are not who these endpoints are for (403); another applicant's application does not exist for them (404).
    assertRole(actor, 'applicant');
    const row = (await this.knex('applications').where({ id }).first()) as AppRow | undefined;
    if (!row || row.applicant_account_id !== actor.id) throw new NotFoundError('申报', id);
    return row;
  }

  /**
   * Who may read an application: its applicant; the recommending unit; the city centre of the
   * recommender's city; province reviewers and admins of the package's region; any reviewer holding
   * one of its tasks. Everyone else is told it does not exist.
   */
  private async visibleRow(actor: Actor, id: string): Promise<AppRow> {
    const row = (await this.knex('applications').where({ id }).first()) as AppRow | undefined;
    if (!row) throw new NotFoundError('申报', id);
    if (row.applicant_account_id === actor.id) return row;
    if (row.status === 'DRAFT') throw new NotFoundError('申报', id);
    switch (actor.role) {
      case 'unit_reviewer':
        if (actor.orgId && actor.orgId === row.recommender_org_id) return row;
        break;
      case 'city_reviewer':
        if (row.city_code && actor.regionCode === row.city_code) return row;
        break;
      case 'province_reviewer':
      case 'admin': {
        const pkg = await this.knex('package_versions').where({ hash: row.package_hash }).first('region_code');
        if (pkg && regionCovers(actor.regionCode, pkg.region_code)) return row;
        break;
      }
      default:
    }
    const groups = candidateGroupsOf(actor);
    if (groups.length) {
      const hit = await this.knex('task_candidates as c').join('tasks as t', 't.id', 'c.task_id').whereIn('c.candidate_group', groups).andWhere('t.application_id', id).first('t.id');
      if (hit) return row;
    }
    // The same answer for everyone outside its scope, so a reviewer cannot learn that an application exists.
    throw new NotFoundError('申报', id);
  }
}

function toAttachmentView(a: Record<string, any>): AttachmentView {
  return { id: a.id, kind: a.kind, fileName: safeFileName(a.file_name), mimeType: a.mime_type, size: Number(a.size), sha256: a.sha256, createdAt: a.created_at };
}

function mimeLabel(m: string): string {
  return ({ 'application/pdf': 'PDF', 'image/jpeg': 'JPEG 图片', 'image/png': 'PNG 图片' } as Record<string, string>)[m] ?? m;
}

const ACTION_LABELS: Record<string, string> = {
  'application.created': '创建申报草稿',
  'application.submitted': '提交申报',
  'application.withdrawn': '撤回申报',
  'application.resubmitted': '补正后重新提交',
  'application.started': '流程已启动',
  'eligibility.evaluated': '申报资格自动校验',
  'task.created': '进入审核环节',
  'task.claimed': '审核人认领任务',
  'task.unclaimed': '审核人释放任务',
  'task.completed': '审核意见',
  'task.transferred': '转办',
  'task.cancelled': '环节已结束',
  'attachment.added': '上传附件',
  'attachment.removed': '删除附件',
  'card.issued': '证卡制发',
  'card.collected': '证卡已领取',
  'card.cancelled': '证卡注销',
  'sanction.recorded': '记录处理措施',
  'personal-data.read': '审核人员查阅个人信息',
};

function timelineLabel(action: string, detail: unknown): string {
  const d = (detail ?? {}) as Record<string, unknown>;
  if (action === 'application.status') return `状态变更:${String(d.statusLabel ?? d.status)}`;
  if (action === 'task.created') return `进入环节:${String(d.name ?? '')}`;
  if (action === 'task.completed') return `${String(d.task ?? '审核')}:${String(d.decisionLabel ?? d.decision ?? '')}(${String(d.opinion ?? '')})`;
  if (action === 'task.transferred') return `${String(d.task ?? '审核')}:转办给 ${String(d.toName ?? '')}(${String(d.opinion ?? '')})`;
  // A waiting instance moved to an amended version of its notice (admin's 实例迁移).
  if (action === 'instance.migrated') return `流程实例迁移到新版本(${String(d.toHash ?? '').slice(0, 8)})`;
  if (action === 'eligibility.evaluated') return `申报资格自动校验:${String((d as { decision?: string }).decision ?? '')}`;
  return ACTION_LABELS[action] ?? action;
}
