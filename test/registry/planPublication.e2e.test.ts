import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform.ts';

const at = (date: string) => Date.parse(`${date}T09:00:00+08:00`);

/**
 * SC24-07 「4、7、11月的每月10日前…发布换证计划」: the admins record when and where each plan was
 * published; the day after a deadline, a plan not recorded (or recorded late) is a warning on the job's
 * result and the audit trail, once — also across a restart. The 通报 list of SC26-50 is read by the
 * centres of the region.
 */
describe('plan publication and the unit penalties list', () => {
  let t: TestPlatform;
  let hash: string;
  beforeAll(async () => {
    t = await startTestPlatform();
    // The test moves the clock and ticks the runner itself (the poller would run every job at today's date).
    await t.platform.services.scheduledJobs.stop();
    const { version } = await t.platform.services.packages.deployFromDirectory(null, 'sichuan/2024-renewal');
    await t.platform.services.packages.activate(null, version.hash);
    hash = version.hash;
  }, 60_000);
  afterAll(async () => t?.close());

  const jobs = () => t.platform.services.scheduledJobs;
  const warnings = () => t.platform.db.knex('audit_log').where({ action: 'plan.publication-warning' });

  it('warns once about a plan not published by its deadline, and not about one published in time', async () => {
    // given: 四川's admin records the July plan as published on 2024-07-05
    const admin = await t.login('admin');
    const recorded = await admin.put(`/api/packages/${hash}/plans/plan-2024-07/publication`).send({ publishedOn: '2024-07-05', reference: '川职鉴〔2024〕12号' });
    expect(recorded.status).toBe(200);
    expect(recorded.body).toMatchObject({ windowId: 'plan-2024-07', deadline: '2024-07-10', state: 'PUBLISHED', publication: { publishedOn: '2024-07-05', reference: '川职鉴〔2024〕12号' } });

    // when: the day after the April deadline comes without an April plan
    t.clock.set(at('2024-04-11'));
    await jobs().tick();
    // then: the April check warns, once
    const adminActor = (await t.platform.services.accounts.findByUsername('admin'))!;
    const april = (await jobs().list(adminActor)).find((j) => j.key.endsWith(':check-plan-published-2024-04'))!;
    expect(april).toMatchObject({ state: 'DONE', dueOn: '2024-04-11', clause: 'SC24-07' });
    expect(april.result).toMatchObject({ published: false, deadline: '2024-04-10' });
    expect(String(april.result!.warning)).toContain('4月换证计划发布');
    expect(await warnings()).toHaveLength(1);

    // when: the July deadline passes with the plan published in time
    t.clock.set(at('2024-07-11'));
    await jobs().tick();
    const july = (await jobs().list(adminActor)).find((j) => j.key.endsWith(':check-plan-published-2024-07'))!;
    // then: no warning for July
    expect(july.result).toMatchObject({ published: true, onTime: true, warning: null, reference: '川职鉴〔2024〕12号' });
    expect(await warnings()).toHaveLength(1);

    // when: the platform restarts (still on 2024-07-11) and the runner looks again
    await t.restart();
    await t.platform.services.scheduledJobs.tick();
    await t.platform.services.scheduledJobs.stop();
    // then: nothing is warned twice
    expect(await warnings()).toHaveLength(1);

    // and: today the list shows what is published and what is overdue
    t.clock.set(Date.now());
    const list = await (await t.login('policy-editor')).get(`/api/packages/${hash}/plans`);
    expect(list.status).toBe(200);
    expect(list.body.map((p: { windowId: string; state: string }) => [p.windowId, p.state])).toEqual([
      ['plan-2024-04', 'OVERDUE'],
      ['plan-2024-07', 'PUBLISHED'],
      ['plan-2024-11', 'OVERDUE'],
    ]);
  }, 60_000);

  it('refuses a bad publication record in Chinese, and keeps it to the admins of the region', async () => {
    // given
    t.clock.set(Date.now());
    const admin = await t.login('admin');
    const before = await t.platform.db.knex('plan_publications').select();
    // when / then: a date that is no date, a date in the future, an empty reference
    const bad = await admin.put(`/api/packages/${hash}/plans/plan-2024-11/publication`).send({ publishedOn: '2024-02-30', reference: ' ' });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.problems.map((p: { pointer: string }) => p.pointer)).toEqual(['/publishedOn', '/reference']);
    expect((await admin.put(`/api/packages/${hash}/plans/plan-2024-11/publication`).send({ publishedOn: '2099-01-01', reference: '川职鉴〔2024〕20号' })).body.problems[0].message).toBe('发布日期不能晚于今天');
    // a window that is not a plan, a version of another region, the wrong role
    expect((await admin.put(`/api/packages/${hash}/plans/expiry-2024-04/publication`).send({ publishedOn: '2024-04-01', reference: 'x' })).status).toBe(404);
    expect((await (await t.login('admin-gansu')).put(`/api/packages/${hash}/plans/plan-2024-11/publication`).send({ publishedOn: '2024-11-01', reference: 'x' })).status).toBe(404);
    expect((await (await t.login('policy-editor')).put(`/api/packages/${hash}/plans/plan-2024-11/publication`).send({ publishedOn: '2024-11-01', reference: 'x' })).status).toBe(403);
    // then nothing was stored
    expect(await t.platform.db.knex('plan_publications').select()).toEqual(before);
  });

  it('lists the province’s penalty decisions and 通报 to the centres of the unit’s region only', async () => {
    // given: the province has cut 绵阳市技师学院's quota and named it in its 通报
    await t.platform.services.registry.unitYears.record({ orgId: 'org-my-filed', cityCode: '510700', year: 2026, unitCut: 2, cityCut: 1, publicNotice: true, findings: ['unit-non-completion-below-three'], clauses: ['SC26-51'], opinion: '削减名额并通报', decidedBy: '四川省职鉴中心审核人', packageHash: null, idempotencyKey: 'test:penalty:1' });
    t.clock.set(Date.now());
    // when / then: the province and the unit's city see it, with the unit's name
    for (const who of ['province-sichuan', 'city-mianyang', 'admin']) {
      const r = await (await t.login(who)).get('/api/registry/unit-penalties').query({ year: 2026, publicNotice: true });
      expect(r.status, who).toBe(200);
      expect(r.body, who).toEqual([expect.objectContaining({ orgId: 'org-my-filed', orgName: expect.stringContaining('绵阳市技师学院'), unitCut: 2, cityCut: 1, publicNotice: true, clauses: ['SC26-51'] })]);
    }
    // another city and another province do not; applicants and units may not ask
    expect((await (await t.login('city-deyang')).get('/api/registry/unit-penalties')).body).toEqual([]);
    expect((await (await t.login('province-gansu')).get('/api/registry/unit-penalties')).body).toEqual([]);
    expect((await (await t.login('zhangwei')).get('/api/registry/unit-penalties')).status).toBe(403);
    expect((await (await t.login('unit-my-filed')).get('/api/registry/unit-penalties')).status).toBe(403);
    expect((await t.agent().get('/api/registry/unit-penalties')).status).toBe(401);
  });
});
