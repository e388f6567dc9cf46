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
    const nowIso = new Date(this.d.now()).toISOString();

    const apps = () => {
      const a = this.knex('applications as a').where('a.package_hash', q.package).whereNot('a.status', 'DRAFT');
      if (q.cityCode) a.andWhere('a.city_code', q.cityCode);
      if (q.orgId) a.andWhere('a.recommender_org_id', q.orgId);
      if (q.status) a.andWhere('a.status', q.status);
      const term = q.q?.trim();
      // A name prefix as an index range: SQLite compares bytes, MySQL's collations use the index for LIKE 'x%'.
      if (term && this.db.kind === 'sqlite') a.andWhere('a.applicant_name', '>=', term).andWhere('a.applicant_name', '<', `${term}\u{10FFFF}`);
      else if (term) a.andWhere('a.applicant_name', 'like', `${term.replace(/[%_\\]/g, (m) => `\\${m}`)}%`);
      return a;
    };
    // The waiting tasks of the version. With a unit, driven from that unit's applications (its index range) and joined to
    // their tasks; otherwise the version's task index, with what only the application knows checked on its primary key.
    const waitingTasks = (unit: boolean) => {
      if (unit && q.orgId) {
        return this.knex('applications as a').join('tasks as t', 't.application_id', 'a.id')
          .where('a.package_hash', q.package).andWhere('a.recommender_org_id', q.orgId).whereNot('a.status', 'DRAFT')
          .andWhere('t.package_hash', q.package).whereIn('t.state', OPEN_STATES)
          .modify((x) => {
            if (q.cityCode) x.andWhere('a.city_code', q.cityCode);
          });
      }
      const t = this.knex('tasks as t').where('t.package_hash', q.package).whereIn('t.state', OPEN_STATES);
      if (q.cityCode) t.andWhere('t.city_code', q.cityCode);
      return t;
    };
    const openTasks = () => {
      // Tasks without an application (a case of its own) are left out below; no `is not null` here, it would steer the planner off the version's index.
      const t = waitingTasks(true);
      if (q.step) t.andWhere('t.element_id', q.step);
      if (q.due === 'overdue') t.andWhere('t.due_at', '<', nowIso);
      if (q.due === 'open') t.andWhere((w) => w.whereNull('t.due_at').orWhere('t.due_at', '>=', nowIso));
      if (q.status || q.q?.trim()) t.whereExists(apps().whereRaw('a.id = t.application_id'));
      return t;
    };

    // Counts by status over the whole version (the filters but the status itself), by step over its waiting tasks.
    const statusQ = this.knex('applications as a').where('a.package_hash', q.package).whereNot('a.status', 'DRAFT')
      .modify((a) => {
        if (q.cityCode) a.andWhere('a.city_code', q.cityCode);
        if (q.orgId) a.andWhere('a.recommender_org_id', q.orgId);
      })
      .groupBy('a.status').select('a.status').count({ n: '*' });
    const stepQ = waitingTasks(true).groupBy('t.element_id').select('t.element_id').count({ n: '*' });
    const [statusRows, stepRows] = (await Promise.all([statusQ, stepQ])) as [Array<{ status: string; n: number | string }>, Array<{ element_id: string; n: number | string }>];

    let ids: string[];
    let total: number;
    if (q.step || q.due) {
      // Driven from the waiting tasks: the longest waiting first. A step alone is counted already (by step).
      const known = q.step && !q.due && !q.status && !q.q?.trim() ? Number(stepRows.find((r) => r.element_id === q.step)?.n ?? 0) : null;
      const [countRows, rows] = await Promise.all([
        known === null ? openTasks().countDistinct({ n: 't.application_id' }) : Promise.resolve([{ n: known }]),
        openTasks().select('t.application_id').orderBy('t.created_at', 'asc').orderBy('t.id', 'asc').limit(pageSize * 4).offset((page - 1) * pageSize),
      ]);
      total = Number((countRows as Array<{ n: number | string }>)[0]?.n ?? 0);
      ids = [...new Set((rows as Array<{ application_id: string | null }>).map((r) => r.application_id).filter((x): x is string => !!x))].slice(0, pageSize);
    } else {
      // Without a name search the total is in the counts by status (same filters): no second pass over the version.
      const known = q.q?.trim() ? null : statusRows.filter((r) => !q.status || r.status === q.status).reduce((n, r) => n + Number(r.n), 0);
      const [countRows, rows] = await Promise.all([
        known === null ? apps().count({ n: '*' }) : Promise.resolve([{ n: known }]),
        apps().select('a.id').orderBy('a.submitted_at', 'desc').orderBy('a.id', 'desc').limit(pageSize).offset((page - 1) * pageSize),
      ]);
      total = Number((countRows as Array<{ n: number | string }>)[0]?.n ?? 0);
      ids = (rows as Array<{ id: string }>).map((r) => r.id);
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
      byStatus: statusRows.map((r) => ({ status: r.status, label: labels(r.status), count: Number(r.n) })).sort((a, b) => b.count - a.count),
      byStep: stepRows.map((r) => ({ elementId: r.element_id, name: names.get(r.element_id) ?? r.element_id, count: Number(r.n) })).sort((a, b) => b.count - a.count),
    };
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

  /** Per waiting element: how many wait, the median working days waited, how many are overdue. */
  async heatmap(actor: Actor, q: HeatmapQuery): Promise<Heatmap> {
    const version = await this.scopedVersion(actor, q.package);
    if (q.from && q.to && q.to < q.from) throw new ValidationError('日期范围不正确', `结束日期 ${q.to} 早于开始日期 ${q.from}`, [{ pointer: '/to', message: '结束日期不能早于开始日期' }]);
    const nowIso = new Date(this.d.now()).toISOString();
    // A unit's waits: driven from its applications (their index range) joined to their tasks.
    const t = q.orgId
      ? this.knex('applications as a').join('tasks as t', 't.application_id', 'a.id').where('a.package_hash', q.package).andWhere('a.recommender_org_id', q.orgId).andWhere('t.package_hash', q.package).whereIn('t.state', OPEN_STATES)
      : this.knex('tasks as t').where('t.package_hash', q.package).whereIn('t.state', OPEN_STATES);
    if (q.cityCode) t.andWhere('t.city_code', q.cityCode);
    if (q.from) t.andWhere('t.created_at', '>=', shanghaiMidnightUtc(q.from, 0));
    if (q.to) t.andWhere('t.created_at', '<', shanghaiMidnightUtc(q.to, 1));
    // Grouped by element, city and arrival day (the UTC date, and whether it was already the next day in Shanghai):
    // a few thousand groups at most, each one's working days counted once on its city's calendar.
    const day = 'substr(t.created_at, 1, 10)';
    const late = "case when substr(t.created_at, 12, 2) >= '16' then 1 else 0 end";
    const groups = (await t
      .select('t.element_id', 't.city_code', this.knex.raw(`${day} as d`), this.knex.raw(`${late} as late`))
      .count({ n: '*' })
      .select(this.knex.raw('sum(case when t.due_at < ? then 1 else 0 end) as overdue', [nowIso]))
      .groupBy('t.element_id', 't.city_code', this.knex.raw(day), this.knex.raw(late))) as Array<{ element_id: string; city_code: string | null; d: string; late: number | string; n: number | string; overdue: number | string | null }>;
    const waited = new WorkingDaysWaited(this.d.calendar, this.d.now());
    const byElement = new Map<string, { waiting: number; overdue: number; histogram: Map<number, number> }>();
    for (const g of groups) {
      const e = byElement.get(g.element_id) ?? byElement.set(g.element_id, { waiting: 0, overdue: 0, histogram: new Map() }).get(g.element_id)!;
      const n = Number(g.n);
      e.waiting += n;
      e.overdue += Number(g.overdue ?? 0);
      const days = waited.since(`${g.d}T${Number(g.late) ? '16' : '00'}:00:00.000Z`, g.city_code);
      e.histogram.set(days, (e.histogram.get(days) ?? 0) + n);
    }
    const names = await this.elementNames(q.package);
    const elements = [...byElement.entries()]
      .map(([elementId, e]) => ({ elementId, name: names.get(elementId) ?? elementId, waiting: e.waiting, medianWorkingDays: medianOf(e.histogram), overdue: e.overdue }))
      .sort((a, b) => b.waiting - a.waiting);
    // The region filter's choices come with the whole version's heatmap (a filtered one reuses them): grouped on the
    // version's region index alone; the units' names are looked up for the few groups.
    const filtered = !!(q.cityCode || q.orgId || q.from || q.to);
    const regionRows = filtered ? [] : ((await this.knex('applications as a')
      .where('a.package_hash', q.package)
      .whereNot('a.status', 'DRAFT')
      .whereNotNull('a.city_code')
      .groupBy('a.city_code', 'a.recommender_org_id')
      .select('a.city_code', 'a.recommender_org_id')
      .count({ n: '*' })) as Array<{ city_code: string; recommender_org_id: string | null; n: number | string }>);
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
    const pkg = await this.d.packages.version(hash);
    const names = new Map<string, string>();
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
