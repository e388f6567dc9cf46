import { describe, expect, it } from 'vitest';
import { WorkingDayCalendar, computeDeadline, deadlineInstant } from './WorkingDayCalendar.ts';

const cal = new WorkingDayCalendar();

describe('WorkingDayCalendar (national holidays and 调休, conventions.md §0.2)', () => {
  it('knows make-up working weekends and bridged holidays where Mon–Fri would be wrong [WD-HOL]', () => {
    // then
    expect(cal.isWorkingDay('2026-01-04')).toBe(true); // Sunday, 调休上班
    expect(cal.isWorkingDay('2026-02-14')).toBe(true); // Saturday, 调休上班
    expect(cal.isWorkingDay('2026-02-16')).toBe(false); // Monday, 春节
    expect(cal.isWorkingDay('2026-10-07')).toBe(false); // Wednesday, 国庆
    expect(cal.isWorkingDay('2026-10-10')).toBe(true); // Saturday, 调休上班
    expect(cal.isWorkingDay('2026-03-07')).toBe(false); // ordinary Saturday
  });

  it('C1: the event day is not counted (2021-06-09 + 5 WD = 2021-06-17, 端午 06-14 skipped; AMB-10)', () => {
    // when
    const r = cal.addWorkingDays('2021-06-09', 5);
    // then
    expect(r).toMatchObject({ date: '2021-06-17', convention: 'C1', provisional: false });
  });

  it('C2: a window opening on a working day counts it as day 1', () => {
    // when / then
    expect(cal.windowEnd('2026-03-02', 5).date).toBe('2026-03-06');
    // a window over 春节: opens Fri 2026-02-13, Sat 02-14 is a working day, 02-15…23 are off
    expect(cal.windowEnd('2026-02-13', 3).date).toBe('2026-02-24');
  });

  it('C3: three working days before an exam on 2026-10-12 is 2026-10-08 (AMB-31 default) [WD-HOL]', () => {
    // when
    const r = cal.workingDaysBefore('2026-10-12', 3);
    // then: 10-10 (Sat) and 10-09 are working days, so the 3rd working day before is 10-08
    expect(r.date).toBe('2026-10-08');
  });

  it('C4: months end on the corresponding day, clamped to the month end, no extension by default', () => {
    // then
    expect(cal.addMonths('2026-01-31', 1).date).toBe('2026-02-28');
    expect(cal.addMonths('2026-03-15', 1).date).toBe('2026-04-15');
    expect(cal.addYears('2024-02-29', 1).date).toBe('2025-02-28');
    // 2026-10-03 is a holiday: extended to the next working day only when asked
    expect(cal.addMonths('2026-09-03', 1).date).toBe('2026-10-03');
    expect(cal.addMonths('2026-09-03', 1, { extendIfLastDayIsRestDay: true }).date).toBe('2026-10-08');
  });

  it('marks a result provisional when it reaches a year whose arrangement is not published (AMB-81)', () => {
    // when
    const r = cal.addWorkingDays('2026-12-28', 10);
    // then
    expect(r.date.startsWith('2027-')).toBe(true);
    expect(r.provisional).toBe(true);
    expect(cal.addWorkingDays('2026-03-02', 5).provisional).toBe(false);
  });

  it('lets admin overrides win over the library', () => {
    // given: a local day off (e.g. an autonomous prefecture holiday)
    const local = new WorkingDayCalendar([{ date: '2026-03-04', working: false, note: '示例' }]);
    // then
    expect(local.addWorkingDays('2026-03-02', 2).date).toBe('2026-03-05');
    expect(cal.addWorkingDays('2026-03-02', 2).date).toBe('2026-03-04');
  });

  it('finds first and last working days of a month, and the deadline instant in Asia/Shanghai', () => {
    // then
    expect(cal.firstWorkingDayOfMonth(2026, 10)).toBe('2026-10-08');
    expect(cal.lastWorkingDayOfMonth(2026, 2)).toBe('2026-02-28'); // Saturday, 调休上班
    expect(deadlineInstant('2026-03-06')).toBe('2026-03-06T15:59:59.000Z');
    expect(computeDeadline(cal, { anchor: '2026-10-12', amount: 3, unit: 'WD', counting: 'C3' }).date).toBe('2026-10-08');
  });
});
