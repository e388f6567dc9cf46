import type { Knex } from 'knex';
import type { Db } from '../../store/createDb.ts';
import { fromJson } from '../../store/createDb.ts';
import { NO_DUE, reversedIdSuffix } from '../../store/migrations/010_task_list.ts';
import { ValidationError } from '../../errors.ts';
import type { Job } from '../../port/ProcessEngine.ts';
import { assertRole, candidateGroupsOf, type Actor } from '../actor.ts';
import { shanghaiDate } from '../time/clock.ts';
import { DECISION_LABELS, type Decision } from './InboxService.ts';

export type DueFilter = 'today' | 'within3' | 'overdue';
export type RuleDecision = 'ELIGIBLE' | 'INELIGIBLE' | 'REFER';
export const RULE_DECISION_LABELS: Record<RuleDecision, string> = { ELIGIBLE: '通过', INELIGIBLE: '不通过', REFER: '需人工' };

export interface TaskListQuery {
  tab?: 'todo' | 'done';
  /** A package version hash. */
  package?: string;
  /** With `year`: every version of a procedure (e.g. examiner-training 2026). */
  procedure?: string;
  year?: number;
  /** City code (市(州)) of the recommending unit. */
  region?: string;
  /** Element id or task name. */
  step?: string;
  due?: DueFilter;
  rule?: RuleDecision;
  /** Applicant name (prefix) or the last digits of the ID number. */
  q?: string;
  applicationId?: string;
  mine?: boolean;
  sort?: 'due' | '-due' | 'created' | '-created' | 'completed' | '-completed';
  page?: number;
  pageSize?: number;
}

export interface TaskListRow {
  id: string;
  name: string;
  elementId: string;
  processInstanceKey: string;
  applicationId: string | null;
  formKey: string | null;
  state: string;
  assignee: string | null;
  assigneeName: string | null;
  candidateGroups: string[];
  cityCode: string | null;
  createdAt: string;
  dueAt: string | null;
  /** Working days from today to the due date on the region's calendar: 0 due today, negative overdue. */
  workingDaysLeft: number | null;
  overdue: boolean;
  applicantName: string | null;
  applicantType: string | null;
  recommenderName: string | null;
  packageHash: string | null;
  packageTitle: string | null;
  ruleDecision: RuleDecision | null;
  ruleDecisionLabel: string | null;
  completedAt: string | null;
  decision: Decision | null;
  decisionLabel: string | null;
  opinion: string | null;
}

/** A step an application waits at, with its deadline as the applicant reads it. */
export interface OpenStep {
  name: string;
  dueAt: string | null;
  /** Working days from today to the deadline (0 due today, negative overdue), on the region's calendar. */
  workingDaysLeft: number | null;
  overdue: boolean;
  /** The deadline's year has no published holiday arrangement yet: a Mon–Fri count (暂定). */
  provisional: boolean;
}

export interface WorkingDays {
  current(regionCode?: string | null): { isWorkingDay(date: string): boolean; addWorkingDays(start: string, n: number): { date: string }; describeDay(date: string): { provisional: boolean } };
}

const ID_SUFFIX = /^[0-9]{1,5}[0-9Xx]?$/;

/** Columns the task list reads, taken from the process variables when a user task is created. */
export function taskListColumns(job: Job): { package_hash: string | null; applicant_name: string | null; id_suffix_rev: string | null; applicant_type: string | null; recommender_name: string | null } {
  const v = job.variables as { packageHash?: string; application?: { name?: unknown; idNumber?: unknown; applicantType?: unknown }; recommender?: { name?: unknown }; organisation?: { name?: unknown } };
  const id = typeof v.application?.idNumber === 'string' ? v.application.idNumber : null;
  const str = (x: unknown, max: number) => (typeof x === 'string' && x ? x.slice(0, max) : null);
  return {
    package_hash: str(v.packageHash, 64),
    applicant_name: str(v.application?.name, 128),
    id_suffix_rev: id ? reversedIdSuffix(id) : null,
    applicant_type: str(v.application?.applicantType, 64),
    recommender_name: str(v.recommender?.name ?? v.organisation?.name, 255),
  };
}

/**
 * Fills the list columns of a task just inserted by the inbox (same transaction): its display
 * columns on the task row, and its filter and sort columns on each candidate row.
 */
export async function projectTaskListColumns(trx: Knex.Transaction, job: Job, task: { elementId: string; cityCode: string | null; dueAt: string | null; createdAt: string; applicationId: string | null; ruleDecision?: string | null }): Promise<void> {
  const cols = taskListColumns(job);
  let rule: string | null = task.ruleDecision ?? null;
  if (task.applicationId) {
    const app = (await trx('applications').where({ id: task.applicationId }).first('eligibility', 'package_hash')) as { eligibility: string | null; package_hash: string } | undefined;
    rule = (fromJson<{ decision?: string } | null>(app?.eligibility ?? null)?.decision as string | undefined) ?? null;
    cols.package_hash ??= app?.package_hash ?? null;
  }
  await trx('tasks').where({ id: job.key }).update({ ...cols, rule_decision: rule });
  await trx('task_candidates')
    .where({ task_id: job.key })
    .update({ package_hash: cols.package_hash, applicant_name: cols.applicant_name, id_suffix_rev: cols.id_suffix_rev, rule_decision: rule, element_id: task.elementId, city_code: task.cityCode, due_sort: task.dueAt ?? NO_DUE, created_at: task.createdAt });
}

/** An application's eligibility decision, copied onto its tasks so the list filters by it. */
export async function projectRuleDecision(k: Knex | Knex.Transaction, applicationId: string, decision: string | null): Promise<void> {
  const ids = (await k('tasks').where({ application_id: applicationId }).select('id')).map((r: { id: string }) => r.id);
  if (!ids.length) return;
  await k('tasks').whereIn('id', ids).update({ rule_decision: decision });
  await k('task_candidates').whereIn('task_id', ids).update({ rule_decision: decision });
}

/**
 * The reviewer's task list: 待办 (open tasks of the caller's candidate groups) and 已办 (tasks the
 * caller completed), filtered, sorted and counted in SQL over indexed columns, one page at a time.
 */
export class TaskQueries {
  private readonly knex: Knex;
  private readonly kind: Db['kind'];

  constructor(
    db: Db,
    private readonly calendar: WorkingDays,
    private readonly now: () => number = Date.now,
  ) {
    this.knex = db.knex;
    this.kind = db.kind;
  }

  async list(actor: Actor, q: TaskListQuery): Promise<{ items: TaskListRow[]; total: number; page: number; pageSize: number }> {
    assertRole(actor, 'unit_reviewer', 'city_reviewer', 'province_reviewer');
    const groups = candidateGroupsOf(actor);
    const page = Math.max(1, Math.floor(q.page ?? 1));
    const pageSize = Math.min(Math.max(Math.floor(q.pageSize ?? 20), 1), 100);
    if (!groups.length) return { items: [], total: 0, page, pageSize };
    const packages = await this.packageHashes(q);
    if (packages && !packages.length) return { items: [], total: 0, page, pageSize };

    const done = q.tab === 'done';
    // 待办 reads task_candidates (one index range per group); 已办 reads the caller's completed tasks.
    const a = done ? 't' : 'c';
    const base = done
      ? this.knex('tasks as t').where({ 't.completed_by': actor.id, 't.state': 'COMPLETED' })
      : this.knex('task_candidates as c').whereIn('c.candidate_group', groups).andWhere('c.state', 'OPEN');
    if (packages) base.whereIn(`${a}.package_hash`, packages);
    if (q.region) base.andWhere(`${a}.city_code`, q.region);
    const elements = q.step ? await this.stepElements(q.step) : null;
    if (elements) base.whereIn(`${a}.element_id`, elements);
    if (q.rule) base.andWhere(`${a}.rule_decision`, q.rule);
    if (q.q) {
      // Both are prefix ranges over an index: the name as typed, the ID number's last digits reversed.
      const term = q.q.trim();
      const [col, prefix] = ID_SUFFIX.test(term) ? [`${a}.id_suffix_rev`, reversedIdSuffix(term)] : [`${a}.applicant_name`, term];
      // SQLite compares bytes (a range is its indexed prefix search); MySQL's collations use an index for LIKE 'x%'.
      if (this.kind === 'sqlite') base.andWhere(col, '>=', prefix).andWhere(col, '<', `${prefix}\u{10FFFF}`);
      else base.andWhere(col, 'like', `${prefix.replace(/[%_\\]/g, (m) => `\\${m}`)}%`);
    }
    if (q.due) this.dueFilter(base, done ? 't.due_at' : 'c.due_sort', q.due, actor.regionCode);
    // 「我的」 in 待办: the assignee copied onto the candidate rows (migration 026), one index range in due order.
    const mineHere = q.mine && !done;
    if (mineHere) base.andWhere('c.assignee', actor.id);
    if (q.applicationId || (q.mine && !mineHere)) {
      // A join, so the planner starts from the few tasks of this application or assignee (their
      // indexes) instead of probing the task of every candidate row.
      base.join('tasks as m', 'm.id', done ? 't.id' : 'c.task_id');
      if (q.applicationId) base.andWhere('m.application_id', q.applicationId);
      if (q.mine && !mineHere) base.andWhere('m.assignee', actor.id);
    }

    const idCol = done ? 't.id' : 'c.task_id';
    // A task in two of the caller's groups is counted and listed once (reviewers hold one group today).
    const many = !done && groups.length > 1;
    // One group and only the list's equality filters (and due dates): the total is read from the
    // counters the triggers of migration 018 keep, not counted over the index.
    const counted = !done && !many && !q.q && !q.applicationId && !q.mine;
    const dueRange = q.due ? this.dueRange(q.due, actor.regionCode) : null;
    const countQ = counted
      ? this.countOpen(groups[0], { packages, region: q.region, elements, rule: q.rule }, dueRange)
      : many
        ? base.clone().countDistinct({ n: idCol })
        : base.clone().count({ n: '*' });
    const sort = q.sort ?? (done ? '-completed' : 'due');
    const desc = sort.startsWith('-');
    const key = sort.replace('-', '');
    const col = done ? (key === 'due' ? 't.due_at' : key === 'created' ? 't.created_at' : 't.completed_at') : key === 'created' ? 'c.created_at' : 'c.due_sort';
    const pageQ = base
      .clone()
      .modify((m) => (many ? m.distinct({ id: idCol, sortKey: col }) : m.select({ id: idCol })))
      .orderBy(col, desc ? 'desc' : 'asc')
      .orderBy(idCol, desc ? 'desc' : 'asc')
      .limit(pageSize)
      .offset((page - 1) * pageSize);
    const [countRows, ids] = await Promise.all([countQ, pageQ]);
    const total = typeof countRows === 'number' ? countRows : Number((countRows as Array<{ n: number | string }>)[0]?.n ?? 0);
    const items = await this.rows((ids as Array<{ id: string }>).map((r) => r.id));
    return { items, total, page, pageSize };
  }

  /** The list rows for task ids, in the order given. */
  /** The steps an application waits at now (review or 补正), each with its working-day deadline. */
  async openSteps(applicationId: string): Promise<OpenStep[]> {
    const rows = (await this.knex('tasks').where({ application_id: applicationId }).whereIn('state', ['OPEN', 'CLAIMED']).orderBy('created_at').select('name', 'due_at', 'city_code')) as Array<Record<string, any>>;
    const today = shanghaiDate(this.now());
    return rows.map((r) => {
      const due = r.due_at ? shanghaiDate(Date.parse(r.due_at)) : null;
      return {
        name: r.name,
        dueAt: r.due_at ?? null,
        workingDaysLeft: due ? this.workingDaysBetween(today, due, r.city_code) : null,
        overdue: !!r.due_at && Date.parse(r.due_at) < this.now(),
        provisional: due ? this.calendar.current(r.city_code).describeDay(due).provisional : false,
      };
    });
  }

  async rows(ids: string[]): Promise<TaskListRow[]> {
    if (!ids.length) return [];
    const rows = (await this.knex('tasks as t')
      .leftJoin('accounts as u', 'u.id', 't.assignee')
      .leftJoin('package_versions as p', 'p.hash', 't.package_hash')
      .whereIn('t.id', ids)
      .select('t.*', 'u.display_name as assignee_name', 'p.title as package_title')) as Array<Record<string, any>>;
    const byId = new Map(rows.map((r) => [r.id as string, r]));
    const today = shanghaiDate(this.now());
    return ids
      .map((id) => byId.get(id))
      .filter((r): r is Record<string, any> => !!r)
      .map((r) => {
        const open = r.state === 'OPEN' || r.state === 'CLAIMED';
        const left = r.due_at ? this.workingDaysBetween(today, shanghaiDate(Date.parse(r.due_at)), r.city_code) : null;
        const rule = (r.rule_decision ?? null) as RuleDecision | null;
        return {
          id: r.id,
          name: r.name,
          elementId: r.element_id,
          processInstanceKey: r.process_instance_key,
          applicationId: r.application_id,
          formKey: r.form_key,
          state: r.state,
          assignee: r.assignee,
          assigneeName: r.assignee_name ?? null,
          candidateGroups: fromJson<string[]>(r.candidate_groups),
          cityCode: r.city_code,
          createdAt: r.created_at,
          dueAt: r.due_at,
          workingDaysLeft: open ? left : null,
          overdue: open && !!r.due_at && Date.parse(r.due_at) < this.now(),
          applicantName: r.applicant_name ?? null,
          applicantType: r.applicant_type ?? null,
          recommenderName: r.recommender_name ?? null,
          packageHash: r.package_hash ?? null,
          packageTitle: r.package_title ?? null,
          ruleDecision: rule,
          ruleDecisionLabel: rule ? (RULE_DECISION_LABELS[rule] ?? rule) : null,
          completedAt: r.completed_at,
          decision: r.decision,
          decisionLabel: r.decision ? (DECISION_LABELS[r.decision as Decision] ?? r.decision) : null,
          opinion: r.opinion,
        };
      });
  }

  /** A step is an element id or a task name; a name stands for every element that bears it. */
  private async stepElements(step: string): Promise<string[]> {
    const named = (await this.knex('tasks').where({ name: step }).distinct('element_id')).map((r: { element_id: string }) => r.element_id);
    return [...new Set([step, ...named])];
  }

  private async packageHashes(q: TaskListQuery): Promise<string[] | null> {
    if (q.package) return [q.package];
    if (!q.procedure && q.year === undefined) return null;
    if (!q.procedure || q.year === undefined) throw new ValidationError('按事项筛选需同时给出事项与年度', undefined, [{ pointer: q.procedure ? '/year' : '/procedure', message: '事项(procedure)与年度(year)须同时填写' }]);
    return (await this.knex('package_versions').where({ procedure: q.procedure, year: q.year }).select('hash')).map((r: { hash: string }) => r.hash);
  }

  /**
   * Due filters on the caller's regional working-day calendar: 今日到期 (due today), 3个工作日内
   * (not yet overdue, due by the end of the third working day from today), 已逾期 (past due).
   */
  private dueFilter(query: Knex.QueryBuilder, col: string, due: DueFilter, region: string | null): void {
    const { lo, hi } = this.dueRange(due, region);
    if (lo) query.andWhere(col, '>=', lo);
    if (hi) query.andWhere(col, '<', hi);
  }

  /**
   * Open tasks of one group with the equality filters and a due range: whole UTC due days summed
   * from task_counts, the (at most two) partial days at the range's edges counted over the index.
   */
  private async countOpen(group: string, f: { packages: string[] | null; region?: string; elements: string[] | null; rule?: string }, due: { lo?: string; hi?: string } | null): Promise<number> {
    const filters = (query: Knex.QueryBuilder) => {
      query.where('candidate_group', group).andWhere('state', 'OPEN');
      if (f.packages) query.whereIn('package_hash', f.packages);
      if (f.region) query.andWhere('city_code', f.region);
      if (f.elements) query.whereIn('element_id', f.elements);
      if (f.rule) query.andWhere('rule_decision', f.rule);
      return query;
    };
    const sumQ = filters(this.knex('task_counts')).sum({ n: 'n' });
    const edges: Array<[string, string]> = [];
    if (due) {
      const loDay = due.lo?.slice(0, 10);
      const hiDay = due.hi?.slice(0, 10);
      if (loDay) sumQ.andWhere('due_day', '>', loDay);
      if (hiDay) sumQ.andWhere('due_day', '<', hiDay);
      const edge = (day: string) => {
        const from = due.lo && due.lo > day ? due.lo : day;
        const next = nextDay(day);
        const to = due.hi && due.hi < next ? due.hi : next;
        if (from < to) edges.push([from, to]);
      };
      if (loDay) edge(loDay);
      if (hiDay && hiDay !== loDay) edge(hiDay);
    }
    const parts = await Promise.all([sumQ, ...edges.map(([from, to]) => filters(this.knex('task_candidates')).andWhere('due_sort', '>=', from).andWhere('due_sort', '<', to).count({ n: '*' }))]);
    return parts.reduce((sum, rows) => sum + Number((rows as Array<{ n: number | string | null }>)[0]?.n ?? 0), 0);
  }

  /** A due filter as a range of due_sort values [lo, hi). */
  private dueRange(due: DueFilter, region: string | null): { lo?: string; hi?: string } {
    const nowIso = new Date(this.now()).toISOString();
    const today = shanghaiDate(this.now());
    const endOf = (date: string) => new Date(Date.parse(`${date}T00:00:00+08:00`) + 86_400_000).toISOString();
    if (due === 'overdue') return { hi: nowIso };
    if (due === 'today') return { lo: new Date(Date.parse(`${today}T00:00:00+08:00`)).toISOString(), hi: endOf(today) };
    return { lo: nowIso, hi: endOf(this.calendar.current(region).addWorkingDays(today, 3).date) };
  }

  /** Working days between two dates, remembered per calendar (a page has a few distinct due dates, not 50). */
  private readonly daysMemo = new WeakMap<object, Map<string, number>>();

  private workingDaysBetween(from: string, to: string, region: string | null): number {
    const cal = this.calendar.current(region);
    let memo = this.daysMemo.get(cal);
    if (!memo || memo.size > 10_000) this.daysMemo.set(cal, (memo = new Map()));
    const key = `${from}|${to}`;
    let n = memo.get(key);
    if (n === undefined) memo.set(key, (n = this.countWorkingDays(from, to, cal)));
    return n;
  }

  /** Working days after `from` up to and including `to` (negative when `to` is earlier); bounded to two years. */
  private countWorkingDays(from: string, to: string, cal: ReturnType<WorkingDays['current']>): number {
    if (from === to) return 0;
    const step = to > from ? 1 : -1;
    let n = 0;
    let d = from;
    for (let i = 0; i < 730 && d !== to; i++) {
      d = new Date(Date.parse(`${d}T00:00:00Z`) + step * 86_400_000).toISOString().slice(0, 10);
      if (cal.isWorkingDay(d)) n += step;
    }
    return n;
  }
}

/** The civil date after 'YYYY-MM-DD'. */
function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
