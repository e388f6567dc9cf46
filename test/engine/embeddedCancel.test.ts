import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { USER_TASK_JOB_TYPE, type EngineEvent, type Job } from '../../engine/port/ProcessEngine.ts';
import { waitFor } from '../support/waitFor.ts';
import { engineTargets } from './engineTargets.ts';

const timers = { name: 'timers.bpmn', xml: readFileSync('test/fixtures/bpmn/timers.bpmn', 'utf8') };
const embedded = engineTargets().find((t) => t.name === 'embedded')!;

describe('embedded engine: cancelling an instance', () => {
  let t: Awaited<ReturnType<typeof embedded.create>>;
  const held: Job[] = [];
  const events: EngineEvent[] = [];

  beforeEach(async () => {
    t = await embedded.create();
    held.length = 0;
    events.length = 0;
    t.engine.registerWorker(USER_TASK_JOB_TYPE, async (job) => (held.push(job), { kind: 'complete' }), { hold: true });
    t.engine.onEvent((e) => void events.push(e));
    await t.engine.start();
  });
  afterEach(async () => {
    await t.close();
  });

  it('cancels the held user-task job and reports it (a terminated instance used to keep it held for the year)', async () => {
    // given: an instance waiting at a held user task
    await t.engine.deploy([timers]);
    const { processInstanceKey } = await t.engine.createInstance({ bpmnProcessId: 'timers', variables: { city: '510700', reviewTimeout: 'P10D', reviewDue: null, notBefore: '2020-01-01T00:00:00+08:00' } });
    const job = await waitFor(() => held.find((j) => j.processInstanceKey === processInstanceKey));

    // when
    await t.engine.cancelInstance(processInstanceKey);

    // then
    expect((await t.engine.getInstance(processInstanceKey))?.status).toBe('TERMINATED');
    expect(await t.engine.jobState(job.key)).toBe('CANCELLED');
    expect(events).toContainEqual(expect.objectContaining({ type: 'job.cancelled', jobKey: job.key }));
    expect(await t.engine.listHeldJobKeys!(USER_TASK_JOB_TYPE)).not.toContain(job.key);
  });
});
