import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type request from 'supertest';
import { DEMO_ACCOUNTS } from '../../engine/services/demo/demoData.ts';
import type { TestPlatform } from '../support/testPlatform.ts';
import { waitFor } from '../support/waitFor.ts';
import { validApplication } from '../support/fixtures.ts';
import { storeTargets, type StoreTarget } from '../support/stores.ts';
import { startTestPlatformOn } from '../support/startTestPlatformOn.ts';
import { PDF, JPEG, PNG_FILE as PNG } from '../support/uploadFixtures.ts';

const PKG_DIR = 'sichuan/2026-examiner-training';
const schema = JSON.parse(fs.readFileSync(`deployments/${PKG_DIR}/forms/application.schema.json`, 'utf8'));

type Agent = request.Agent;
const account = (pred: (a: (typeof DEMO_ACCOUNTS)[number]) => boolean) => {
  const a = DEMO_ACCOUNTS.find(pred);
  if (!a) throw new Error('demo account not found');
  return a;
};

/** Uploads one file for every attachment kind the package form declares (the right type for each). */
async function uploadAll(agent: Agent, appId: string, data: Record<string, unknown>) {
  for (const spec of schema['x-attachments'] as Array<{ kind: string; accept?: string[]; required?: unknown }>) {
    const accept = spec.accept ?? ['application/pdf'];
    const [body, name] = accept.includes('application/pdf') ? [PDF, `${spec.kind}.pdf`] : accept.includes('image/jpeg') ? [JPEG, `${spec.kind}.jpg`] : [PNG, `${spec.kind}.png`];
    const res = await agent.post(`/api/applications/${appId}/attachments`).field('kind', spec.kind).attach('file', body, name);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  void data;
}

describe.each(storeTargets())('SC26 examiner training over HTTP on $name', (store: StoreTarget) => {
  let t: TestPlatform;
  let admin: Agent;
  let packageHash: string;

  const orgs = async () => t.platform.services.registry.listOrganisations({});
  const org = async (pred: (o: Awaited<ReturnType<typeof orgs>>[number]) => boolean) => {
    const o = (await orgs()).find(pred);
    if (!o) throw new Error('demo organisation not found');
    return o;
  };
  const reviewerOf = (role: string, pred: (a: (typeof DEMO_ACCOUNTS)[number]) => boolean) => account((a) => a.role === role && pred(a));

  const taskFor = async (agent: Agent, appId: string) =>
    waitFor(async () => {
      const res = await agent.get('/api/tasks').query({ applicationId: appId });
      return res.status === 200 && res.body.items.length ? res.body.items[0] : null;
    }, 15_000, `task of ${appId}`);

  const decide = async (agent: Agent, appId: string, decision: 'approve' | 'reject' | 'return', data?: Record<string, unknown>) => {
    const task = await taskFor(agent, appId);
    expect((await agent.post(`/api/tasks/${task.id}/claim`)).status).toBe(200);
    const res = await agent.post(`/api/tasks/${task.id}/complete`).send({ decision, opinion: decision === 'approve' ? '材料齐全,同意。' : '材料不符合要求。', ...(data ? { data } : {}) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return task;
  };

  const statusOf = async (agent: Agent, appId: string) => (await agent.get(`/api/applications/${appId}/status`)).body;
  const waitStatus = (agent: Agent, appId: string, status: string) =>
    waitFor(async () => {
      const s = await statusOf(agent, appId);
      return s.application?.status === status ? s : null;
    }, 15_000, `status ${status}`);

  async function submitApplication(applicantUsername: string, recommenderOrgId: string, overrides: Record<string, unknown> = {}) {
    const acc = account((a) => a.username === applicantUsername);
    const agent = await t.login(acc.username);
    const data = validApplication({ name: acc.displayName, idNumber: acc.idNumber!, recommenderOrgId }, overrides);
    const draft = await agent.post('/api/applications').send({ packageHash, data });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    await uploadAll(agent, draft.body.id, data);
    const submitted = await agent.post(`/api/applications/${draft.body.id}/submit`);
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(202);
    return { agent, id: draft.body.id as string, data };
  }

  beforeAll(async () => {
    t = await startTestPlatformOn(store);
    admin = await t.login(account((a) => a.role === 'admin').username);
    // given: an admin deploys and activates the package through the API
    const deployed = await admin.post('/api/packages').send({ source: PKG_DIR });
    expect(deployed.status, JSON.stringify(deployed.body)).toBe(201);
    packageHash = deployed.body.hash;
    const activated = await admin.post(`/api/packages/${packageHash}/activate`);
    expect(activated.status).toBe(200);
    expect(activated.body.active).toBe(true);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('runs the whole path for a unit in a city: unit → city → province re-review → exam → card → collected', async () => {
    // given
    const mianyangFiled = await org((o) => o.cityCode === '510700' && o.filingStatus === 'FILED');
    const applicants = DEMO_ACCOUNTS.filter((a) => a.role === 'applicant');
    const { agent, id } = await submitApplication(applicants[0].username, mianyangFiled.id);
    const unit = await t.login(reviewerOf('unit_reviewer', (a) => a.orgId === mianyangFiled.id).username);
    const city = await t.login(reviewerOf('city_reviewer', (a) => a.regionCode === '510700').username);
    const province = await t.login(reviewerOf('province_reviewer', () => true).username);

    // when / then: each reviewer in turn
    const unitTask = await decide(unit, id, 'approve');
    expect(unitTask.name).toBe('推荐单位初审');
    const cityTask = await decide(city, id, 'approve');
    expect(cityTask.name).toBe('市(州)职鉴中心资格审核');
    expect(cityTask.dueAt).toBeTruthy();
    const reReview = await decide(province, id, 'approve');
    expect(reReview.name).toBe('省职鉴中心资格复审');
    await waitStatus(agent, id, 'ADMITTED');
    const exam = await decide(city, id, 'approve', { trainingCompleted: true, examDate: '2026-03-28', score: 86 });
    expect(exam.name).toBe('录入培训考核结果');

    // then: the city centre issued the card (SC26-40), valid only in that city (SC26-42)
    const issued = await waitStatus(agent, id, 'CARD_ISSUED');
    const card = issued.application.outcome.card;
    expect(card.number).toMatch(/^510700-\d{4}-\d{6}$/);
    expect(card.validRegionCode).toBe('510700');
    expect(card.validTo).toBeTruthy();

    // when: the collecting centre registers the collection
    await decide(city, id, 'approve');
    // then
    const done = await waitStatus(agent, id, 'COMPLETED');
    expect(done.timeline.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['application.submitted', 'eligibility.evaluated', 'task.completed', 'application.status']),
    );
    const person = await t.platform.services.registry.getPersonFacts(applicants[0].idNumber!, '2026-12-31');
    expect((person as { cards: Array<{ number: string; status: string }> }).cards.find((c) => c.number === card.number)?.status).toBe('COLLECTED');
  });

  it('routes an undelegated provincial organisation in Chengdu to the province centre, which issues the card', async () => {
    // given
    const provincial = await org((o) => o.isUndelegatedProvincialInChengdu);
    const applicants = DEMO_ACCOUNTS.filter((a) => a.role === 'applicant');
    const { agent, id } = await submitApplication(applicants[1 % applicants.length].username, provincial.id);
    const unit = await t.login(reviewerOf('unit_reviewer', (a) => a.orgId === provincial.id).username);
    const chengdu = await t.login(reviewerOf('city_reviewer', (a) => a.regionCode === '510100').username);
    const province = await t.login(reviewerOf('province_reviewer', () => true).username);

    // when
    await decide(unit, id, 'approve');
    const review = await decide(province, id, 'approve');
    // then: no city step on this path (SC26-14)
    expect(review.name).toBe('省职鉴中心资格审核');
    expect((await chengdu.get('/api/tasks').query({ applicationId: id })).body.items).toEqual([]);
    // when
    await decide(province, id, 'approve', { trainingCompleted: true, examDate: '2026-04-20', score: 90 });
    // then
    const issued = await waitStatus(agent, id, 'CARD_ISSUED');
    expect(issued.application.outcome.card.number).toMatch(/^510000-\d{4}-\d{6}$/);
  });

  it('tells an ineligible applicant, in Chinese, each failed condition with its clause', async () => {
    // given: a unit accepted for filing more than a year ago, and an occupation of category 7
    const stale = await org((o) => o.filingStatus === 'APPLIED' && !!o.filingAcceptedDate && o.filingAcceptedDate < '2025-01-01');
    const applicants = DEMO_ACCOUNTS.filter((a) => a.role === 'applicant');
    const { agent, id } = await submitApplication(applicants[2 % applicants.length].username, stale.id, {
      targetOccupation: { classificationEdition: '2022', kind: 'OCCUPATION', majorCategory: 7, code: '7-01-01-00', name: '军人' },
    });
    // when
    const s = await waitStatus(agent, id, 'REJECTED');
    // then
    const clauses = s.reasons.map((r: { clause: string }) => r.clause);
    expect(clauses).toEqual(expect.arrayContaining(['SC26-02', 'SC26-03']));
    for (const r of s.reasons) expect(r.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(s.application.eligibility.decision).toBe('INELIGIBLE');
  });

  it('hides tasks of another city: none listed, 404 on a direct call', async () => {
    // given
    const mianyangFiled = await org((o) => o.cityCode === '510700' && o.filingStatus === 'FILED');
    const applicants = DEMO_ACCOUNTS.filter((a) => a.role === 'applicant');
    const { id } = await submitApplication(applicants[0].username, mianyangFiled.id);
    const unit = await t.login(reviewerOf('unit_reviewer', (a) => a.orgId === mianyangFiled.id).username);
    await decide(unit, id, 'approve');
    const mianyang = await t.login(reviewerOf('city_reviewer', (a) => a.regionCode === '510700').username);
    const task = await taskFor(mianyang, id);
    const deyang = await t.login(reviewerOf('city_reviewer', (a) => a.regionCode === '510600').username);
    // when
    const list = await deyang.get('/api/tasks');
    const direct = await deyang.get(`/api/tasks/${task.id}`);
    const complete = await deyang.post(`/api/tasks/${task.id}/complete`).send({ decision: 'approve', opinion: '越权' });
    const app = await deyang.get(`/api/applications/${id}`);
    // then
    expect(list.status).toBe(200);
    expect(list.body.items.filter((x: { applicationId: string }) => x.applicationId === id)).toEqual([]);
    expect(direct.status).toBe(404);
    expect(complete.status).toBe(404);
    expect([403, 404]).toContain(app.status);
    expect(app.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await t.platform.db.knex('tasks').where({ id: task.id }).first()).state).toBe('OPEN');
  });
});
