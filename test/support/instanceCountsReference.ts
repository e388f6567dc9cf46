import type { Knex } from 'knex';
import { expect } from 'vitest';
import type { Actor } from '../../engine/services/actor.ts';
import type { HeatmapQuery, InstanceListQuery, InstanceQueries } from '../../engine/services/instances/InstanceQueries.ts';
import { WorkingDaysWaited, type WorkingDayCalendars } from '../../engine/services/instances/workingDaysWaited.ts';

const OPEN = ['OPEN', 'CLAIMED'];

const shanghaiMidnight = (day: string, plus: number) => new Date(Date.parse(`${day}T00:00:00+08:00`) + plus * 86_400_000).toISOString();

/** The heatmap computed from the rows themselves: every waiting task read, its working days counted one by one. */
export async function heatmapFromRows(knex: Knex, calendar: WorkingDayCalendars, now: number, q: HeatmapQuery): Promise<Array<{ elementId: string; waiting: number; medianWorkingDays: number | null; overdue: number }>> {
  const t = knex('tasks as t').leftJoin('applications as a', 'a.id', 't.application_id').where('t.package_hash', q.package).whereIn('t.state', OPEN);
  if (q.orgId) t.andWhere('a.recommender_org_id', q.orgId);
  if (q.cityCode) t.andWhere('t.city_code', q.cityCode);
  if (q.from) t.andWhere('t.created_at', '>=', shanghaiMidnight(q.from, 0));
  if (q.to) t.andWhere('t.created_at', '<', shanghaiMidnight(q.to, 1));
  const rows = (await t.select('t.element_id', 't.city_code', 't.created_at', 't.due_at')) as Array<{ element_id: string; city_code: string | null; created_at: string; due_at: string | null }>;
  const waited = new WorkingDaysWaited(calendar, now);
  const by = new Map<string, { waits: number[]; overdue: number }>();
  for (const r of rows) {
    const e = by.get(r.element_id) ?? by.set(r.element_id, { waits: [], overdue: 0 }).get(r.element_id)!;
    e.waits.push(waited.since(r.created_at, r.city_code));
    if (r.due_at && Date.parse(r.due_at) < now) e.overdue++;
  }
  return [...by.entries()]
    .map(([elementId, e]) => {
      const s = e.waits.sort((a, b) => a - b);
      const m = s.length >> 1;
      return { elementId, waiting: s.length, medianWorkingDays: s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2, overdue: e.overdue };
    })
    .sort((a, b) => a.elementId.localeCompare(b.elementId));
}

/** Counts by status and step, the total and every page's ids in order, from the rows. */
export async function listFromRows(knex: Knex, now: number, q: Omit<InstanceListQuery, 'page' | 'pageSize' | 'after'>): Promise<{ byStatus: Record<string, number>; byStep: Record<string, number>; total: number; ids: string[] }> {
  const nowIso = new Date(now).toISOString();
  const apps = () => {
    const a = knex('applications as a').where('a.package_hash', q.package).whereNot('a.status', 'DRAFT');
    if (q.cityCode) a.andWhere('a.city_code', q.cityCode);
    if (q.orgId) a.andWhere('a.recommender_org_id', q.orgId);
    return a;
  };
  const statusRows = (await apps().groupBy('a.status').select('a.status').count({ n: '*' })) as Array<{ status: string; n: number | string }>;
  const tasks = () => {
    const t = knex('tasks as t').leftJoin('applications as a', 'a.id', 't.application_id').where('t.package_hash', q.package).whereIn('t.state', OPEN);
    if (q.orgId) t.andWhere('a.recommender_org_id', q.orgId);
    if (q.cityCode) t.andWhere('t.city_code', q.cityCode);
    return t;
  };
  const stepRows = (await tasks().groupBy('t.element_id').select('t.element_id').count({ n: '*' })) as Array<{ element_id: string; n: number | string }>;
  let ids: string[];
  if (q.step || q.due) {
    const t = tasks();
    if (q.status) t.andWhere('a.status', q.status);
    if (q.step) t.andWhere('t.element_id', q.step);
    if (q.due === 'overdue') t.andWhere('t.due_at', '<', nowIso);
    if (q.due === 'open') t.andWhere((w) => w.whereNull('t.due_at').orWhere('t.due_at', '>=', nowIso));
    const rows = (await t.select('t.application_id').orderBy('t.created_at').orderBy('t.id')) as Array<{ application_id: string | null }>;
    ids = [...new Set(rows.map((r) => r.application_id).filter((x): x is string => !!x))];
  } else {
    const a = apps();
    if (q.status) a.andWhere('a.status', q.status);
    ids = ((await a.select('a.id').orderBy('a.submitted_at', 'desc').orderBy('a.id', 'desc')) as Array<{ id: string }>).map((r) => r.id);
  }
  return {
    byStatus: Object.fromEntries(statusRows.map((r) => [r.status, Number(r.n)])),
    byStep: Object.fromEntries(stepRows.map((r) => [r.element_id, Number(r.n)])),
    total: ids.length,
    ids,
  };
}

/** Walks the pages by their cursors (keyset) and collects every row in order. */
export async function walkPages(queries: InstanceQueries, admin: Actor, q: Omit<InstanceListQuery, 'page' | 'after'>): Promise<{ ids: string[]; first: Awaited<ReturnType<InstanceQueries['list']>> }> {
  const first = await queries.list(admin, q);
  const ids = first.items.map((i) => i.applicationId);
  let next = first.nextCursor;
  for (let guard = 0; next && guard < 1000; guard++) {
    const page = await queries.list(admin, { ...q, after: next });
    ids.push(...page.items.map((i) => i.applicationId));
    next = page.nextCursor;
  }
  return { ids, first };
}

/** The counters' answers (heatmap, counts, totals, keyset pages) equal the rows' for each case. */
export async function expectCountersMatchRows(
  queries: InstanceQueries,
  admin: Actor,
  knex: Knex,
  calendar: WorkingDayCalendars,
  now: number,
  hash: string,
  cases: { heatmap: Array<Omit<HeatmapQuery, 'package'>>; list: Array<Omit<InstanceListQuery, 'package' | 'page' | 'after'>> },
): Promise<void> {
  for (const c of cases.heatmap) {
    const q = { package: hash, ...c };
    const heat = await queries.heatmap(admin, q);
    const got = heat.elements.map(({ elementId, waiting, medianWorkingDays, overdue }) => ({ elementId, waiting, medianWorkingDays, overdue })).sort((a, b) => a.elementId.localeCompare(b.elementId));
    expect(got, `heatmap ${JSON.stringify(c)}`).toEqual(await heatmapFromRows(knex, calendar, now, q));
  }
  for (const c of cases.list) {
    const q = { package: hash, ...c };
    const want = await listFromRows(knex, now, q);
    const { ids, first } = await walkPages(queries, admin, { ...q, pageSize: 7 });
    const label = `instances ${JSON.stringify(c)}`;
    expect(Object.fromEntries(first.byStatus.map((s) => [s.status, s.count])), label).toEqual(want.byStatus);
    expect(Object.fromEntries(first.byStep.map((s) => [s.elementId, s.count])), label).toEqual(want.byStep);
    expect(first.total, label).toBe(want.total);
    expect(ids, label).toEqual(want.ids);
  }
}
