import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type request from 'supertest';
import { DEMO_ACCOUNTS } from '../../engine/services/demo/demoData.ts';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform.ts';
import { waitFor } from '../support/waitFor.ts';
import { validApplication } from '../support/fixtures.ts';
import { PDF, PNG_FILE as PNG } from '../support/uploadFixtures.ts';

const PKG_DIR = 'sichuan/2026-examiner-training';
const schema = JSON.parse(fs.readFileSync(`deployments/${PKG_DIR}/forms/application.schema.json`, 'utf8'));
type Agent = request.Agent;

describe('applicant flows: withdraw, return and correct, access rules', () => {
  let t: TestPlatform;
  let packageHash: string;
  const applicants = DEMO_ACCOUNTS.filter((a) => a.role === 'applicant');
  const login = (pred: (a: (typeof DEMO_ACCOUNTS)[number]) => boolean) => t.login(DEMO_ACCOUNTS.find(pred)!.username);
  const FILED = 'org-my-filed';

  async function draft(agent: Agent, who = applicants[0]) {
    const res = await agent.post('/api/applications').send({ packageHash, data: validApplication({ name: who.displayName, idNumber: who.idNumber!, recommenderOrgId: FILED }) });
    expect(res.status).toBe(201);
    for (const spec of schema['x-attachments'] as Array<{ kind: string; accept: string[] }>) {
      const pdf = spec.accept.includes('application/pdf');
      await agent.post(`/api/applications/${res.body.id}/attachments`).field('kind', spec.kind).attach('file', pdf ? PDF : PNG, pdf ? 'f.pdf' : 'f.png');
    }
    return res.body.id as string;
  }
  const task = (agent: Agent, id: string) => waitFor(async () => (await agent.get('/api/tasks').query({ applicationId: id })).body.items?.[0], 15_000, 'task');
  const status = (agent: Agent, id: string, s: string) => waitFor(async () => ((await agent.get(`/api/applications/${id}/status`)).body.application?.status === s ? true : null), 15_000, s);

  beforeAll(async () => {
    t = await startTestPlatform();
    const admin = await login((a) => a.role === 'admin');
    packageHash = (await admin.post('/api/packages').send({ source: PKG_DIR })).body.hash;
    await admin.post(`/api/packages/${packageHash}/activate`);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('lets the applicant withdraw before any review decision, cancelling the waiting task', async () => {
    // given
    const agent = await login((a) => a.username === applicants[0].username);
    const id = await draft(agent);
    await agent.post(`/api/applications/${id}/submit`);
    const unit = await login((a) => a.role === 'unit_reviewer' && a.orgId === FILED);
    const waiting = await task(unit, id);
    // when
    const res = await agent.post(`/api/applications/${id}/withdraw`);
    // then
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('WITHDRAWN');
    await waitFor(async () => (await t.platform.db.knex('tasks').where({ id: waiting.id }).first()).state === 'CANCELLED', 5000, 'task cancelled');
    expect((await unit.get('/api/tasks').query({ applicationId: id })).body.items).toEqual([]);
    expect((await t.platform.engine.getInstance(res.body.processInstanceKey))!.status).toBe('TERMINATED');
  });

  it('refuses withdrawal once a reviewer has decided', async () => {
    // given
    const agent = await login((a) => a.username === applicants[1].username);
    const id = await draft(agent, applicants[1]);
    await agent.post(`/api/applications/${id}/submit`);
    const unit = await login((a) => a.role === 'unit_reviewer' && a.orgId === FILED);
    const tk = await task(unit, id);
    await unit.post(`/api/tasks/${tk.id}/complete`).send({ decision: 'approve', opinion: '同意推荐' });
    // when
    const res = await agent.post(`/api/applications/${id}/withdraw`);
    // then
    expect(res.status).toBe(409);
    expect(res.body.title).toBe('已进入审核,不能撤回');
  });

  it('sends a returned application back to the applicant, who corrects it and re-enters review', async () => {
    // given
    const agent = await login((a) => a.username === applicants[2].username);
    const id = await draft(agent, applicants[2]);
    await agent.post(`/api/applications/${id}/submit`);
    const unit = await login((a) => a.role === 'unit_reviewer' && a.orgId === FILED);
    const first = await task(unit, id);
    // when: the unit returns it with an opinion
    await unit.post(`/api/tasks/${first.id}/complete`).send({ decision: 'return', opinion: '请补充培训考核工作经历' });
    await status(agent, id, 'RETURNED');
    const current = (await agent.get(`/api/applications/${id}`)).body.data;
    const res = await agent.post(`/api/applications/${id}/resubmit`).send({ data: { ...current, experience: '2015年起从事汽车维修工培训、鉴定考核工作,累计参与考评30余次。' } });
    // then
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const second = await waitFor(async () => {
      const items = (await unit.get('/api/tasks').query({ applicationId: id })).body.items;
      return items?.find((x: { id: string }) => x.id !== first.id);
    }, 15_000, 'second unit task');
    expect(second.name).toBe('推荐单位初审');
    const s = (await agent.get(`/api/applications/${id}/status`)).body;
    expect(s.application.data.experience).toContain('30余次');
    expect(s.timeline.map((e: { label: string }) => e.label).join('|')).toContain('退回补正(请补充培训考核工作经历)');
  });

  it('requires an opinion, refuses a task claimed by someone else, and requires a session', async () => {
    // given
    const agent = await login((a) => a.username === applicants[3].username);
    const id = await draft(agent, applicants[3]);
    await agent.post(`/api/applications/${id}/submit`);
    const unitA = await login((a) => a.role === 'unit_reviewer' && a.orgId === FILED);
    const tk = await task(unitA, id);
    // when
    const blank = await unitA.post(`/api/tasks/${tk.id}/complete`).send({ decision: 'approve', opinion: '   ' });
    const badDecision = await unitA.post(`/api/tasks/${tk.id}/complete`).send({ decision: 'maybe', opinion: '嗯' });
    const anonymous = await t.agent().get('/api/tasks');
    await t.platform.services.accounts.createAccount({ username: 'unit-my-filed-2', password: 'Second#2026', displayName: '第二审核人', role: 'unit_reviewer', orgId: FILED, regionCode: '510700' });
    const unitB = await t.login('unit-my-filed-2', 'Second#2026');
    expect((await unitA.post(`/api/tasks/${tk.id}/claim`)).status).toBe(200);
    const byB = await unitB.post(`/api/tasks/${tk.id}/complete`).send({ decision: 'approve', opinion: '同意' });
    const claimByB = await unitB.post(`/api/tasks/${tk.id}/claim`);
    // then
    expect(blank.status).toBe(400);
    expect(blank.body.title).toBe('请填写审批意见');
    expect(badDecision.status).toBe(400);
    expect(anonymous.status).toBe(401);
    expect(byB.status).toBe(409);
    expect(claimByB.status).toBe(409);
    expect(anonymous.body.title).toBe('请先登录');
  });

  it('keeps applications private: another applicant gets 404, a unit of another organisation sees nothing', async () => {
    // given
    const owner = await login((a) => a.username === applicants[0].username);
    const id = await draft(owner);
    const other = await login((a) => a.username === applicants[1].username);
    const otherUnit = await login((a) => a.role === 'unit_reviewer' && a.orgId === 'org-dy-stale');
    // when
    const byOther = await other.get(`/api/applications/${id}`);
    const byOtherUnit = await otherUnit.get(`/api/applications/${id}`);
    const upload = await other.post(`/api/applications/${id}/attachments`).field('kind', 'photo').attach('file', PNG, 'x.png');
    // then
    expect(byOther.status).toBe(404);
    expect([403, 404]).toContain(byOtherUnit.status);
    expect(upload.status).toBe(404);
  });

  it('lets only admins and policy editors deploy, and only admins of the region activate', async () => {
    // given
    const editor = await login((a) => a.role === 'policy_editor');
    const reviewer = await login((a) => a.role === 'city_reviewer');
    // when
    const byEditor = await editor.post('/api/packages').send({ source: PKG_DIR });
    const byReviewer = await reviewer.post('/api/packages').send({ source: PKG_DIR });
    const activateByEditor = await editor.post(`/api/packages/${packageHash}/activate`);
    // then
    expect(byEditor.status).toBe(200); // same content: the existing version
    expect(byEditor.body.hash).toBe(packageHash);
    expect(byReviewer.status).toBe(403);
    expect(activateByEditor.status).toBe(403);
  });
});
