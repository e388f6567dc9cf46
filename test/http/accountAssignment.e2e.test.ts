import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeTargets, type StoreTarget } from '../support/stores.ts';
import { startTestPlatformOn } from '../support/startTestPlatformOn.ts';
import type { TestPlatform } from '../support/testPlatform.ts';

/**
 * Issue 12, accounts: an admin changes an account's role and its organisation or region, only within
 * their region: a role change ends the account's sessions; never an admin of another region (403),
 * never another region's account or organisation (404), never their own account (422); audited.
 */
describe.each(storeTargets())('PUT /api/admin/accounts/{username}/assignment on $name', (store: StoreTarget) => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatformOn(store);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const account = (username: string) => t.platform.db.knex('accounts').where({ username }).first('id', 'role', 'org_id', 'region_code');

  it('moves a unit reviewer to another unit of the region without ending its session; the unit’s city becomes its region', async () => {
    // given the reviewer of a 德阳 unit, signed in
    const reviewer = await t.login('unit-dy-stale');
    const admin = await t.login('admin');
    // when the admin moves it to 绵阳市技师学院
    const res = await admin.put('/api/admin/accounts/unit-dy-stale/assignment').send({ role: 'unit_reviewer', orgId: 'org-my-filed' });
    // then
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ username: 'unit-dy-stale', role: 'unit_reviewer', orgId: 'org-my-filed', regionCode: '510700', sessionsEnded: 0 });
    expect(await account('unit-dy-stale')).toMatchObject({ role: 'unit_reviewer', org_id: 'org-my-filed', region_code: '510700' });
    expect((await reviewer.get('/api/session')).body.actor).toMatchObject({ orgId: 'org-my-filed', regionCode: '510700' });
    const listed = ((await admin.get('/api/admin/accounts')).body as Array<{ username: string; orgName: string | null }>).find((a) => a.username === 'unit-dy-stale');
    expect(listed?.orgName).toBe('绵阳市技师学院(已备案评价机构)');
    const { id } = await account('unit-dy-stale');
    const trail = await t.platform.db.knex('audit_log').where({ entity_id: id, action: 'account.assignment-changed' }).select('detail', 'region_code');
    expect(trail).toHaveLength(1);
    expect(JSON.parse(trail[0].detail)).toMatchObject({ before: { role: 'unit_reviewer', orgId: 'org-dy-stale', regionCode: '510600' }, after: { role: 'unit_reviewer', orgId: 'org-my-filed', regionCode: '510700' }, sessionsEnded: 0 });
  });

  it('a role change ends the account’s sessions at once; the new role applies at the next sign-in', async () => {
    // given the 德阳 city reviewer, signed in twice
    const one = await t.login('city-deyang');
    await t.login('city-deyang');
    const admin = await t.login('admin');
    // when the admin makes it the province's reviewer
    const res = await admin.put('/api/admin/accounts/city-deyang/assignment').send({ role: 'province_reviewer' });
    // then
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ role: 'province_reviewer', orgId: null, regionCode: '510000', sessionsEnded: 2 });
    expect((await one.get('/api/tasks')).status).toBe(401);
    expect((await (await t.login('city-deyang')).get('/api/session')).body.actor).toMatchObject({ role: 'province_reviewer', regionCode: '510000' });
    // and the same assignment again changes nothing and audits nothing
    const { id } = await account('city-deyang');
    const again = await admin.put('/api/admin/accounts/city-deyang/assignment').send({ role: 'province_reviewer' });
    expect(again.body.sessionsEnded).toBe(0);
    expect(await t.platform.db.knex('audit_log').where({ entity_id: id, action: 'account.assignment-changed' })).toHaveLength(1);
    // and back to 德阳's city reviewer
    expect((await admin.put('/api/admin/accounts/city-deyang/assignment').send({ role: 'city_reviewer', regionCode: '510600' })).body).toMatchObject({ role: 'city_reviewer', regionCode: '510600', sessionsEnded: 1 });
  });

  it('refuses another region’s admin, organisation and account, the admin’s own account, a reviewer caller and an applicant’s account, changing nothing', async () => {
    const admin = await t.login('admin');
    const before = await t.platform.db.knex('accounts').orderBy('id').select('username', 'role', 'org_id', 'region_code');
    // when
    const adminElsewhere = await admin.put('/api/admin/accounts/city-mianyang/assignment').send({ role: 'admin', regionCode: '620000' });
    const cityElsewhere = await admin.put('/api/admin/accounts/city-mianyang/assignment').send({ role: 'city_reviewer', regionCode: '620100' });
    const orgElsewhere = await admin.put('/api/admin/accounts/city-mianyang/assignment').send({ role: 'unit_reviewer', orgId: 'org-gs-city' });
    const accountElsewhere = await admin.put('/api/admin/accounts/city-lanzhou/assignment').send({ role: 'city_reviewer', regionCode: '510700' });
    const own = await admin.put('/api/admin/accounts/admin/assignment').send({ role: 'province_reviewer' });
    const applicant = await admin.put('/api/admin/accounts/zhangwei/assignment').send({ role: 'city_reviewer', regionCode: '510700' });
    const reviewer = await (await t.login('province-sichuan')).put('/api/admin/accounts/city-mianyang/assignment').send({ role: 'city_reviewer', regionCode: '510600' });
    const unitWithoutOrg = await admin.put('/api/admin/accounts/city-mianyang/assignment').send({ role: 'unit_reviewer' });
    // then
    expect(adminElsewhere.status).toBe(403);
    expect(adminElsewhere.body.detail).toContain('不能把账号设为本地区以外的区划 620000 的管理员');
    expect(cityElsewhere.status).toBe(403);
    expect(orgElsewhere.status).toBe(404);
    expect(accountElsewhere.status).toBe(404);
    expect(own.status).toBe(422);
    expect(own.body.title).toBe('不能修改自己账号的角色或所属机构、区划');
    expect(applicant.status).toBe(422);
    expect(reviewer.status).toBe(403);
    expect(unitWithoutOrg.status).toBe(400);
    expect(await t.platform.db.knex('accounts').orderBy('id').select('username', 'role', 'org_id', 'region_code')).toEqual(before);
  });

  it('makes a reviewer a policy editor or admin of the admin’s own region', async () => {
    const admin = await t.login('admin');
    // when
    const editor = await admin.put('/api/admin/accounts/city-chengdu/assignment').send({ role: 'policy_editor' });
    const cityAdmin = await admin.put('/api/admin/accounts/city-chengdu/assignment').send({ role: 'admin', regionCode: '510100' });
    // then
    expect(editor.body).toMatchObject({ role: 'policy_editor', regionCode: '510000' });
    expect(cityAdmin.body).toMatchObject({ role: 'admin', regionCode: '510100' });
    expect((await (await t.login('city-chengdu')).get('/api/admin/organisations')).body.map((o: { id: string }) => o.id).sort()).toEqual(['org-cd-city', 'org-cd-provincial']);
  });
});
