import { addDays } from './civilDate.ts';
import type { Convention, DateResult, WorkingDayCalendar } from './WorkingDayCalendar.ts';

export type DeadlineUnit = 'WD' | 'MONTH' | 'YEAR' | 'DAY';

export interface DeadlineRequest {
  /** The event or reference date 'YYYY-MM-DD'. */
  anchor: string;
  amount: number;
  unit: DeadlineUnit;
  /**
   * C1 after the event, C2 window from the anchor, C3 before the anchor, C4 months/years.
   * Typed loosely because it arrives from BPMN task headers; anything else is rejected at run time.
   */
  counting: Convention | (string & {});
  /** C4 and DAY: move a deadline that falls on a rest day to the next working day (《民法典》第203条). */
  extendIfLastDayIsRestDay?: boolean;
}

const COUNTINGS: Record<DeadlineUnit, readonly Convention[]> = {
  WD: ['C1', 'C2', 'C3'],
  MONTH: ['C4'],
  YEAR: ['C4'],
  DAY: ['C1', 'C2', 'C3'],
};

/**
 * The one entry point the deadline task workers use, configured by task headers and package
 * parameters. A combination that makes no sense (e.g. WD with C4) is a package error and throws,
 * so the job becomes an incident instead of a silently wrong date.
 */
export function computeDeadline(calendar: WorkingDayCalendar, req: DeadlineRequest): DateResult {
  const allowed = COUNTINGS[req.unit];
  if (!allowed) throw new RangeError(`未知的期限单位「${String(req.unit)}」,应为 WD、MONTH、YEAR 或 DAY`);
  const counting = req.counting as Convention;
  if (!allowed.includes(counting)) throw new RangeError(`期限单位 ${req.unit} 不能使用计算规则「${String(req.counting)}」,可用:${allowed.join('、')}`);
  if (!Number.isInteger(req.amount)) throw new RangeError(`期限数量须为整数:${req.amount}`);
  const extend = { extendIfLastDayIsRestDay: req.extendIfLastDayIsRestDay === true };

  switch (req.unit) {
    case 'WD':
      if (counting === 'C1') return calendar.addWorkingDays(req.anchor, req.amount);
      if (counting === 'C2') return calendar.windowEnd(req.anchor, req.amount);
      return calendar.workingDaysBefore(req.anchor, req.amount);
    case 'MONTH':
      return calendar.addMonths(req.anchor, req.amount, extend);
    case 'YEAR':
      return calendar.addYears(req.anchor, req.amount, extend);
    case 'DAY':
      return calendarDays(calendar, req.anchor, req.amount, counting, extend.extendIfLastDayIsRestDay);
  }
}

/** Natural days, counted like their working-day counterparts: C1 anchor + n, C2 the n-th day from the anchor, C3 anchor − n. */
function calendarDays(calendar: WorkingDayCalendar, anchor: string, n: number, counting: Convention, extend: boolean): DateResult {
  if (n < 1) throw new RangeError(`天数须为正整数:${n}`);
  const date = counting === 'C1' ? addDays(anchor, n) : counting === 'C2' ? addDays(anchor, n - 1) : addDays(anchor, -n);
  if (!extend || calendar.isWorkingDay(date)) return { date, provisional: extend && calendar.describeDay(date).provisional, convention: counting, calendarVersion: calendar.version };
  return { ...calendar.nextWorkingDay(date), convention: counting };
}
