import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform.ts';
import { runScenario, type Scenario } from '../support/scenarioRunner.ts';

const DIR = 'sichuan/2026-examiner-training';
const scenario = (file: string): Scenario => JSON.parse(fs.readFileSync(`deployments/${DIR}/scenarios/${file}`, 'utf8'));

/**
 * SC26-52: a recommended person cheats at the exam, the unit's recommendations are suspended for a
 * year, and the suspension is what the eligibility rules then read: the unit's next recommendation
 * is refused. (The process recorded one kind and the rules read another, so nothing was ever refused.)
 */
describe('a sanction recorded by a process is the one the rules apply', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  }, 60_000);
  afterAll(async () => t?.close());

  it('refuses the next recommendation of a unit suspended after cheating, naming SC26-52', async () => {
    // given: 张伟 cheats at the exam on 2026-03-02 (recommended by 绵阳市技师学院)
    await runScenario(t, DIR, scenario('cheating-suspends-unit.json'));
    expect((await t.platform.services.registry.getRecommenderFacts('org-my-filed', '2026-06-01'))?.recommendationSuspendedUntil).toBe('2027-03-02');
    // when: the same unit recommends 刘娜 in June
    const refused: Scenario = {
      name: '暂停推荐期间的推荐',
      clauses: ['SC26-52'],
      given: { asOf: '2026-06-01', applicant: 'liuna', recommender: 'org-my-filed', application: {} },
      when: [{ submit: true }],
      then: { status: 'REJECTED', variables: { 'eligibility.decision': 'INELIGIBLE' }, failedClauses: ['SC26-52'] },
    } as Scenario;
    // then it is refused with the suspension's clause
    await runScenario(t, DIR, refused);
  });
});
