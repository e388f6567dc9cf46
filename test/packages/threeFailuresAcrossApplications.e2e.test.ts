import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform.ts';
import { runScenario, type Scenario } from '../support/scenarioRunner.ts';

const DIR = 'sichuan/2026-examiner-training';
const ID_NUMBER = '510703198503120017'; // 张伟 (demo applicant zhangwei)
const approvals = [
  { complete: 'Task_UnitReview', decision: 'approve' },
  { complete: 'Task_CityReview', decision: 'approve' },
  { complete: 'Task_ProvinceReReview', decision: 'approve' },
] as const;

/**
 * SC26-32 「累计三次考试(含补考)均未通过」 counts the person's sittings in the occupation, whichever
 * application they belong to: two failures in a first application (exam and make-up, then the unit
 * gives up the second make-up) and one at the regular exam of a second application are three, so
 * the second application records the one-year training ban instead of offering a make-up.
 */
describe('three failures spread over two applications', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  }, 60_000);
  afterAll(async () => t?.close());

  it('bans training after the third failure, counted across both applications', async () => {
    // given: a first application fails its exam and its June make-up, and the unit gives up
    const first: Scenario = {
      name: '第一次申报:正考、第一次补考未通过,放弃第二次补考',
      clauses: ['SC26-31'],
      given: { asOf: '2026-01-12', applicant: 'zhangwei', recommender: 'org-my-filed', application: {} },
      when: [
        { submit: true },
        ...approvals,
        { complete: 'Task_TrainingExam', decision: 'reject', data: { trainingCompleted: true, examDate: '2026-01-12', score: 50, cheated: false } },
        { complete: 'Task_MakeupRequest', decision: 'approve', data: { makeupWindowId: '2026-06-makeup', stillEmployedByRecommender: true } },
        { advanceDays: 159 },
        { complete: 'Task_MakeupExam', decision: 'reject', data: { examDate: '2026-06-20', score: 47 } },
        { complete: 'Task_MakeupRequest', decision: 'reject' },
      ],
      then: { status: 'EXAM_FAILED', completedElementsEndWith: ['Task_MakeupRequest', 'Gateway_MakeupRequested', 'End_MakeupDeclined'], variables: { 'failureCheck.decision': 'ELIGIBLE' } },
    } as Scenario;
    await runScenario(t, DIR, first);
    const registry = t.platform.services.registry;
    expect((await registry.getPersonFacts(ID_NUMBER, '2026-07-01')).bans).toEqual([]);

    // when: the same person applies again in July and fails the regular exam
    const second: Scenario = {
      name: '第二次申报:正考未通过(累计第三次)',
      clauses: ['SC26-32'],
      given: { asOf: '2026-07-06', applicant: 'zhangwei', recommender: 'org-my-filed', application: {} },
      when: [{ submit: true }, ...approvals, { complete: 'Task_TrainingExam', decision: 'reject', data: { trainingCompleted: true, examDate: '2026-07-06', score: 52, cheated: false } }],
      // then: no make-up is offered, the ban is recorded from the third failure
      then: {
        status: 'EXAM_FAILED',
        completedElementsEndWith: ['Task_CheckFailuresAfterExam', 'Gateway_ThreeFailuresAfterExam', 'Task_BanAfterThreeFailures', 'Task_StatusThreeFailures', 'End_ThreeFailures'],
        variables: { 'sanction.kind': 'TRAINING_REGISTRATION', 'sanction.until': '2027-07-06' },
        examSittings: [
          { date: '2026-01-12', kind: 'exam', result: 'FAIL' },
          { date: '2026-06-20', kind: 'makeup', result: 'FAIL' },
          { date: '2026-07-06', kind: 'exam', result: 'FAIL' },
        ],
      },
    } as Scenario;
    await runScenario(t, DIR, second);

    // and: a third application in the ban is refused at submission with SC26-32
    const third: Scenario = {
      name: '限制期内再次申报',
      clauses: ['SC26-32'],
      given: { asOf: '2026-09-01', applicant: 'zhangwei', recommender: 'org-my-filed', application: {} },
      when: [{ submit: true }],
      then: { status: 'REJECTED', variables: { 'eligibility.decision': 'INELIGIBLE' }, failedClauses: ['SC26-32', 'SC26-45'] },
    } as Scenario;
    await runScenario(t, DIR, third);
  }, 180_000);
});
