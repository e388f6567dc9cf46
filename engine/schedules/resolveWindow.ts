import { computeDeadline, type DeadlineRequest, type WorkingDayCalendar } from '../../rules/index.ts';
import type { ScheduleWindow } from '../packages/packageTypes.ts';

export type WindowState = 'NOT_YET_OPEN' | 'OPEN' | 'CLOSED' | 'UNDATED';

export interface ResolvedWindow {
  id: string;
  kind: string;
  title: string;
  clause: string;
  opens: string | null;
  /** Last day on which the window is open (inclusive, until 23:59:59 Asia/Shanghai, AMB-80). */
  closes: string | null;
  /** The closing date lies in a year whose holiday arrangement is not yet published (AMB-81). */
  provisional: boolean;
  /** What a registration window registers for (a class id, a round, a plan month), when the notice ties them. */
  for?: string;
  /** Applicant types the window is for; absent: every type. */
  applicantTypes?: string[];
}

function monthBounds(month: string): { first: string; last: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { first: `${month}-01`, last: `${month}-${String(last).padStart(2, '0')}` };
}

/**
 * A schedule window's dates: `opens`/`closes` as the notice gives them; `length` counted from `opens`
 * through the working-day calendar (e.g. 「报名时间为15个工作日」, C2); a window given only by `month`
 * spans that calendar month.
 */
export function resolveWindow(w: ScheduleWindow, calendar: WorkingDayCalendar): ResolvedWindow {
  let opens = w.opens ?? (w.month ? monthBounds(w.month).first : null);
  let closes = w.closes ?? null;
  let provisional = false;
  if (!closes && w.length && opens) {
    const r = computeDeadline(calendar, { anchor: opens, ...w.length } as DeadlineRequest);
    closes = r.date;
    provisional = r.provisional;
  }
  if (!closes && !w.length && w.month && !w.opens) closes = monthBounds(w.month).last;
  if (!opens && closes) opens = null;
  return { id: w.id, kind: w.kind, title: w.title, clause: w.clause, opens, closes, provisional, ...(w.for ? { for: w.for } : {}), ...(w.applicantTypes ? { applicantTypes: w.applicantTypes } : {}) };
}

/** Whether the window is open on a civil date (both ends inclusive). */
export function windowStateOn(w: ResolvedWindow, date: string): WindowState {
  if (!w.opens && !w.closes) return 'UNDATED';
  if (w.opens && date < w.opens) return 'NOT_YET_OPEN';
  if (w.closes && date > w.closes) return 'CLOSED';
  return 'OPEN';
}
