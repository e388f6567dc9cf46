/**
 * Civil dates 'YYYY-MM-DD' (Asia/Shanghai) as whole days since 1970-01-01. All arithmetic runs on
 * UTC midnights, so the host time zone can never shift a date.
 */

const DAY_MS = 86_400_000;
const CIVIL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written 'YYYY-MM-DD' (rejects 2026-02-30, datetimes, other formats). */
export function isCivilDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = CIVIL_DATE.exec(value);
  if (!m) return false;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(t).toISOString().slice(0, 10) === value;
}

/** Day number of a civil date; throws a RangeError (in Chinese, for operators) on anything else. */
export function toDayNumber(date: string): number {
  if (!isCivilDate(date)) throw new RangeError(`无效日期「${String(date)}」,应为 YYYY-MM-DD`);
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

export function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, n: number): string {
  return fromDayNumber(toDayNumber(date) + n);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
  return new Date(toDayNumber(date) * DAY_MS).getUTCDay();
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** 'YYYY-MM-DD' of a year, month (1–12) and day, with the month allowed to overflow either way. */
export function civilDate(year: number, month: number, day: number): string {
  return fromDayNumber(Date.UTC(year, month - 1, day) / DAY_MS);
}

export function lastDayOfMonth(year: number, month: number): string {
  return civilDate(year, month + 1, 0);
}

/**
 * The corresponding day n months later (or earlier), clamped to the end of a shorter month:
 * 2026-01-31 + 1 month = 2026-02-28 (《民法典》第202条, convention C4).
 */
export function addCalendarMonths(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`月数须为整数:${n}`);
  toDayNumber(date);
  const y = yearOf(date);
  const m = Number(date.slice(5, 7)) + n;
  const d = Number(date.slice(8, 10));
  const last = Number(lastDayOfMonth(y, m).slice(8, 10));
  return civilDate(y, m, Math.min(d, last));
}
