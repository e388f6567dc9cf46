import { describe, expect, it } from 'vitest';
import { addCalendarMonths, addDays, dayOfWeek, isCivilDate, lastDayOfMonth } from './civilDate.ts';

describe('civilDate', () => {
  it('accepts only real YYYY-MM-DD dates', () => {
    // then
    expect(isCivilDate('2024-02-29')).toBe(true);
    expect(isCivilDate('2026-02-29')).toBe(false);
    expect(isCivilDate('2026-13-01')).toBe(false);
    expect(isCivilDate('2026-03-01T00:00:00+08:00')).toBe(false);
    expect(isCivilDate(20260301)).toBe(false);
  });

  it('adds days across month and year ends and knows the weekday', () => {
    // then
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(dayOfWeek('2026-10-10')).toBe(6);
    expect(lastDayOfMonth(2026, 2)).toBe('2026-02-28');
  });

  it('adds months to the corresponding day, clamped to the month end (C4)', () => {
    // then
    expect(addCalendarMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addCalendarMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addCalendarMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addCalendarMonths('2026-05-31', -3)).toBe('2026-02-28');
    expect(addCalendarMonths('2026-03-10', 12)).toBe('2027-03-10');
  });
});
