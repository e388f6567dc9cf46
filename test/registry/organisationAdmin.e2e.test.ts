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

  it('records the levels filed for each occupation, which the GS24-01 rule reads, and refuses levels of an occupation not filed', async () => {
    // given Gansu's administrator and its provincial organisation (焊工 filed)
    const admin = await t.login('admin-gansu');
    const gs = await t.platform.services.registry.getOrganisation('org-gs-provincial');
    const body = { name: gs.name, regionCode: gs.regionCode, cityCode: gs.cityCode, provinceCode: gs.provinceCode, level: gs.level, filingStatus: gs.filingStatus, filingAcceptedDate: gs.filingAcceptedDate, filedDate: gs.filedDate, isUndelegatedProvincialInChengdu: false, occupations: gs.occupations };
    // when he records 焊工 as filed for levels 2 to 5
    const saved = await admin.put('/api/organisations/org-gs-provincial').send({ ...body, filedLevels: { '6-18-01-01': [5, 4, 3, 2] } });
    // then the registry keeps them (sorted) and the rules read them as the organisation's facts
    expect(saved.status).toBe(200);
    expect(saved.body.filedLevels).toEqual({ '6-18-01-01': [2, 3, 4, 5] });
    expect((await t.platform.services.registry.getOrganisationFacts('org-gs-provincial', '2024-03-01')).filedLevels).toEqual({ '6-18-01-01': [2, 3, 4, 5] });
    // when levels name an occupation it has not filed, or a level that does not exist
    const notFiled = await admin.put('/api/organisations/org-gs-provincial').send({ ...body, filedLevels: { '4-03-02-01': [3] } });
    const badLevel = await admin.put('/api/organisations/org-gs-provincial').send({ ...body, filedLevels: { '6-18-01-01': [6] } });
    // then both are refused in Chinese and the recorded levels stay
    expect(notFiled.status).toBe(400);
    expect(notFiled.body.title).toBe('备案级别所属的职业(工种)不在备案职业中');
    expect(badLevel.status).toBe(400);
    expect((await t.platform.services.registry.getOrganisation('org-gs-provincial')).filedLevels).toEqual({ '6-18-01-01': [2, 3, 4, 5] });
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
