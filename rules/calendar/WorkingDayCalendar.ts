import { createHash } from 'node:crypto';
import { chineseDaysData, type ChineseDaysData } from './chineseDaysData.ts';
import { addCalendarMonths, civilDate, dayOfWeek, fromDayNumber, isCivilDate, toDayNumber, yearOf } from './civilDate.ts';

/** An administrator's correction of one day (e.g. a local holiday, or a new year's notice ahead of the library); it wins over the library. */
export interface CalendarOverride {
  date: string;
  working: boolean;
  note?: string;
}

export interface CalendarOptions {
  /**
   * Years whose State Council arrangement the administrator has loaded completely as overrides,
   * so results in them are no longer provisional (AMB-81, ambiguities §7.7).
   */
  publishedYears?: readonly number[];
}

/** The counting conventions of conventions.md §0.2. */
export type Convention = 'C1' | 'C2' | 'C3' | 'C4';

export interface DateResult {
  date: string;
  /** True when the computation consulted a day in a year without a published arrangement (AMB-81); recompute once it is loaded. */
  provisional: boolean;
  convention: Convention;
  /** Which holiday data produced the result, for decision traces (ambiguities §7.5). */
  calendarVersion: string;
}

export interface DayInfo {
  date: string;
  working: boolean;
  /** Why: an admin override, a statutory day off, a 调休 make-up working day, or the plain weekday/weekend rule. */
  source: 'override' | 'holiday' | 'makeUpWorkday' | 'weekday' | 'weekend';
  /** Holiday name (e.g. 春节) or the override's note. */
  name?: string;
  /** The day's year has no published arrangement, so the answer is a Mon–Fri guess. */
  provisional: boolean;
}

export interface MonthOptions {
  /** 《民法典》第203条: a period whose last day is a rest day ends on the next working day. Off by default (C4). */
  extendIfLastDayIsRestDay?: boolean;
}

/** Stops a runaway walk when overrides mark (almost) everything as a rest day. */
const MAX_WALK_DAYS = 3660;

/** The days a computation looked up, to decide whether the result is provisional. */
class Consulted {
  min = Infinity;
  max = -Infinity;
  add(day: number): void {
    if (day < this.min) this.min = day;
    if (day > this.max) this.max = day;
  }
}

/**
 * Working days in mainland China: Monday–Friday except statutory days off, plus the weekend
 * make-up working days (调休上班) of the State Council's yearly notice (conventions.md §0.1,
 * CAL-CN), from the `chinese-days` data; admin overrides win over both. No local (autonomous
 * prefecture) holidays unless given as overrides (AMB-81).
 */
export class WorkingDayCalendar {
  /** Identifies the data behind every result: library version and years, published years, and a hash of the overrides. */
  readonly version: string;
  private readonly overrides: ReadonlyMap<string, CalendarOverride>;
  private readonly covered: ReadonlySet<number>;

  constructor(overrides: readonly CalendarOverride[] = [], options: CalendarOptions = {}, private readonly data: ChineseDaysData = chineseDaysData) {
    const map = new Map<string, CalendarOverride>();
    for (const o of overrides) {
      if (!isCivilDate(o.date)) throw new RangeError(`日历调整的日期无效:「${String(o.date)}」,应为 YYYY-MM-DD`);
      map.set(o.date, o);
    }
    this.overrides = map;
    this.covered = new Set([...data.coveredYears, ...(options.publishedYears ?? [])]);
    this.version = describeVersion(data, options.publishedYears ?? [], [...map.values()]);
  }

  /** Years with a published arrangement (library years plus those declared published), ascending. */
  get coveredYears(): number[] {
    return [...this.covered].sort((a, b) => a - b);
  }

  isCovered(year: number): boolean {
    return this.covered.has(year);
  }

  describeDay(date: string): DayInfo {
    toDayNumber(date);
    const provisional = !this.covered.has(yearOf(date));
    const o = this.overrides.get(date);
    if (o) return { date, working: o.working, source: 'override', ...(o.note ? { name: o.note } : {}), provisional };
    const makeUp = this.data.workdays[date];
    if (makeUp !== undefined) return { date, working: true, source: 'makeUpWorkday', name: holidayName(makeUp), provisional };
    const off = this.data.holidays[date];
    if (off !== undefined) return { date, working: false, source: 'holiday', name: holidayName(off), provisional };
    const dow = dayOfWeek(date);
    return dow === 0 || dow === 6 ? { date, working: false, source: 'weekend', provisional } : { date, working: true, source: 'weekday', provisional };
  }

  isWorkingDay(date: string): boolean {
    return this.describeDay(date).working;
  }

  /** C1 — 「…后N个工作日内」: the event day is not counted; the N-th working day strictly after it. */
  addWorkingDays(start: string, n: number): DateResult {
    const seen = new Consulted();
    return this.result(this.walk(toDayNumber(start) + 1, +1, requireCount(n), seen), 'C1', seen);
  }

  /** C2 — 「报名时间为N个工作日」: the opening day is day 1 if it is a working day; the window ends on the N-th working day. */
  windowEnd(open: string, n: number): DateResult {
    const seen = new Consulted();
    return this.result(this.walk(toDayNumber(open), +1, requireCount(n), seen), 'C2', seen);
  }

  /** C3 — 「提前N个工作日」/「考前N个工作日内」: the N-th working day strictly before d, the latest allowed action date. */
  workingDaysBefore(d: string, n: number): DateResult {
    const seen = new Consulted();
    return this.result(this.walk(toDayNumber(d) - 1, -1, requireCount(n), seen), 'C3', seen);
  }

  /** C4 — the corresponding day n months later (negative: earlier), clamped to the month end; optionally extended past rest days. */
  addMonths(start: string, n: number, opts: MonthOptions = {}): DateResult {
    const seen = new Consulted();
    let day = toDayNumber(addCalendarMonths(start, n));
    // Pure month arithmetic never looks at holidays, so it can only become provisional through the extension.
    if (opts.extendIfLastDayIsRestDay) day = this.walk(day, +1, 1, seen);
    return this.result(day, 'C4', seen);
  }

  /** C4 in years: 2024-02-29 + 1 year = 2025-02-28. */
  addYears(start: string, n: number, opts: MonthOptions = {}): DateResult {
    if (!Number.isInteger(n)) throw new RangeError(`年数须为整数:${n}`);
    return this.addMonths(start, n * 12, opts);
  }

  /** The first working day strictly after date (C1 with N = 1). */
  nextWorkingDay(date: string): DateResult {
    return this.addWorkingDays(date, 1);
  }

  /** 「每月第1个工作日」: day 1 of a window opening on the 1st (C2 with N = 1). */
  firstWorkingDayOfMonth(year: number, month: number): DateResult {
    return this.windowEnd(civilDate(year, requireMonth(month), 1), 1);
  }

  /** The last working day of the month: the first working day strictly before the 1st of the next month (C3 with N = 1). */
  lastWorkingDayOfMonth(year: number, month: number): DateResult {
    return this.workingDaysBefore(civilDate(year, requireMonth(month) + 1, 1), 1);
  }

  /** From day `from` (inclusive) in direction `step`, the day on which the n-th working day is reached. */
  private walk(from: number, step: 1 | -1, n: number, seen: Consulted): number {
    let day = from;
    let count = 0;
    for (let i = 0; i < MAX_WALK_DAYS; i++, day += step) {
      seen.add(day);
      if (this.isWorkingDay(fromDayNumber(day)) && ++count === n) return day;
    }
    throw new RangeError(`自 ${fromDayNumber(from)} 起 ${MAX_WALK_DAYS} 天内找不到第 ${n} 个工作日,请检查日历调整`);
  }

  private result(day: number, convention: Convention, seen: Consulted): DateResult {
    let provisional = false;
    if (seen.min <= seen.max) {
      for (let y = yearOf(fromDayNumber(seen.min)); y <= yearOf(fromDayNumber(seen.max)); y++) if (!this.covered.has(y)) provisional = true;
    }
    return { date: fromDayNumber(day), provisional, convention, calendarVersion: this.version };
  }
}

function requireCount(n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`工作日数须为正整数:${n}`);
  return n;
}

function requireMonth(m: number): number {
  if (!Number.isInteger(m) || m < 1 || m > 12) throw new RangeError(`月份须为 1–12:${m}`);
  return m;
}

/** 'Spring Festival,春节,4' → '春节' */
function holidayName(entry: string): string {
  return entry.split(',')[1] ?? entry;
}

function describeVersion(data: ChineseDaysData, published: readonly number[], overrides: CalendarOverride[]): string {
  const years = [...data.coveredYears].sort((a, b) => a - b);
  let v = `${data.source} (${years[0]}–${years[years.length - 1]})`;
  if (published.length) v += ` + published ${[...published].sort((a, b) => a - b).join(',')}`;
  if (overrides.length) {
    // Notes do not change any result, so only date and working status identify the override set.
    const canon = overrides.map((o) => `${o.date}:${o.working ? 1 : 0}`).sort().join('\n');
    v += ` + ${overrides.length} overrides #${createHash('sha256').update(canon).digest('hex').slice(0, 8)}`;
  }
  return v;
}
