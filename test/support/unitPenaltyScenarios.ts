import type { Scenario } from './scenarioRunner.ts';

/**
 * One recommendation of a unit that ends without the training completed (SC26-37), in a month with a
 * class, on the 2026 examiner package: what moves the unit's tally toward SC26-51's three.
 */
export const trainingNotCompleted = (asOf: string, recommender: string, then: Scenario['then'] = { status: 'NO_RIGHT_TO_SIT' }): Scenario =>
  ({
    name: `推荐人员未完成培训(${asOf})`,
    clauses: ['SC26-37', 'SC26-51'],
    given: { asOf, applicant: 'zhangwei', recommender, application: {} },
    when: [
      { submit: true },
      { complete: 'Task_UnitReview', decision: 'approve' },
      { complete: 'Task_CityReview', decision: 'approve' },
      { complete: 'Task_ProvinceReReview', decision: 'approve' },
      { complete: 'Task_TrainingExam', decision: 'approve', data: { trainingCompleted: false, examDate: asOf, score: 0 } },
    ],
    then,
  }) as Scenario;
