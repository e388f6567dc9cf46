import { readPath } from '../../workers/jobVariables.ts';
import type { Knex } from 'knex';
import type { Db } from '../../store/createDb.ts';
import { fromJson, toJson } from '../../store/createDb.ts';
import { ConflictError, NotFoundError, UnprocessableError, ValidationError } from '../../errors.ts';
import { USER_TASK_JOB_TYPE, type Job, type ProcessEngine } from '../../port/ProcessEngine.ts';
import { assertRole, candidateGroupsOf, type Actor } from '../actor.ts';
import { crashPoint } from '../../reliability/crashPoint.ts';
import type { PersonalData } from '../privacy/index.ts';
import { projectTaskListColumns } from './TaskQueries.ts';

/**
 * The form a user task's data must satisfy: the package's form named by the task's formKey, if the
 * package has one. Wired in the composition root (the inbox does not load packages itself).
 */
export interface TaskForms {
  formOf(packageHash: string, formKey: string): Promise<{ schema: Record<string, unknown>; title: string } | null>;
  /** The package's groups for user tasks drawn without an assignment (manifest defaultCandidateGroups). */
  defaultCandidateGroups?(packageHash: string): Promise<string[]>;
  validate(schema: Record<string, unknown>, data: unknown): { valid: boolean; errors: Array<{ pointer: string; field?: string; message: string; clause?: string }> };
}

/** A decision reserved on the task row before the engine is told; finished or undone after a crash. */
interface PendingCompletion {
  token: string;
  decision: Decision;
  opinion: string;
  data: Record<string, unknown> | null;
  actorId: string;
  actorRole: string;
  completedAt: string;
  previous: { state: 'OPEN' | 'CLAIMED'; assignee: string | null };
}

export type Decision = 'approve' | 'reject' | 'return';
export const DECISION_LABELS: Record<Decision, string> = { approve: '同意', reject: '不同意', return: '退回补正' };

export interface TaskView {
  id: string;
  name: string;
  elementId: string;
  processInstanceKey: string;
  applicationId: string | null;
  formKey: string | null;
  state: 'OPEN' | 'CLAIMED' | 'COMPLETED' | 'CANCELLED';
  assignee: string | null;
  candidateGroups: string[];
  dueAt: string | null;
  cityCode: string | null;
  createdAt: string;
  completedAt: string | null;
  decision: Decision | null;
  opinion: string | null;
  context: Record<string, unknown> | null;
}

export interface AuditSink {
  append(entry: { actorId?: string | null; actorRole?: string | null; action: string; entityType: string; entityId: string; applicationId?: string | null; detail?: unknown; idempotencyKey?: string }, trx?: Knex.Transaction): Promise<unknown>;
}

interface TaskRow {
  id: string;
  process_instance_key: string;
  application_id: string | null;
  element_id: string;
  name: string;
  form_key: string | null;
  state: TaskView['state'];
  assignee: string | null;
  candidate_groups: string;
  due_at: string | null;
  city_code: string | null;
  context: string | null;
  decision: Decision | null;
  opinion: string | null;
  completed_by: string | null;
  created_at: string;
  completed_at: string | null;
  pending_completion?: string | null;
}

const toView = (r: TaskRow, personal: PersonalData): TaskView => ({
  id: r.id,
  name: r.name,
  elementId: r.element_id,
  processInstanceKey: r.process_instance_key,
  applicationId: r.application_id,
  formKey: r.form_key,
  state: r.state,
  assignee: r.assignee,
  candidateGroups: fromJson<string[]>(r.candidate_groups),
  dueAt: r.due_at,
  cityCode: r.city_code,
  createdAt: r.created_at,
  completedAt: r.completed_at,
  decision: r.decision,
  opinion: r.opinion,
  context: personal.fromJson(r.context),
});

/**
 * The inbox: user-task jobs held by the platform as tasks with candidate groups. A reviewer sees
 * and acts on a task only when one of the task's groups is theirs; otherwise it does not exist for them.
 */
export class InboxService {
  private readonly knex: Knex;

  constructor(
    private readonly db: Db,
    private readonly engine: ProcessEngine,
    private readonly audit: AuditSink,
    private readonly now: () => number = Date.now,
    private readonly forms?: TaskForms,
  ) {
    this.knex = db.knex;
  }

  /** Handler of the held `io.camunda.zeebe:userTask` jobs: project each into the inbox once. */
  async onUserTaskJob(job: Job): Promise<void> {
    const headers = job.customHeaders;
    const vars = job.variables as { applicationId?: string; packageHash?: string; recommender?: { cityCode?: string }; application?: { name?: string; applicantType?: string; targetOccupation?: { name?: string } } };
    let groups = headers['io.camunda.zeebe:candidateGroups'] ? (JSON.parse(headers['io.camunda.zeebe:candidateGroups']) as string[]) : [];
    const unassigned = !groups.length && !headers['io.camunda.zeebe:assignee'] && !JSON.parse(headers['io.camunda.zeebe:candidateUsers'] ?? '[]').length;
    // A task drawn without an assignment goes to the package's default groups (checked at package load).
    if (unassigned && vars.packageHash && this.forms?.defaultCandidateGroups) groups = await this.forms.defaultCandidateGroups(vars.packageHash);
    const name = headers['io.camunda.zeebe:name'] ?? job.elementId;
    const dueRaw = headers['io.camunda.zeebe:dueDate'];
    const dueAt = dueRaw && !Number.isNaN(Date.parse(dueRaw)) ? new Date(dueRaw).toISOString() : null;
    const createdAt = new Date(this.now()).toISOString();
    // A case without an application (a unit's penalties) shows the rule result its task header names.
    const caseRuleResult = !vars.applicationId && headers.ruleResult ? ((readPath(job.variables, headers.ruleResult) as { decision?: string } | undefined) ?? null) : null;
    await this.knex.transaction(async (trx) => {
      const exists = await trx('tasks').where({ id: job.key }).first('id');
      if (exists) return;
      await trx('tasks').insert({
        id: job.key,
        process_instance_key: job.processInstanceKey,
        application_id: vars.applicationId ?? null,
        element_id: job.elementId,
        name,
        form_key: headers['io.camunda.zeebe:formKey'] ?? null,
        state: 'OPEN',
        assignee: null,
        candidate_groups: toJson(groups),
        due_at: dueAt,
        city_code: vars.recommender?.cityCode ?? null,
        context: this.db.personal.toJson({
          applicantName: vars.application?.name ?? null,
          applicantType: vars.application?.applicantType ?? null,
          occupation: vars.application?.targetOccupation?.name ?? null,
          ...(caseRuleResult ? { ruleResult: caseRuleResult } : {}),
        }),
        created_at: createdAt,
      });
      for (const g of new Set(groups)) await trx('task_candidates').insert({ candidate_group: g, state: 'OPEN', task_id: job.key });
      // Task list columns (TaskQueries): filters, sort and display data copied once, at creation.
      await projectTaskListColumns(trx, job, { elementId: job.elementId, cityCode: vars.recommender?.cityCode ?? null, dueAt, createdAt, applicationId: vars.applicationId ?? null, ruleDecision: caseRuleResult?.decision ?? null });
      if (vars.applicationId) {
        await trx('applications').where({ id: vars.applicationId }).update({ stage: name, updated_at: createdAt });
        // A task for the applicant means the application was sent back for correction.
        if (groups.some((g) => g.startsWith('applicant:'))) {
          await trx('applications').where({ id: vars.applicationId }).update({ status: 'RETURNED' });
        } else {
          await trx('applications').where({ id: vars.applicationId }).whereIn('status', ['SUBMITTED', 'RETURNED']).update({ status: 'IN_REVIEW' });
        }
        await this.audit.append(
          { action: 'task.created', entityType: 'task', entityId: job.key, applicationId: vars.applicationId, detail: { name, candidateGroups: groups, dueAt }, idempotencyKey: `task.created:${job.key}` },
          trx,
        );
      }
    });
  }

  /** The engine cancelled the job (a boundary timer fired, the instance was withdrawn). */
  async onJobCancelled(jobKey: string): Promise<void> {
    // The engine also reports the completed user task's own job as left; a completed job keeps its decision.
    if ((await this.engine.jobState(jobKey)) === 'COMPLETED') return;
    await this.knex.transaction(async (trx) => {
      const n = await trx('tasks').where({ id: jobKey }).whereIn('state', ['OPEN', 'CLAIMED']).update({ state: 'CANCELLED', pending_completion: null, completed_at: new Date(this.now()).toISOString() });
      if (n) await trx('task_candidates').where({ task_id: jobKey }).update({ state: 'DONE' });
    });
  }

  async get(actor: Actor, taskId: string): Promise<TaskView> {
    return toView(await this.visibleRow(actor, taskId), this.db.personal);
  }

  async claim(actor: Actor, taskId: string): Promise<TaskView> {
    const row = await this.visibleRow(actor, taskId);
    if (row.state !== 'OPEN' && !(row.state === 'CLAIMED' && row.assignee === actor.id)) {
      throw new ConflictError('任务已被他人认领或已办结', `任务 ${taskId} 当前状态:${row.state}`);
    }
    const n = await this.knex('tasks').where({ id: taskId, state: row.state }).update({ state: 'CLAIMED', assignee: actor.id });
    if (!n) throw new ConflictError('任务已被他人认领');
    await this.audit.append({ actorId: actor.id, actorRole: actor.role, action: 'task.claimed', entityType: 'task', entityId: taskId, applicationId: row.application_id });
    return this.get(actor, taskId);
  }

  async unclaim(actor: Actor, taskId: string): Promise<TaskView> {
    const row = await this.visibleRow(actor, taskId);
    if (row.state !== 'CLAIMED' || row.assignee !== actor.id) throw new ConflictError('只能释放自己认领的任务');
    await this.knex('tasks').where({ id: taskId }).update({ state: 'OPEN', assignee: null });
    await this.audit.append({ actorId: actor.id, actorRole: actor.role, action: 'task.unclaimed', entityType: 'task', entityId: taskId, applicationId: row.application_id });
    return this.get(actor, taskId);
  }

  /**
   * One decision per task. The decision is first reserved on the task row by compare-and-set (so of
   * concurrent calls exactly one goes on, the others get a conflict), then the engine completes the
   * job, then the row and the trail entry commit together. A crash between the steps is finished or
   * undone by `recover()` at start-up from the reserved decision and the job's state in the engine.
   */
  async complete(actor: Actor, taskId: string, input: { decision: Decision; opinion: string; data?: Record<string, unknown> }): Promise<TaskView> {
    const opinion = input.opinion?.trim() ?? '';
    if (!opinion) throw new ValidationError('请填写审批意见', undefined, [{ pointer: '/opinion', message: '审批意见为必填项', field: '审批意见' }]);
    const row = await this.visibleRow(actor, taskId);
    if (row.state === 'CLAIMED' && row.assignee !== actor.id) throw new ConflictError('任务已被他人认领', '请先由认领人释放任务');
    if (row.state !== 'OPEN' && row.state !== 'CLAIMED') throw new ConflictError('任务已办结或已取消');
    if (row.pending_completion) throw new ConflictError('任务正在办理,请勿重复提交');
    await this.checkTaskForm(row, input.data ?? {});
    const pending: PendingCompletion = {
      token: `${taskId}:${this.now()}:${Math.random().toString(36).slice(2)}`,
      decision: input.decision,
      opinion,
      data: input.data ?? null,
      actorId: actor.id,
      actorRole: actor.role,
      completedAt: new Date(this.now()).toISOString(),
      previous: { state: row.state, assignee: row.assignee },
    };
    const reserved = await this.knex('tasks')
      .where({ id: taskId })
      .whereNull('pending_completion')
      .andWhere((q) => q.where({ state: 'OPEN' }).orWhere({ state: 'CLAIMED', assignee: actor.id }))
      .update({ state: 'CLAIMED', assignee: actor.id, pending_completion: toJson(pending) });
    if (!reserved) throw new ConflictError('任务已被他人办理或正在办理', '同一任务只能作出一次审核决定');
    crashPoint('complete.reserved');
    try {
      await this.engine.completeJob(taskId, { ...(input.data ?? {}), decision: input.decision, opinion, reviewer: actor.displayName, reviewerId: actor.id, completedAt: pending.completedAt });
    } catch (err) {
      const state = await this.engine.jobState(taskId).catch(() => 'OPEN' as const);
      if (state === 'COMPLETED' || state === 'INCIDENT') {
        await this.finishCompletion(row, pending);
        return this.get(actor, taskId);
      }
      if (state === 'CANCELLED' || state === null) {
        await this.onJobCancelled(taskId);
        throw new ConflictError('任务已结束', '流程已不在此任务等待(可能已超时或被撤回)');
      }
      await this.undoReservation(taskId, pending);
      throw err;
    }
    crashPoint('complete.engineCommitted');
    await this.finishCompletion(row, pending);
    return this.get(actor, taskId);
  }

  /**
   * Start-up reconciliation of decisions a crash interrupted: a job the engine completed gets its task
   * COMPLETED and its trail entry; a job still open gets its task back as it was; a job gone ends the task.
   * Runs before the engine and the HTTP API start (one platform process per database starts at a time).
   */
  async recover(): Promise<{ finished: number; undone: number; cancelled: number; closed: number; projected: number }> {
    const out = { finished: 0, undone: 0, cancelled: 0, closed: 0, projected: 0 };
    const rows = (await this.knex('tasks').whereNotNull('pending_completion').whereIn('state', ['OPEN', 'CLAIMED'])) as TaskRow[];
    for (const row of rows) {
      const pending = fromJson<PendingCompletion>(row.pending_completion!);
      // An applicant's correction: the application service reconciles it (data, status and its own trail entry).
      if ((pending as { kind?: string }).kind === 'resubmit') continue;
      const state = await this.engine.jobState(row.id);
      if (state === 'COMPLETED' || state === 'INCIDENT') {
        await this.finishCompletion(row, pending);
        out.finished++;
      } else if (state === 'OPEN') {
        await this.undoReservation(row.id, pending);
        out.undone++;
      } else {
        await this.knex.transaction(async (trx) => {
          await trx('tasks').where({ id: row.id }).update({ state: 'CANCELLED', pending_completion: null, completed_at: new Date(this.now()).toISOString() });
          await trx('task_candidates').where({ task_id: row.id }).update({ state: 'DONE' });
        });
        out.cancelled++;
      }
    }
    out.closed = await this.closeTasksOfEndedJobs();
    out.projected = await this.projectStrandedJobs();
    return out;
  }

  /**
   * Engine events are emitted after the engine's commit, so a crash can lose a job's cancellation:
   * an open task whose job the engine has ended is closed here, with one trail entry.
   */
  private async closeTasksOfEndedJobs(): Promise<number> {
    let closed = 0;
    let after = '';
    for (;;) {
      const page = (await this.knex('tasks').whereIn('state', ['OPEN', 'CLAIMED']).whereNull('pending_completion').andWhere('id', '>', after).orderBy('id').limit(500).select('id', 'name', 'application_id')) as Array<Pick<TaskRow, 'id' | 'name' | 'application_id'>>;
      if (!page.length) return closed;
      after = page[page.length - 1].id;
      for (const t of page) {
        const state = await this.engine.jobState(t.id);
        // Unknown to the engine (null) is not proof the job ended (an external engine's mirror may lag): left alone.
        if (state !== 'CANCELLED' && state !== 'COMPLETED') continue;
        const at = new Date(this.now()).toISOString();
        await this.knex.transaction(async (trx) => {
          const n = await trx('tasks').where({ id: t.id }).whereIn('state', ['OPEN', 'CLAIMED']).whereNull('pending_completion').update({ state: 'CANCELLED', completed_at: at });
          if (!n) return;
          await trx('task_candidates').where({ task_id: t.id }).update({ state: 'DONE' });
          await this.audit.append(
            { actorRole: 'system', action: 'task.cancelled', entityType: 'task', entityId: t.id, applicationId: t.application_id, detail: { name: t.name, jobState: state }, idempotencyKey: `task.cancelled:${t.id}` },
            trx,
          );
          closed++;
        });
      }
    }
  }

  /**
   * Older code held a user-task job for the year before its inbox task existed; a crash between the
   * two left the job held with no task and nothing to retry it. Such a job gets its task now.
   */
  private async projectStrandedJobs(): Promise<number> {
    if (!this.engine.listHeldJobKeys || !this.engine.heldJob) return 0; // an engine that re-delivers held jobs itself
    const keys = await this.engine.listHeldJobKeys(USER_TASK_JOB_TYPE);
    let projected = 0;
    for (let i = 0; i < keys.length; i += 500) {
      const chunk = keys.slice(i, i + 500);
      const known = new Set(((await this.knex('tasks').whereIn('id', chunk).select('id')) as Array<{ id: string }>).map((r) => r.id));
      for (const key of chunk.filter((k) => !known.has(k))) {
        const job = await this.engine.heldJob(key);
        if (!job) continue;
        await this.onUserTaskJob(job);
        projected++;
      }
    }
    return projected;
  }

  private async finishCompletion(row: TaskRow, p: PendingCompletion): Promise<void> {
    await this.knex.transaction(async (trx) => {
      await trx('tasks')
        .where({ id: row.id })
        .update({ state: 'COMPLETED', decision: p.decision, opinion: p.opinion, completed_by: p.actorId, completed_at: p.completedAt, pending_completion: null });
      await trx('task_candidates').where({ task_id: row.id }).update({ state: 'DONE' });
      await this.audit.append(
        {
          actorId: p.actorId,
          actorRole: p.actorRole,
          action: 'task.completed',
          entityType: 'task',
          entityId: row.id,
          applicationId: row.application_id,
          detail: { task: row.name, decision: p.decision, decisionLabel: DECISION_LABELS[p.decision], opinion: p.opinion, data: p.data },
          idempotencyKey: `task.completed:${row.id}`,
        },
        trx,
      );
    });
  }

  private async undoReservation(taskId: string, p: PendingCompletion): Promise<void> {
    await this.knex('tasks').where({ id: taskId, pending_completion: toJson(p) }).update({ state: p.previous.state, assignee: p.previous.assignee, pending_completion: null });
  }

  /** The data of a task with a package form must satisfy that form before the process moves on (422, nothing changed). */
  private async checkTaskForm(row: TaskRow, data: Record<string, unknown>): Promise<void> {
    if (!this.forms || !row.form_key) return;
    // A case of its own (a unit's penalties, a person's 通报) has no application: its version is on the task row.
    const app = row.application_id ? ((await this.knex('applications').where({ id: row.application_id }).first('package_hash')) as { package_hash: string } | undefined) : undefined;
    const packageHash = app?.package_hash ?? (row as { package_hash?: string | null }).package_hash;
    if (!packageHash) return;
    const form = await this.forms.formOf(packageHash, row.form_key);
    if (!form) return;
    const result = this.forms.validate(form.schema, data);
    if (!result.valid) {
      throw new UnprocessableError(`「${form.title}」填写不完整或不符合要求`, `共 ${result.errors.length} 处问题`, result.errors.map((e) => ({ pointer: e.pointer, field: e.field, message: e.message, clause: e.clause })));
    }
  }

  /** Tasks of an application for its timeline (the caller has checked access to the application). */
  async tasksOfApplication(applicationId: string): Promise<TaskView[]> {
    const rows = (await this.knex('tasks').where({ application_id: applicationId }).orderBy('id')) as TaskRow[];
    return rows.map((r) => toView(r, this.db.personal));
  }

  /** An applicant's own open correction task (candidate group applicant:<accountId>). */
  async openTaskForGroup(group: string, applicationId: string): Promise<TaskView | null> {
    const row = (await this.knex('task_candidates as c')
      .join('tasks as t', 't.id', 'c.task_id')
      .where({ 'c.candidate_group': group, 'c.state': 'OPEN', 't.application_id': applicationId })
      .first('t.*')) as TaskRow | undefined;
    return row ? toView(row, this.db.personal) : null;
  }

  async markCompletedBy(actor: Actor, taskId: string, detail: Record<string, unknown>, trx?: Knex.Transaction): Promise<void> {
    const k = trx ?? this.knex;
    const completedAt = new Date(this.now()).toISOString();
    await k('tasks').where({ id: taskId }).update({ state: 'COMPLETED', completed_by: actor.id, completed_at: completedAt, decision: 'approve', opinion: String(detail.opinion ?? '') });
    await k('task_candidates').where({ task_id: taskId }).update({ state: 'DONE' });
  }

  private groupsOf(actor: Actor): string[] {
    // The inbox is the reviewers' (applicants work their correction tasks through their application): others get 403.
    assertRole(actor, 'unit_reviewer', 'city_reviewer', 'province_reviewer');
    return candidateGroupsOf(actor);
  }

  /** A task outside the caller's groups is reported as not found, not as forbidden: its existence is not disclosed. */
  private async visibleRow(actor: Actor, taskId: string): Promise<TaskRow> {
    const groups = this.groupsOf(actor);
    const row = (await this.knex('tasks').where({ id: taskId }).first()) as TaskRow | undefined;
    if (!row || !groups.length || !fromJson<string[]>(row.candidate_groups).some((g) => groups.includes(g))) {
      throw new NotFoundError('任务', taskId);
    }
    return row;
  }
}
