import { createRequire } from 'node:module';

/**
 * Working days in China: Monday–Friday except statutory days off, plus the weekend make-up
 * working days (调休上班) of the State Council's yearly notice, from the maintained `chinese-days`
 * data; admin overrides win. Dates are civil dates 'YYYY-MM-DD' (Asia/Shanghai), computed on UTC
 * midnights so no time zone can shift them.
 */
const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};

export interface CalendarOverride {
  date: string;
  working: boolean;
  note?: string;
}

export type Convention = 'C1' | 'C2' | 'C3' | 'C4';

export interface DateResult {
  date: string;
  /** True when the computation touched a year whose holiday arrangement is not published (AMB-81). */
  provisional: boolean;
  convention: Convention;
  calendarVersion: string;
}

const COVERED_YEARS = new Set(Object.keys(data.holidays).map((d) => d.slice(0, 4)));
const CALENDAR_VERSION = `chinese-days@1.5.7 (${[...COVERED_YEARS].sort()[0]}–${[...COVERED_YEARS].sort().at(-1)})`;
const DAY = 86_400_000;

const parse = (d: string): number => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new RangeError(`not a YYYY-MM-DD date: ${d}`);
  const t = Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  if (new Date(t).toISOString().slice(0, 10) !== d) throw new RangeError(`invalid date: ${d}`);
  return t;
};
const fmt = (t: number): string => new Date(t).toISOString().slice(0, 10);

export class WorkingDayCalendar {
  private readonly overrides: Map<string, boolean>;

  constructor(overrides: CalendarOverride[] = []) {
    this.overrides = new Map(overrides.map((o) => [o.date, o.working]));
  }

  get version(): string {
    return this.overrides.size ? `${CALENDAR_VERSION} + ${this.overrides.size} overrides` : CALENDAR_VERSION;
  }

  isCovered(date: string): boolean {
    return COVERED_YEARS.has(date.slice(0, 4));
  }

  isWorkingDay(date: string): boolean {
    const o = this.overrides.get(date);
    if (o !== undefined) return o;
    if (date in data.workdays) return true;
    if (date in data.holidays) return false;
    const dow = new Date(parse(date)).getUTCDay();
    return dow !== 0 && dow !== 6;
  }

  private result(date: string, touched: string[], convention: Convention): DateResult {
    return { date, provisional: touched.some((d) => !this.isCovered(d)), convention, calendarVersion: this.version };
  }

  /** C1: the event day is not counted; the deadline is the n-th working day strictly after it. */
  addWorkingDays(start: string, n: number): DateResult {
    let t = parse(start);
    let count = 0;
    while (count < n) {
      t += DAY;
      if (this.isWorkingDay(fmt(t))) count++;
    }
    return this.result(fmt(t), [start, fmt(t)], 'C1');
  }

  /** C2: a window of n working days; the opening day counts as day 1 if it is a working day. */
  windowEnd(open: string, n: number): DateResult {
    let t = parse(open);
    let count = this.isWorkingDay(open) ? 1 : 0;
    while (count < n) {
      t += DAY;
      if (this.isWorkingDay(fmt(t))) count++;
    }
    return this.result(fmt(t), [open, fmt(t)], 'C2');
  }

  /** C3: the n-th working day strictly before d (the latest allowed action date). */
  workingDaysBefore(d: string, n: number): DateResult {
    let t = parse(d);
    let count = 0;
    while (count < n) {
      t -= DAY;
      if (this.isWorkingDay(fmt(t))) count++;
    }
    return this.result(fmt(t), [d, fmt(t)], 'C3');
  }

  /** C4: the corresponding day n months later, clamped to the month's end; optionally extended past rest days. */
  addMonths(start: string, n: number, opts: { extendIfLastDayIsRestDay?: boolean } = {}): DateResult {
    const t = parse(start);
    const dt = new Date(t);
    const y = dt.getUTCFullYear();
    const m = dt.getUTCMonth() + n;
    const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
    let r = Date.UTC(y, m, Math.min(dt.getUTCDate(), lastDay));
    if (opts.extendIfLastDayIsRestDay) while (!this.isWorkingDay(fmt(r))) r += DAY;
    // Pure month arithmetic needs no holidays, unless the extension consulted the calendar.
    return this.result(fmt(r), opts.extendIfLastDayIsRestDay ? [fmt(r)] : [], 'C4');
  }

  addYears(start: string, n: number, opts: { extendIfLastDayIsRestDay?: boolean } = {}): DateResult {
    return this.addMonths(start, n * 12, opts);
  }

  nextWorkingDay(date: string): string {
    let t = parse(date) + DAY;
    while (!this.isWorkingDay(fmt(t))) t += DAY;
    return fmt(t);
  }

  firstWorkingDayOfMonth(year: number, month: number): string {
    let t = Date.UTC(year, month - 1, 1);
    while (!this.isWorkingDay(fmt(t))) t += DAY;
    return fmt(t);
  }

  lastWorkingDayOfMonth(year: number, month: number): string {
    let t = Date.UTC(year, month, 0);
    while (!this.isWorkingDay(fmt(t))) t -= DAY;
    return fmt(t);
  }
}

/** 23:59:59 Asia/Shanghai on a deadline date, as an ISO instant (AMB-80). */
export function deadlineInstant(date: string): string {
  return new Date(parse(date) + DAY - 1000 - 8 * 3600 * 1000).toISOString();
}

export interface DeadlineRequest {
  anchor: string;
  amount: number;
  unit: 'WD' | 'MONTH' | 'YEAR' | 'DAY';
  counting: Convention | string;
  extendIfLastDayIsRestDay?: boolean;
}

/** The one entry point task workers use, configured by task headers and package parameters. */
export function computeDeadline(cal: WorkingDayCalendar, r: DeadlineRequest): DateResult {
  switch (r.unit) {
    case 'WD':
      if (r.counting === 'C2') return cal.windowEnd(r.anchor, r.amount);
      if (r.counting === 'C3') return cal.workingDaysBefore(r.anchor, r.amount);
      return cal.addWorkingDays(r.anchor, r.amount);
    case 'MONTH':
      return cal.addMonths(r.anchor, r.amount, { extendIfLastDayIsRestDay: r.extendIfLastDayIsRestDay });
    case 'YEAR':
      return cal.addYears(r.anchor, r.amount, { extendIfLastDayIsRestDay: r.extendIfLastDayIsRestDay });
    case 'DAY': {
      const d = fmt(parse(r.anchor) + r.amount * DAY);
      return { date: d, provisional: false, convention: 'C1', calendarVersion: cal.version };
    }
    default:
      throw new RangeError(`unknown unit ${String(r.unit)}`);
  }
}
