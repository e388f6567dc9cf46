import { describe, expect, it } from 'vitest';
import { computeDeadline, deadlineInstant, WorkingDayCalendar } from '../../rules/index.ts';
import type { Job } from '../port/ProcessEngine.ts';
import { workerHandlers, type WorkerDeps } from './registerWorkers.ts';

const calendar = new WorkingDayCalendar();
const deps = (parameters: Record<string, { value: unknown }>) =>
  ({
    packages: { version: async () => ({ manifest: { region: { code: '510000' }, parameters } }) },
    deadline: (req: Parameters<typeof computeDeadline>[1]) => computeDeadline(calendar, req),
    deadlineInstant,
    now: () => Date.now(),
  }) as unknown as WorkerDeps;
const job = (headers: Record<string, string>): Job => ({
  key: '1',
  type: 'deadline.compute',
  processInstanceKey: '1',
  bpmnProcessId: 'p',
  elementId: 'Task_Deadline',
  customHeaders: { anchor: 'notice.date', amount: '1', unit: 'MONTH', counting: 'C4', target: 'due', ...headers },
  variables: { packageHash: 'h', notice: { date: '2026-09-03' } },
  retries: 3,
  deadline: null,
});
const dueOf = async (d: WorkerDeps, j: Job) => ((await workerHandlers(d)['deadline.compute']!(j)) as unknown as { variables: { due: { date: string; extendedForRestDay?: boolean } } }).variables.due;

describe('deadline.compute and 《民法典》第203条', () => {
  it('moves a period ending on a rest day to the next working day when the package says so, and not otherwise', async () => {
    // given: one month from 2026-09-03 ends on 2026-10-03, in the National Day holiday
    // when / then: the package parameter, the task header (which wins), and neither
    expect(await dueOf(deps({ extendIfLastDayIsRestDay: { value: true } }), job({}))).toMatchObject({ date: '2026-10-08', extendedForRestDay: true });
    expect((await dueOf(deps({ extendIfLastDayIsRestDay: { value: true } }), job({ extendIfLastDayIsRestDay: 'false' }))).date).toBe('2026-10-03');
    expect((await dueOf(deps({}), job({ extendIfLastDayIsRestDay: 'true' }))).date).toBe('2026-10-08');
    expect(await dueOf(deps({}), job({}))).toMatchObject({ date: '2026-10-03' });
  });
});
