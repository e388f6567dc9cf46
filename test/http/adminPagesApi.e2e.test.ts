import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform.ts';

/**
 * What the admin pages need beyond the older admin API: reviewer accounts created only within the
 * admin's region, the audit filtered by action (prefix) and actor name with the actor named, and the
 * chain verification.
 */
describe('admin pages API: accounts, audit filters, chain verification', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  }, 60_000);
  afterAll(async () => t?.close());

  it('creates reviewer accounts of the region only, in Chinese when refused', async () => {
    const admin = await t.login('admin');
    const gansu = await t.login('admin-gansu');
    // a city outside the province: 403; a unit outside it: 404; no unit for a unit reviewer, or an admin role: 400
    const outside = await gansu.post('/api/admin/accounts').send({ username: 'gs-made-mianyang', displayName: '越权', role: 'city_reviewer', regionCode: '510700' });
    expect(outside.status).toBe(403);
    expect(outside.headers['content-type']).toContain('application/problem+json');
    expect(outside.body.title).toMatch(/[\u4e00-\u9fa5]/);
    expect((await gansu.post('/api/admin/accounts').send({ username: 'gs-made-unit', displayName: '越权', role: 'unit_reviewer', orgId: 'org-my-filed' })).status).toBe(404);
    const noUnit = await admin.post('/api/admin/accounts').send({ username: 'sc-no-unit', displayName: '缺机构', role: 'unit_reviewer' });
    expect(noUnit.status).toBe(400);
    expect(noUnit.body.title).toContain('所属机构');
    expect((await admin.post('/api/admin/accounts').send({ username: 'sc-admin2', displayName: '管理员', role: 'admin' })).status).toBe(400);
    expect(await t.platform.db.knex('accounts').whereIn('username', ['gs-made-mianyang', 'gs-made-unit', 'sc-no-unit', 'sc-admin2'])).toEqual([]);
    // the region's own: a unit reviewer with the unit's city as region, listed for Sichuan only
    const made = await admin.post('/api/admin/accounts').send({ username: 'sc-unit-new', displayName: '新审核人', role: 'unit_reviewer', orgId: 'org-my-filed', password: 'Review#2026x' });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toEqual({ username: 'sc-unit-new' });
    expect((await admin.post('/api/admin/accounts').send({ username: 'sc-unit-new', displayName: '重复', role: 'province_reviewer' })).status).toBe(409);
    const listed = (await admin.get('/api/admin/accounts')).body as Array<{ username: string; regionCode: string; orgId: string }>;
    expect(listed.find((a) => a.username === 'sc-unit-new')).toMatchObject({ regionCode: '510700', orgId: 'org-my-filed' });
    expect(((await gansu.get('/api/admin/accounts')).body as Array<{ username: string }>).map((a) => a.username)).not.toContain('sc-unit-new');
    expect((await t.login('sc-unit-new', 'Review#2026x').then((a) => a.get('/api/tasks'))).status).toBe(200);
  });

  it('filters the audit by action prefix and actor name, names the actor, and verifies the chain', async () => {
    const admin = await t.login('admin');
    expect((await admin.put('/api/admin/calendar/overrides/2026-11-10').send({ working: false, note: '筛选测试' })).status).toBe(200);
    const byPrefix = (await admin.get('/api/audit').query({ action: 'calendar.', actorUsername: 'admin' })).body.items as Array<{ action: string; actorUsername: string | null }>;
    expect(byPrefix.length).toBeGreaterThan(0);
    expect(byPrefix.every((e) => e.action.startsWith('calendar.') && e.actorUsername === 'admin')).toBe(true);
    expect((await admin.get('/api/audit').query({ action: 'calendar.override.removed' })).body.items).toEqual([]);
    expect((await admin.get('/api/audit').query({ actorUsername: 'nobody-here' })).body.items).toEqual([]);
    expect((await admin.get('/api/audit').query({ action: 'bad action%' })).status).toBe(400);
    const chain = await admin.get('/api/audit/verification');
    expect(chain.status).toBe(200);
    expect(chain.body).toMatchObject({ ok: true, problem: null });
    expect(chain.body.checked).toBeGreaterThan(0);
    // an edited row is found, by position only
    const row = await t.platform.db.knex('audit_log').orderBy('id', 'desc').first('id');
    await t.platform.db.knex('audit_log').where({ id: row.id }).update({ action: 'calendar.tampered' });
    const broken = (await admin.get('/api/audit/verification')).body;
    expect(broken.ok).toBe(false);
    expect(broken.problem).toMatchObject({ kind: 'edited', id: Number(row.id) });
    expect(broken.problem.message).toContain('已被修改');
    expect((await (await t.login('city-mianyang')).get('/api/audit/verification')).status).toBe(403);
  });
});
