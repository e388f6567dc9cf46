/**
 * Civil dates 'YYYY-MM-DD' (Asia/Shanghai) as whole days since 1970-01-01. All arithmetic runs on
 * UTC midnights, so the host time zone can never shift a date.
 */

const DAY_MS = 86_400_000;
const CIVIL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written 'YYYY-MM-DD' (rejects 2026-02-30, datetimes, other formats). */
export function isCivilDate(value: unknown): value is string {
  if (typeof value !== 'string' || value.length !== 10) return false;
  const m = CIVIL_DATE.exec(value);
  if (!m) return false;
  // Arithmetic instead of a Date round trip (this runs for every date operator of every rule). Years
  // before 0100 stay invalid, as they were when Date.UTC read them as 19xx.
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 100 || mo < 1 || mo > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (mo === 2 ? (leap ? 29 : 28) : mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31);
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
