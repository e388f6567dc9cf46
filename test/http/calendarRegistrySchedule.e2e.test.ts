import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform.ts';

/** The calendar, person registry and schedule endpoints over HTTP: who may do what, and bad input as problems. */
describe('calendar, person registry and schedules over HTTP', () => {
  let t: TestPlatform;
  let gansuHash: string;
  beforeAll(async () => {
    t = await startTestPlatform();
    // Deploying is scoped to the editor's region: Gansu's package by Gansu's policy editor.
    const editor = await t.login('policy-editor-gansu');
    gansuHash = (await editor.post('/api/packages').send({ source: 'gansu/2024-certification-plan' })).body.hash;
  }, 60_000);
  afterAll(async () => t?.close());

  it('answers working days and deadlines publicly, and a Sichuan override changes Sichuan deadlines only', async () => {
    // given
    const anon = t.agent();
    const admin = await t.login('admin');
    // when
    const days = await anon.get('/api/calendar/days').query({ from: '2026-10-09', to: '2026-10-12' });
    const before = await anon.get('/api/calendar/deadline').query({ anchor: '2026-10-09', amount: 2, unit: 'WD', counting: 'C1', region: '510700' });
    const set = await admin.put('/api/admin/calendar/overrides/2026-10-12').send({ working: false, note: '地方节日' });
    const after = await anon.get('/api/calendar/deadline').query({ anchor: '2026-10-09', amount: 2, unit: 'WD', counting: 'C1', region: '510700' });
    const gansu = await anon.get('/api/calendar/deadline').query({ anchor: '2026-10-09', amount: 2, unit: 'WD', counting: 'C1', region: '620100' });
    // then: 10-10 is the National Day make-up Saturday
    expect(days.body.map((d: { date: string; working: boolean; source: string }) => [d.date, d.working, d.source])).toEqual([
      ['2026-10-09', true, 'weekday'],
      ['2026-10-10', true, 'makeUpWorkday'],
      ['2026-10-11', false, 'weekend'],
      ['2026-10-12', true, 'weekday'],
    ]);
    expect(before.body.date).toBe('2026-10-12');
    expect(set.status).toBe(200);
    expect(after.body.date).toBe('2026-10-13');
    expect(gansu.body.date).toBe('2026-10-12');
    expect((await admin.delete('/api/admin/calendar/overrides/2026-10-12')).status).toBe(204);
  });

  it('refuses calendar changes from others and bad dates, with problem+json', async () => {
    const editor = await t.login('policy-editor');
    const forbidden = await editor.put('/api/admin/calendar/overrides/2026-10-12').send({ working: false });
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers['content-type']).toContain('application/problem+json');
    expect((await t.agent().put('/api/admin/calendar/overrides/2026-10-12').send({ working: false })).status).toBe(401);
    const bad = await t.agent().get('/api/calendar/deadline').query({ anchor: '2026-02-30', amount: 2, unit: 'WD', counting: 'C1' });
    expect(bad.status).toBe(400);
    expect(bad.body.title).toBeTruthy();
    expect((await t.agent().get('/api/calendar/deadline').query({ anchor: '2026-10-09', amount: 2, unit: 'WD', counting: 'C9' })).status).toBe(400);
  });

  it('moves a period that ends on a rest day to the next working day when asked (《民法典》第203条)', async () => {
    // given: one month from 2026-09-03 ends on 2026-10-03, inside the National Day holiday
    const anon = t.agent();
    // when
    const plain = await anon.get('/api/calendar/deadline').query({ anchor: '2026-09-03', amount: 1, unit: 'MONTH', counting: 'C4' });
    const extended = await anon.get('/api/calendar/deadline').query({ anchor: '2026-09-03', amount: 1, unit: 'MONTH', counting: 'C4', extendIfLastDayIsRestDay: 'true' });
    const bad = await anon.get('/api/calendar/deadline').query({ anchor: '2026-09-03', amount: 1, unit: 'MONTH', counting: 'C4', extendIfLastDayIsRestDay: 'yes' });
    // then
    expect(plain.body.date).toBe('2026-10-03');
    expect(extended.body.date).toBe('2026-10-08');
    expect(bad.status).toBe(400);
  });

  it('imports a person\'s earlier records in one request for administrators only, and refuses a bad ID number', async () => {
    // given
    const admin = await t.login('admin');
    const reviewer = await t.login('city-mianyang');
    const id = '11010519491231002X';
    // when
    const ok = await admin.post('/api/registry/person-records').send({ idNumber: id, name: '赵敏', cards: [{ number: 'SC-2021-9', kind: 'EXAMINER', issuerRegionCode: '510000', validFrom: '2021-07-01', validTo: '2024-07-01' }] });
    // then
    expect(ok.status).toBe(200);
    expect((await reviewer.post('/api/registry/person-lookups').send({ idNumber: id })).body.cards).toMatchObject([{ number: 'SC-2021-9', status: 'COLLECTED' }]);
    expect((await reviewer.post('/api/registry/person-records').send({ idNumber: id, name: '赵敏' })).status).toBe(403);
    expect((await (await t.login('zhangwei')).post('/api/registry/person-lookups').send({ idNumber: id })).status).toBe(403);
    const badId = await admin.post('/api/registry/person-records').send({ idNumber: '110105194912310021', name: '赵敏' });
    expect(badId.status).toBe(400);
    const badBody = await admin.post('/api/registry/person-records').send({ idNumber: id, name: '赵敏', cards: [{ number: 'X', kind: 'BOSS', issuerRegionCode: '510000', validFrom: '2021-07-01' }] });
    expect(badBody.status).toBe(400);
    expect((await reviewer.post('/api/registry/person-lookups').send({ idNumber: id })).body.cards).toHaveLength(1);
  });

  it('imports a card issued outside the region when it is valid in it or nationwide (人社部), and refuses one valid only elsewhere', async () => {
    // given 四川's administrator and two people with no application anywhere yet
    const admin = await t.login('admin');
    // when: a 人社部 card valid nationwide, and a 甘肃 card valid only in 甘肃
    const national = await admin.post('/api/registry/person-records').send({ idNumber: '510703198001011232', name: '李雷', cards: [{ number: 'MOHRSS-KPY-2022-0001', kind: 'EXAMINER', issuerRegionCode: '100000', validRegionCode: '000000', validFrom: '2022-03-01', validTo: '2025-03-01' }] });
    const elsewhere = await admin.post('/api/registry/person-records').send({ idNumber: '620102198001011235', name: '韩梅', cards: [{ number: 'GS-KPY-2022-0001', kind: 'EXAMINER', issuerRegionCode: '620000', validRegionCode: '620000', validFrom: '2022-03-01', validTo: '2025-03-01' }] });
    // then
    expect(national.status, JSON.stringify(national.body)).toBe(200);
    expect(national.body.cards).toMatchObject([{ number: 'MOHRSS-KPY-2022-0001', issuerRegionCode: '100000' }]);
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.detail).toContain('无权录入其他地区核发且不在本地区有效的证卡');
    await expect(t.platform.services.registry.getCard('GS-KPY-2022-0001')).rejects.toThrow();
  });

  it('gives a package schedule with each window\'s state on a day, the last day of a window still open', async () => {
    // when
    const open = await t.agent().get(`/api/packages/${gansuHash}/schedule`).query({ on: '2024-03-06' });
    const closed = await t.agent().get(`/api/packages/${gansuHash}/schedule`).query({ on: '2024-03-07' });
    expect(open.status, JSON.stringify(open.body)).toBe(200);
    // then
    const march = (r: { body: { windows: Array<{ id: string; state: string; closes: string }> } }) => r.body.windows.find((w) => w.id === '2024-03-registration')!;
    expect(march(open)).toMatchObject({ closes: '2024-03-06', state: 'OPEN' });
    expect(march(closed).state).toBe('CLOSED');
    expect((await t.agent().get(`/api/packages/${'f'.repeat(64)}/schedule`)).status).toBe(404);
  });
});
