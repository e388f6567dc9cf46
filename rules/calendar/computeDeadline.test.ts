import { describe, expect, it } from 'vitest';
import { computeDeadline } from './computeDeadline.ts';
import { WorkingDayCalendar } from './WorkingDayCalendar.ts';

const cal = new WorkingDayCalendar();

describe('computeDeadline (BPMN deadline headers → calendar)', () => {
  it('dispatches working days by counting convention', () => {
    // when / then
    expect(computeDeadline(cal, { anchor: '2021-06-09', amount: 5, unit: 'WD', counting: 'C1' })).toMatchObject({ date: '2021-06-17', convention: 'C1' });
    expect(computeDeadline(cal, { anchor: '2026-02-13', amount: 3, unit: 'WD', counting: 'C2' })).toMatchObject({ date: '2026-02-24', convention: 'C2' });
    expect(computeDeadline(cal, { anchor: '2026-10-12', amount: 3, unit: 'WD', counting: 'C3' })).toMatchObject({ date: '2026-10-08', convention: 'C3' });
  });

  it('computes months and years by C4, extending only when the package says so', () => {
    // when / then: the SC26-45 collection month and a 1-year ban
    expect(computeDeadline(cal, { anchor: '2026-01-31', amount: 1, unit: 'MONTH', counting: 'C4' }).date).toBe('2026-02-28');
    expect(computeDeadline(cal, { anchor: '2026-09-03', amount: 1, unit: 'MONTH', counting: 'C4', extendIfLastDayIsRestDay: true }).date).toBe('2026-10-08');
    expect(computeDeadline(cal, { anchor: '2024-02-29', amount: 1, unit: 'YEAR', counting: 'C4' })).toMatchObject({ date: '2025-02-28', convention: 'C4', provisional: false });
  });

  it('counts natural days like working days, optionally extended past a rest day', () => {
    // when / then: 2026-02-13 + 7 days = 02-20, inside 春节; extended to 02-24
    expect(computeDeadline(cal, { anchor: '2026-02-13', amount: 7, unit: 'DAY', counting: 'C1' })).toMatchObject({ date: '2026-02-20', convention: 'C1', provisional: false });
    expect(computeDeadline(cal, { anchor: '2026-02-13', amount: 7, unit: 'DAY', counting: 'C1', extendIfLastDayIsRestDay: true }).date).toBe('2026-02-24');
    expect(computeDeadline(cal, { anchor: '2026-03-02', amount: 7, unit: 'DAY', counting: 'C2' }).date).toBe('2026-03-08');
    expect(computeDeadline(cal, { anchor: '2026-03-02', amount: 7, unit: 'DAY', counting: 'C3' }).date).toBe('2026-02-23');
  });

  it('refuses header combinations that make no sense, so the job becomes an incident', () => {
    // then
    expect(() => computeDeadline(cal, { anchor: '2026-03-02', amount: 3, unit: 'WD', counting: 'C4' })).toThrow(/不能使用计算规则「C4」/);
    expect(() => computeDeadline(cal, { anchor: '2026-03-02', amount: 1, unit: 'MONTH', counting: 'C1' })).toThrow(RangeError);
    expect(() => computeDeadline(cal, { anchor: '2026-03-02', amount: 1, unit: 'WEEK' as 'WD', counting: 'C1' })).toThrow(/未知的期限单位/);
    expect(() => computeDeadline(cal, { anchor: '2026-03-02', amount: 1.5, unit: 'WD', counting: 'C1' })).toThrow(RangeError);
    expect(() => computeDeadline(cal, { anchor: '2026/03/02', amount: 1, unit: 'WD', counting: 'C1' })).toThrow(RangeError);
  });
});
