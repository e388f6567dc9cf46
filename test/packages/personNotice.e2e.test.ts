import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../engine/util/waitFor.ts';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform.ts';
import { runScenario } from '../support/scenarioRunner.ts';
import { trainingNotCompleted } from '../support/unitPenaltyScenarios.ts';

const DIR = 'sichuan/2026-examiner-training';
const CASE_TASK = 'Task_DecidePersonNotice';

/**
 * SC26-54 「无故缺勤或无故未完成培训考核的,将在一定范围内予以通报」: whether it was without cause, and how far
 * the 通报 goes, are the province's judgement (AMB-30). A person who did not complete the training opens a
 * case in the province's inbox with the exam record; the decision is recorded once in the registry and
 * the 通报 list shows it to the centres of the person's region only.
 */
describe('通报 of a person who did not complete the training (SC26-54)', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  }, 60_000);
  afterAll(async () => t?.close());

  const caseTasks = () => t.platform.db.knex('tasks').where({ element_id: CASE_TASK }).orderBy('created_at');
  const waitForCases = (n: number) =>
    waitFor(async () => {
      const rows = await caseTasks();
      return rows.length >= n ? rows : null;
    }, 15_000, `${n} person notice case(s)`);

  it('refers the person to the province, records the chosen scope once, and lists it only within the region', async () => {
    // given: a recommended person of 绵阳 ends without completing the training
    await runScenario(t, DIR, trainingNotCompleted('2026-03-02', 'org-my-filed', { status: 'NO_RIGHT_TO_SIT', variables: { 'noticeCase.bpmnProcessId': 'sc26-person-notice' } }));

    // then: one case waits in the province's inbox, with the exam record as the facts and the clause
    const [row] = await waitForCases(1);
    expect(row.application_id).toBeNull();
    expect(JSON.parse(row.candidate_groups)).toEqual(['province:510000']);
    t.clock.set(Date.now());
    const province = await t.login('province-sichuan');
    const listed = (await province.get('/api/tasks').query({ pageSize: 100 })).body.items.find((x: { id: string }) => x.id === row.id);
    expect(listed).toMatchObject({ name: '省职鉴中心决定是否通报' });
    const detail = await province.get(`/api/tasks/${row.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.form.key).toBe('person-notice');
    expect(detail.body.ruleResult.decision).toBe('REFER');
    const training = detail.body.ruleResult.checks.find((c: { rule: string }) => c.rule === 'training-completed');
    expect(training).toMatchObject({ clause: 'SC26-54', outcome: 'REFER' });
    expect(detail.body.ruleResult.checks.find((c: { rule: string }) => c.rule === 'exam-attended')).toMatchObject({ outcome: 'PASS' });
    // and: the city reviewer does not see the province's case
    expect((await (await t.login('city-mianyang')).get(`/api/tasks/${row.id}`)).status).toBe(404);

    // when: the province names a scope the form does not offer
    expect((await province.post(`/api/tasks/${row.id}/claim`)).status).toBe(200);
    const bad = await province.post(`/api/tasks/${row.id}/complete`).send({ decision: 'approve', opinion: '通报', data: { scope: 'NATION' } });

    // then: refused with the field named, nothing recorded, the task still open
    expect(bad.status).toBe(422);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    expect(JSON.stringify(bad.body.problems)).toContain('scope');
    expect(await t.platform.services.registry.publicNotices.list({})).toEqual([]);

    // when: it decides a 通报 within the city
    const done = await province.post(`/api/tasks/${row.id}/complete`).send({ decision: 'approve', opinion: '无正当理由未完成培训,在市(州)范围内通报', data: { scope: 'CITY' } });
    expect(done.status, JSON.stringify(done.body)).toBe(200);

    // then: the registry holds it once, for the person (masked), the unit, its city and the year
    const [notice] = await waitFor(async () => {
      const list = await t.platform.services.registry.publicNotices.list({ year: 2026 });
      return list.length ? list : null;
    }, 15_000, 'the public notice');
    expect(notice).toMatchObject({ name: '张伟', orgId: 'org-my-filed', cityCode: '510700', provinceCode: '510000', reason: 'TRAINING_INCOMPLETE', scope: 'CITY', clause: 'SC26-54' });
    expect(notice.idNumberMasked).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    // and: the 通报 list shows it to the province and to the person's city, not to another city or province
    const asProvince = await province.get('/api/registry/public-notices').query({ year: 2026 });
    expect(asProvince.status).toBe(200);
    expect(asProvince.body).toHaveLength(1);
    expect(asProvince.body[0]).toMatchObject({ name: '张伟', orgName: '绵阳市技师学院(已备案评价机构)', reason: 'TRAINING_INCOMPLETE', scope: 'CITY', decidedBy: '四川省职鉴中心审核人' });
    expect(JSON.stringify(asProvince.body)).not.toMatch(/\d{17}[\dX]/);
    expect((await (await t.login('city-mianyang')).get('/api/registry/public-notices')).body).toHaveLength(1);
    expect((await (await t.login('city-deyang')).get('/api/registry/public-notices')).body).toEqual([]);
    expect((await (await t.login('admin-gansu')).get('/api/registry/public-notices')).body).toEqual([]);
    expect((await (await t.login('zhangwei')).get('/api/registry/public-notices')).status).toBe(403);
  }, 180_000);

  it('records nothing when the province finds a good reason', async () => {
    // given: another person of the unit ends without completing the training
    const before = (await caseTasks()).length;
    await runScenario(t, DIR, trainingNotCompleted('2026-05-11', 'org-my-filed', { status: 'NO_RIGHT_TO_SIT' }));
    const rows = await waitForCases(before + 1);
    const row = rows[rows.length - 1];
    t.clock.set(Date.now());
    const province = await t.login('province-sichuan');

    // when: the province decides not to publish it
    expect((await province.post(`/api/tasks/${row.id}/claim`)).status).toBe(200);
    const done = await province.post(`/api/tasks/${row.id}/complete`).send({ decision: 'reject', opinion: '因病住院,有正当理由', data: { scope: 'CITY' } });
    expect(done.status, JSON.stringify(done.body)).toBe(200);

    // then: the case ends without a 通报 (only the first decision stands)
    await waitFor(async () => ((await t.platform.db.knex('tasks').where({ id: row.id }).first())?.state === 'COMPLETED' ? true : null), 15_000, 'the task completed');
    await new Promise((r) => setTimeout(r, 500));
    expect(await t.platform.services.registry.publicNotices.list({})).toHaveLength(1);
  }, 180_000);
});
