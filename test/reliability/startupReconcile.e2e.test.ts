import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type request from 'supertest';
import { DEMO_ACCOUNTS } from '../../engine/services/demo/demoData.ts';
import { USER_TASK_JOB_TYPE } from '../../engine/port/ProcessEngine.ts';
import { storeTargets, type StoreTarget } from '../support/stores.ts';
import { startTestPlatformOn } from '../support/startTestPlatformOn.ts';
import type { TestPlatform } from '../support/testPlatform.ts';
import { validApplication } from '../support/fixtures.ts';
import { waitFor } from '../support/waitFor.ts';
import { tinyPng } from './serverProcess.ts';

const PKG_DIR = 'sichuan/2026-examiner-training';
const ORG = 'org-my-filed';
const schema = JSON.parse(fs.readFileSync(`deployments/${PKG_DIR}/forms/application.schema.json`, 'utf8'));
const PNG = tinyPng();
const applicants = DEMO_ACCOUNTS.filter((a) => a.role === 'applicant' && a.idNumber);
const username = (pred: (a: (typeof DEMO_ACCOUNTS)[number]) => boolean) => DEMO_ACCOUNTS.find(pred)!.username;

/**
 * Start-up reconciliation of states a crash (or older code) left between the engine and the inbox
 * (issue 8): the state is made directly in the store, then the inbox's recover() runs, as at start-up.
 */
describe.each(storeTargets())('start-up reconciliation on $name: lost cancel events and stranded held jobs', (store: StoreTarget) => {
  let t: TestPlatform;
  let packageHash: string;
  let unit: request.Agent;
  const knex = () => t.platform.db.knex;
  const audits = (action: string, entityId: string) => knex()('audit_log').where({ action, entity_id: entityId });

  async function submitted(applicantIndex: number): Promise<{ id: string; task: { id: string; name: string; process_instance_key: string } }> {
    const acc = applicants[applicantIndex];
    const agent = await t.login(acc.username);
    const draft = await agent.post('/api/applications').send({ packageHash, data: validApplication({ name: acc.displayName, idNumber: acc.idNumber!, recommenderOrgId: ORG }) });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    for (const spec of schema['x-attachments'] as Array<{ kind: string }>) {
      expect((await agent.post(`/api/applications/${draft.body.id}/attachments`).field('kind', spec.kind).attach('file', PNG, 'scan.png')).status).toBe(201);
    }
    expect((await agent.post(`/api/applications/${draft.body.id}/submit`)).status).toBe(202);
    const task = await waitFor(async () => knex()('tasks').where({ application_id: draft.body.id, state: 'OPEN' }).first(), 15_000, 'unit task');
    return { id: draft.body.id, task };
  }
  /** The task as it was before the engine's event: open, its candidates open (the event never arrived). */
  const reopen = async (taskId: string) => {
    await knex()('tasks').where({ id: taskId }).update({ state: 'OPEN', completed_at: null });
    await knex()('task_candidates').where({ task_id: taskId }).update({ state: 'OPEN' });
  };

  beforeAll(async () => {
    t = await startTestPlatformOn(store);
    const admin = await t.login(username((a) => a.role === 'admin' && a.regionCode === '510000'));
    packageHash = (await admin.post('/api/packages').send({ source: PKG_DIR })).body.hash;
    expect((await admin.post(`/api/packages/${packageHash}/activate`)).status).toBe(200);
    unit = await t.login(username((a) => a.role === 'unit_reviewer' && a.orgId === ORG));
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('closes an open task whose job the engine cancelled (the event lost in a crash), audited once', async () => {
    // given: the engine cancelled the instance, but the inbox never heard of it
    const { task } = await submitted(0);
    await t.platform.engine.cancelInstance(task.process_instance_key);
    // (the engine's own commit cancels the job: before this fix a cancelled instance kept its user-task job held)
    await waitFor(async () => (await knex()('tasks').where({ id: task.id }).first()).state === 'CANCELLED', 15_000, 'cancel event');
    await reopen(task.id);
    expect(await t.platform.engine.jobState(task.id)).toBe('CANCELLED');

    // when
    const first = await t.platform.services.inbox.recover();
    const again = await t.platform.services.inbox.recover();

    // then: closed, out of every inbox, one trail entry however often start-up runs
    expect(first.closed).toBe(1);
    expect(again.closed).toBe(0);
    expect(await knex()('tasks').where({ id: task.id }).first()).toMatchObject({ state: 'CANCELLED', completed_at: expect.any(String) });
    expect((await knex()('task_candidates').where({ task_id: task.id })).map((c: { state: string }) => c.state)).toEqual(['DONE']);
    expect(await audits('task.cancelled', task.id)).toHaveLength(1);
    expect((await unit.get(`/api/tasks/${task.id}`)).body.state).toBe('CANCELLED');
  });

  it('closes an open task whose job the engine completed outside the inbox, and leaves a live task alone', async () => {
    // given: one job completed by the engine with no decision reserved on its task; another application waiting normally
    const done = await submitted(1);
    const live = await submitted(2);
    await t.platform.engine.completeJob(done.task.id, { decision: 'approve', opinion: '同意' });
    expect(await t.platform.engine.jobState(done.task.id)).toBe('COMPLETED');

    // when
    const out = await t.platform.services.inbox.recover();

    // then
    expect(out.closed).toBe(1);
    expect((await knex()('tasks').where({ id: done.task.id }).first()).state).toBe('CANCELLED');
    expect(await audits('task.cancelled', done.task.id)).toHaveLength(1);
    expect((await knex()('tasks').where({ id: live.task.id }).first()).state).toBe('OPEN');
    expect(await audits('task.cancelled', live.task.id)).toHaveLength(0);
  });

  it('projects the task of a held job stranded by older code (held for the year, no inbox task)', async () => {
    // given: the job is ACTIVATED with the year-long hold, but its task was never written (application still waiting)
    const { id, task } = await submitted(3);
    // The year-long hold replaces the 30 s lease just after the task is written: wait for it.
    const job = await waitFor(async () => {
      const j = await knex()('engine_jobs').where({ key: task.id, type: USER_TASK_JOB_TYPE }).first();
      return j && Date.parse(j.deadline) - Date.now() > 300 * 24 * 3600 * 1000 ? j : null;
    }, 10_000, 'the year-long hold of the user-task job');
    expect(job.state).toBe('ACTIVATED');
    await knex()('task_candidates').where({ task_id: task.id }).delete();
    await knex()('tasks').where({ id: task.id }).delete();
    await knex()('applications').where({ id }).update({ status: 'SUBMITTED', stage: '等待流程启动' });

    // when
    const out = await t.platform.services.inbox.recover();
    const again = await t.platform.services.inbox.recover();

    // then: the task is back in the unit's inbox, the application in review at that step, one trail entry
    expect(out.projected).toBe(1);
    expect(again.projected).toBe(0);
    expect(await knex()('tasks').where({ id: task.id }).first()).toMatchObject({ state: 'OPEN', name: task.name, process_instance_key: task.process_instance_key });
    expect(await knex()('applications').where({ id }).first()).toMatchObject({ status: 'IN_REVIEW', stage: task.name });
    expect(await audits('task.created', task.id)).toHaveLength(1);
    const listed = await unit.get('/api/tasks').query({ applicationId: id });
    expect(listed.body.items.map((x: { id: string }) => x.id)).toEqual([task.id]);
  });
});
