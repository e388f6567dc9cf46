import { describe, expect, it } from 'vitest';
import { WorkingDayCalendar } from './WorkingDayCalendar.ts';

const cal = new WorkingDayCalendar();
/** A naive Mon–Fri calendar: the [WD-HOL] cases must give a different answer on it. */
const naive = new WorkingDayCalendar([], {}, { holidays: {}, workdays: {}, coveredYears: new Set([2020, 2021, 2024, 2025, 2026]), source: 'naive' });

describe('WorkingDayCalendar: the days themselves (conventions.md §0.1)', () => {
  it('knows 2026 make-up working weekends and the days off of 元旦, 春节 and 国庆 [WD-HOL]', () => {
    // given
    const makeUp = ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'];
    const off = ['2026-01-01', '2026-01-02', ...range('2026-02-15', 9), ...range('2026-10-01', 7)];
    // then
    for (const d of makeUp) expect(cal.isWorkingDay(d), d).toBe(true);
    for (const d of off) expect(cal.isWorkingDay(d), d).toBe(false);
    expect(cal.isWorkingDay('2026-03-07')).toBe(false); // an ordinary Saturday
    expect(cal.isWorkingDay('2026-03-09')).toBe(true); // an ordinary Monday
  });

  it('matches the 2020, 2021 and 2024 rows of the table in conventions.md §0.1', () => {
    // then: make-up days, and weekdays off that Mon–Fri would count
    for (const d of ['2020-01-19', '2020-10-10', '2021-02-07', '2021-10-09', '2024-02-04', '2024-10-12']) expect(cal.isWorkingDay(d), d).toBe(true);
    for (const d of ['2020-10-08', '2021-06-14', '2021-09-20', '2024-02-16', '2024-06-10', '2024-09-16']) expect(cal.isWorkingDay(d), d).toBe(false);
  });

  it('says why a day is or is not a working day', () => {
    // then
    expect(cal.describeDay('2026-02-14')).toEqual({ date: '2026-02-14', working: true, source: 'makeUpWorkday', name: '春节', provisional: false });
    expect(cal.describeDay('2026-10-05')).toMatchObject({ working: false, source: 'holiday', name: '国庆节' });
    expect(cal.describeDay('2026-03-07')).toMatchObject({ working: false, source: 'weekend' });
  });

  it('covers 2020–2026 from chinese-days and names the data in its version', () => {
    // then
    for (const y of [2020, 2021, 2022, 2023, 2024, 2025, 2026]) expect(cal.isCovered(y), String(y)).toBe(true);
    expect(cal.version).toMatch(/^chinese-days@\d+\.\d+\.\d+ \(2004–\d{4}\)$/);
  });

  it('rejects dates that are not real YYYY-MM-DD dates', () => {
    // then
    expect(() => cal.isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => cal.isWorkingDay('2026-3-1')).toThrow(/YYYY-MM-DD/);
    expect(() => cal.addWorkingDays('2026-03-01T00:00:00Z', 1)).toThrow(RangeError);
  });
});

describe('WorkingDayCalendar: counting conventions (conventions.md §0.2)', () => {
  it('C1: 2021-06-09 + 5 working days = 2021-06-17, the event day not counted and 端午 06-14 skipped (AMB-10) [WD-HOL]', () => {
    // when
    const r = cal.addWorkingDays('2021-06-09', 5);
    // then
    expect(r).toEqual({ date: '2021-06-17', provisional: false, convention: 'C1', calendarVersion: cal.version });
    expect(naive.addWorkingDays('2021-06-09', 5).date).toBe('2021-06-16');
  });

  it('C1: one working day after New Year’s Eve 2025 is Sunday 2026-01-04, a make-up day [WD-HOL]', () => {
    // when / then
    expect(cal.addWorkingDays('2025-12-31', 1).date).toBe('2026-01-04');
    expect(naive.addWorkingDays('2025-12-31', 1).date).toBe('2026-01-01');
  });

  it('C2: a window opening on a working day counts it as day 1', () => {
    // when / then
    expect(cal.windowEnd('2026-03-02', 5)).toMatchObject({ date: '2026-03-06', convention: 'C2' });
    // a window opening on a rest day starts on the next working day
    expect(cal.windowEnd('2026-03-07', 1).date).toBe('2026-03-09');
  });

  it('C2: a 3-working-day window opening Friday 2026-02-13 runs over 春节 to 2026-02-24 [WD-HOL]', () => {
    // when: 02-13 (Fri) is day 1, Sat 02-14 is a make-up day, 02-15…23 are off
    const r = cal.windowEnd('2026-02-13', 3);
    // then
    expect(r.date).toBe('2026-02-24');
    expect(naive.windowEnd('2026-02-13', 3).date).toBe('2026-02-17');
  });

  it('C3: three working days before an exam on 2026-10-12 is 2026-10-08, since Saturday 10-10 is a working day (AMB-31) [WD-HOL]', () => {
    // when: 10-11 Sun rest, 10-10 Sat #1, 10-09 Fri #2, 10-08 Thu #3
    const r = cal.workingDaysBefore('2026-10-12', 3);
    // then
    expect(r).toMatchObject({ date: '2026-10-08', convention: 'C3', provisional: false });
    expect(naive.workingDaysBefore('2026-10-12', 3).date).toBe('2026-10-07');
  });

  it('C3: counting back across 元旦 reaches 2025-12-31 [WD-HOL]', () => {
    // when / then: 01-04 (Sun, make-up) #1, 01-01…03 off, 2025-12-31 #2
    expect(cal.workingDaysBefore('2026-01-05', 2).date).toBe('2025-12-31');
    expect(naive.workingDaysBefore('2026-01-05', 2).date).toBe('2026-01-01');
  });

  it('C4: the corresponding day, clamped to the end of a shorter month', () => {
    // then
    expect(cal.addMonths('2026-01-31', 1)).toMatchObject({ date: '2026-02-28', convention: 'C4', provisional: false });
    expect(cal.addMonths('2026-03-15', 1).date).toBe('2026-04-15');
    expect(cal.addMonths('2026-03-31', -1).date).toBe('2026-02-28');
    expect(cal.addYears('2024-02-29', 1).date).toBe('2025-02-28');
    expect(cal.addYears('2026-03-10', 3).date).toBe('2029-03-10');
  });

  it('C4: extends past a rest day only when asked (《民法典》第203条)', () => {
    // then: 2026-10-03 is a 国庆 day off; the next working day is 10-08
    expect(cal.addMonths('2026-09-03', 1).date).toBe('2026-10-03');
    expect(cal.addMonths('2026-09-03', 1, { extendIfLastDayIsRestDay: true }).date).toBe('2026-10-08');
  });

  it('C4: a period ending on the make-up Saturday 2026-02-14 is not extended [WD-HOL]', () => {
    // when
    const r = cal.addMonths('2026-01-14', 1, { extendIfLastDayIsRestDay: true });
    // then
    expect(r.date).toBe('2026-02-14');
    expect(naive.addMonths('2026-01-14', 1, { extendIfLastDayIsRestDay: true }).date).toBe('2026-02-16');
  });

  it('finds the next, first and last working days (C1, C2, C3 with N = 1) [WD-HOL]', () => {
    // then
    expect(cal.nextWorkingDay('2026-09-30')).toMatchObject({ date: '2026-10-08', convention: 'C1' });
    expect(cal.firstWorkingDayOfMonth(2026, 10)).toMatchObject({ date: '2026-10-08', convention: 'C2' });
    expect(cal.firstWorkingDayOfMonth(2026, 1).date).toBe('2026-01-04');
    expect(cal.lastWorkingDayOfMonth(2026, 2)).toMatchObject({ date: '2026-02-28', convention: 'C3' });
    expect(cal.lastWorkingDayOfMonth(2026, 12).date).toBe('2026-12-31');
    expect(naive.firstWorkingDayOfMonth(2026, 10).date).toBe('2026-10-01');
    expect(naive.lastWorkingDayOfMonth(2026, 2).date).toBe('2026-02-27');
  });

  it('rejects counts that are not positive integers', () => {
    // then
    expect(() => cal.addWorkingDays('2026-03-02', 0)).toThrow(RangeError);
    expect(() => cal.windowEnd('2026-03-02', 1.5)).toThrow(RangeError);
    expect(() => cal.addMonths('2026-03-02', 0.5)).toThrow(RangeError);
    expect(() => cal.firstWorkingDayOfMonth(2026, 13)).toThrow(RangeError);
  });
});

describe('WorkingDayCalendar: unpublished years and overrides (AMB-81)', () => {
  it('marks a computation that reaches 2027 provisional while 2027 is not published', () => {
    // when
    const r = cal.addWorkingDays('2026-12-28', 10);
    // then
    expect(r.date.startsWith('2027-')).toBe(true);
    expect(r.provisional).toBe(!cal.isCovered(2027));
    expect(cal.addWorkingDays('2026-12-24', 3)).toMatchObject({ date: '2026-12-29', provisional: false });
  });

  it('marks provisional whatever year the library lacks, and clears it when the year is declared published', () => {
    // given: data covering only 2026
    const data = { holidays: { '2026-10-01': 'National Day,国庆节,3' }, workdays: {}, coveredYears: new Set([2026]), source: 'test' };
    const only2026 = new WorkingDayCalendar([], {}, data);
    const with2027 = new WorkingDayCalendar([{ date: '2027-01-01', working: false, note: '元旦' }], { publishedYears: [2027] }, data);
    // when
    const before = only2026.addWorkingDays('2026-12-30', 3);
    const after = with2027.addWorkingDays('2026-12-30', 3);
    // then
    expect(before).toMatchObject({ date: '2027-01-04', provisional: true });
    expect(after).toMatchObject({ date: '2027-01-05', provisional: false });
    expect(after.calendarVersion).toMatch(/published 2027 \+ 1 overrides #[0-9a-f]{8}$/);
    expect(only2026.describeDay('2027-03-01').provisional).toBe(true);
    // pure month arithmetic never consults holidays, so it stays final
    expect(only2026.addMonths('2026-12-15', 1).provisional).toBe(false);
    expect(only2026.addMonths('2026-12-15', 1, { extendIfLastDayIsRestDay: true }).provisional).toBe(true);
  });

  it('lets admin overrides win over the library, both ways', () => {
    // given: a local day off (e.g. an autonomous-prefecture holiday) and a working day inside 国庆
    const local = new WorkingDayCalendar([
      { date: '2026-03-04', working: false, note: '示例:地方节日' },
      { date: '2026-10-06', working: true },
    ]);
    // then
    expect(local.addWorkingDays('2026-03-02', 2).date).toBe('2026-03-05');
    expect(cal.addWorkingDays('2026-03-02', 2).date).toBe('2026-03-04');
    expect(local.describeDay('2026-03-04')).toMatchObject({ working: false, source: 'override', name: '示例:地方节日' });
    expect(local.isWorkingDay('2026-10-06')).toBe(true);
    expect(local.version).not.toBe(cal.version);
  });

  it('stops with an explanation when overrides leave no working day to find', () => {
    // given
    const data = { holidays: {}, workdays: {}, coveredYears: new Set([2026]), source: 'test' };
    const closed = new WorkingDayCalendar(range('2026-01-01', 4000).map((date) => ({ date, working: false })), {}, data);
    // then
    expect(() => closed.addWorkingDays('2026-01-01', 1)).toThrow(/找不到第 1 个工作日/);
  });
});

function range(first: string, days: number): string[] {
  const t = Date.parse(`${first}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) => new Date(t + i * 86_400_000).toISOString().slice(0, 10));
}
