import { describe, expect, it } from 'vitest';
import { readTimerStart, timerStartDue } from './timerStart.ts';

const anchor = new Date('2026-03-01T00:00:00Z');

describe('timer start events', () => {
  it('fires a date once', () => {
    const s = readTimerStart({ startId: 's', kind: 'timeDate', expression: '2026-04-01T09:00:00+08:00' });
    expect(timerStartDue(s, 1, anchor)!.toISOString()).toBe('2026-04-01T01:00:00.000Z');
    expect(timerStartDue(s, 2, anchor)).toBeNull();
  });

  it('fires a cycle with a first date on it and every month after, a bounded one so many times', () => {
    const monthly = readTimerStart({ startId: 's', kind: 'timeCycle', expression: '="R3/2026-01-01T09:00:00+08:00/P1M"' });
    expect([1, 2, 3, 4].map((n) => timerStartDue(monthly, n, anchor)?.toISOString() ?? null)).toEqual(['2026-01-01T01:00:00.000Z', '2026-02-01T01:00:00.000Z', '2026-03-01T01:00:00.000Z', null]);
    const hourly = readTimerStart({ startId: 's', kind: 'timeCycle', expression: 'R/PT1H' });
    expect(timerStartDue(hourly, 1, anchor)!.toISOString()).toBe('2026-03-01T01:00:00.000Z');
    expect(timerStartDue(hourly, 100, anchor)!.toISOString()).toBe('2026-03-05T04:00:00.000Z');
  });

  it('refuses a cron expression, a non-date and a cycle without an interval, in Chinese', () => {
    expect(() => readTimerStart({ startId: 's', kind: 'timeCycle', expression: '0 0 9 1 * ?' })).toThrow(/暂不支持 cron 表达式/);
    expect(() => readTimerStart({ startId: 's', kind: 'timeDate', expression: '下个月' })).toThrow(/不是有效的日期时间/);
    expect(() => readTimerStart({ startId: 's', kind: 'timeCycle', expression: 'R3/' })).toThrow(/定时器开始事件 s/);
  });
});
