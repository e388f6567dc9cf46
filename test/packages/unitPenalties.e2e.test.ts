import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../engine/util/waitFor.ts';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform.ts';
import { runScenario } from '../support/scenarioRunner.ts';
import { trainingNotCompleted } from '../support/unitPenaltyScenarios.ts';

const DIR = 'sichuan/2026-examiner-training';
const UNIT = 'org-my-filed';
const CASE_TASK = 'Task_DecideUnitPenalty';

/**
 * SC26-51 「评价机构推荐人员未按要求完成培训考核3人次及以上的,将减少该机构及所在市(州)当年度参培名额」:
 * the penalties rule set is judged by the processes on the unit's tally of the year; the third
 * non-completion opens a case in the province's inbox (the size of the cut is the province's, AMB-30),
 * its decision is recorded in the registry, and the same finding is not referred again that year.
 */
describe('a recommending unit’s penalties of the year', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  }, 60_000);
  afterAll(async () => t?.close());

  const caseTasks = () => t.platform.db.knex('tasks').where({ element_id: CASE_TASK }).orderBy('created_at');

  it('refers the third non-completion to the province once, records its quota cut, and does not refer it again', async () => {
    // given: two recommendations of the unit end without the training completed: no finding yet
    await runScenario(t, DIR, trainingNotCompleted('2026-01-12', UNIT, { status: 'NO_RIGHT_TO_SIT', variables: { 'unitYear.nonCompletedCount': 1, 'unitPenalties.decision': 'ELIGIBLE' } }));
    await runScenario(t, DIR, trainingNotCompleted('2026-03-02', UNIT, { status: 'NO_RIGHT_TO_SIT', variables: { 'unitYear.nonCompletedCount': 2, 'unitPenalties.decision': 'ELIGIBLE' } }));
    expect(await caseTasks()).toEqual([]);

    // when: the third ends the same way
    await runScenario(
      t,
      DIR,
      trainingNotCompleted('2026-05-11', UNIT, {
        status: 'NO_RIGHT_TO_SIT',
        completedElementsEndWith: ['Task_CheckUnitPenaltiesNoRightToSit', 'Gateway_UnitPenaltiesNoRightToSit', 'Task_StartUnitPenaltyReviewNoRightToSit', 'End_NoRightToSit'],
        variables: { 'unitYear.nonCompletedCount': 3, 'unitPenalties.decision': 'REFER', 'unitPenalties.findingKey': 'unit-non-completion-below-three' },
      }),
    );

    // then: one case waits in the province's inbox, with the rule, its clause and the count found
    const [row] = await waitFor(async () => {
      const rows = await caseTasks();
      return rows.length ? rows : null;
    }, 10_000, 'the unit penalty case task');
    expect(row.application_id).toBeNull();
    expect(JSON.parse(row.candidate_groups)).toEqual(['province:510000']);
    // (the reviewers work today: a session cookie dated at the scenario's past date would be expired for the client)
    t.clock.set(Date.now());
    const province = await t.login('province-sichuan');
    const list = await province.get('/api/tasks').query({ pageSize: 100 });
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    const listed = list.body.items.find((x: { id: string }) => x.id === row.id);
    expect(listed).toMatchObject({ name: '省职鉴中心决定推荐单位处罚', recommenderName: '绵阳市技师学院(已备案评价机构)' });
    const detail = await province.get(`/api/tasks/${row.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.application).toBeNull();
    expect(detail.body.form.key).toBe('unit-penalty');
    expect(detail.body.ruleResult.decision).toBe('REFER');
    const finding = detail.body.ruleResult.checks.find((c: { rule: string }) => c.rule === 'unit-non-completion-below-three');
    expect(finding).toMatchObject({ clause: 'SC26-51', outcome: 'REFER' });
    expect(JSON.stringify(finding)).toContain('3人次');
    // and: a city reviewer does not see the province's case
    const city = await t.login('city-mianyang');
    expect((await city.get(`/api/tasks/${row.id}`)).status).toBe(404);

    // when: the province cuts the unit's quota by 2 and the city's by 1, and names the unit in its 通报
    expect((await province.post(`/api/tasks/${row.id}/claim`)).status).toBe(200);
    const done = await province.post(`/api/tasks/${row.id}/complete`).send({ decision: 'approve', opinion: '削减名额并通报', data: { unitQuotaCut: 2, cityQuotaCut: 1, publicNotice: true, revokeRecommendation: false } });
    expect(done.status).toBe(200);

    // then: the decision is in the registry once, for the unit, its city and the year
    const unitYears = t.platform.services.registry.unitYears;
    const [adjustment] = await waitFor(async () => {
      const list = await unitYears.list({ orgId: UNIT, year: 2026 });
      return list.length ? list : null;
    }, 10_000, 'the quota adjustment');
    expect(adjustment).toMatchObject({ cityCode: '510700', unitCut: 2, cityCut: 1, publicNotice: true, findings: ['unit-non-completion-below-three'], clauses: ['SC26-51'], opinion: '削减名额并通报' });
    expect(await unitYears.facts(UNIT, 2026, '510000')).toMatchObject({ nonCompletedCount: 3, decidedFindings: ['unit-non-completion-below-three'], quotaCut: { unit: 2, city: 1 } });
    // and: recommendations are not revoked (the province did not tick it)
    expect((await t.platform.services.registry.getRecommenderFacts(UNIT, '2026-06-01')).recommendationSuspendedUntil).toBeNull();

    // when: a fourth recommendation ends without the training completed
    await runScenario(t, DIR, trainingNotCompleted('2026-07-06', UNIT, { status: 'NO_RIGHT_TO_SIT', variables: { 'unitYear.nonCompletedCount': 4, 'unitPenalties.decision': 'ELIGIBLE' } }));

    // then: the decided finding is not referred again
    expect((await caseTasks()).length).toBe(1);
    expect((await unitYears.list({ orgId: UNIT, year: 2026 })).length).toBe(1);
  }, 120_000);
});
