import { describe, expect, it } from 'vitest';
import { deadlineInstant } from './deadlineInstant.ts';

describe('deadlineInstant (AMB-80)', () => {
  it('closes a deadline date at 23:59:59 Asia/Shanghai', () => {
    // then
    expect(deadlineInstant('2026-03-06')).toBe('2026-03-06T15:59:59.000Z');
    expect(deadlineInstant('2026-12-31')).toBe('2026-12-31T15:59:59.000Z');
    expect(deadlineInstant('2024-02-29')).toBe('2024-02-29T15:59:59.000Z');
  });

  it('rejects what is not a date', () => {
    // then
    expect(() => deadlineInstant('2026-02-29')).toThrow(RangeError);
  });
});
