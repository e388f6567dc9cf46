import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type request from 'supertest';
import { DEMO_ACCOUNTS } from '../../engine/services/demo/demoData.ts';
import { maskIdNumber, maskMobile } from '../../engine/services/privacy/index.ts';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform.ts';
import { validApplication } from '../support/fixtures.ts';
import { waitFor } from '../support/waitFor.ts';
import { PDF, PNG_FILE as PNG } from '../support/uploadFixtures.ts';

const PKG_DIR = 'sichuan/2026-examiner-training';
const schema = JSON.parse(fs.readFileSync(`deployments/${PKG_DIR}/forms/application.schema.json`, 'utf8'));
const FILED = 'org-my-filed';
const MOBILE = '13712345678';

/** Who sees an application's ID and mobile numbers in full, and that such a read is on the record. */
describe('personal data in API responses', () => {
  let t: TestPlatform;
  let appId: string;
  const who = DEMO_ACCOUNTS.find((a) => a.role === 'applicant')!;
  const ID = who.idNumber!;

  beforeAll(async () => {
    t = await startTestPlatform();
    const admin = await t.login('admin');
    const hash = (await admin.post('/api/packages').send({ source: PKG_DIR })).body.hash;
    await admin.post(`/api/packages/${hash}/activate`);
    const agent = await t.login(who.username);
    const res = await agent.post('/api/applications').send({ packageHash: hash, data: validApplication({ name: who.displayName, idNumber: ID, recommenderOrgId: FILED }, { mobile: MOBILE }) });
    appId = res.body.id;
    for (const spec of schema['x-attachments'] as Array<{ kind: string; accept: string[] }>) {
      const pdf = spec.accept.includes('application/pdf');
      // a file named after the mobile number puts it into an audit detail
      await agent.post(`/api/applications/${appId}/attachments`).field('kind', spec.kind).attach('file', pdf ? PDF : PNG, pdf ? `${MOBILE}.pdf` : `${MOBILE}.png`);
    }
    expect((await agent.post(`/api/applications/${appId}/submit`)).status).toBe(202);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  const auditOf = async (action: string) => (await t.platform.db.knex('audit_log').where({ action, application_id: appId }).select('actor_id')).map((r: { actor_id: string }) => r.actor_id);

  it('shows the applicant their own numbers in full, without auditing it', async () => {
    // when
    const own = await (await t.login(who.username)).get(`/api/applications/${appId}`);
    // then
    expect(own.body.data).toMatchObject({ idNumber: ID, mobile: MOBILE });
    expect(await auditOf('personal-data.read')).toEqual([]);
  });

  it('shows the reviewer working the task the full numbers and audits that read; others in scope see them masked', async () => {
    // given
    const unit = await t.login('unit-my-filed');
    const unitActor = (await unit.get('/api/me')).body;
    const task = await waitFor(async () => (await unit.get('/api/tasks').query({ applicationId: appId })).body.items?.[0], 20_000, 'unit task');
    // when
    const working = await unit.get(`/api/applications/${appId}`);
    const province = await (await t.login('province-sichuan')).get(`/api/applications/${appId}`);
    // then
    expect(working.body.data).toMatchObject({ idNumber: ID, mobile: MOBILE });
    expect(await auditOf('personal-data.read')).toEqual([unitActor.id ?? unitActor.actor?.id]);
    expect(province.status).toBe(200);
    expect(province.body.data).toMatchObject({ idNumber: maskIdNumber(ID), mobile: maskMobile(MOBILE) });
    expect(province.body.data.idNumber).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    expect(JSON.stringify(province.body)).not.toContain(ID);
    // and once the reviewer has decided, the task is no longer theirs to work: masked
    await unit.post(`/api/tasks/${task.id}/claim`);
    expect((await unit.post(`/api/tasks/${task.id}/complete`).send({ decision: 'approve', opinion: '同意' })).status).toBe(200);
    const after = await unit.get(`/api/applications/${appId}`);
    expect(after.body.data.idNumber).toBe(maskIdNumber(ID));
    expect(JSON.stringify((await unit.get(`/api/applications/${appId}/status`)).body)).not.toContain(MOBILE);
  });

  it('masks the numbers in the audit log an administrator lists', async () => {
    // when
    const res = await (await t.login('admin')).get('/api/audit').query({ limit: 500 });
    // then
    expect(res.status).toBe(200);
    const added = res.body.items.filter((e: { action: string }) => e.action === 'attachment.added');
    expect(added.length).toBeGreaterThan(0);
    expect(added[0].detail.fileName).toBe(`${maskMobile(MOBILE)}.pdf`);
    expect(JSON.stringify(res.body)).not.toContain(MOBILE);
    // the stored file name itself keeps the number masked (it is shown in every attachment list)
    const names = await t.platform.db.knex('attachments').where({ application_id: appId }).pluck('file_name');
    expect(names.every((n: string) => n.startsWith(maskMobile(MOBILE)))).toBe(true);
  });

  it('looks a person up with the ID number in the body, audited, and has no route with it in the path', async () => {
    // given
    const admin = await t.login('admin');
    // when
    const found = await admin.post('/api/registry/person-lookups').send({ idNumber: ID });
    const oldPath = await admin.get(`/api/registry/persons/${ID}`);
    // then
    expect(found.status).toBe(200);
    expect(found.body.idNumber).toBe(ID);
    expect(oldPath.status).toBe(404);
    const reads = await t.platform.db.knex('audit_log').where({ action: 'personal-data.read', entity_type: 'person' });
    expect(reads.map((r: { entity_id: string }) => r.entity_id)).toEqual([t.platform.db.personal.lookupKey(ID)]);
    const paths = Object.keys((await t.agent().get('/api/openapi.json')).body.paths);
    expect(paths.filter((p) => /idNumber/i.test(p))).toEqual([]);
  });
});
