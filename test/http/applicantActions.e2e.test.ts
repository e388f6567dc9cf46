import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type request from 'supertest';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform.ts';
import { runScenario } from '../support/scenarioRunner.ts';

/** Package-defined applicant actions over HTTP (the 2026 leave request, SC26-55): who, when, and bad input. */
describe('applicant actions over HTTP', () => {
  let t: TestPlatform;
  let applicationId: string;
  let zhang: request.Agent;
  let liu: request.Agent;
  let unit: request.Agent;

  beforeAll(async () => {
    t = await startTestPlatform();
    zhang = await t.login('zhangwei');
    liu = await t.login('liuna');
    // Sessions first: the scenario moves the clock back to 2026-03, and a cookie expiring then would not be sent.
    unit = await t.login('unit-my-filed');
    // given: 张伟 admitted to training (unit, city and province approved)
    applicationId = await runScenario(t, 'sichuan/2026-examiner-training', {
      name: 'admitted',
      clauses: [],
      given: { asOf: '2026-03-02', applicant: 'zhangwei', recommender: 'org-my-filed', application: {} },
      when: [{ submit: true }, { complete: 'Task_UnitReview', decision: 'approve' }, { complete: 'Task_CityReview', decision: 'approve' }, { complete: 'Task_ProvinceReReview', decision: 'approve' }],
      then: { status: 'ADMITTED' },
    });
  }, 90_000);
  afterAll(async () => t?.close());

  it('offers the leave request on the admitted application, and starts it with its review in the unit inbox', async () => {
    // given
    expect((await zhang.get(`/api/applications/${applicationId}`)).body.actions).toEqual([{ id: 'leave-request', title: '考前请假报备', form: 'leave' }]);
    // when
    const res = await zhang.post(`/api/applications/${applicationId}/actions/leave-request`).send({ data: { examDate: '2026-03-28', reason: '因单位生产任务不能参加考核' } });
    // then
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const deadline = Date.now() + 10_000;
    let items: Array<{ elementId?: string; name: string }> = [];
    while (Date.now() < deadline && !items.length) {
      items = (await unit.get('/api/tasks').query({ applicationId })).body.items ?? [];
      if (!items.length) await new Promise((r) => setTimeout(r, 100));
    }
    expect(items.map((i) => i.name)).toContain('推荐单位审核请假报备');
    // and while it is being reviewed, the same action is not started again (two clicks at once included)
    const twice = await Promise.all([1, 2].map(() => zhang.post(`/api/applications/${applicationId}/actions/leave-request`).send({ data: { examDate: '2026-03-28', reason: '因单位生产任务不能参加考核' } })));
    expect(twice.map((r) => r.status)).toEqual([409, 409]);
    expect(twice[0]!.body.title).toBe('「考前请假报备」正在办理中');
  });

  it('refuses bad data, unknown actions and other people, with problem+json and nothing started', async () => {
    // given
    const before = await t.platform.db.knex('engine_instances').count('* as n');
    // when / then
    const bad = await zhang.post(`/api/applications/${applicationId}/actions/leave-request`).send({ data: { examDate: '2026/03/28', reason: '事' } });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.problems.map((p: { pointer: string }) => p.pointer).sort()).toEqual(['/examDate', '/reason']);
    expect((await zhang.post(`/api/applications/${applicationId}/actions/fly-away`).send({ data: {} })).status).toBe(404);
    expect((await liu.post(`/api/applications/${applicationId}/actions/leave-request`).send({ data: { examDate: '2026-03-28', reason: '因单位生产任务不能参加考核' } })).status).toBe(404);
    expect((await unit.post(`/api/applications/${applicationId}/actions/leave-request`).send({ data: {} })).status).toBe(403);
    expect(await t.platform.db.knex('engine_instances').count('* as n')).toEqual(before);
  });

  it('refuses an action in a status the package does not allow', async () => {
    // given: a draft
    const draft = await liu.post('/api/applications').send({ packageHash: (await t.platform.db.knex('applications').where({ id: applicationId }).first()).package_hash, data: {} });
    expect(draft.status).toBe(201);
    // when
    const res = await liu.post(`/api/applications/${draft.body.id}/actions/leave-request`).send({ data: { examDate: '2026-03-28', reason: '因单位生产任务不能参加考核' } });
    // then
    expect(res.status).toBe(409);
    expect(res.body.title).toBe('当前状态不能办理「考前请假报备」');
    expect((await liu.get(`/api/applications/${draft.body.id}`)).body.actions).toEqual([]);
  });
});
