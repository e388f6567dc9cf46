import type { Knex } from 'knex';
import type { Db } from '../../store/createDb.ts';
import { ForbiddenError, ValidationError } from '../../errors.ts';
import { computeDeadline, isCivilDate, WorkingDayCalendar, type DateResult, type DayInfo, type DeadlineRequest } from '../../../rules/index.ts';
import { assertRole, type Actor } from '../actor.ts';
import { regionCovers } from '../actorScope.ts';
import type { AuditLog } from '../audit/AuditLog.ts';

export interface CalendarOverrideView {
  regionCode: string;
  date: string;
  working: boolean;
  note: string | null;
}

const MAX_RANGE_DAYS = 366;
const REGION = /^\d{6}$/;

type OverrideRow = { region_code: string; date: string; working: number | boolean; note: string | null };
type YearRow = { region_code: string; year: number };

/**
 * The working-day calendar the platform counts with: the State Council arrangements from the
 * `chinese-days` library, plus what administrators enter for their region (a year not yet in the
 * library, a prefecture's own holidays, AMB-81) and the years they declare complete. An entry for a
 * province applies to all its cities, one for a city only there. Every change is audited and
 * replaces the calendars the task workers use.
 */
export interface CalendarEntries {
  overrides: Array<{ region_code: string; date: string; working: boolean | number; note: string | null }>;
  publishedYears: Array<{ region_code: string; year: number; note: string | null }>;
}

export class CalendarService {
  private readonly knex: Knex;
  private overrides: OverrideRow[] = [];
  private years: YearRow[] = [];
  private readonly byRegion = new Map<string, WorkingDayCalendar>();

  constructor(
    db: Db,
    private readonly audit: AuditLog,
  ) {
    this.knex = db.knex;
  }

  /** The calendar in force for a region (a 6-digit code); without one, the national library alone. */
  current(regionCode?: string | null): WorkingDayCalendar {
    const key = regionCode && REGION.test(regionCode) ? regionCode : '';
    let calendar = this.byRegion.get(key);
    if (!calendar) {
      const applies = (r: string) => key !== '' && regionCovers(r, key);
      calendar = new WorkingDayCalendar(
        // City entries after province ones, so the more local entry wins for the same date.
        this.overrides
          .filter((o) => applies(o.region_code))
          .sort((a, b) => a.region_code.localeCompare(b.region_code))
          .map((o) => ({ date: o.date, working: !!o.working, note: o.note ?? undefined })),
        { publishedYears: this.years.filter((y) => applies(y.region_code)).map((y) => Number(y.year)) },
      );
      this.byRegion.set(key, calendar);
    }
    return calendar;
  }

  /**
   * The administrators' entries of a province and its cities (code starting with the province's two
   * digits), as stored: what a try-out's scratch store copies so that its deadlines are the real ones.
   */
  async entriesOfProvince(regionCode: string): Promise<CalendarEntries> {
    const prefix = `${regionCode.slice(0, 2)}%`;
    return {
      overrides: await this.knex('calendar_overrides').where('region_code', 'like', prefix).orderBy(['region_code', 'date']).select('region_code', 'date', 'working', 'note'),
      publishedYears: await this.knex('calendar_published_years').where('region_code', 'like', prefix).orderBy(['region_code', 'year']).select('region_code', 'year', 'note'),
    };
  }

  /** Puts entries in place of the same regions' own (a scratch store's), in one transaction, and reloads. */
  async replaceEntries(entries: CalendarEntries): Promise<void> {
    const regions = [...new Set([...entries.overrides, ...entries.publishedYears].map((e) => e.region_code))];
    await this.knex.transaction(async (trx) => {
      if (regions.length) {
        await trx('calendar_overrides').whereIn('region_code', regions).delete();
        await trx('calendar_published_years').whereIn('region_code', regions).delete();
      }
      for (const o of entries.overrides) await trx('calendar_overrides').insert({ region_code: o.region_code, date: o.date, working: !!o.working, note: o.note ?? null, created_by: null });
      for (const y of entries.publishedYears) await trx('calendar_published_years').insert({ region_code: y.region_code, year: y.year, note: y.note ?? null, created_by: null });
    });
    await this.reload();
  }

  async reload(): Promise<void> {
    this.overrides = await this.knex('calendar_overrides').select('region_code', 'date', 'working', 'note');
    this.years = await this.knex('calendar_published_years').select('region_code', 'year');
    this.byRegion.clear();
  }

  /** Each day of a range with whether it is a working day in a region, why, and whether that is provisional. */
  days(from: string, to: string, regionCode?: string): DayInfo[] {
    if (!isCivilDate(from) || !isCivilDate(to)) throw new ValidationError('日期应为 YYYY-MM-DD 格式', `${from} ~ ${to}`);
    if (to < from) throw new ValidationError('结束日期早于开始日期', `${from} ~ ${to}`);
    const calendar = this.current(regionCode);
    const out: DayInfo[] = [];
    for (let d = from, i = 0; d <= to; i++) {
      if (i >= MAX_RANGE_DAYS) throw new ValidationError(`一次最多查询 ${MAX_RANGE_DAYS} 天`, `${from} ~ ${to}`);
      out.push(calendar.describeDay(d));
      const next = new Date(`${d}T00:00:00Z`);
      next.setUTCDate(next.getUTCDate() + 1);
      d = next.toISOString().slice(0, 10);
    }
    return out;
  }

  deadline(req: DeadlineRequest, regionCode?: string): DateResult {
    if (!isCivilDate(req.anchor)) throw new ValidationError('起算日期应为 YYYY-MM-DD 格式', String(req.anchor));
    try {
      return computeDeadline(this.current(regionCode), req);
    } catch (err) {
      if (err instanceof RangeError) throw new ValidationError('期限参数不正确', err.message);
      throw err;
    }
  }

  /** The entries of the actor's region (and of the regions inside it). */
  async listOverrides(actor: Actor, year?: number): Promise<{ overrides: CalendarOverrideView[]; publishedYears: Array<{ regionCode: string; year: number }>; coveredYears: number[] }> {
    assertRole(actor, 'admin', 'policy_editor');
    const mine = (r: string) => regionCovers(actor.regionCode, r);
    return {
      overrides: this.overrides
        .filter((o) => mine(o.region_code) && (!year || o.date.startsWith(`${year}-`)))
        .sort((a, b) => a.date.localeCompare(b.date) || a.region_code.localeCompare(b.region_code))
        .map((o) => ({ regionCode: o.region_code, date: o.date, working: !!o.working, note: o.note })),
      publishedYears: this.years.filter((y) => mine(y.region_code)).map((y) => ({ regionCode: y.region_code, year: Number(y.year) })),
      coveredYears: this.current().coveredYears,
    };
  }

  async setOverride(actor: Actor, o: { date: string; working: boolean; note?: string | null; regionCode?: string }): Promise<CalendarOverrideView> {
    const region = this.regionFor(actor, o.regionCode);
    if (!isCivilDate(o.date)) throw new ValidationError('日期应为 YYYY-MM-DD 格式', String(o.date));
    if (typeof o.working !== 'boolean') throw new ValidationError('须说明该日是否为工作日(working: true/false)');
    const note = o.note?.trim() || null;
    await this.knex.transaction(async (trx) => {
      await trx('calendar_overrides').insert({ region_code: region, date: o.date, working: o.working, note, created_by: actor.id }).onConflict(['region_code', 'date']).merge(['working', 'note', 'created_by']);
      await this.audit.append({ actorId: actor.id, actorRole: actor.role, action: 'calendar.override.set', entityType: 'calendar', entityId: `${region}:${o.date}`, regionCode: region, detail: { working: o.working, note } }, trx);
    });
    await this.reload();
    return { regionCode: region, date: o.date, working: o.working, note };
  }

  async removeOverride(actor: Actor, date: string, regionCode?: string): Promise<void> {
    const region = this.regionFor(actor, regionCode);
    if (!isCivilDate(date)) throw new ValidationError('日期应为 YYYY-MM-DD 格式', String(date));
    await this.knex.transaction(async (trx) => {
      await trx('calendar_overrides').where({ region_code: region, date }).delete();
      await this.audit.append({ actorId: actor.id, actorRole: actor.role, action: 'calendar.override.removed', entityType: 'calendar', entityId: `${region}:${date}`, regionCode: region }, trx);
    });
    await this.reload();
  }

  /** Declares a year's arrangement complete for a region (entered as overrides), so its results are no longer provisional there. */
  async setPublishedYear(actor: Actor, year: number, published: boolean, note?: string, regionCode?: string): Promise<void> {
    const region = this.regionFor(actor, regionCode);
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new ValidationError('年份不正确', String(year));
    await this.knex.transaction(async (trx) => {
      if (published) await trx('calendar_published_years').insert({ region_code: region, year, note: note?.trim() || null, created_by: actor.id }).onConflict(['region_code', 'year']).merge(['note', 'created_by']);
      else await trx('calendar_published_years').where({ region_code: region, year }).delete();
      await this.audit.append({ actorId: actor.id, actorRole: actor.role, action: published ? 'calendar.year.published' : 'calendar.year.unpublished', entityType: 'calendar', entityId: `${region}:${year}`, regionCode: region }, trx);
    });
    await this.reload();
  }

  /** Administrators change the calendar of their own region, or of a region inside it. */
  private regionFor(actor: Actor, regionCode?: string): string {
    assertRole(actor, 'admin');
    const region = regionCode ?? actor.regionCode ?? '';
    if (!REGION.test(region)) throw new ValidationError('地区代码应为 6 位数字', String(region));
    if (!regionCovers(actor.regionCode, region)) throw new ForbiddenError(`无权调整行政区划 ${region} 的工作日历`);
    return region;
  }
}
