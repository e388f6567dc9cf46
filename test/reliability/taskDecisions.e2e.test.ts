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

type Agent = request.Agent;
const PKG_DIR = 'sichuan/2026-examiner-training';
const ORG = 'org-my-filed';
const schema = JSON.parse(fs.readFileSync(`deployments/${PKG_DIR}/forms/application.schema.json`, 'utf8'));
const PNG = tinyPng();
const username = (pred: (a: (typeof DEMO_ACCOUNTS)[number]) => boolean) => DEMO_ACCOUNTS.find(pred)!.username;

describe.each(storeTargets())('task decisions on $name: one decision per task, the task form checked, incident variables corrected', (store: StoreTarget) => {
  let t: TestPlatform;
  let packageHash: string;
  let unit: Agent;
  let city: Agent;
  let province: Agent;
  let admin: Agent;

  const taskOf = (agent: Agent, appId: string) =>
    waitFor(async () => (await agent.get('/api/tasks').query({ applicationId: appId })).body.items?.[0], 15_000, `task of ${appId}`);
  const decide = async (agent: Agent, appId: string, data?: Record<string, unknown>) => {
    const task = await taskOf(agent, appId);
    const res = await agent.post(`/api/tasks/${task.id}/complete`).send({ decision: 'approve', opinion: '同意', ...(data ? { data } : {}) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return task;
  };
  async function submit(applicantIndex: number): Promise<string> {
    const acc = DEMO_ACCOUNTS.filter((a) => a.role === 'applicant' && a.idNumber)[applicantIndex];
    const agent = await t.login(acc.username);
    const draft = await agent.post('/api/applications').send({ packageHash, data: validApplication({ name: acc.displayName, idNumber: acc.idNumber!, recommenderOrgId: ORG }) });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    for (const spec of schema['x-attachments'] as Array<{ kind: string }>) {
      expect((await agent.post(`/api/applications/${draft.body.id}/attachments`).field('kind', spec.kind).attach('file', PNG, 'scan.png')).status).toBe(201);
    }
    expect((await agent.post(`/api/applications/${draft.body.id}/submit`)).status).toBe(202);
    return draft.body.id;
  }
  /** Through unit, city and province review to the exam-result task (the city's, for a Mianyang unit). */
  async function atExamTask(applicantIndex: number) {
    const id = await submit(applicantIndex);
    await decide(unit, id);
    await decide(city, id);
    await decide(province, id);
    const task = await waitFor(async () => (await city.get('/api/tasks').query({ applicationId: id })).body.items?.find((x: { elementId: string }) => x.elementId === 'Task_TrainingExam'), 15_000, 'exam task');
    return { id, task };
  }

  beforeAll(async () => {
    t = await startTestPlatformOn(store);
    admin = await t.login(username((a) => a.role === 'admin' && a.regionCode === '510000'));
    const deployed = await admin.post('/api/packages').send({ source: PKG_DIR });
    packageHash = deployed.body.hash;
    expect((await admin.post(`/api/packages/${packageHash}/activate`)).status).toBe(200);
    unit = await t.login(username((a) => a.role === 'unit_reviewer' && a.orgId === ORG));
    city = await t.login(username((a) => a.role === 'city_reviewer' && a.regionCode === '510700'));
    province = await t.login(username((a) => a.role === 'province_reviewer' && a.regionCode === '510000'));
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('lets exactly one of four concurrent decisions win; the others get 409 and the task stays COMPLETED', async () => {
    // given
    const id = await submit(0);
    const task = await taskOf(unit, id);
    // when
    const answers = await Promise.all([1, 2, 3, 4].map((n) => unit.post(`/api/tasks/${task.id}/complete`).send({ decision: n % 2 ? 'approve' : 'reject', opinion: `意见${n}` })));
    // then
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    for (const r of answers.filter((x) => x.status === 409)) {
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.body.title).toMatch(/[\u4e00-\u9fa5]/);
    }
    const winner = answers.find((r) => r.status === 200)!;
    const row = await t.platform.db.knex('tasks').where({ id: task.id }).first();
    expect(row).toMatchObject({ state: 'COMPLETED', decision: winner.body.decision, opinion: winner.body.opinion, pending_completion: null });
    const trail = await t.platform.db.knex('audit_log').where({ action: 'task.completed', entity_id: task.id });
    expect(trail).toHaveLength(1);
    // and: a later decision is refused the same way, changing nothing
    const later = await unit.post(`/api/tasks/${task.id}/complete`).send({ decision: 'reject', opinion: '再次提交' });
    expect(later.status).toBe(409);
    expect((await t.platform.db.knex('tasks').where({ id: task.id }).first()).decision).toBe(winner.body.decision);
    // and: the process moved on exactly once
    if (winner.body.decision === 'approve') {
      await taskOf(city, id);
      expect(await t.platform.db.knex('tasks').where({ application_id: id }).whereIn('state', ['OPEN', 'CLAIMED'])).toHaveLength(1);
    }
  }, 60_000);

  it('refuses an exam-result decision without the data its form requires (422, Chinese problems, nothing changed)', async () => {
    // given
    const { task } = await atExamTask(1);
    const jobBefore = await t.platform.engine.jobState(task.id);
    // when
    const bare = await city.post(`/api/tasks/${task.id}/complete`).send({ decision: 'approve', opinion: '考核合格' });
    const wrong = await city.post(`/api/tasks/${task.id}/complete`).send({ decision: 'approve', opinion: '考核合格', data: { examDate: '2026/03/28', score: 130, trainingCompleted: true } });
    // then
    expect(bare.status).toBe(422);
    expect(bare.headers['content-type']).toContain('application/problem+json');
    expect(bare.body.title).toContain('培训考核结果录入');
    expect(bare.body.problems.map((p: { pointer: string }) => p.pointer)).toContain('/examDate');
    expect(bare.body.problems.every((p: { message: string }) => /[\u4e00-\u9fa5]/.test(p.message))).toBe(true);
    expect(wrong.status).toBe(422);
    expect(wrong.body.problems.map((p: { pointer: string }) => p.pointer).sort()).toEqual(['/examDate', '/score']);
    const row = await t.platform.db.knex('tasks').where({ id: task.id }).first();
    expect(row).toMatchObject({ state: 'OPEN', decision: null, pending_completion: null });
    expect(jobBefore).toBe('OPEN');
    expect(await t.platform.engine.jobState(task.id)).toBe('OPEN');
    // when: the data is complete
    const ok = await city.post(`/api/tasks/${task.id}/complete`).send({ decision: 'approve', opinion: '考核合格', data: { trainingCompleted: true, examDate: '2026-03-28', score: 86 } });
    // then
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  }, 60_000);

  it('lets an admin of the region correct the variables of an incident before retrying it; others cannot', async () => {
    // given: an exam task completed without its date before the form check existed (straight through the engine)
    const { id, task } = await atExamTask(2);
    await t.platform.engine.completeJob(task.id, { decision: 'approve', opinion: '考核合格', reviewer: '旧版本', completedAt: new Date().toISOString(), trainingCompleted: true });
    const incident = await waitFor(async () => {
      const list = (await admin.get('/api/incidents').query({ state: 'OPEN' })).body as Array<{ key: string; elementId: string; processInstanceKey: string }>;
      return list.find((i) => i.elementId === 'Task_RecordExam');
    }, 20_000, 'incident at the exam record');
    const exam = (await t.platform.engine.getInstance(incident.processInstanceKey))!.variables.exam as Record<string, unknown>;
    const fixed = { ...exam, examDate: '2026-03-28', trainingCompleted: true, result: 'PASS' };
    // when / then: outside the region, not an admin, protected or malformed variables
    const shandong = await t.login(username((a) => a.role === 'admin' && a.regionCode === '370000'));
    expect((await shandong.put(`/api/incidents/${incident.key}/variables`).send({ variables: { exam: fixed } })).status).toBe(404);
    expect((await city.put(`/api/incidents/${incident.key}/variables`).send({ variables: { exam: fixed } })).status).toBe(403);
    const protectedVar = await admin.put(`/api/incidents/${incident.key}/variables`).send({ variables: { applicationId: 'x' } });
    expect(protectedVar.status).toBe(422);
    expect(protectedVar.body.problems[0].message).toContain('applicationId');
    expect([400, 422]).toContain((await admin.put(`/api/incidents/${incident.key}/variables`).send({ variables: { 'bad name': 1 } })).status);
    expect((await t.platform.engine.getInstance(incident.processInstanceKey))!.variables).not.toHaveProperty('bad name');
    expect((await admin.put('/api/incidents/999999999/variables').send({ variables: { exam: fixed } })).status).toBe(404);
    expect(((await t.platform.engine.getInstance(incident.processInstanceKey))!.variables.exam as { examDate?: unknown }).examDate ?? null).toBeNull();
    // when: the admin of the region corrects the exam and resolves the incident
    const corrected = await admin.put(`/api/incidents/${incident.key}/variables`).send({ variables: { exam: fixed } });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    expect((await admin.post(`/api/incidents/${incident.key}/resolve`).send({ retries: 1 })).status).toBe(204);
    // then: the exam is recorded with its date, the process goes on, and the correction is in the trail
    const applicantIdNumber = DEMO_ACCOUNTS.filter((a) => a.role === 'applicant' && a.idNumber)[2].idNumber!;
    await waitFor(async () => (await t.platform.db.knex('exam_sittings').where({ person_id_number: t.platform.db.personal.lookupKey(applicantIdNumber), application_id: id })).length, 20_000, 'exam sitting');
    await waitFor(async () => (await t.platform.db.knex('applications').where({ id }).first()).status === 'CARD_ISSUED', 20_000, 'card issued');
    expect(await t.platform.engine.listIncidents({ processInstanceKey: incident.processInstanceKey, state: 'OPEN' })).toEqual([]);
    const entry = await t.platform.db.knex('audit_log').where({ action: 'incident.variables', entity_id: incident.key }).first();
    expect(entry).toBeTruthy();
    expect(JSON.stringify(entry.detail)).toContain('2026-03-28');
  }, 90_000);
});
