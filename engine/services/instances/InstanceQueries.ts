import type { Knex } from 'knex';
import type { Db } from '../../store/createDb.ts';
import { NotFoundError, ValidationError } from '../../errors.ts';
import type { ProcessEngine } from '../../port/ProcessEngine.ts';
import { APPLICATION_STATUS_LABELS } from '../../packages/platformLabels.ts';
import { assertRole, type Actor } from '../actor.ts';
import { regionCovers } from '../actorScope.ts';
import type { ApplicationService } from '../applications/ApplicationService.ts';
import { AUDIT_READ_ACTION } from '../audit/AuditLog.ts';
import { sequenceFlows, takenFlows } from '../inbox/ReviewerTaskService.ts';
import type { PackageService } from '../packages/PackageService.ts';
import { maskIdNumber, type PersonalData } from '../privacy/index.ts';
import { ALL_UNITS } from '../../store/migrations/023_instance_counts.ts';
import { medianOf, WorkingDaysWaited, type WorkingDayCalendars } from './workingDaysWaited.ts';

const OPEN_STATES = ['OPEN', 'CLAIMED'];

export interface InstanceListQuery {
  package: string;
  status?: string;
  /** Element id of a step the instance waits at. */
  step?: string;
  /** 市(州) code of the application. */
  cityCode?: string;
  /** The recommending unit (organisation id). */
  orgId?: string;
  due?: 'overdue' | 'open';
  /** Start of the applicant's name. */
  q?: string;
  page?: number;
  pageSize?: number;
  /** The nextCursor of the page before: keyset paging (a page number alone is an offset, for a jump). */
  after?: string;
}

export interface WaitingStep {
  elementId: string;
  name: string;
  since: string;
  workingDaysWaited: number;
  dueAt: string | null;
  overdue: boolean;
}

export interface InstanceRow {
  applicationId: string;
  /** 申报编号 (the platform numbers applications by their id). */
  number: string;
  processInstanceKey: string | null;
  applicantName: string | null;
  idNumberMasked: string | null;
  cityCode: string | null;
  orgId: string | null;
  orgName: string | null;
  status: string;
  statusLabel: string;
  stage: string | null;
  submittedAt: string | null;
  steps: WaitingStep[];
}

export interface InstancePage {
  packageHash: string;
  items: InstanceRow[];
  total: number;
  page: number;
  pageSize: number;
  /** Pass as `after` for the next page; null on the last page. */
  nextCursor: string | null;
  byStatus: Array<{ status: string; label: string; count: number }>;
  byStep: Array<{ elementId: string; name: string; count: number }>;
}

export interface HeatmapQuery {
  package: string;
  cityCode?: string;
  orgId?: string;
  /** Arrival at the step, Shanghai dates, inclusive. */
  from?: string;
  to?: string;
}

export interface HeatmapElement {
  elementId: string;
  name: string;
  waiting: number;
  medianWorkingDays: number | null;
  overdue: number;
}

export interface Heatmap {
  packageHash: string;
  packageTitle: string;
  xml: string;
  elements: HeatmapElement[];
  totalWaiting: number;
  /** Cities and their units with instances of this version, for the region filter (unit → city → province); empty when filtered. */
  regions: Array<{ cityCode: string; count: number; units: Array<{ orgId: string; name: string; count: number }> }>;
}

export interface InstanceDetail {
  applicationId: string;
  number: string;
  processInstanceKey: string;
  packageHash: string;
  packageTitle: string;
  bpmnProcessId: string;
  applicantName: string | null;
  idNumberMasked: string | null;
  cityCode: string | null;
  status: string;
  statusLabel: string;
  engineStatus: string;
  steps: WaitingStep[];
  diagram: { xml: string; completedElementIds: string[]; takenFlowIds: string[]; currentElementIds: string[] };
  /** The instance's variables with ID and mobile numbers masked; the masked names listed. */
  variables: Record<string, unknown>;
  maskedVariables: string[];
  timeline: Array<{ at: string; action: string; label: string; actorRole: string | null }>;
}

/**
 * What administrators read about running instances (流程实例, 热力图): per package version,
 * scoped to the admin's region (a version of another region does not exist for them). Counts and
 * pages are SQL over indexed columns of applications and the inbox's tasks; waits are counted in
 * working days on each application's city calendar.
 */
export class InstanceQueries {
  private readonly knex: Knex;
  private readonly namesByHash = new Map<string, Map<string, string>>();

  constructor(
    private readonly db: Db,
    private readonly d: {
      packages: PackageService;
      applications: ApplicationService;
      engine: ProcessEngine;
      calendar: WorkingDayCalendars;
      personal: PersonalData;
      now: () => number;
    },
  ) {
    this.knex = db.knex;
  }

  /** The version row when it exists for the admin; 404 otherwise (another region's version is not confirmed to exist). */
  async scopedVersion(actor: Actor, hash: string): Promise<{ hash: string; title: string; regionCode: string; procedure: string; year: number; packageId: string }> {
    assertRole(actor, 'admin');
    const row = (await this.knex('package_versions').where({ hash }).first('hash', 'title', 'region_code', 'procedure', 'year', 'package_id')) as Record<string, any> | undefined;
    if (!row || !regionCovers(actor.regionCode, row.region_code)) throw new NotFoundError('政策包版本', hash);
    return { hash: row.hash, title: row.title, regionCode: row.region_code, procedure: row.procedure, year: Number(row.year), packageId: row.package_id };
  }

  async list(actor: Actor, q: InstanceListQuery): Promise<InstancePage> {
    await this.scopedVersion(actor, q.package);
    const page = Math.max(1, Math.floor(q.page ?? 1));
    const pageSize = Math.min(Math.max(Math.floor(q.pageSize ?? 20), 1), 100);
    const now = this.d.now();
    const nowIso = new Date(now).toISOString();
    const today = nowIso.slice(0, 10);
    const after = q.after ? parseCursor(q.after) : null;
    const unit = q.orgId ?? ALL_UNITS;
    const term = q.q?.trim();

    const apps = () => {
      const a = this.knex('applications as a').where('a.package_hash', q.package).whereNot('a.status', 'DRAFT');
      if (q.cityCode) a.andWhere('a.city_code', q.cityCode);
      if (q.orgId) a.andWhere('a.recommender_org_id', q.orgId);
      if (q.status) a.andWhere('a.status', q.status);
      // A name prefix as an index range: SQLite compares bytes, MySQL's collations use the index for LIKE 'x%'.
      if (term && this.db.kind === 'sqlite') a.andWhere('a.applicant_name', '>=', term).andWhere('a.applicant_name', '<', `${term}\u{10FFFF}`);
      else if (term) a.andWhere('a.applicant_name', 'like', `${term.replace(/[%_\\]/g, (m) => `\\${m}`)}%`);
      return a;
    };
    // The version's waiting tasks with the page's filters: with a unit, driven from that unit's applications (its index
    // range) joined to their tasks; otherwise the version's task indexes, one state at a time (each an ordered range).
    const openTasks = (states: string[]) => {
      const t = q.orgId
        ? this.knex('applications as a').join('tasks as t', 't.application_id', 'a.id').where('a.package_hash', q.package).andWhere('a.recommender_org_id', q.orgId).whereNot('a.status', 'DRAFT')
        : this.knex('tasks as t');
      t.andWhere('t.package_hash', q.package).whereIn('t.state', states);
      if (q.cityCode) t.andWhere('t.city_code', q.cityCode);
      if (q.step) t.andWhere('t.element_id', q.step);
      if (q.due === 'overdue') t.andWhere('t.due_at', '<', nowIso);
      if (q.due === 'open') t.andWhere((w) => w.whereNull('t.due_at').orWhere('t.due_at', '>=', nowIso));
      if (q.status || term) t.whereExists(apps().whereRaw('a.id = t.application_id'));
      return t;
    };

    // Counts by status (the filters but the status itself) and by step, from the counters (migration 023).
    const statusQ = this.knex('instance_counts').where({ package_hash: q.package, org_id: unit }).whereNot('status', 'DRAFT')
      .modify((c) => {
        if (q.cityCode) c.andWhere('city_code', q.cityCode);
      })
      .groupBy('status').select('status').sum({ n: 'n' });
    const waitQ = this.knex('wait_counts').where({ package_hash: q.package, org_id: unit })
      .modify((c) => {
        if (q.cityCode) c.andWhere('city_code', q.cityCode);
      })
      .groupBy('element_id', 'due_day').select('element_id', 'due_day').sum({ n: 'n' });
    const [statusAll, waitRows] = (await Promise.all([statusQ, waitQ])) as [Array<{ status: string; n: number | string }>, Array<{ element_id: string; due_day: string; n: number | string }>];
    const statusRows = statusAll.filter((r) => Number(r.n) > 0);
    const byStepCount = new Map<string, number>();
    for (const r of waitRows) byStepCount.set(r.element_id, (byStepCount.get(r.element_id) ?? 0) + Number(r.n));

    let ids: string[];
    let total: number;
    let nextCursor: string | null = null;
    if (q.step || q.due) {
      // Driven from the waiting tasks: the longest waiting first, keyset-paged on (arrival, task id).
      let known: number | null = null;
      if (!q.status && !term) {
        // Waiting steps counted by the counters; a due filter splits today's due day at now with an index count.
        const rows = waitRows.filter((r) => !q.step || r.element_id === q.step);
        if (!q.due) known = rows.reduce((n, r) => n + Number(r.n), 0);
        else {
          const pastToday = q.due ? sumOf(await this.overdueToday({ package: q.package, cityCode: q.cityCode, orgId: q.orgId }, now), q.step) : 0;
          const before = rows.filter((r) => r.due_day && r.due_day < today).reduce((n, r) => n + Number(r.n), 0);
          const onToday = rows.filter((r) => r.due_day === today).reduce((n, r) => n + Number(r.n), 0);
          const later = rows.filter((r) => !r.due_day || r.due_day > today).reduce((n, r) => n + Number(r.n), 0);
          known = q.due === 'overdue' ? before + pastToday : later + onToday - pastToday;
        }
      }
      const limit = pageSize * 4;
      const ordered = (t: Knex.QueryBuilder) => {
        if (after) t.andWhere('t.created_at', '>=', after[0]).andWhere((w) => w.where('t.created_at', '>', after[0]).orWhere((x) => x.where('t.created_at', after[0]).andWhere('t.id', '>', after[1])));
        return t.select('t.id', 't.application_id', 't.created_at').orderBy('t.created_at', 'asc').orderBy('t.id', 'asc').limit(limit);
      };
      const pages = q.orgId || (!after && page > 1)
        ? [ordered(openTasks(OPEN_STATES)).offset(after ? 0 : (page - 1) * pageSize)]
        : OPEN_STATES.map((state) => ordered(openTasks([state])));
      const [countRows, ...lists] = await Promise.all([known === null ? openTasks(OPEN_STATES).countDistinct({ n: 't.application_id' }) : Promise.resolve([{ n: known }]), ...pages]);
      total = Number((countRows as Array<{ n: number | string }>)[0]?.n ?? 0);
      const tasks = (lists as Array<Array<{ id: string; application_id: string | null; created_at: string }>>).flat().sort((x, y) => (x.created_at < y.created_at ? -1 : x.created_at > y.created_at ? 1 : x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
      const seen = new Set<string>();
      let last = -1;
      for (let i = 0; i < tasks.length && seen.size < pageSize; i++) {
        last = i;
        if (tasks[i].application_id) seen.add(tasks[i].application_id!);
      }
      ids = [...seen];
      const more = last < tasks.length - 1 || (lists as unknown[][]).some((l) => l.length === limit);
      if (more && last >= 0) nextCursor = cursorOf(tasks[last].created_at, tasks[last].id);
    } else {
      // Without a name search the total is in the counts by status (same filters): no second pass over the version.
      const known = term ? null : statusRows.filter((r) => !q.status || r.status === q.status).reduce((n, r) => n + Number(r.n), 0);
      const a = apps();
      // Keyset on (submitted_at, id), newest first: one ordered index range of the version (per city or unit with those filters).
      if (after) a.andWhere('a.submitted_at', '<=', after[0]).andWhere((w) => w.where('a.submitted_at', '<', after[0]).orWhere((x) => x.where('a.submitted_at', after[0]).andWhere('a.id', '<', after[1])));
      const [countRows, rows] = await Promise.all([
        known === null ? apps().count({ n: '*' }) : Promise.resolve([{ n: known }]),
        a.select('a.id', 'a.submitted_at').orderBy('a.submitted_at', 'desc').orderBy('a.id', 'desc').limit(pageSize + 1).offset(after ? 0 : (page - 1) * pageSize),
      ]);
      total = Number((countRows as Array<{ n: number | string }>)[0]?.n ?? 0);
      const got = rows as Array<{ id: string; submitted_at: string | null }>;
      if (got.length > pageSize && got[pageSize - 1].submitted_at) nextCursor = cursorOf(got[pageSize - 1].submitted_at!, got[pageSize - 1].id);
      ids = got.slice(0, pageSize).map((r) => r.id);
    }
    const items = await this.rows(ids);
    const names = await this.elementNames(q.package);
    const labels = await this.statusLabels(q.package);
    return {
      packageHash: q.package,
      items,
      total,
      page,
      pageSize,
      nextCursor,
      byStatus: statusRows.map((r) => ({ status: r.status, label: labels(r.status), count: Number(r.n) })).sort((a, b) => b.count - a.count),
      byStep: [...byStepCount.entries()].filter(([, n]) => n > 0).map(([elementId, count]) => ({ elementId, name: names.get(elementId) ?? elementId, count })).sort((a, b) => b.count - a.count),
    };
  }

  /**
   * Waiting tasks per element due today (UTC) and already past now: the part of the due-day counters that a due filter
   * splits at now, counted in the version's due index (at most one day of due tasks).
   */
  private async overdueToday(q: { package: string; cityCode?: string; orgId?: string; from?: string; to?: string }, now: number): Promise<Map<string, number>> {
    const nowIso = new Date(now).toISOString();
    const t = q.orgId
      ? this.knex('tasks as t').join('applications as a', 'a.id', 't.application_id').where('a.recommender_org_id', q.orgId)
      : this.knex('tasks as t');
    t.andWhere('t.package_hash', q.package).whereIn('t.state', OPEN_STATES).andWhere('t.due_at', '>=', `${nowIso.slice(0, 10)}T00:00:00.000Z`).andWhere('t.due_at', '<', nowIso);
    if (q.cityCode) t.andWhere('t.city_code', q.cityCode);
    if (q.from) t.andWhere('t.created_at', '>=', shanghaiMidnightUtc(q.from, 0));
    if (q.to) t.andWhere('t.created_at', '<', shanghaiMidnightUtc(q.to, 1));
    const rows = (await t.groupBy('t.element_id').select('t.element_id').count({ n: '*' })) as Array<{ element_id: string; n: number | string }>;
    return new Map(rows.map((r) => [r.element_id, Number(r.n)]));
  }

  /** The rows of a page, in the order given: the application, masked, and the steps it waits at. */
  private async rows(ids: string[]): Promise<InstanceRow[]> {
    if (!ids.length) return [];
    const [apps, tasks] = await Promise.all([
      this.knex('applications as a').leftJoin('organisations as o', 'o.id', 'a.recommender_org_id').whereIn('a.id', ids)
        .select('a.id', 'a.package_hash', 'a.process_instance_key', 'a.applicant_name', 'a.data', 'a.city_code', 'a.recommender_org_id', 'o.name as org_name', 'a.status', 'a.stage', 'a.submitted_at') as Promise<Array<Record<string, any>>>,
      this.knex('tasks').whereIn('application_id', ids).whereIn('state', OPEN_STATES).orderBy('created_at').select('application_id', 'element_id', 'name', 'created_at', 'due_at', 'city_code') as Promise<Array<Record<string, any>>>,
    ]);
    const waited = new WorkingDaysWaited(this.d.calendar, this.d.now());
    const stepsOf = new Map<string, WaitingStep[]>();
    for (const t of tasks) {
      const list = stepsOf.get(t.application_id) ?? stepsOf.set(t.application_id, []).get(t.application_id)!;
      list.push(this.step(t, waited));
    }
    const byId = new Map(apps.map((a) => [a.id as string, a]));
    const labelsByHash = new Map<string, (s: string) => string>();
    for (const a of apps) if (!labelsByHash.has(a.package_hash)) labelsByHash.set(a.package_hash, await this.statusLabels(a.package_hash));
    return ids
      .map((id) => byId.get(id))
      .filter((a): a is Record<string, any> => !!a)
      .map((a) => ({
        applicationId: a.id,
        number: a.id,
        processInstanceKey: a.process_instance_key ?? null,
        applicantName: a.applicant_name ?? null,
        idNumberMasked: this.maskedIdOf(a.data),
        cityCode: a.city_code ?? null,
        orgId: a.recommender_org_id ?? null,
        orgName: a.org_name ?? null,
        status: a.status,
        statusLabel: labelsByHash.get(a.package_hash)!(a.status),
        stage: a.stage ?? null,
        submittedAt: a.submitted_at ?? null,
        steps: stepsOf.get(a.id) ?? [],
      }));
  }

  private step(t: Record<string, any>, waited: WorkingDaysWaited): WaitingStep {
    return {
      elementId: t.element_id,
      name: t.name,
      since: t.created_at,
      workingDaysWaited: waited.since(t.created_at, t.city_code ?? null),
      dueAt: t.due_at ?? null,
      overdue: !!t.due_at && Date.parse(t.due_at) < this.d.now(),
    };
  }

  private maskedIdOf(data: string | null): string | null {
    try {
      const id = this.d.personal.fromJson<Record<string, unknown>>(data ?? 'null')?.idNumber;
      return typeof id === 'string' && id ? maskIdNumber(id) : null;
    } catch {
      return null;
    }
  }

  /**
   * Per waiting element: how many wait, the median working days waited, how many are overdue. From the wait counters
   * (migration 023): their arrival days are an exact histogram per element and city, converted to working days on the
   * city's calendar, so the median is exact without reading the tasks; overdue adds today's due tasks already past.
   */
  async heatmap(actor: Actor, q: HeatmapQuery): Promise<Heatmap> {
    const version = await this.scopedVersion(actor, q.package);
    if (q.from && q.to && q.to < q.from) throw new ValidationError('日期范围不正确', `结束日期 ${q.to} 早于开始日期 ${q.from}`, [{ pointer: '/to', message: '结束日期不能早于开始日期' }]);
    const now = this.d.now();
    const today = new Date(now).toISOString().slice(0, 10);
    const c = this.knex('wait_counts').where({ package_hash: q.package, org_id: q.orgId ?? ALL_UNITS }).andWhere('n', '>', 0);
    if (q.cityCode) c.andWhere('city_code', q.cityCode);
    if (q.from) c.andWhere('arrival_day', '>=', q.from);
    if (q.to) c.andWhere('arrival_day', '<=', q.to);
    const [cells, pastToday] = await Promise.all([
      c.select('element_id', 'city_code', 'arrival_day', 'due_day', 'n') as Promise<Array<{ element_id: string; city_code: string; arrival_day: string; due_day: string; n: number | string }>>,
      this.overdueToday(q, now),
    ]);
    const waited = new WorkingDaysWaited(this.d.calendar, now);
    const byElement = new Map<string, { waiting: number; overdue: number; histogram: Map<number, number> }>();
    for (const g of cells) {
      const e = byElement.get(g.element_id) ?? byElement.set(g.element_id, { waiting: 0, overdue: 0, histogram: new Map() }).get(g.element_id)!;
      const n = Number(g.n);
      e.waiting += n;
      if (g.due_day && g.due_day < today) e.overdue += n;
      const days = waited.fromDate(g.arrival_day, g.city_code || null);
      e.histogram.set(days, (e.histogram.get(days) ?? 0) + n);
    }
    for (const [elementId, n] of pastToday) {
      const e = byElement.get(elementId);
      if (e) e.overdue += n;
    }
    const names = await this.elementNames(q.package);
    const elements = [...byElement.entries()]
      .map(([elementId, e]) => ({ elementId, name: names.get(elementId) ?? elementId, waiting: e.waiting, medianWorkingDays: medianOf(e.histogram), overdue: e.overdue }))
      .sort((a, b) => b.waiting - a.waiting);
    // The region filter's choices come with the whole version's heatmap (a filtered one reuses them): the version's
    // instance counters per unit and city; the units' names are looked up for the few groups.
    const filtered = !!(q.cityCode || q.orgId || q.from || q.to);
    const regionRows = filtered ? [] : ((await this.knex('instance_counts')
      .where('package_hash', q.package)
      .whereNot('org_id', ALL_UNITS)
      .whereNot('status', 'DRAFT')
      .whereNot('city_code', '')
      .groupBy('city_code', 'org_id')
      .select('city_code', 'org_id as recommender_org_id')
      .sum({ n: 'n' })
      .havingRaw('sum(n) > 0')) as Array<{ city_code: string; recommender_org_id: string | null; n: number | string }>).map((r) => ({ ...r, recommender_org_id: r.recommender_org_id || null }));
    const orgIds = [...new Set(regionRows.map((r) => r.recommender_org_id).filter((x): x is string => !!x))];
    const orgNames = new Map<string, string>();
    for (let i = 0; i < orgIds.length; i += 500) {
      for (const o of (await this.knex('organisations').whereIn('id', orgIds.slice(i, i + 500)).select('id', 'name')) as Array<{ id: string; name: string }>) orgNames.set(o.id, o.name);
    }
    const cities = new Map<string, Heatmap['regions'][number]>();
    for (const r of regionRows) {
      const c = cities.get(r.city_code) ?? cities.set(r.city_code, { cityCode: r.city_code, count: 0, units: [] }).get(r.city_code)!;
      c.count += Number(r.n);
      if (r.recommender_org_id) c.units.push({ orgId: r.recommender_org_id, name: orgNames.get(r.recommender_org_id) ?? r.recommender_org_id, count: Number(r.n) });
    }
    return {
      packageHash: q.package,
      packageTitle: version.title,
      xml: await this.rootXml(q.package),
      elements,
      totalWaiting: elements.reduce((s, e) => s + e.waiting, 0),
      regions: [...cities.values()].sort((a, b) => a.cityCode.localeCompare(b.cityCode)),
    };
  }

  /** One instance (by its application): diagram with the path, variables masked, timeline. */
  async detail(actor: Actor, applicationId: string): Promise<InstanceDetail> {
    assertRole(actor, 'admin');
    const app = (await this.knex('applications').where({ id: applicationId }).first('id', 'package_hash', 'process_instance_key')) as Record<string, any> | undefined;
    if (!app?.process_instance_key) throw new NotFoundError('流程实例', applicationId);
    const version = await this.scopedVersion(actor, app.package_hash).catch(() => {
      throw new NotFoundError('流程实例', applicationId);
    });
    const instance = await this.d.engine.getInstance(app.process_instance_key);
    if (!instance) throw new NotFoundError('流程实例', applicationId);
    const [row] = await this.rows([applicationId]);
    const status = await this.d.applications.status(actor, applicationId);
    const xml = await this.rootXml(app.package_hash, instance.bpmnProcessId);
    const current = [...new Set(row.steps.map((s) => s.elementId))];
    const completed = instance.completedElements;
    const variables = this.d.personal.mask(instance.variables);
    return {
      applicationId,
      number: applicationId,
      processInstanceKey: app.process_instance_key,
      packageHash: app.package_hash,
      packageTitle: version.title,
      bpmnProcessId: instance.bpmnProcessId,
      applicantName: row.applicantName,
      idNumberMasked: row.idNumberMasked,
      cityCode: row.cityCode,
      status: row.status,
      statusLabel: row.statusLabel,
      engineStatus: instance.status,
      steps: row.steps,
      diagram: { xml, completedElementIds: [...new Set(completed)], takenFlowIds: takenFlows(sequenceFlows(xml), completed, current), currentElementIds: current },
      variables,
      maskedVariables: Object.keys(instance.variables).filter((n) => JSON.stringify(instance.variables[n]) !== JSON.stringify(variables[n])),
      timeline: status.timeline.filter((e) => e.action !== AUDIT_READ_ACTION).map((e) => ({ at: e.at, action: e.action, label: e.label, actorRole: e.actorRole })),
    };
  }

  /** The BPMN of the version's application process (the manifest's first process, or the one named). */
  private async rootXml(hash: string, bpmnProcessId?: string): Promise<string> {
    const pkg = await this.d.packages.version(hash);
    const proc = bpmnProcessId ? pkg.manifest.processes.find((p) => p.bpmnProcessId === bpmnProcessId) : pkg.manifest.processes[0];
    const xml = (proc?.file ? pkg.bpmn[proc.file] : undefined) ?? Object.values(pkg.bpmn).find((x) => !bpmnProcessId || x.includes(`id="${bpmnProcessId}"`));
    if (!xml) throw new NotFoundError('流程图', bpmnProcessId ?? hash);
    return xml;
  }

  /** Element id → its name, from the version's BPMN files. */
  private async elementNames(hash: string): Promise<Map<string, string>> {
    // A version never changes: its names are read from the BPMN once.
    const known = this.namesByHash.get(hash);
    if (known) return known;
    const pkg = await this.d.packages.version(hash);
    const names = new Map<string, string>();
    if (this.namesByHash.size > 200) this.namesByHash.clear();
    this.namesByHash.set(hash, names);
    for (const xml of Object.values(pkg.bpmn)) {
      for (const m of xml.matchAll(/<(?:\w+:)?\w+\b[^>]*?\bid="([^"]+)"[^>]*?\bname="([^"]*)"/g)) if (!names.has(m[1])) names.set(m[1], decodeXml(m[2]));
    }
    return names;
  }

  private async statusLabels(hash: string): Promise<(status: string) => string> {
    const own = (await this.d.packages.version(hash).catch(() => null))?.manifest.labels?.statuses ?? {};
    return (s) => own[s] ?? APPLICATION_STATUS_LABELS[s] ?? s;
  }
}

function decodeXml(s: string): string {
  return s.replace(/&#10;/g, ' ').replace(/&quot;|&#34;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** The UTC instant of 00:00 in Shanghai on `date` + `plusDays`. */
function shanghaiMidnightUtc(date: string, plusDays: number): string {
  return new Date(Date.parse(`${date}T00:00:00+08:00`) + plusDays * 86_400_000).toISOString();
}

/** A page boundary as an opaque cursor: the sort value and the row id. */
function cursorOf(sortValue: string, id: string): string {
  return Buffer.from(JSON.stringify([sortValue, id])).toString('base64url');
}

function parseCursor(cursor: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string') return [v[0], v[1]];
  } catch {
    // reported below
  }
  throw new ValidationError('分页参数不正确', '无法识别的分页位置', [{ pointer: '/after', message: '分页位置无效，请从第一页重新翻页' }]);
}

function sumOf(counts: Map<string, number>, elementId?: string): number {
  if (elementId) return counts.get(elementId) ?? 0;
  let n = 0;
  for (const v of counts.values()) n += v;
  return n;
}
