import { ISOInterval } from '@0dep/piso';
import { evaluateFeel, isFeel } from './feel.ts';

/** A process-level timer start event (Zeebe: timeDate or timeCycle), as the engine schedules it. */
export interface TimerStart {
  startId: string;
  kind: 'timeDate' | 'timeCycle';
  expression: string;
}

/** What a timer start's expression says: a date, or a repeating interval (with or without its first date). */
export type TimerStartSchedule = { kind: 'date'; at: Date } | { kind: 'cycle'; repeat: number | null; start: Date | null; interval: ISOInterval };

/**
 * Reads a timer start's expression (FEEL evaluated with no variables, as Zeebe does at deploy, or the
 * ISO 8601 text itself). Throws a Chinese sentence when it is not a date or an ISO repeating interval
 * (a cron expression is not supported).
 */
export function readTimerStart(t: TimerStart): TimerStartSchedule {
  const expression: unknown = t.expression;
  const raw: unknown = isFeel(expression) ? evaluateFeel(expression, {}) : String(expression).trim();
  const text = raw instanceof Date ? raw.toISOString() : typeof raw === 'string' ? raw.trim() : raw === null || raw === undefined ? '' : String(raw);
  if (t.kind === 'timeDate') {
    const at = new Date(text);
    if (!text || Number.isNaN(at.getTime())) throw new Error(`定时器开始事件 ${t.startId} 的日期「${text}」不是有效的日期时间(ISO 8601,如 2026-03-01T09:00:00+08:00)`);
    return { kind: 'date', at };
  }
  if (!/^R\d*\//.test(text)) throw new Error(`定时器开始事件 ${t.startId} 的循环「${text}」应为 ISO 8601 重复间隔(如 R/P1M、R12/2026-01-01T09:00:00+08:00/P1M);暂不支持 cron 表达式`);
  let interval: ISOInterval;
  try {
    interval = new ISOInterval(text).parse();
  } catch {
    throw new Error(`定时器开始事件 ${t.startId} 的循环「${text}」无法解析为 ISO 8601 重复间隔`);
  }
  if (!interval.duration) throw new Error(`定时器开始事件 ${t.startId} 的循环「${text}」缺少间隔(如 P1M)`);
  const repeat = interval.repeat === undefined || interval.repeat < 0 ? null : interval.repeat;
  return { kind: 'cycle', repeat, start: interval.start ? interval.startDate : null, interval };
}

/**
 * When the timer start fires for the n-th time (n from 1), or null when it does not fire again. A cycle
 * with a first date fires on it and then every interval; without one, one interval after `anchor`
 * (the deploy) and then every interval.
 */
export function timerStartDue(s: TimerStartSchedule, n: number, anchor: Date): Date | null {
  if (s.kind === 'date') return n === 1 ? s.at : null;
  if (s.repeat !== null && n > s.repeat) return null;
  const duration = s.interval.duration!;
  return s.start ? (n === 1 ? s.start : duration.getExpireAt(s.start, n - 1)) : duration.getExpireAt(anchor, n);
}
