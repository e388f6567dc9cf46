import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type request from 'supertest';
import { DEMO_ACCOUNTS } from '../../engine/services/demo/demoData.ts';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform.ts';
import { waitFor } from '../support/waitFor.ts';
import { validApplication } from '../support/fixtures.ts';
import { JPEG, PDF } from '../support/uploadFixtures.ts';

const PKG_DIR = 'sichuan/2026-examiner-training';
const schema = JSON.parse(fs.readFileSync(`deployments/${PKG_DIR}/forms/application.schema.json`, 'utf8'));

/**
 * The answers settled for issue 8 (defects 4 and 5): outside one's scope is 404 for everyone, a role an
 * endpoint is not for is 403, package details follow the package list's region rule, and incidents
 * belong to the region of their application's package version.
 */
describe('scope answers are consistent (404 out of scope, 403 wrong role)', () => {
  let t: TestPlatform;
  let hash: string;
  let appId: string;
  let incidentKey: string;
  const agents = new Map<string, request.Agent>();
  const as = async (username: string) => agents.get(username) ?? agents.set(username, await t.login(username)).get(username)!;

  beforeAll(async () => {
    t = await startTestPlatform();
    const admin = await as('admin');
    hash = (await admin.post('/api/packages').send({ source: PKG_DIR })).body.hash;
    await admin.post(`/api/packages/${hash}/activate`);
    // An application of 成都 (Sichuan) whose recommending unit disappears before its eligibility job runs: an incident of Sichuan.
    const acc = DEMO_ACCOUNTS.find((a) => a.username === 'zhangwei')!;
    const applicant = await as('zhangwei');
    const draft = await applicant.post('/api/applications').send({ packageHash: hash, data: validApplication({ name: acc.displayName, idNumber: acc.idNumber!, recommenderOrgId: 'org-cd-city' }) });
    appId = draft.body.id;
    for (const spec of schema['x-attachments'] as Array<{ kind: string; accept?: string[] }>) {
      const isPdf = (spec.accept ?? ['application/pdf']).includes('application/pdf');
      expect((await applicant.post(`/api/applications/${appId}/attachments`).field('kind', spec.kind).attach('file', isPdf ? PDF : JPEG, isPdf ? 'a.pdf' : 'a.jpg')).status).toBe(201);
    }
    const org = await t.platform.db.knex('organisations').where({ id: 'org-cd-city' }).first();
    await t.platform.engine.stop();
    expect((await applicant.post(`/api/applications/${appId}/submit`)).status).toBe(202);
    await waitFor(async () => (await t.platform.db.knex('applications').where({ id: appId }).first()).process_instance_key, 10_000, 'process start');
    await t.platform.db.knex('organisations').where({ id: 'org-cd-city' }).delete();
    await t.platform.engine.start();
    incidentKey = await waitFor(async () => (await t.platform.engine.listIncidents({ state: 'OPEN' }))[0]?.key, 20_000, 'incident');
    await t.platform.db.knex('organisations').insert(org);
  }, 90_000);
  afterAll(async () => {
    await t?.close();
  });

  const rows: Array<[who: string, method: 'get' | 'put' | 'post', path: string, status: number, why: string]> = [
    // applications: everyone outside the application's scope gets the same 404
    ['liuna', 'get', '/api/applications/{app}', 404, 'another applicant'],
    ['unit-dy-stale', 'get', '/api/applications/{app}', 404, 'a unit that is not the recommender'],
    ['city-mianyang', 'get', '/api/applications/{app}', 404, 'another city (was 403)'],
    ['province-shandong', 'get', '/api/applications/{app}', 404, 'another province (was 403)'],
    ['admin-gansu', 'get', '/api/applications/{app}/status', 404, "another province's admin (was 403)"],
    ['city-chengdu', 'get', '/api/applications/{app}', 200, "the application's city"],
    ['admin', 'get', '/api/applications/{app}', 200, "the package's province"],
    // applicant endpoints are not for staff
    ['city-chengdu', 'put', '/api/applications/{app}/data', 403, 'staff on an applicant endpoint (was 404)'],
    ['admin', 'post', '/api/applications/{app}/withdraw', 403, 'staff on an applicant endpoint (was 404)'],
    // the inbox is the reviewers'
    ['zhangwei', 'get', '/api/tasks', 403, 'an applicant (was 200)'],
    ['admin', 'get', '/api/tasks', 403, 'an admin (was 200)'],
    ['policy-editor', 'get', '/api/tasks/123', 403, 'a policy editor'],
    ['unit-cd-city', 'get', '/api/tasks', 200, 'a reviewer'],
    // package details follow the list's region rule
    ['admin-gansu', 'get', '/api/packages/{hash}', 404, "another province's admin (was 200)"],
    ['policy-editor-shandong', 'get', '/api/packages/{hash}', 404, "another province's editor (was 200)"],
    ['city-mianyang', 'get', '/api/packages/{hash}', 200, "a city of the package's province"],
    ['admin-gansu', 'post', '/api/packages/{hash}/activate', 404, "activating another province's version (was 403)"],
    ['admin-gansu', 'get', '/api/package-diffs?from={hash}&to={hash}', 404, "diffing another province's versions (was 403)"],
    ['zhangwei', 'get', '/api/packages/{hash}', 403, 'an applicant'],
    // incidents belong to the region of their package version
    ['admin-shandong', 'post', '/api/incidents/{incident}/resolve', 404, "resolving another province's incident (was 204)"],
    ['admin', 'post', '/api/incidents/999999999/resolve', 404, 'an unknown incident'],
    ['city-chengdu', 'get', '/api/incidents', 403, 'a reviewer'],
  ];

  it.each(rows)('%s %s %s → %i (%s)', async (who, method, path, status) => {
    // given
    const agent = await as(who);
    // when
    const req = agent[method](path.replace('{app}', appId).replace(/\{hash\}/g, hash).replace('{incident}', incidentKey));
    const res = await (method === 'get' ? req : req.send({}));
    // then
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(status);
    if (status >= 400) expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it("lists only the admin's own region's incidents, and the own region's admin resolves it", async () => {
    // when
    const shandong = (await (await as('admin-shandong')).get('/api/incidents')).body as Array<{ key: string }>;
    const sichuan = (await (await as('admin')).get('/api/incidents')).body as Array<{ key: string }>;
    // then
    expect(shandong.map((i) => i.key)).not.toContain(incidentKey);
    expect(sichuan.map((i) => i.key)).toContain(incidentKey);
    // when: the unit is back and Sichuan's admin resolves it
    const resolved = await (await as('admin')).post(`/api/incidents/${incidentKey}/resolve`).send({ retries: 1 });
    // then
    expect(resolved.status).toBe(204);
  });
});
