import { parseDuration } from '@0dep/piso';
import type { Variables } from '../../port/ProcessEngine.ts';
import { evaluateFeel, isFeel } from '../../bpmn/feel.ts';
import { readTimerStart, timerStartDue } from '../../bpmn/timerStart.ts';
import type { EventSubStart } from '../../bpmn/zeebeModel.ts';

/**
 * When an event sub-process's timer start fires for the n-th time (n from 1), or null when it does not
 * fire again: `from` is the instance's start for the first firing and the previous firing after it.
 * A duration counts from the instance's start; a date is a date; a cycle repeats its interval.
 */
export function eventSubTimerDue(e: EventSubStart, n: number, from: Date, vars: Variables): Date | null {
  const t = e.timer!;
  const raw: unknown = isFeel(t.expression) ? evaluateFeel(t.expression, vars) : String(t.expression).trim();
  const text = typeof raw === 'string' ? raw.trim() : raw instanceof Date ? raw.toISOString() : String(raw ?? '');
  if (t.kind === 'timeDuration') {
    if (n !== 1) return null;
    try {
      return parseDuration(text).getExpireAt(from, 1);
    } catch {
      throw new Error(`结果「${text}」不是 ISO 8601 时长(如 P10D、PT12H)`);
    }
  }
  const schedule = readTimerStart({ startId: e.startId, kind: t.kind, expression: text });
  if (schedule.kind === 'date') return n === 1 ? schedule.at : null;
  if (schedule.repeat !== null && n > schedule.repeat) return null;
  if (schedule.start && n === 1) return schedule.start;
  return timerStartDue({ ...schedule, start: null, repeat: null }, 1, from);
}
