import { describe, expect, it } from 'vitest';
import { checkScheduledJobs } from './checkScheduledJobs.ts';

const job = (id: string, window: string, expiryWindow: string) => ({ id, kind: 'cards.voidUnrenewed', title: 't', clause: 'SC24-16', at: { window, edge: 'closes', offsetDays: 1 }, params: { cardKinds: ['EXAMINER'], expiryWindow } });
const windows = [{ id: 'reg-04' }, { id: 'expiry-04' }];

describe('scheduled jobs of a package', () => {
  it('accepts jobs dated by and reading windows of the schedule', () => {
    expect(checkScheduledJobs({ scheduledJobs: [job('a', 'reg-04', 'expiry-04')] }, 'schedule.json', windows)).toEqual([]);
  });

  it('names the window that does not exist and a repeated id, with the manifest pointer', () => {
    // when
    const problems = checkScheduledJobs({ scheduledJobs: [job('a', 'reg-05', 'expiry-04'), job('a', 'reg-04', 'expiry-09')] }, 'schedule.json', windows);
    // then
    expect(problems.map((p) => [p.pointer, p.code])).toEqual([
      ['/scheduledJobs/0/at/window', 'SCHEDULED_JOB_WINDOW'],
      ['/scheduledJobs/1/id', 'DUPLICATE_ID'],
      ['/scheduledJobs/1/params/expiryWindow', 'SCHEDULED_JOB_WINDOW'],
    ]);
    expect(problems[0]!.message).toBe('定时任务 a 引用的时间窗口「reg-05」在 schedule.json 中不存在');
  });

  it('checks that a plan check reads a window of kind plan', () => {
    // given a plan check dated by the day after the plan's deadline, and one pointed at a registration window
    const plans = [{ id: 'plan-04', kind: 'plan' }, { id: 'reg-04', kind: 'registration' }];
    const check = (window: string) => ({ id: `check-${window}`, kind: 'plans.checkPublished', title: 't', clause: 'SC24-07', at: { window, edge: 'closes', offsetDays: 1 }, params: {} });
    // when
    const problems = checkScheduledJobs({ scheduledJobs: [check('plan-04'), check('reg-04')] }, 'schedule.json', plans);
    // then
    expect(problems.map((p) => [p.pointer, p.code])).toEqual([['/scheduledJobs/1/at/window', 'SCHEDULED_JOB_PLAN']]);
  });
});
