import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type request from 'supertest';
import { DEMO_ACCOUNTS } from '../../engine/services/demo/demoData.ts';
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
const unitReviewer = username((a) => a.role === 'unit_reviewer' && a.orgId === ORG);

/**
 * The applicant's correction (补正) is crash-safe on both stores (issue 8): concurrent resubmits give
 * one correction, and a correction interrupted after its reservation or after the engine's commit is
 * undone or finished by the next start-up, with the data stored once and one trail entry.
 */
describe.each(storeTargets())('correction resubmit on $name: one correction, reconciled at start-up', (store: StoreTarget) => {
  let t: TestPlatform;
  let packageHash: string;
  const knex = () => t.platform.db.knex;
  const resubmitted = (id: string) => knex()('audit_log').where({ action: 'application.resubmitted', application_id: id });

  /** A submitted application returned by the unit for correction; resolves with its open correction task. */
  async function returned(applicantIndex: number): Promise<{ id: string; applicant: request.Agent; data: Record<string, unknown>; task: { id: string; state: string; assignee: string | null } }> {
    const acc = applicants[applicantIndex];
    const applicant = await t.login(acc.username);
    const data = validApplication({ name: acc.displayName, idNumber: acc.idNumber!, recommenderOrgId: ORG });
    const draft = await applicant.post('/api/applications').send({ packageHash, data });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    for (const spec of schema['x-attachments'] as Array<{ kind: string }>) {
      expect((await applicant.post(`/api/applications/${draft.body.id}/attachments`).field('kind', spec.kind).attach('file', PNG, 'scan.png')).status).toBe(201);
    }
    expect((await applicant.post(`/api/applications/${draft.body.id}/submit`)).status).toBe(202);
    const unit = await t.login(unitReviewer);
    const review = await waitFor(async () => (await unit.get('/api/tasks').query({ applicationId: draft.body.id })).body.items?.[0], 15_000, 'unit task');
    expect((await unit.post(`/api/tasks/${review.id}/complete`).send({ decision: 'return', opinion: '请补正工作经历' })).status).toBe(200);
    const task = await waitFor(async () => knex()('tasks').where({ application_id: draft.body.id, state: 'OPEN' }).andWhere('candidate_groups', 'like', '%applicant:%').first(), 15_000, 'correction task');
    await waitFor(async () => (await knex()('applications').where({ id: draft.body.id }).first()).status === 'RETURNED', 15_000, 'returned');
    return { id: draft.body.id, applicant, data, task };
  }
  const corrected = (data: Record<string, unknown>, n: number) => ({ ...data, experience: `${String(data.experience)}补正${n}:2021年起任考评员。` });
  /** The reservation resubmit writes before the engine is told (as a crash right after it leaves it). */
  const reserve = async (taskId: string, accountId: string, data: Record<string, unknown>) => {
    const pending = { kind: 'resubmit', token: `test-${taskId}`, data: t.platform.db.personal.toJson(data), actorId: accountId, actorRole: 'applicant', completedAt: new Date().toISOString(), previous: { state: 'OPEN', assignee: null } };
    expect(await knex()('tasks').where({ id: taskId }).whereNull('pending_completion').update({ pending_completion: JSON.stringify(pending) })).toBe(1);
  };
  const accountOf = async (username: string) => (await knex()('accounts').where({ username }).first('id')).id as string;
  const viewOf = async (index: number, id: string) => (await (await t.login(applicants[index].username)).get(`/api/applications/${id}`)).body;

  beforeAll(async () => {
    t = await startTestPlatformOn(store);
    const admin = await t.login(username((a) => a.role === 'admin' && a.regionCode === '510000'));
    packageHash = (await admin.post('/api/packages').send({ source: PKG_DIR })).body.hash;
    expect((await admin.post(`/api/packages/${packageHash}/activate`)).status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('lets one of three concurrent resubmits through; the others get 409 and one correction is stored', async () => {
    // given
    const { id, applicant, data, task } = await returned(0);
    // when
    const answers = await Promise.all([1, 2, 3].map((n) => applicant.post(`/api/applications/${id}/resubmit`).send({ data: corrected(data, n) })));
    // then
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    const winner = answers.find((r) => r.status === 200)!.body;
    expect(winner.status).toBe('IN_REVIEW');
    expect(await knex()('tasks').where({ id: task.id }).first()).toMatchObject({ state: 'COMPLETED', pending_completion: null });
    expect(await resubmitted(id)).toHaveLength(1);
    expect((await viewOf(0, id)).data.experience).toBe(winner.data.experience);
  });

  it('finishes at start-up a correction the engine committed before the crash: data stored once, one entry, back in review', async () => {
    // given: reserved, the engine completed the correction job, then the process died
    const { id, data, task } = await returned(1);
    const fixed = corrected(data, 9);
    await reserve(task.id, await accountOf(applicants[1].username), fixed);
    await t.platform.engine.completeJob(task.id, { application: fixed });
    // when
    await t.restart();
    // then
    expect(await knex()('tasks').where({ id: task.id }).first()).toMatchObject({ state: 'COMPLETED', pending_completion: null, opinion: '申报人已补正' });
    expect(await resubmitted(id)).toHaveLength(1);
    await waitFor(async () => knex()('tasks').where({ application_id: id, element_id: 'Task_UnitReview', state: 'OPEN' }).first(), 15_000, 'unit review again');
    expect(await viewOf(1, id)).toMatchObject({ status: 'IN_REVIEW', data: { experience: fixed.experience } });
    const open = await knex()('tasks').where({ application_id: id }).whereIn('state', ['OPEN', 'CLAIMED']);
    expect(open).toHaveLength(1);
    // and a second start-up changes nothing
    await t.restart();
    expect(await resubmitted(id)).toHaveLength(1);
  });

  it('undoes at start-up a correction reserved but never sent to the engine: still returned, the applicant resubmits', async () => {
    // given
    const { id, data, task } = await returned(2);
    await reserve(task.id, await accountOf(applicants[2].username), corrected(data, 5));
    // when
    await t.restart();
    // then: the task is as it was, the draft data unchanged, nothing in the trail
    expect(await knex()('tasks').where({ id: task.id }).first()).toMatchObject({ state: 'OPEN', pending_completion: null });
    expect(await viewOf(2, id)).toMatchObject({ status: 'RETURNED', data: { experience: data.experience } });
    expect(await resubmitted(id)).toHaveLength(0);
    // and the applicant's own resubmit now goes through
    const again = await (await t.login(applicants[2].username)).post(`/api/applications/${id}/resubmit`).send({ data: corrected(data, 6) });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(await resubmitted(id)).toHaveLength(1);
  });
});
