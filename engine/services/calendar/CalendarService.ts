import type { Knex } from 'knex';
import type { Db } from '../../store/createDb.ts';
import { ValidationError } from '../../errors.ts';
import { computeDeadline, isCivilDate, WorkingDayCalendar, type DateResult, type DayInfo, type DeadlineRequest } from '../../../rules/index.ts';
import { assertRole, type Actor } from '../actor.ts';
import type { AuditLog } from '../audit/AuditLog.ts';

export interface CalendarOverrideView {
  date: string;
  working: boolean;
  note: string | null;
}

const MAX_RANGE_DAYS = 366;

/**
 * The working-day calendar the platform counts with: the State Council arrangements from the
 * `chinese-days` library, the administrator's overrides (a late-published year, a local holiday,
 * a correction), and the years declared complete. Every change reloads the calendar the task
 * workers use, and is audited.
 */
export class CalendarService {
  private readonly knex: Knex;
  private calendar = new WorkingDayCalendar();

  constructor(
    db: Db,
    private readonly audit: AuditLog,
  ) {
    this.knex = db.knex;
  }

  /** The calendar in force (replaced, never mutated, on reload). */
  current(): WorkingDayCalendar {
    return this.calendar;
  }

  async reload(): Promise<void> {
    const rows = await this.knex('calendar_overrides').select('date', 'working', 'note');
    const years = await this.knex('calendar_published_years').select('year');
    this.calendar = new WorkingDayCalendar(
      rows.map((r: { date: string; working: number | boolean; note: string | null }) => ({ date: r.date, working: !!r.working, note: r.note ?? undefined })),
      { publishedYears: years.map((y: { year: number }) => Number(y.year)) },
    );
  }

  /** Each day of a range with whether it is a working day, why, and whether that is provisional. */
  days(from: string, to: string): DayInfo[] {
    if (!isCivilDate(from) || !isCivilDate(to)) throw new ValidationError('日期应为 YYYY-MM-DD 格式', `${from} ~ ${to}`);
    if (to < from) throw new ValidationError('结束日期早于开始日期', `${from} ~ ${to}`);
    const out: DayInfo[] = [];
    for (let d = from, i = 0; d <= to; i++) {
      if (i >= MAX_RANGE_DAYS) throw new ValidationError(`一次最多查询 ${MAX_RANGE_DAYS} 天`, `${from} ~ ${to}`);
      out.push(this.calendar.describeDay(d));
      const next = new Date(`${d}T00:00:00Z`);
      next.setUTCDate(next.getUTCDate() + 1);
      d = next.toISOString().slice(0, 10);
    }
    return out;
  }

  deadline(req: DeadlineRequest): DateResult {
    if (!isCivilDate(req.anchor)) throw new ValidationError('起算日期应为 YYYY-MM-DD 格式', String(req.anchor));
    try {
      return computeDeadline(this.calendar, req);
    } catch (err) {
      if (err instanceof RangeError) throw new ValidationError('期限参数不正确', err.message);
      throw err;
    }
  }

  async listOverrides(actor: Actor, year?: number): Promise<{ overrides: CalendarOverrideView[]; publishedYears: number[]; coveredYears: number[] }> {
    assertRole(actor, 'admin', 'policy_editor');
    const q = this.knex('calendar_overrides').orderBy('date').select('date', 'working', 'note');
    if (year) q.where('date', 'like', `${year}-%`);
    const years = await this.knex('calendar_published_years').orderBy('year').select('year');
    return {
      overrides: (await q).map((r: { date: string; working: number | boolean; note: string | null }) => ({ date: r.date, working: !!r.working, note: r.note })),
      publishedYears: years.map((y: { year: number }) => Number(y.year)),
      coveredYears: this.calendar.coveredYears,
    };
  }

  async setOverride(actor: Actor, o: { date: string; working: boolean; note?: string | null }): Promise<CalendarOverrideView> {
    assertRole(actor, 'admin');
    if (!isCivilDate(o.date)) throw new ValidationError('日期应为 YYYY-MM-DD 格式', String(o.date));
    if (typeof o.working !== 'boolean') throw new ValidationError('须说明该日是否为工作日(working: true/false)');
    const note = o.note?.trim() || null;
    await this.knex.transaction(async (trx) => {
      await trx('calendar_overrides').insert({ date: o.date, working: o.working, note, created_by: actor.id }).onConflict('date').merge(['working', 'note', 'created_by']);
      await this.audit.append({ actorId: actor.id, actorRole: actor.role, action: 'calendar.override.set', entityType: 'calendar', entityId: o.date, detail: { working: o.working, note } }, trx);
    });
    await this.reload();
    return { date: o.date, working: o.working, note };
  }

  async removeOverride(actor: Actor, date: string): Promise<void> {
    assertRole(actor, 'admin');
    if (!isCivilDate(date)) throw new ValidationError('日期应为 YYYY-MM-DD 格式', String(date));
    await this.knex.transaction(async (trx) => {
      await trx('calendar_overrides').where({ date }).delete();
      await this.audit.append({ actorId: actor.id, actorRole: actor.role, action: 'calendar.override.removed', entityType: 'calendar', entityId: date }, trx);
    });
    await this.reload();
  }

  /** Declares a year's arrangement complete (entered as overrides), so its results are no longer provisional. */
  async setPublishedYear(actor: Actor, year: number, published: boolean, note?: string): Promise<void> {
    assertRole(actor, 'admin');
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new ValidationError('年份不正确', String(year));
    await this.knex.transaction(async (trx) => {
      if (published) await trx('calendar_published_years').insert({ year, note: note?.trim() || null, created_by: actor.id }).onConflict('year').merge(['note', 'created_by']);
      else await trx('calendar_published_years').where({ year }).delete();
      await this.audit.append({ actorId: actor.id, actorRole: actor.role, action: published ? 'calendar.year.published' : 'calendar.year.unpublished', entityType: 'calendar', entityId: String(year) }, trx);
    });
    await this.reload();
  }
}
