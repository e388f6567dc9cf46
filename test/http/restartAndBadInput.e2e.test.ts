import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type request from 'supertest';
import { DEMO_ACCOUNTS } from '../../engine/services/demo/demoData.ts';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform.ts';
import { waitFor } from '../support/waitFor.ts';
import { validApplication } from '../support/fixtures.ts';
import { PDF, JPEG } from '../support/uploadFixtures.ts';

const PKG_DIR = 'sichuan/2026-examiner-training';
const schema = JSON.parse(fs.readFileSync(`deployments/${PKG_DIR}/forms/application.schema.json`, 'utf8'));
type Agent = request.Agent;
const DAY = 24 * 3600 * 1000;

describe('restart and bad input over HTTP (SQLite file)', () => {
  let t: TestPlatform;
  let packageHash: string;
  const applicant = () => DEMO_ACCOUNTS.filter((a) => a.role === 'applicant')[0];
  const admin = () => t.login(DEMO_ACCOUNTS.find((a) => a.role === 'admin')!.username);
  const filedOrg = async () => (await t.platform.services.registry.listOrganisations({})).find((o) => o.cityCode === '510700' && o.filingStatus === 'FILED')!;
  const reviewer = (role: string, pred: (a: (typeof DEMO_ACCOUNTS)[number]) => boolean) => t.login(DEMO_ACCOUNTS.find((a) => a.role === role && pred(a))!.username);

  async function upload(agent: Agent, id: string) {
    for (const spec of schema['x-attachments'] as Array<{ kind: string; accept?: string[] }>) {
      const isPdf = (spec.accept ?? ['application/pdf']).includes('application/pdf');
      const res = await agent.post(`/api/applications/${id}/attachments`).field('kind', spec.kind).attach('file', isPdf ? PDF : JPEG, isPdf ? 'a.pdf' : 'a.jpg');
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
  }
  async function submit(): Promise<{ agent: Agent; id: string }> {
    const acc = applicant();
    const agent = await t.login(acc.username);
    const org = await filedOrg();
    const draft = await agent.post('/api/applications').send({ packageHash, data: validApplication({ name: acc.displayName, idNumber: acc.idNumber!, recommenderOrgId: org.id }) });
    await upload(agent, draft.body.id);
    expect((await agent.post(`/api/applications/${draft.body.id}/submit`)).status).toBe(202);
    return { agent, id: draft.body.id };
  }
  async function decide(agent: Agent, appId: string, data?: Record<string, unknown>) {
    const task = await waitFor(async () => (await agent.get('/api/tasks').query({ applicationId: appId })).body.items?.[0], 15_000, 'task');
    const res = await agent.post(`/api/tasks/${task.id}/complete`).send({ decision: 'approve', opinion: '同意', ...(data ? { data } : {}) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
  const status = async (agent: Agent, id: string) => (await agent.get(`/api/applications/${id}/status`)).body;
  const waitStatus = (agent: Agent, id: string, s: string) => waitFor(async () => ((await status(agent, id)).application?.status === s ? true : null), 15_000, s);

  beforeAll(async () => {
    t = await startTestPlatform();
    const a = await admin();
    const res = await a.post('/api/packages').send({ source: PKG_DIR });
    packageHash = res.body.hash;
    await a.post(`/api/packages/${packageHash}/activate`);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('continues every instance after a restart: one waiting at a user task, one at the collection timer', async () => {
    // given: A waits at the unit review; B has its card issued and waits for collection (1-month timer)
    const a = await submit();
    const b = await submit();
    const org = await filedOrg();
    const unitAgent = await reviewer('unit_reviewer', (x) => x.orgId === org.id);
    const city = await reviewer('city_reviewer', (x) => x.regionCode === '510700');
    const province = await reviewer('province_reviewer', () => true);
    await waitFor(async () => (await unitAgent.get('/api/tasks').query({ applicationId: a.id })).body.items?.length, 15_000, 'A unit task');
    await decide(unitAgent, b.id);
    await decide(city, b.id);
    await decide(province, b.id);
    await decide(city, b.id, { trainingCompleted: true, examDate: '2026-03-28', score: 80 });
    await waitStatus(b.agent, b.id, 'CARD_ISSUED');
    // the collection task with its one-month boundary timer (SC26-45)
    await waitFor(async () => (await t.platform.db.knex('engine_timers').where({ element_id: 'Timer_CollectionExpired' })).length, 15_000, 'collection timer');

    // when: the server stops and starts again on the same database
    await t.restart();
    const unit2 = await reviewer('unit_reviewer', (x) => x.orgId === org.id);
    const city2 = await reviewer('city_reviewer', (x) => x.regionCode === '510700');
    const province2 = await reviewer('province_reviewer', () => true);
    const applicant2 = await t.login(applicant().username);

    // then: A goes on through every review to its card
    await decide(unit2, a.id);
    await decide(city2, a.id);
    await decide(province2, a.id);
    await decide(city2, a.id, { trainingCompleted: true, examDate: '2026-03-28', score: 80 });
    await waitStatus(applicant2, a.id, 'CARD_ISSUED');
    await decide(city2, a.id);
    await waitStatus(applicant2, a.id, 'COMPLETED');

    // when: more than a month passes without B's card being collected (SC26-45)
    t.clock.advance(40 * DAY);
    const applicant3 = await t.login(applicant().username); // sessions expired with the clock
    // then: B's card is cancelled and the person barred from training registration for a year
    await waitStatus(applicant3, b.id, 'CARD_CANCELLED');
    const sanctions = await t.platform.db.knex('sanctions').where({ subject_id: t.platform.db.personal.lookupKey(applicant().idNumber!), kind: 'TRAINING_REGISTRATION' });
    expect(sanctions).toHaveLength(1);
    expect(sanctions[0].clause).toBe('SC26-45');
    const card = (await status(applicant3, b.id)).application.outcome.card;
    expect((await t.platform.db.knex('cards').where({ number: card.number }).first()).status).toBe('CANCELLED');
    expect(await t.platform.db.knex('tasks').where({ application_id: b.id, state: 'OPEN' })).toEqual([]);
  });

  it('turns a failing job into an incident after its retries, which an admin resolves over the API', async () => {
    // given: the recommending unit disappears from the registry after submission, so the eligibility job fails
    const orgBackup = await t.platform.db.knex('organisations').where({ id: 'org-cd-city' }).first();
    const acc = DEMO_ACCOUNTS.filter((a) => a.role === 'applicant')[3];
    const agent = await t.login(acc.username);
    const draft = await agent.post('/api/applications').send({ packageHash, data: validApplication({ name: acc.displayName, idNumber: acc.idNumber!, recommenderOrgId: 'org-cd-city' }) });
    await upload(agent, draft.body.id);
    await t.platform.engine.stop(); // hold the job workers so the registry changes before the job runs
    expect((await agent.post(`/api/applications/${draft.body.id}/submit`)).status).toBe(202);
    await waitFor(async () => (await t.platform.db.knex('applications').where({ id: draft.body.id }).first()).process_instance_key, 10_000, 'process start');
    await t.platform.db.knex('organisations').where({ id: 'org-cd-city' }).delete();
    await t.platform.engine.start();
    const a = await admin();
    // when
    const incident = await waitFor(async () => {
      const list = (await a.get('/api/incidents').query({ state: 'OPEN' })).body as Array<{ key: string; elementId: string; errorType: string; message: string }>;
      return list.find((i) => i.elementId === 'Task_CheckEligibility');
    }, 20_000, 'incident');
    // then
    expect(incident.errorType).toBe('JOB_NO_RETRIES');
    expect(incident.message).toContain('机构');
    expect((await (await t.login(acc.username)).get('/api/incidents')).status).toBe(403);
    // when: the registry is repaired and the admin resolves the incident
    await t.platform.db.knex('organisations').insert(orgBackup);
    const resolved = await a.post(`/api/incidents/${incident.key}/resolve`).send({ retries: 1 });
    // then
    expect(resolved.status).toBe(204);
    const unit = await reviewer('unit_reviewer', (x) => x.orgId === 'org-cd-city');
    await waitFor(async () => (await unit.get('/api/tasks').query({ applicationId: draft.body.id })).body.items?.length, 15_000, 'unit task after resolution');
    const audit = (await a.get('/api/audit').query({ entityType: 'incident' })).body.items;
    expect(audit.map((e: { entityId: string }) => e.entityId)).toContain(incident.key);
  }, 60_000);

  it('answers malformed JSON with a problem and stores nothing', async () => {
    // given
    const agent = await t.login(applicant().username);
    const before = await t.platform.db.knex('applications').count('* as n');
    // when
    const res = await agent.post('/api/applications').set('Content-Type', 'application/json').send('{"packageHash": ');
    // then
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.title).toBe('请求体不是合法的 JSON');
    expect(await t.platform.db.knex('applications').count('* as n')).toEqual(before);
  });

  it('rejects a submission that violates the form schema, listing every problem in Chinese, with no state change', async () => {
    // given
    const acc = applicant();
    const agent = await t.login(acc.username);
    const org = await filedOrg();
    const bad = validApplication({ name: acc.displayName, idNumber: '11010519491231002Y', recommenderOrgId: org.id }, { mobile: '12345', declarations: { policyFamiliar: true, integrity: false, truthful: true } });
    const draft = await agent.post('/api/applications').send({ packageHash, data: bad });
    // when
    const res = await agent.post(`/api/applications/${draft.body.id}/submit`);
    // then
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const pointers = res.body.problems.map((p: { pointer: string }) => p.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/idNumber', '/mobile']));
    expect(res.body.problems.some((p: { pointer: string }) => p.pointer.startsWith('/attachments'))).toBe(true);
    for (const p of res.body.problems) expect(p.message).toMatch(/[\u4e00-\u9fa5]/);
    const row = await t.platform.db.knex('applications').where({ id: draft.body.id }).first();
    expect(row.status).toBe('DRAFT');
    expect(await t.platform.db.knex('process_start_queue').where({ application_id: draft.body.id })).toEqual([]);
  });

  it('reports a bad ID check digit clearly', async () => {
    // given
    const acc = applicant();
    const agent = await t.login(acc.username);
    const org = await filedOrg();
    const draft = await agent.post('/api/applications').send({ packageHash, data: validApplication({ name: acc.displayName, idNumber: '110105194912310021', recommenderOrgId: org.id }) });
    await upload(agent, draft.body.id);
    // when
    const res = await agent.post(`/api/applications/${draft.body.id}/check`);
    // then
    const problem = res.body.problems.find((p: { pointer: string }) => p.pointer === '/idNumber');
    expect(problem.message).toMatch(/校验/);
  });

  it('refuses an oversized upload (413) and a wrong-type upload (415), leaving no row and no file', async () => {
    // given
    const acc = applicant();
    const agent = await t.login(acc.username);
    const draft = await agent.post('/api/applications').send({ packageHash, data: {} });
    const kind = (schema['x-attachments'] as Array<{ kind: string }>)[0].kind;
    // when
    const big = await agent.post(`/api/applications/${draft.body.id}/attachments`).field('kind', kind).attach('file', Buffer.alloc(2 * 1024 * 1024, 0x25), 'big.pdf');
    const fake = await agent.post(`/api/applications/${draft.body.id}/attachments`).field('kind', kind).attach('file', Buffer.from('not really a pdf'), { filename: 'fake.pdf', contentType: 'application/pdf' });
    // then
    expect(big.status).toBe(413);
    expect(fake.status).toBe(415);
    expect(fake.body.title).toBe('文件类型不符合要求');
    expect(await t.platform.db.knex('attachments').where({ application_id: draft.body.id })).toEqual([]);
    const files = fs.existsSync(t.config.attachmentsDir) ? fs.readdirSync(t.config.attachmentsDir, { recursive: true }) : [];
    const before = files.length;
    expect(before).toBeGreaterThanOrEqual(0);
  });

  it('answers an unknown package with 404 and a BPMN with an unsupported element with 422, registering nothing', async () => {
    // given
    const a = await admin();
    const versionsBefore = await t.platform.db.knex('package_versions').count('* as n');
    // when
    const unknown = await a.post('/api/packages').send({ source: 'sichuan/1999-nothing' });
    const unknownDraft = await (await t.login(applicant().username)).post('/api/applications').send({ packageHash: 'f'.repeat(64) });
    const files: Record<string, string> = {};
    const root = `deployments/${PKG_DIR}`;
    for (const f of fs.readdirSync(root, { recursive: true }) as string[]) {
      if (fs.statSync(`${root}/${f}`).isFile() && !f.endsWith('.test.ts')) files[f] = fs.readFileSync(`${root}/${f}`, 'utf8');
    }
    files['process.bpmn'] = files['process.bpmn'].replace('<bpmn:exclusiveGateway id="Gateway_Exam"', '<bpmn:complexGateway id="Gateway_Complex"/>\n    <bpmn:exclusiveGateway id="Gateway_Exam"');
    const broken = await a.post('/api/packages').send({ files });
    // then
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(unknownDraft.status).toBe(404);
    expect(broken.status).toBe(422);
    expect(broken.body.problems).toEqual(expect.arrayContaining([expect.objectContaining({ file: 'process.bpmn', pointer: '#Gateway_Complex' })]));
    expect(await t.platform.db.knex('package_versions').count('* as n')).toEqual(versionsBefore);
  });

  it('serves the OpenAPI document and health', async () => {
    // when
    const doc = await t.agent().get('/api/openapi.json');
    const health = await t.agent().get('/api/health');
    // then
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/applications', '/api/tasks/{id}/complete', '/api/packages/{hash}/activate']));
    expect(health.body).toMatchObject({ status: 'ok', engine: 'embedded', database: 'sqlite' });
    expect(health.body.packages).toEqual(expect.arrayContaining([expect.objectContaining({ packageId: 'sichuan-2026-examiner-training', active: true })]));
  });
});
