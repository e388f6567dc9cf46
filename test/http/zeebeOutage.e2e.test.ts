import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../engine/services/demo/demoData.ts';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform.ts';
import { waitFor } from '../support/waitFor.ts';
import { validApplication } from '../support/fixtures.ts';
import { zeebeUp } from '../support/zeebe.ts';
import { PDF, PNG_FILE } from '../support/uploadFixtures.ts';

const PKG_DIR = 'sichuan/2026-examiner-training';
const broker = (cmd: 'start' | 'stop') => execFileSync('node', ['scripts/zeebe.mjs', cmd], { stdio: 'inherit', env: { ...process.env, ZEEBE_CLEAN: 'false' } });

// Runs against the local broker that `node scripts/zeebe.mjs start` manages (required in CI).
describe.runIf(zeebeUp)('platform on Zeebe while the broker is down', () => {
  let t: TestPlatform;
  let packageHash: string;

  beforeAll(async () => {
    t = await startTestPlatform({ engine: 'zeebe' });
    const admin = await t.login(DEMO_ACCOUNTS.find((a) => a.role === 'admin')!.username);
    packageHash = (await admin.post('/api/packages').send({ source: PKG_DIR })).body.hash;
    await admin.post(`/api/packages/${packageHash}/activate`);
  }, 60_000);
  afterAll(async () => {
    broker('start');
    await t?.close();
  }, 120_000);

  it('keeps waiting instances, stores submissions, answers 503 where the broker is needed, and starts each process once when it is back', async () => {
    // given: one application already waits at the unit review, a second is ready to submit
    const acc = DEMO_ACCOUNTS.filter((a) => a.role === 'applicant')[0];
    const agent = await t.login(acc.username);
    const schema = JSON.parse(fs.readFileSync(`deployments/${PKG_DIR}/forms/application.schema.json`, 'utf8'));
    const prepare = async () => {
      const d = await agent.post('/api/applications').send({ packageHash, data: validApplication({ name: acc.displayName, idNumber: acc.idNumber!, recommenderOrgId: 'org-my-filed' }) });
      for (const spec of schema['x-attachments'] as Array<{ kind: string; accept: string[] }>) {
        const pdf = spec.accept.includes('application/pdf');
        await agent.post(`/api/applications/${d.body.id}/attachments`).field('kind', spec.kind).attach('file', pdf ? PDF : PNG_FILE, pdf ? 'a.pdf' : 'a.png');
      }
      return d;
    };
    const waiting = await prepare();
    await agent.post(`/api/applications/${waiting.body.id}/submit`);
    const unit = await t.login(DEMO_ACCOUNTS.find((a) => a.role === 'unit_reviewer' && a.orgId === 'org-my-filed')!.username);
    const waitingTask = await waitFor(async () => (await unit.get('/api/tasks').query({ applicationId: waiting.body.id })).body.items?.[0], 30_000, 'task of the waiting application');
    const draft = await prepare();
    // when: the broker goes away
    broker('stop');
    const submitted = await agent.post(`/api/applications/${draft.body.id}/submit`);
    const admin = await t.login(DEMO_ACCOUNTS.find((a) => a.role === 'admin')!.username);
    const files = { ...Object.fromEntries((fs.readdirSync(`deployments/${PKG_DIR}`, { recursive: true }) as string[]).filter((f) => fs.statSync(`deployments/${PKG_DIR}/${f}`).isFile()).map((f) => [f, fs.readFileSync(`deployments/${PKG_DIR}/${f}`, 'utf8')])) };
    files['schedule.json'] = files['schedule.json'].replace('"timezone"', '"timezone"  ');
    const deploy = await admin.post('/api/packages').send({ files });
    // then: the submission is stored and its start queued; the deploy that needs the broker is a 503
    expect(submitted.status).toBe(202);
    expect(deploy.status).toBe(503);
    expect(deploy.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(deploy.body.title).toBe('流程引擎暂不可用,请稍后重试');
    await waitFor(async () => (await t.platform.db.knex('process_start_queue').where({ application_id: draft.body.id }).first())?.attempts >= 1, 20_000, 'a failed start attempt');
    const queued = await t.platform.db.knex('process_start_queue').where({ application_id: draft.body.id }).first();
    expect(queued.state).toBe('PENDING');
    // when: the broker is back
    broker('start');
    // then: the process starts (once) and the application reaches the unit review
    await waitFor(async () => (await t.platform.db.knex('tasks').where({ application_id: draft.body.id, element_id: 'Task_UnitReview' })).length, 90_000, 'unit review task');
    expect(await t.platform.db.knex('process_start_queue').where({ application_id: draft.body.id, state: 'STARTED' })).toHaveLength(1);
    expect(await t.platform.db.knex('tasks').where({ application_id: draft.body.id })).toHaveLength(1);
    // and the instance that waited through the outage goes on
    const done = await unit.post(`/api/tasks/${waitingTask.id}/complete`).send({ decision: 'approve', opinion: '同意推荐' });
    expect(done.status).toBe(200);
    await waitFor(async () => (await t.platform.db.knex('tasks').where({ application_id: waiting.body.id, element_id: 'Task_CityReview' })).length, 60_000, 'city review after the outage');
  }, 240_000);
});
