import type { Knex } from 'knex';
import type { Db } from '../../store/createDb.ts';
import { ConflictError, DomainError, NotFoundError, UnprocessableError, ValidationError } from '../../errors.ts';
import type { ProcessEngine } from '../../port/ProcessEngine.ts';
import { assertRole, candidateGroupsOf, type Actor } from '../actor.ts';
import { AUDIT_READ_ACTION, type PersonalDataRead } from '../audit/AuditLog.ts';
import type { ApplicationService } from '../applications/ApplicationService.ts';
import type { PackageService } from '../packages/PackageService.ts';
import { DECISION_LABELS, type AuditSink, type Decision, type InboxService, type TaskView } from './InboxService.ts';
import { labelRuleValues } from './ruleValueLabels.ts';
import { RULE_DECISION_LABELS, type RuleDecision, type TaskQueries, type TaskListRow } from './TaskQueries.ts';

export type Mark = '✔' | '✘' | '需人工';

export interface RuleConditionView {
  fact: string;
  path: string | null;
  operator: string;
  expected: unknown;
  actual: unknown;
  passed: boolean;
  mark: Mark;
  message: string | null;
  clause: string | null;
  /** The value found, in Chinese where it is a code (FILED → 已备案); null where it is its own text. */
  actualText?: string | null;
  expectedText?: string | null;
}

export interface RuleCheckView {
  rule: string;
  title: string;
  clause: string;
  outcome: string;
  mark: Mark;
  applicable: boolean;
  message: string;
  conditions: RuleConditionView[];
}

export interface RuleResultView {
  decision: RuleDecision;
  decisionLabel: string;
  asOf: string | null;
  ruleSet: string | null;
  checks: RuleCheckView[];
}

export interface TaskDetail extends TaskView {
  row: TaskListRow;
  application: {
    id: string;
    /** 申报编号: the application's id (the platform numbers applications by it). */
    number: string;
    applicantName: string | null;
    packageHash: string;
    packageTitle: string | null;
    status: string;
    statusLabel: string;
    stage: string | null;
    submittedAt: string | null;
    /** The application as submitted, read-only; the ID number in full (the read is audited). */
    data: Record<string, unknown>;
  } | null;
  attachments: Array<{ id: string; kind: string; fileName: string; size: number; mimeType: string; downloadUrl: string }>;
  ruleResult: RuleResultView | null;
  allowedDecisions: Array<{ value: Decision; label: string }>;
  form: { key: string; title: string; schema: Record<string, unknown>; uiSchema: Record<string, unknown> } | null;
  /** A case a reviewer started: the request as submitted, read-only with its form, and who asked. */
  request: {
    data: Record<string, unknown>;
    form: { key: string; title: string; schema: Record<string, unknown>; uiSchema: Record<string, unknown> };
    requester: { username: string; displayName: string; role: string; regionCode: string | null } | null;
  } | null;
  timeline: Array<{ at: string; action: string; label: string; actorRole: string | null; detail: unknown }>;
}

export interface InstanceDiagram {
  processInstanceKey: string;
  bpmnProcessId: string;
  packageHash: string;
  xml: string;
  completedElementIds: string[];
  takenFlowIds: string[];
  currentElementIds: string[];
  /** How the taken flows were found: derived from the completed elements and the flows connecting them. */
  flowsSource: 'derived';
  userTasks: Array<{ elementId: string; taskId: string; name: string; completedBy: string | null; completedByName: string | null; completedAt: string | null; decision: string | null; decisionLabel: string | null; opinion: string | null }>;
}

export interface BatchItemResult {
  taskId: string;
  ok: boolean;
  result: '成功' | '失败';
  reason: string | null;
  ruleDecision: RuleDecision | null;
}

/**
 * What the browser inbox needs beyond the list: a task's detail with the application, its rule
 * result and the step's form, the process diagram with the path taken, 转办 and batch decisions.
 * Every call goes through the inbox's scope check first (a task outside the caller's groups: 404).
 */
export class ReviewerTaskService {
  private readonly knex: Knex;

  constructor(
    db: Db,
    private readonly d: {
      inbox: InboxService;
      queries: TaskQueries;
      applications: ApplicationService;
      packages: PackageService;
      engine: ProcessEngine;
      audit: AuditSink & { recordRead(actor: Actor, read: PersonalDataRead): Promise<void> };
      now?: () => number;
    },
  ) {
    this.knex = db.knex;
  }

  async detail(actor: Actor, taskId: string): Promise<TaskDetail> {
    const task = await this.d.inbox.get(actor, taskId);
    const [row] = await this.d.queries.rows([taskId]);
    let application: TaskDetail['application'] = null;
    let attachments: TaskDetail['attachments'] = [];
    let ruleResult: RuleResultView | null = null;
    let timeline: TaskDetail['timeline'] = [];
    if (task.applicationId) {
      const status = await this.d.applications.status(actor, task.applicationId);
      const app = status.application;
      const data = app.data;
      application = {
        id: app.id,
        number: app.id,
        applicantName: typeof data.name === 'string' ? data.name : (row?.applicantName ?? null),
        packageHash: app.packageHash,
        packageTitle: row?.packageTitle ?? null,
        status: app.status,
        statusLabel: app.statusLabel,
        stage: app.stage,
        submittedAt: app.submittedAt,
        data,
      };
      attachments = app.attachments.map((a) => ({ id: a.id, kind: a.kind, fileName: a.fileName, size: a.size, mimeType: a.mimeType, downloadUrl: `/api/applications/${app.id}/attachments/${a.id}` }));
      ruleResult = toRuleResult(app.eligibility);
      timeline = status.timeline.filter((e) => e.action !== AUDIT_READ_ACTION);
      // The reviewer working the task sees the full ID number; the read is on the audit trail.
      await this.d.audit.recordRead(actor, { entityType: 'application', entityId: app.id, applicationId: app.id, regionCode: task.cityCode, detail: { fields: ['idNumber'], purpose: 'task.detail', taskId } });
    } else {
      // A case of its own (a unit's penalties): the rule result its task was created with.
      ruleResult = toRuleResult(task.context?.ruleResult ?? null);
    }
    const packageHash = application?.packageHash ?? row?.packageHash ?? null;
    const pkg = packageHash ? await this.d.packages.version(packageHash).catch(() => null) : null;
    // Codes the rules found (OCCUPATION, FILED) in the words of the form and the registry.
    const ruleSet = ruleResult?.ruleSet ? (pkg?.ruleSets[ruleResult.ruleSet] as { rules?: Array<{ name: string; title?: string }> } | undefined) : undefined;
    const ruleTitles = Object.fromEntries((ruleSet?.rules ?? []).map((r) => [r.name, r.title ?? r.name]));
    ruleResult = labelRuleValues(ruleResult, pkg?.forms.application?.schema as Record<string, unknown> | undefined, ruleTitles);
    const formDef = pkg && task.formKey ? pkg.forms[task.formKey] : undefined;
    const form = formDef && task.formKey ? { key: task.formKey, title: formDef.title ?? task.formKey, schema: formDef.schema, uiSchema: (formDef.ui ?? {}) as Record<string, unknown> } : null;
    const allowedDecisions = pkg ? allowedDecisionsOf(pkg.bpmn, task.elementId) : (Object.keys(DECISION_LABELS) as Decision[]);
    const asked = task.applicationId ? undefined : (task.context?.request as { data?: Record<string, unknown>; form?: string; requester?: NonNullable<TaskDetail['request']>['requester'] } | undefined);
    const askedForm = asked?.form && pkg ? pkg.forms[asked.form] : undefined;
    const request: TaskDetail['request'] =
      asked?.data && askedForm && asked.form
        ? { data: asked.data, form: { key: asked.form, title: askedForm.title ?? asked.form, schema: askedForm.schema, uiSchema: (askedForm.ui ?? {}) as Record<string, unknown> }, requester: asked.requester ?? null }
        : null;
    return { ...task, row: row!, application, attachments, ruleResult, allowedDecisions: allowedDecisions.map((value) => ({ value, label: DECISION_LABELS[value] })), form, request, timeline };
  }

  /** The BPMN of the task's process version with what has happened on it, for the diagram viewer. */
  async diagram(actor: Actor, taskId: string): Promise<InstanceDiagram> {
    const task = await this.d.inbox.get(actor, taskId);
    const [row] = await this.d.queries.rows([taskId]);
    const packageHash = row?.packageHash;
    const instance = await this.d.engine.getInstance(task.processInstanceKey);
    if (!packageHash || !instance) throw new NotFoundError('流程实例', task.processInstanceKey);
    const pkg = await this.d.packages.version(packageHash);
    const file = pkg.manifest.processes.find((p) => p.bpmnProcessId === instance.bpmnProcessId)?.file;
    const xml = file ? pkg.bpmn[file] : Object.values(pkg.bpmn).find((x) => x.includes(`id="${instance.bpmnProcessId}"`));
    if (!xml) throw new NotFoundError('流程图', instance.bpmnProcessId);
    const tasks = (await this.knex('tasks as t').leftJoin('accounts as u', 'u.id', 't.completed_by').where('t.process_instance_key', task.processInstanceKey).orderBy('t.created_at').select('t.*', 'u.display_name as completed_by_name')) as Array<Record<string, any>>;
    const current = [...new Set(tasks.filter((t) => t.state === 'OPEN' || t.state === 'CLAIMED').map((t) => t.element_id as string))];
    const completed = instance.completedElements;
    return {
      processInstanceKey: task.processInstanceKey,
      bpmnProcessId: instance.bpmnProcessId,
      packageHash,
      xml,
      completedElementIds: [...new Set(completed)],
      takenFlowIds: takenFlows(sequenceFlows(xml), completed, current),
      currentElementIds: current,
      flowsSource: 'derived',
      userTasks: tasks
        .filter((t) => t.state === 'COMPLETED')
        .map((t) => ({ elementId: t.element_id, taskId: t.id, name: t.name, completedBy: t.completed_by, completedByName: t.completed_by_name ?? null, completedAt: t.completed_at, decision: t.decision, decisionLabel: t.decision ? (DECISION_LABELS[t.decision as Decision] ?? t.decision) : null, opinion: t.opinion })),
    };
  }

  /** Who a task may be transferred to: the other accounts holding one of its candidate groups. */
  async colleagues(actor: Actor, taskId: string): Promise<Array<{ username: string; displayName: string }>> {
    const task = await this.d.inbox.get(actor, taskId);
    const rows = (await this.knex('accounts')
      .whereIn('role', ['unit_reviewer', 'city_reviewer', 'province_reviewer'])
      .whereNot('id', actor.id)
      .orderBy('username')
      .select('id', 'username', 'display_name', 'role', 'org_id', 'region_code')) as Array<Record<string, any>>;
    return rows
      .filter((r) => candidateGroupsOf({ id: r.id, username: r.username, displayName: r.display_name, role: r.role, orgId: r.org_id ?? null, regionCode: r.region_code ?? null, idNumber: null }).some((g) => task.candidateGroups.includes(g)))
      .map((r) => ({ username: r.username as string, displayName: r.display_name as string }));
  }

  /** 转办: hands an open task to a colleague holding one of its candidate groups, with an opinion. */
  async transfer(actor: Actor, taskId: string, input: { toUsername: string; opinion: string }): Promise<TaskView> {
    const opinion = input.opinion?.trim() ?? '';
    if (!opinion) throw new ValidationError('请填写转办意见', undefined, [{ pointer: '/opinion', field: '转办意见', message: '转办意见为必填项' }]);
    const task = await this.d.inbox.get(actor, taskId);
    if (task.state !== 'OPEN' && task.state !== 'CLAIMED') throw new ConflictError('任务已办结或已取消,不能转办');
    if (task.state === 'CLAIMED' && task.assignee !== actor.id) throw new ConflictError('任务已被他人认领', '只有认领人可以转办');
    const target = (await this.knex('accounts').where({ username: input.toUsername }).first()) as Record<string, any> | undefined;
    const colleague = target ? candidateGroupsOf({ id: target.id, username: target.username, displayName: target.display_name, role: target.role, orgId: target.org_id ?? null, regionCode: target.region_code ?? null, idNumber: null }) : [];
    if (!target || target.id === actor.id || !colleague.some((g) => task.candidateGroups.includes(g))) {
      throw new UnprocessableError('只能转办给同一审核组的同事', `「${input.toUsername}」不在本任务的审核组内`, [{ pointer: '/toUsername', field: '转办对象', message: '转办对象须与本任务属于同一审核组' }]);
    }
    const n = await this.knex('tasks')
      .where({ id: taskId })
      .whereNull('pending_completion')
      .andWhere((q) => q.where({ state: 'OPEN' }).orWhere({ state: 'CLAIMED', assignee: actor.id }))
      .update({ state: 'CLAIMED', assignee: target.id });
    if (!n) throw new ConflictError('任务已被他人办理或正在办理', '请刷新后重试');
    await this.d.audit.append({
      actorId: actor.id,
      actorRole: actor.role,
      action: 'task.transferred',
      entityType: 'task',
      entityId: taskId,
      applicationId: task.applicationId,
      detail: { task: task.name, from: actor.id, fromName: actor.displayName, to: target.id, toName: target.display_name, opinion },
    });
    return this.d.inbox.get(actor, taskId);
  }

  /**
   * 批量审批: each task completed on its own through the inbox's single completion (its reservation
   * and crash recovery), so one failing item leaves the others decided; a result per item.
   */
  async batchComplete(actor: Actor, input: { taskIds: string[]; decision: Decision; opinion: string }): Promise<{ results: BatchItemResult[]; succeeded: number; failed: number }> {
    // A role the inbox is not for is refused as a whole, not told per item that each task was not found.
    assertRole(actor, 'unit_reviewer', 'city_reviewer', 'province_reviewer');
    const ids = [...new Set(input.taskIds)];
    const rules = new Map((await this.d.queries.rows(ids)).map((r) => [r.id, r.ruleDecision]));
    const results: BatchItemResult[] = [];
    for (const taskId of ids) {
      try {
        await this.d.inbox.complete(actor, taskId, { decision: input.decision, opinion: input.opinion });
        results.push({ taskId, ok: true, result: '成功', reason: null, ruleDecision: rules.get(taskId) ?? null });
      } catch (err) {
        // Only domain errors carry a sentence for people; anything else is reported without internals.
        const known = err instanceof DomainError && err.status < 500;
        const reason = known ? [err.title, err.detail, err.problems.map((p) => p.message).join(';')].filter(Boolean).join(':') : '办理失败,请稍后重试';
        // A task outside the caller's groups is reported like a missing one, as everywhere else.
        results.push({ taskId, ok: false, result: '失败', reason, ruleDecision: known && err.status !== 404 ? (rules.get(taskId) ?? null) : null });
      }
    }
    const succeeded = results.filter((r) => r.ok).length;
    return { results, succeeded, failed: results.length - succeeded };
  }
}

function markOf(outcome: string, passed: boolean): Mark {
  if (outcome === 'REFER') return '需人工';
  return passed ? '✔' : '✘';
}

/** The rule result as the reviewer reads it, from the evaluation the rules runtime returned (kept on the application). */
export function toRuleResult(eligibility: unknown): RuleResultView | null {
  const e = eligibility as { decision?: RuleDecision; asOf?: string; ruleSet?: string; checks?: Array<Record<string, any>> } | null;
  if (!e?.decision) return null;
  return {
    decision: e.decision,
    decisionLabel: RULE_DECISION_LABELS[e.decision] ?? e.decision,
    asOf: e.asOf ?? null,
    ruleSet: e.ruleSet ?? null,
    checks: (e.checks ?? []).map((c) => ({
      rule: String(c.rule),
      title: String(c.title ?? c.rule),
      clause: String(c.clause ?? ''),
      outcome: String(c.outcome),
      mark: markOf(String(c.outcome), !!c.passed),
      applicable: c.applicable !== false,
      message: String(c.message ?? ''),
      conditions: ((c.conditions ?? []) as Array<Record<string, any>>).map((k) => ({
        fact: String(k.fact),
        path: k.path ?? null,
        operator: String(k.operator),
        expected: k.expected ?? null,
        actual: k.actual ?? null,
        passed: !!k.passed,
        // A condition whose fact is missing cannot be judged by the rules: a person decides.
        mark: k.passed ? '✔' : k.missing || c.outcome === 'REFER' ? '需人工' : '✘',
        message: k.message ?? null,
        clause: k.clause ?? null,
      })),
    })),
  };
}

interface Flow {
  id: string;
  source: string;
  target: string;
  condition: string;
  isDefault: boolean;
}

/** The sequence flows of a BPMN document (id, source, target, condition text, default or not). */
export function sequenceFlows(xml: string): Flow[] {
  const defaults = new Set([...xml.matchAll(/\bdefault="([^"]+)"/g)].map((m) => m[1]));
  const flows: Flow[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?sequenceFlow\b([^>]*?)(\/>|>([\s\S]*?)<\/(?:\w+:)?sequenceFlow>)/g)) {
    const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(m[1])?.[1] ?? '';
    const body = m[3] ?? '';
    const condition = /<(?:\w+:)?conditionExpression\b[^>]*>([\s\S]*?)<\/(?:\w+:)?conditionExpression>/.exec(body)?.[1] ?? '';
    flows.push({ id: attr('id'), source: attr('sourceRef'), target: attr('targetRef'), condition: decodeXml(condition), isDefault: defaults.has(attr('id')) });
  }
  return flows;
}

function decodeXml(s: string): string {
  return s.replace(/&quot;|&#34;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * The flows taken, derived from the engine's trail: a flow into a completed or current element is
 * taken when its source completed before it (the most recent such source, so loops paint once per flow).
 */
export function takenFlows(flows: Flow[], completed: string[], current: string[]): string[] {
  const taken = new Set<string>();
  const reached = [...completed, ...current];
  reached.forEach((target, i) => {
    const before = i < completed.length ? completed.slice(0, i) : completed;
    const into = flows.filter((f) => f.target === target);
    for (let j = before.length - 1; j >= 0; j--) {
      const f = into.find((x) => x.source === before[j]);
      if (f) {
        taken.add(f.id);
        break;
      }
    }
  });
  return [...taken];
}

/**
 * The decisions a step allows, read from the gateway after it: the decision values its conditions
 * test, plus 不同意 when a default (or other) branch takes the rest. Without such a gateway: all three.
 */
export function allowedDecisionsOf(bpmn: Record<string, string>, elementId: string): Decision[] {
  const all = Object.keys(DECISION_LABELS) as Decision[];
  for (const xml of Object.values(bpmn)) {
    if (!xml.includes(`id="${elementId}"`)) continue;
    const flows = sequenceFlows(xml);
    const next = flows.filter((f) => f.source === elementId).map((f) => f.target);
    for (const gateway of next) {
      const out = flows.filter((f) => f.source === gateway);
      const named = new Set<Decision>();
      for (const f of out) for (const m of f.condition.matchAll(/decision\s*=\s*"(approve|reject|return)"/g)) named.add(m[1] as Decision);
      if (!named.size) continue;
      if (out.some((f) => f.isDefault || !/decision\s*=/.test(f.condition))) named.add('reject');
      return all.filter((x) => named.has(x));
    }
  }
  return all;
}
