import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../engine/services/demo/demoData.ts';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform.ts';
import { runScenario, type Scenario } from '../support/scenarioRunner.ts';

/**
 * A person's state carries across package versions through the registry: the examiner card that the
 * 2021 process issues is the card the 2024 renewal reads (diff-2021-2026.md, "Versioning consequence").
 */
const scenario = (dir: string, file: string): Scenario => JSON.parse(fs.readFileSync(`deployments/${dir}/scenarios/${file}`, 'utf8'));
const ZHANGWEI = DEMO_ACCOUNTS.find((a) => a.username === 'zhangwei')!;
const LIUNA = DEMO_ACCOUNTS.find((a) => a.username === 'liuna')!;

/** The 2024 renewal scenario, for the card the registry holds, in the round that covers its expiry. */
function renewalOf(file: string, applicant: string, card: { number: string; validFrom: string; validTo: string | null }): Scenario {
  const s = scenario('sichuan/2024-renewal', file);
  const month = Number(card.validTo!.slice(5, 7));
  const round = month <= 5 ? '2024-04' : month <= 8 ? '2024-07' : '2024-11';
  const asOf = { '2024-04': '2024-04-15', '2024-07': '2024-07-15', '2024-11': '2024-11-12' }[round]!;
  const who = DEMO_ACCOUNTS.find((a) => a.username === applicant)!;
  // The file's variables and cards name its own seeded card; this test asserts the registry's card itself.
  const then = { ...s.then! };
  delete then.variables;
  delete then.cards;
  return {
    ...s,
    given: { ...s.given, applicant, asOf, registry: undefined, application: { ...s.given.application, name: who.displayName, idNumber: who.idNumber, round, filledOn: asOf, cardNumber: card.number, cardValidFrom: card.validFrom, cardValidTo: card.validTo } },
    then,
  };
}

describe('registry state across packages: a 2021 card renewed under the 2024 notice', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  }, 60_000);
  afterAll(async () => t?.close());

  it('renews the card the 2021 process issued, and only because the registry holds it and the evaluation work done with it', async () => {
    // given: the 2021 training, exam, card issue and collection, run through the 2021 package
    await runScenario(t, 'sichuan/2021-examiner-training', scenario('sichuan/2021-examiner-training', 'examiner-post-hoc-card-collected.json'));
    const [card] = (await t.platform.services.registry.getPersonFacts(ZHANGWEI.idNumber!, '2021-12-31')).cards;
    expect(card).toMatchObject({ kind: 'EXAMINER', issuerRegionCode: '510000', status: 'COLLECTED' });
    expect(card!.validTo!.slice(0, 4)).toBe('2024');
    // and evaluation work done with that card in 2022 (entered by the centre)
    await t.platform.services.registry.records.recordEvaluation(ZHANGWEI.idNumber!, { date: '2022-06-15', occupationCode: card!.occupationCode, role: 'examiner' }, 'import:2022-06-15');

    // when: the 2024 renewal naming that card, with no card seeded
    const renewed = renewalOf('process-examiner-city-route.json', 'zhangwei', card!);
    await runScenario(t, 'sichuan/2024-renewal', renewed);

    // then: a new card for three more years, from the renewal's issue date
    const cards = (await t.platform.services.registry.getPersonFacts(ZHANGWEI.idNumber!, renewed.given.asOf)).cards;
    expect(cards).toHaveLength(2);
    expect(cards[0]).toMatchObject({ number: card!.number, status: 'VOID', cancelReason: '已换发新证' });
    expect(cards[1]).toMatchObject({ kind: 'EXAMINER' });
    expect(cards[1]!.validTo! > card!.validTo!).toBe(true);
  }, 120_000);

  it('refuses the renewal of a 2021 card with no evaluation work recorded during its validity (SC24-15)', async () => {
    // given: the same 2021 path for another examiner, and no evaluation work
    const path2021 = scenario('sichuan/2021-examiner-training', 'examiner-post-hoc-card-collected.json');
    await runScenario(t, 'sichuan/2021-examiner-training', { ...path2021, given: { ...path2021.given, applicant: 'liuna' }, then: { status: path2021.then!.status } });
    const [card] = (await t.platform.services.registry.getPersonFacts(LIUNA.idNumber!, '2021-12-31')).cards;
    expect(card).toMatchObject({ status: 'COLLECTED' });
    // when / then: the renewal ends ineligible on SC24-15 (asserted by the scenario's failedClauses)
    await runScenario(t, 'sichuan/2024-renewal', renewalOf('process-no-evaluation-work.json', 'liuna', card!));
  }, 120_000);
});
