import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../engine/services/demo/demoData.ts';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform.ts';
import { waitFor } from '../support/waitFor.ts';
import { validApplication } from '../support/fixtures.ts';
import { PDF, PNG_FILE } from '../support/uploadFixtures.ts';
import { OPERATON_URLS, operatonAuth, resetOperaton } from '../engine/operatonTarget.ts';

const PKG_DIR = 'sichuan/2026-examiner-training';
/**
 * Stops or starts every node of the cluster the Operaton runs use (the one OPERATON_URL names, started by
 * `node scripts/operaton.mjs start --nodes 2` with the same OPERATON_* environment); files run one after another.
 */
const nodes = (cmd: 'start' | 'stop') => execFileSync('node', ['scripts/operaton.mjs', cmd, ...(cmd === 'start' ? ['--nodes', String(OPERATON_URLS.length)] : [])], { stdio: 'inherit', env: { ...process.env, CI: 'true' } });
// vitest.config.ts runs this file only when OPERATON_URL is set; run by hand without nodes, it says so.
if (!OPERATON_URLS.length) throw new Error('OPERATON_URL is not set: start the nodes (node scripts/operaton.mjs start --nodes 2) and eval "$(node scripts/operaton.mjs env)"');

describe('platform on Operaton while every engine node is down', () => {
  let t: TestPlatform;
  let packageHash: string;

  beforeAll(async () => {
    t = await startTestPlatform({ engine: 'operaton', config: { operaton: { urls: OPERATON_URLS, ...operatonAuth } } });
    const admin = await t.login(DEMO_ACCOUNTS.find((a) => a.role === 'admin')!.username);
    packageHash = (await admin.post('/api/packages').send({ source: PKG_DIR })).body.hash;
    await admin.post(`/api/packages/${packageHash}/activate`);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await resetOperaton().catch(() => undefined);
  }, 300_000);

  it('keeps waiting instances, stores submissions, answers 503 where the engine is needed, and starts each process once when a node is back', async () => {
    // given: two applications already wait at the unit review, a third is ready to submit
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
    const unit = await t.login(DEMO_ACCOUNTS.find((a) => a.role === 'unit_reviewer' && a.orgId === 'org-my-filed')!.username);
    const waitingTasks: Array<{ id: string }> = [];
    const waiting: string[] = [];
    for (let i = 0; i < 2; i++) {
      const w = await prepare();
      await agent.post(`/api/applications/${w.body.id}/submit`);
      waiting.push(w.body.id as string);
      waitingTasks.push(await waitFor(async () => (await unit.get('/api/tasks').query({ applicationId: w.body.id })).body.items?.[0], 30_000, 'task of a waiting application'));
    }
    const draft = await prepare();
    // when: every engine node goes away
    nodes('stop');
    const submitted = await agent.post(`/api/applications/${draft.body.id}/submit`);
    const admin = await t.login(DEMO_ACCOUNTS.find((a) => a.role === 'admin')!.username);
    const files = { ...Object.fromEntries((fs.readdirSync(`deployments/${PKG_DIR}`, { recursive: true }) as string[]).filter((f) => fs.statSync(`deployments/${PKG_DIR}/${f}`).isFile()).map((f) => [f, fs.readFileSync(`deployments/${PKG_DIR}/${f}`, 'utf8')])) };
    files['schedule.json'] = files['schedule.json'].replace('"timezone"', '"timezone"  ');
    const deploy = await admin.post('/api/packages').send({ files });
    // then: the submission is stored and its start queued; the deploy that needs the engine is a 503 problem in Chinese
    expect(submitted.status).toBe(202);
    expect(deploy.status).toBe(503);
    expect(deploy.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(deploy.body.title).toBe('流程引擎暂不可用,请稍后重试');
    await waitFor(async () => (await t.platform.db.knex('process_start_queue').where({ application_id: draft.body.id }).first())?.attempts >= 1, 20_000, 'a failed start attempt');
    const queued = await t.platform.db.knex('process_start_queue').where({ application_id: draft.body.id }).first();
    expect(queued.state).toBe('PENDING');
    // when: the nodes are started again
    nodes('start');
    // then: the queued process starts (once) and the application reaches the unit review
    await waitFor(async () => (await t.platform.db.knex('tasks').where({ application_id: draft.body.id, element_id: 'Task_UnitReview' })).length, 90_000, 'unit review task');
    expect(await t.platform.db.knex('process_start_queue').where({ application_id: draft.body.id, state: 'STARTED' })).toHaveLength(1);
    expect(await t.platform.db.knex('tasks').where({ application_id: draft.body.id })).toHaveLength(1);
    // and every instance that waited through the outage goes on
    for (const [i, task] of waitingTasks.entries()) {
      const done = await unit.post(`/api/tasks/${task.id}/complete`).send({ decision: 'approve', opinion: '同意推荐' });
      expect(done.status).toBe(200);
      await waitFor(async () => (await t.platform.db.knex('tasks').where({ application_id: waiting[i], element_id: 'Task_CityReview' })).length, 60_000, 'city review after the outage');
    }
  }, 300_000);
});
