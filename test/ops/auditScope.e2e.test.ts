import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type request from 'supertest';
import { DEMO_ACCOUNTS } from '../../engine/services/demo/demoData.ts';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform.ts';
import { validApplication } from '../support/fixtures.ts';

type Entry = { id: number; seq: number; at: string; action: string; actorId: string | null; entityId: string; applicationId: string | null; regionCode: string | null };

describe('audit log over HTTP: scoped to the admin’s region, filtered, paged (defect 4)', () => {
  let t: TestPlatform;
  let sichuanHash: string;
  let gansuHash: string;
  let applicationId: string;
  let applicantId: string;
  const all = async (agent: request.Agent, query: Record<string, string | number> = {}): Promise<Entry[]> => {
    const items: Entry[] = [];
    let afterId: number | undefined;
    for (;;) {
      const res = await agent.get('/api/audit').query({ ...query, limit: 500, ...(afterId ? { afterId } : {}) });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      items.push(...res.body.items);
      if (res.body.nextAfterId === null) return items;
      afterId = res.body.nextAfterId;
    }
  };

  beforeAll(async () => {
    t = await startTestPlatform();
    const admin = await t.login('admin');
    sichuanHash = (await admin.post('/api/packages').send({ source: 'sichuan/2026-examiner-training' })).body.hash;
    expect((await admin.post(`/api/packages/${sichuanHash}/activate`)).status).toBe(200);
    const gansuEditor = await t.login('policy-editor-gansu');
    gansuHash = (await gansuEditor.post('/api/packages').send({ source: 'gansu/2024-certification-plan' })).body.hash;
    // a Sichuan applicant's draft in Mianyang
    const acc = DEMO_ACCOUNTS.find((a) => a.role === 'applicant')!;
    const applicant = await t.login(acc.username);
    const org = (await t.platform.services.registry.listOrganisations({})).find((o) => o.cityCode === '510700' && o.filingStatus === 'FILED')!;
    const draft = await applicant.post('/api/applications').send({ packageHash: sichuanHash, data: validApplication({ name: acc.displayName, idNumber: acc.idNumber!, recommenderOrgId: org.id }) });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    applicationId = draft.body.id;
    applicantId = (await t.platform.services.accounts.findByUsername(acc.username))!.id;
  }, 60_000);
  afterAll(async () => t?.close());

  it('shows each province’s admin only that province’s entries', async () => {
    // when
    const sichuan = await all(await t.login('admin'));
    const gansu = await all(await t.login('admin-gansu'));
    const shandong = await all(await t.login('admin-shandong'));
    // then
    expect(sichuan.map((e) => e.entityId)).toEqual(expect.arrayContaining([sichuanHash, applicationId]));
    expect(sichuan.every((e) => e.regionCode?.startsWith('51'))).toBe(true);
    expect(gansu.map((e) => e.entityId)).toContain(gansuHash);
    expect(gansu.every((e) => e.regionCode?.startsWith('62'))).toBe(true);
    expect(shandong).toEqual([]);
    // a draft has no city yet: its entries belong to its package's region
    expect(sichuan.find((e) => e.applicationId === applicationId)?.regionCode).toBe('510000');
  });

  it('hides another region’s application even when asked for it by id', async () => {
    // when
    const res = await (await t.login('admin-shandong')).get('/api/audit').query({ applicationId });
    // then
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
  });

  it('filters by application, actor and time range, and pages by id', async () => {
    // given
    const admin = await t.login('admin');
    const everything = await all(admin);
    // when
    const byApp = await all(admin, { applicationId });
    const byActor = await all(admin, { actorId: applicantId });
    const pivot = everything.find((e) => e.entityId === applicationId)!;
    const fromPivot = await all(admin, { from: pivot.at });
    const beforePivot = await all(admin, { to: pivot.at });
    const page1 = await admin.get('/api/audit').query({ limit: 1 });
    const page2 = await admin.get('/api/audit').query({ limit: 1, afterId: page1.body.nextAfterId });
    // then
    expect(byApp.length).toBeGreaterThan(0);
    expect(byApp.every((e) => e.applicationId === applicationId)).toBe(true);
    expect(byActor.map((e) => e.action)).toContain('application.created');
    expect(byActor.every((e) => e.actorId === applicantId)).toBe(true);
    expect(fromPivot.every((e) => e.at >= pivot.at)).toBe(true);
    expect(beforePivot.every((e) => e.at < pivot.at)).toBe(true);
    expect(fromPivot.length + beforePivot.length).toBe(everything.length);
    expect(page1.body.items).toHaveLength(1);
    expect(page2.body.items[0].id).toBeGreaterThan(page1.body.items[0].id);
  });

  it('refuses a malformed or reversed time range with a Chinese problem', async () => {
    // given
    const admin = await t.login('admin');
    // when
    const garbage = await admin.get('/api/audit').query({ from: 'yesterday' });
    const reversed = await admin.get('/api/audit').query({ from: '2026-05-02T00:00:00Z', to: '2026-05-01T00:00:00Z' });
    // then
    expect(garbage.status).toBe(400);
    expect(garbage.headers['content-type']).toMatch(/problem\+json/);
    expect(reversed.status).toBe(400);
    expect(reversed.body.title).toMatch(/时间范围/);
  });

  it('is for administrators only', async () => {
    // when
    const res = await (await t.login('province-sichuan')).get('/api/audit');
    // then
    expect(res.status).toBe(403);
  });

  it('documents the filters in the OpenAPI document', async () => {
    // when
    const doc = (await t.agent().get('/api/openapi.json')).body;
    // then
    const names = (doc.paths['/api/audit'].get.parameters as Array<{ name: string; in: string }>).filter((p) => p.in === 'query').map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['applicationId', 'actorId', 'from', 'to', 'afterId', 'limit']));
  });
});
