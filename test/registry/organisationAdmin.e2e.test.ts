import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform.ts';

const ORG = {
  name: '德阳市某职业技能等级评价机构',
  regionCode: '510603',
  cityCode: '510600',
  provinceCode: '510000',
  level: 'city',
  filingStatus: 'SUBMITTED',
  isUndelegatedProvincialInChengdu: false,
  occupations: ['4-01-02-01'],
};

/** Organisations kept by the administrators of their region (issue 10): the facts the rules read, audited. */
describe('PUT /api/organisations/{id}', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  }, 60_000);
  afterAll(async () => t?.close());

  it('creates and updates an organisation of the admin’s province, audits both, and the rules read the change', async () => {
    // given 四川's administrator
    const admin = await t.login('admin');
    // when he enters a new organisation, then records its filing
    const created = await admin.put('/api/organisations/org-dy-new').send(ORG);
    const filed = await admin.put('/api/organisations/org-dy-new').send({ ...ORG, filingStatus: 'FILED', filedDate: '2026-05-20' });
    // then
    expect(created.status).toBe(201);
    expect(filed.status).toBe(200);
    expect(filed.body).toMatchObject({ id: 'org-dy-new', filingStatus: 'FILED', filedDate: '2026-05-20', cityCode: '510600' });
    expect((await t.platform.services.registry.getRecommenderFacts('org-dy-new', '2026-06-01'))).toMatchObject({ filingStatus: 'FILED' });
    const trail = await t.platform.db.knex('audit_log').where({ entity_type: 'organisation', entity_id: 'org-dy-new' }).orderBy('id');
    expect(trail.map((r: { action: string }) => r.action)).toEqual(['organisation.created', 'organisation.updated']);
    expect(JSON.parse(trail[1].detail)).toMatchObject({ before: { filingStatus: 'SUBMITTED' }, after: { filingStatus: 'FILED' } });
  });

  it('keeps every other region out: another province’s admin gets 404 for both an existing and a new Sichuan organisation', async () => {
    // given
    const gansu = await t.login('admin-gansu');
    // when
    const existing = await gansu.put('/api/organisations/org-my-filed').send({ ...ORG, regionCode: '620102', cityCode: '620100', provinceCode: '620000' });
    const intoSichuan = await gansu.put('/api/organisations/org-gs-into-sc').send(ORG);
    // then: nothing changed
    expect(existing.status).toBe(404);
    expect(intoSichuan.status).toBe(404);
    expect((await t.platform.services.registry.getOrganisation('org-my-filed')).cityCode).toBe('510700');
    await expect(t.platform.services.registry.getOrganisation('org-gs-into-sc')).rejects.toThrow();
    // and a reviewer may not write at all
    expect((await (await t.login('city-deyang')).put('/api/organisations/org-dy-new').send(ORG)).status).toBe(403);
  });

  it('refuses codes that do not nest and a bad filing status, in Chinese, writing nothing', async () => {
    const admin = await t.login('admin');
    // when
    const mismatch = await admin.put('/api/organisations/org-bad').send({ ...ORG, cityCode: '510700' });
    const status = await admin.put('/api/organisations/org-bad').send({ ...ORG, filingStatus: 'MAYBE' });
    // then
    expect(mismatch.status).toBe(400);
    expect(mismatch.headers['content-type']).toContain('application/problem+json');
    expect(mismatch.body.title).toBe('行政区划代码不一致');
    expect(status.status).toBe(400);
    await expect(t.platform.services.registry.getOrganisation('org-bad')).rejects.toThrow();
  });
});
