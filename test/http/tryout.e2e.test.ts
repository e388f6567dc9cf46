import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform.ts';

const DIR = 'sichuan/2026-examiner-training';

/**
 * Try-outs at any date (issue 10): policy staff run a package scenario on a scratch platform at the
 * scenario's own dates — timers fire as time is moved — and get the path, status, deadlines and
 * registry effects back, while the real store is never touched.
 */
describe('POST /api/packages/{hash}/tryouts', () => {
  let t: TestPlatform;
  let hash: string;
  beforeAll(async () => {
    t = await startTestPlatform();
    const { version } = await t.platform.services.packages.deployFromDirectory(null, DIR);
    await t.platform.services.packages.activate(null, version.hash);
    hash = version.hash;
  }, 60_000);
  afterAll(async () => t?.close());

  const counts = async () => {
    const knex = t.platform.db.knex;
    const [apps, sittings, audit] = await Promise.all([knex('applications').count({ n: '*' }), knex('exam_sittings').count({ n: '*' }).catch(() => [{ n: -1 }]), knex('audit_log').count({ n: '*' })]);
    return { apps: Number(apps[0]!.n), sittings: Number(sittings[0]!.n), audit: Number(audit[0]!.n) };
  };

  it('runs a timer-driven package scenario at its own dates, as the suite does, without touching the real data', async () => {
    // given 四川's policy editor, and the real store as it is
    const editor = await t.login('policy-editor');
    const before = await counts();
    // when he tries out the city-late scenario (2026-03-02, the 10-working-day timer fires after 15 days)
    const res = await editor.post(`/api/packages/${hash}/tryouts`).send({ scenarioFile: 'city-review-late.json' });
    // then it matched its own `then`, on the scenario's dates
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ matched: true, mismatches: [], error: null, status: 'REJECTED', scenario: { file: 'scenarios/city-review-late.json' } });
    expect(res.body.completedElements.slice(-3)).toEqual(['Timer_CityReviewLate', 'Task_StatusCityLate', 'End_CityLate']);
    expect(res.body.variables.cityReviewDue.date).toBe('2026-03-16');
    expect(res.body.steps.map((s: { at: string }) => s.at)).toEqual(['2026-03-02', '2026-03-02', '2026-03-02', '2026-03-02']);
    expect(res.body.steps[3].note).toBe('时间推进 15 天至 2026-03-17');
    // and nothing was written to the real store (the audit log grows only by the sign-in)
    const after = await counts();
    expect({ apps: after.apps, sittings: after.sittings }).toEqual({ apps: before.apps, sittings: before.sittings });
    expect(await t.platform.db.knex('audit_log').where('action', 'like', 'application.%').count({ n: '*' })).toEqual([{ n: 0 }]);
  }, 60_000);

  it('runs a scenario the editor writes, without a `then`, and shows where it waits and until when', async () => {
    // given a sample applicant who is only submitted and approved by the unit
    const editor = await t.login('policy-editor');
    const scenario = {
      name: '试运行:单位同意后停在市(州)审核',
      clauses: ['SC26-17'],
      given: { asOf: '2026-07-01', applicant: 'zhangwei', recommender: 'org-my-filed', application: { trainingPlanId: '2026-07-examiner' } },
      when: [{ submit: true }, { complete: 'Task_UnitReview', decision: 'approve' }],
    };
    // when
    const res = await editor.post(`/api/packages/${hash}/tryouts`).send({ scenario });
    // then: no verdict, but the open step with its deadline (10 working days from 2026-07-01)
    expect(res.status).toBe(200);
    expect(res.body.matched).toBeNull();
    expect(res.body.waitingAt).toEqual([expect.objectContaining({ elementId: 'Task_CityReview', candidateGroups: ['city:510700'] })]);
    expect(res.body.variables.cityReviewDue.date).toBe('2026-07-15');
    expect(res.body.steps.map((s: { note: string }) => s.note)).toEqual(['已提交', expect.stringMatching(/^.+办理「.+」:同意$/)]);
  }, 60_000);

  it('counts deadlines with the province’s own calendar entries, copied into the scratch store', async () => {
    // given 四川's administrator makes Wednesday 2026-07-08 a rest day for the province (a regional holiday)
    const admin = await t.login('admin');
    expect((await admin.put('/api/admin/calendar/overrides/2026-07-08').send({ working: false, note: '地方节假日(试运行测试)' })).status).toBe(200);
    const editor = await t.login('policy-editor');
    const scenario = {
      name: '试运行:地方休息日顺延市(州)审核期限',
      clauses: ['SC26-17'],
      given: { asOf: '2026-07-01', applicant: 'zhangwei', recommender: 'org-my-filed', application: { trainingPlanId: '2026-07-examiner' } },
      when: [{ submit: true }, { complete: 'Task_UnitReview', decision: 'approve' }],
    };
    try {
      // when the editor tries out the same steps as above
      const res = await editor.post(`/api/packages/${hash}/tryouts`).send({ scenario });
      // then the 10 working days skip the province's rest day: 07-16, not 07-15
      expect(res.status).toBe(200);
      expect(res.body.variables.cityReviewDue.date, JSON.stringify(res.body.variables.cityReviewDue)).toBe('2026-07-16');
    } finally {
      expect((await admin.delete('/api/admin/calendar/overrides/2026-07-08')).status).toBe(204);
    }
  }, 60_000);

  it('reports where a scenario differs from what happens, in Chinese', async () => {
    // given a scenario that expects the wrong outcome
    const editor = await t.login('policy-editor');
    const scenario = {
      name: '错误的预期',
      clauses: ['SC26-17'],
      given: { asOf: '2026-03-02', applicant: 'zhangwei', recommender: 'org-my-filed', application: {} },
      when: [{ submit: true }],
      then: { status: 'COMPLETED' },
    };
    // when
    const res = await editor.post(`/api/packages/${hash}/tryouts`).send({ scenario });
    // then
    expect(res.status).toBe(200);
    expect(res.body.matched).toBe(false);
    expect(res.body.mismatches[0]).toMatch(/^状态应为 COMPLETED,实际为 SUBMITTED|^状态应为 COMPLETED,实际为 IN_REVIEW/);
  }, 60_000);

  it('refuses a malformed scenario and an unknown file with a problem document, and runs nothing', async () => {
    const editor = await t.login('policy-editor');
    // when: the steps are missing
    const bad = await editor.post(`/api/packages/${hash}/tryouts`).send({ scenario: { name: '缺少步骤', given: { asOf: '2026-03-02' } } });
    // then
    expect(bad.status).toBe(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.title).toBe('试运行场景不符合场景格式');
    expect(bad.body.problems.length).toBeGreaterThan(0);
    expect(JSON.stringify(bad.body.problems)).toMatch(/[\u4e00-\u9fa5]/);
    // and a rule-check file is not a process scenario
    const checks = await editor.post(`/api/packages/${hash}/tryouts`).send({ scenarioFile: 'makeup-checks.json' });
    expect(checks.status).toBe(422);
    // and an unknown file is not found
    const missing = await editor.post(`/api/packages/${hash}/tryouts`).send({ scenarioFile: 'no-such.json' });
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
  });

  it('is for the policy editors and administrators of the package region only', async () => {
    // when / then: another province's editor does not see the version, an applicant may not, nobody signed in gets 401
    expect((await (await t.login('policy-editor-shandong')).post(`/api/packages/${hash}/tryouts`).send({ scenarioFile: 'city-review-late.json' })).status).toBe(404);
    expect((await (await t.login('zhangwei')).post(`/api/packages/${hash}/tryouts`).send({ scenarioFile: 'city-review-late.json' })).status).toBe(403);
    expect((await t.agent().post(`/api/packages/${hash}/tryouts`).send({ scenarioFile: 'city-review-late.json' })).status).toBe(401);
  });
});
