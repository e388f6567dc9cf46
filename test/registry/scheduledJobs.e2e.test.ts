import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../engine/services/demo/demoData.ts';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform.ts';
import { runScenario, type Scenario } from '../support/scenarioRunner.ts';
import { ScheduledJobService } from '../../engine/services/scheduledJobs/ScheduledJobService.ts';

const DIR = 'sichuan/2024-renewal';
const idOf = (username: string) => DEMO_ACCOUNTS.find((a) => a.username === username)!.idNumber!;
const at = (date: string) => Date.parse(`${date}T09:00:00+08:00`);

/**
 * SC24-16 / SC24-08 as registry-level scheduled jobs (issue 10): after a renewal round's registration
 * closes, the cards of the round whose holders did not apply are void; a month before the round the
 * holders are reminded. Durable, on the platform's clock, each job once — also across a restart and a
 * crash in the middle of a run — and listed to the admins of the region only.
 */
describe('scheduled jobs of the 2024 renewal', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  }, 60_000);
  afterAll(async () => t?.close());

  const jobs = () => t.platform.services.scheduledJobs;
  const card = (number: string) => t.platform.services.registry.getCard(number);
  const voidedEntries = async (number: string) => (await t.platform.db.knex('audit_log').where({ action: 'card.voided', entity_id: number })).length;

  it('voids the unrenewed cards of a round once, reminds their holders once, and shows both to the admins of the province', async () => {
    // given: 王强's card (April round, expires 2024-04-19) and 陈静's (expires 2024-05-31, may renew in April or July), for which nobody applies …
    const registry = t.platform.services.registry;
    for (const [username, number, validTo] of [['wangqiang', 'SC-KPY-2021-0102', '2024-04-19'], ['chenjing', 'SC-KPY-2021-0103', '2024-05-31']] as const) {
      await registry.upsertPerson({ idNumber: idOf(username), name: DEMO_ACCOUNTS.find((a) => a.username === username)!.displayName });
      await registry.importCard({ number, idNumber: idOf(username), kind: 'EXAMINER', occupationCode: '4-01-02-01', issuerRegionCode: '510000', validRegionCode: '510000', validFrom: '2021-04-20', validTo, status: 'COLLECTED' } as never);
    }

    // … while 张伟 renews his April-round card through the process (2024-04-15)
    const renewal = JSON.parse(fs.readFileSync(`deployments/${DIR}/scenarios/process-examiner-city-route.json`, 'utf8')) as Scenario;
    await runScenario(t, DIR, renewal);
    // when: the April round's registration has closed (2024-04-29) and the runner looks on 2024-04-30
    t.clock.set(at('2024-04-30'));
    await jobs().tick();

    // then: 王强's card is void, 陈静's waits for July, 张伟's (renewed) is not touched by the job
    const adminActor = (await t.platform.services.accounts.findByUsername('admin'))!;
    const list = await jobs().list(adminActor);
    const april = list.find((j) => j.key.endsWith(':void-unrenewed-examiners-2024-04'))!;
    expect(april).toMatchObject({ state: 'DONE', dueOn: '2024-04-30', clause: 'SC24-16' });
    expect(april.result!.voided).toEqual(['SC-KPY-2021-0102']);
    expect(april.result!.notYetExpired).toBe(1);
    expect(await card('SC-KPY-2021-0102')).toMatchObject({ status: 'VOID' });
    expect(await card('SC-KPY-2021-0103')).toMatchObject({ status: 'COLLECTED' });
    expect(list.find((j) => j.key.endsWith(':void-unrenewed-examiners-2024-07'))).toMatchObject({ state: 'PENDING', dueOn: '2024-07-31' });
    // and the April reminder (due 2024-03-10) ran once, for each holder of an April-round card
    expect(list.find((j) => j.key.endsWith(':remind-renewal-2024-04'))).toMatchObject({ state: 'DONE', dueOn: '2024-03-10' });
    for (const who of ['wangqiang', 'chenjing']) expect(await t.platform.db.knex('notifications').where({ person_key: t.platform.db.personal.lookupKey(idOf(who)) })).toHaveLength(1);

    // when: the platform restarts and looks again
    await t.restart();
    await t.platform.services.scheduledJobs.tick();
    // then: nothing ran twice
    expect(await voidedEntries('SC-KPY-2021-0102')).toBe(1);
    expect(await t.platform.db.knex('notifications').where({ person_key: t.platform.db.personal.lookupKey(idOf('wangqiang')) })).toHaveLength(1);

    // when: July's round closes, and the run is interrupted after its effect (the row still RUNNING)
    t.clock.set(at('2024-07-31'));
    await t.platform.services.scheduledJobs.tick();
    expect(await card('SC-KPY-2021-0103')).toMatchObject({ status: 'VOID' });
    await t.platform.db.knex('scheduled_jobs').where('key', 'like', '%:void-unrenewed-examiners-2024-07').update({ state: 'RUNNING', finished_at: null });
    await t.restart();
    await t.platform.services.scheduledJobs.tick();
    // then: the job is finished at start-up, its effect not repeated
    const july = (await t.platform.db.knex('scheduled_jobs').where('key', 'like', '%:void-unrenewed-examiners-2024-07').first()) as { state: string; attempts: number };
    expect(july).toMatchObject({ state: 'DONE', attempts: 2 });
    expect(await voidedEntries('SC-KPY-2021-0103')).toBe(1);

    // and, back at today's date: 王强 reads his reminder, the admins of 四川 see the jobs, another province's none
    t.clock.set(Date.now());
    const wang = await t.login('wangqiang');
    const notes = (await wang.get('/api/me/notifications')).body as Array<{ title: string; body: string; clause: string }>;
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ title: '证卡复核换证提醒', clause: 'SC24-08' });
    expect(notes[0]!.body).toContain('SC-KPY-2021-0102');
    expect(notes[0]!.body).toContain('2024-04-10至2024-04-29');
    const listed = (await (await t.login('admin')).get('/api/scheduled-jobs')).body as Array<{ key: string; state: string }>;
    expect(listed.find((j) => j.key.endsWith(':void-unrenewed-examiners-2024-04'))).toMatchObject({ state: 'DONE' });
    const gansu = (await (await t.login('admin-gansu')).get('/api/scheduled-jobs')).body as Array<{ regionCode: string }>;
    expect(gansu.filter((j) => j.regionCode.startsWith('51'))).toEqual([]);
    expect((await (await t.login('city-mianyang')).get('/api/scheduled-jobs')).status).toBe(403);
  }, 120_000);
});

describe('a scheduled job whose audit entry fails', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  }, 60_000);
  afterAll(async () => t?.close());

  it('is marked done in the transaction that writes its entry, so a failed entry leaves it to run again and the next run records both', async () => {
    // given: the 2024 renewal package active, and a runner on the platform's store whose audit log fails the job's entry once
    const s = t.platform.services;
    const { version } = await s.packages.deployFromDirectory(null, DIR);
    await s.packages.activate(null, version.hash);
    let failOnce = true;
    const stateSeenByEntry: string[] = [];
    const audit = {
      append: async (entry: Parameters<typeof s.audit.append>[0], trx?: Parameters<typeof s.audit.append>[1]) => {
        if (entry.action === 'scheduled-job.done') {
          // The entry must be written in the transaction that marks the job done (not after its commit).
          stateSeenByEntry.push(trx ? ((await trx('scheduled_jobs').where({ key: (entry.detail as { key: string }).key }).first('state')) as { state: string }).state : 'no transaction');
          if (failOnce) {
            failOnce = false;
            throw new Error('audit log unavailable');
          }
        }
        return s.audit.append(entry, trx);
      },
    };
    const runner = new ScheduledJobService(t.platform.db, { packages: s.packages, schedules: s.schedules, registry: s.registry, audit, now: () => t.clock.now(), log: () => {} });
    const reminder = () => t.platform.db.knex('scheduled_jobs').where('key', 'like', '%:remind-renewal-2024-04').first() as Promise<{ state: string; attempts: number; key: string }>;
    const entries = async (key: string) => (await t.platform.db.knex('audit_log').where({ action: 'scheduled-job.done', entity_id: key })).length;

    // when: the April reminder falls due (2024-03-10) and its entry cannot be written
    await s.scheduledJobs.stop();
    t.clock.set(at('2024-03-10'));
    await runner.tick();

    // then: the job is not done (it waits for its next attempt) and has no entry
    const first = await reminder();
    expect(first).toMatchObject({ state: 'PENDING', attempts: 1 });
    expect(await entries(first.key)).toBe(0);

    // when: the next poll runs it again
    await runner.tick();

    // then: done, with exactly one entry, written each time inside the transaction that marked it done
    expect(await reminder()).toMatchObject({ state: 'DONE', attempts: 2 });
    expect(await entries(first.key)).toBe(1);
    expect(stateSeenByEntry).toEqual(['DONE', 'DONE']);
  }, 60_000);
});
