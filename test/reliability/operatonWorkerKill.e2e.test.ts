import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { afterAll, describe, expect, it, onTestFailed } from 'vitest';
import { DEMO_ACCOUNTS } from '../../engine/services/demo/demoData.ts';
import { OperatonRest } from '../../engine/adapters/operaton/OperatonRest.ts';
import { validApplication } from '../support/fixtures.ts';
import { waitFor } from '../support/waitFor.ts';
import { OPERATON_URLS, operatonAuth, resetOperaton } from '../engine/operatonTarget.ts';
import { signIn, spawnServer, tinyPng, waitUp, type ServerProcess } from './serverProcess.ts';

/**
 * A platform process (a real child, `node --import tsx engine/main.ts` on ENGINE=operaton) is killed
 * with SIGKILL in the middle of a service job: the job's effect (the application's status and its audit
 * entry) is committed, the engine not yet told. The next platform process gets the same job again from
 * the nodes once its lock has run out, and the effect is there once: one status entry, one task, one
 * task.created entry, one instance.
 */
const PKG = 'sichuan/2026-examiner-training';
const ORG = 'org-my-filed';
const POINT = 'job.handled:application.status';
const schema = JSON.parse(fs.readFileSync(`deployments/${PKG}/forms/application.schema.json`, 'utf8'));
const applicant = DEMO_ACCOUNTS.find((a) => a.role === 'applicant' && a.idNumber)!;
// vitest.config.ts runs this file only when OPERATON_URL is set; run by hand without nodes, it says so.
if (!OPERATON_URLS.length) throw new Error('OPERATON_URL is not set: start the nodes (node scripts/operaton.mjs start --nodes 2) and eval "$(node scripts/operaton.mjs env)"');

describe('Operaton: a platform process killed mid-job', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'operaton-kill-'));
  const deployments = path.join(dir, 'deployments');
  fs.mkdirSync(path.join(deployments, path.dirname(PKG)), { recursive: true });
  fs.cpSync(path.join('deployments', PKG), path.join(deployments, PKG), { recursive: true });
  const servers: ServerProcess[] = [];
  let db: Knex | undefined;
  const store = () =>
    (db ??= knexFactory({ client: 'better-sqlite3', connection: { filename: path.join(dir, 'platform.sqlite') }, useNullAsDefault: true, pool: { min: 1, max: 1, afterCreate: (c: any, done: any) => (c.pragma('busy_timeout = 5000'), done(null, c)) } }));
  const env = { ENGINE: 'operaton', OPERATON_URL: OPERATON_URLS.join(','), OPERATON_USER: operatonAuth.user, OPERATON_PASSWORD: operatonAuth.password };
  const start = async (crashPoint?: string) => {
    const s = await spawnServer({ dataDir: dir, deploymentsDir: deployments, crashPoint, env });
    servers.push(s);
    return s;
  };

  afterAll(async () => {
    for (const s of servers) await s.kill();
    await db?.destroy();
    await resetOperaton().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('hands the job to the next process after its lock runs out, and its effect happens once', async () => {
    onTestFailed(() => {
      for (const [i, srv] of servers.entries()) console.error(`--- server ${i} (exit ${srv.child.signalCode ?? srv.child.exitCode}) ---\n${srv.log().slice(-2000)}`);
    });
    // given: a platform process on the cluster that dies once a status job's effect is committed
    let s = await start(POINT);
    await waitUp(s);
    const client = await signIn(s, applicant.username);
    const packageHash = (await store()('package_activations').first('package_hash')).package_hash as string;
    const draft = await client.json('POST', '/api/applications', { packageHash, data: validApplication({ name: applicant.displayName, idNumber: applicant.idNumber!, recommenderOrgId: ORG }) });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const id = draft.body.id as string;
    for (const spec of schema['x-attachments'] as Array<{ kind: string }>) expect((await client.upload(`/api/applications/${id}/attachments`, spec.kind, tinyPng(), 'scan.png', 'image/png')).status).toBe(201);
    // when: the application is submitted and the process reaches its first status step
    await client.json('POST', `/api/applications/${id}/submit`).catch(() => null);
    const how = await Promise.race([s.exited, new Promise<string>((r) => setTimeout(() => r('still running'), 90_000))]);
    expect(how, s.log().slice(-2000)).toBe('SIGKILL');
    expect(s.log()).toContain(`crash point ${POINT}`);
    // then: the effect is committed, the job still open on the engine, locked to the dead process
    const statusEntries = async () => (await store()('audit_log').where({ action: 'application.status', entity_id: id })).length;
    expect(await statusEntries()).toBe(1);
    const instanceKey = (await store()('applications').where({ id }).first()).process_instance_key as string;
    const rest = new OperatonRest(OPERATON_URLS, operatonAuth.user, operatonAuth.password);
    const [job] = await rest.call<Array<{ id: string; topicName: string; lockExpirationTime: string | null }>>('GET', `/external-task?processInstanceId=${instanceKey}&topicName=application.status`);
    expect(job?.lockExpirationTime).toBeTruthy();
    // when: the next process starts
    const killedAt = Date.now();
    s = await start();
    await waitUp(s);
    // then: the same job is fetched again once its lock has run out and completed; the process goes on to the unit review
    const task = await waitFor(async () => (await store()('tasks').where({ application_id: id, element_id: 'Task_UnitReview' }).first()) ?? null, 90_000, 'the unit review task');
    expect(Date.now() - killedAt).toBeGreaterThanOrEqual(Date.parse(job!.lockExpirationTime!) - killedAt - 2000);
    const log = await rest.call<Array<{ successLog: boolean; workerId: string }>>('GET', `/history/external-task-log?externalTaskId=${job!.id}`);
    expect(log.filter((l) => l.successLog)).toHaveLength(1);
    // and the effect is there once: one status entry, one task and its one task.created entry, one instance
    await new Promise((r) => setTimeout(r, 1000));
    expect(await statusEntries()).toBe(1);
    expect(await store()('tasks').where({ application_id: id })).toHaveLength(1);
    expect(await store()('audit_log').where({ action: 'task.created', entity_id: task.id })).toHaveLength(1);
    expect(await store()('engine_instances').where({ start_key: `application:${id}` })).toHaveLength(1);
  }, 240_000);
});
