import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { afterAll, describe, expect, it, onTestFailed } from 'vitest';
import { DEMO_ACCOUNTS } from '../../engine/services/demo/demoData.ts';
import { USER_TASK_JOB_TYPE } from '../../engine/port/ProcessEngine.ts';
import { OperatonRest } from '../../engine/adapters/operaton/OperatonRest.ts';
import { validApplication } from '../support/fixtures.ts';
import { waitFor } from '../support/waitFor.ts';
import { OPERATON_URLS, operatonAuth, resetOperaton } from '../engine/operatonTarget.ts';
import { signIn, spawnServer, tinyPng, waitUp, type ServerProcess } from './serverProcess.ts';

/**
 * A platform process (a real child, `node --import tsx engine/main.ts` on ENGINE=operaton) is killed
 * with SIGKILL in the middle of a job: the unit review's user-task job, whose handler has committed its
 * effect (the inbox task and its task.created audit entry) while the engine has not been told (its
 * lease, 10 s here, not yet extended). The next platform process gets the same job again from the nodes once
 * the lease has run out, and the effect is there once: one task, one task.created entry, one instance.
 */
const PKG = 'sichuan/2026-examiner-training';
const ORG = 'org-my-filed';
const POINT = `job.handled:${USER_TASK_JOB_TYPE}`;
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
  // A 10 s lease (30 s by default) so the next process gets the job sooner; what is shown does not depend on its length.
  const env = { ENGINE: 'operaton', OPERATON_URL: OPERATON_URLS.join(','), OPERATON_USER: operatonAuth.user, OPERATON_PASSWORD: operatonAuth.password, OPERATON_HOLD_LEASE_MS: '10000' };
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

  it('hands the job to the next process after its lease runs out, and its effect happens once', async () => {
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
    // then: the effect is committed, the job still open on the engine under its short lease
    const tasks = async () => (await store()('tasks').where({ application_id: id })) as Array<{ id: string; element_id: string }>;
    expect((await tasks()).map((t) => t.element_id)).toEqual(['Task_UnitReview']);
    const [task] = await tasks();
    const created = async () => (await store()('audit_log').where({ action: 'task.created', entity_id: task!.id })).length;
    expect(await created()).toBe(1);
    const instanceKey = (await store()('applications').where({ id }).first()).process_instance_key as string;
    const rest = new OperatonRest(OPERATON_URLS, operatonAuth.user, operatonAuth.password);
    type Ext = { id: string; lockExpirationTime: string | null };
    const [job] = await rest.call<Ext[]>('GET', `/external-task?processInstanceId=${instanceKey}&topicName=${encodeURIComponent(USER_TASK_JOB_TYPE)}`);
    expect(job?.id).toBe(task!.id);
    const lease = Date.parse(job!.lockExpirationTime!);
    expect(lease - Date.now()).toBeLessThan(10_000);
    // when: the next process starts
    s = await start();
    await waitUp(s);
    // then: the same job is held again (its lock extended for the inbox), by a fetch once the lease had run out
    const held = await waitFor(async () => {
      const [j] = await rest.call<Ext[]>('GET', `/external-task?processInstanceId=${instanceKey}&topicName=${encodeURIComponent(USER_TASK_JOB_TYPE)}`);
      return j && Date.parse(j.lockExpirationTime!) > Date.now() + 24 * 3600 * 1000 ? j : null;
    }, 90_000, 'the job held again');
    expect(held.id).toBe(job!.id);
    expect(Date.now()).toBeGreaterThanOrEqual(lease - 2000);
    // and the effect is there once: one task, one task.created entry, one instance
    await new Promise((r) => setTimeout(r, 1000));
    expect((await tasks()).map((t) => t.id)).toEqual([task!.id]);
    expect(await created()).toBe(1);
    expect(await store()('engine_instances').where({ start_key: `application:${id}` })).toHaveLength(1);
    // and the reviewer's decision takes the instance on, once
    const unit = await signIn(s, DEMO_ACCOUNTS.find((a) => a.role === 'unit_reviewer' && a.orgId === ORG)!.username);
    expect((await unit.json('POST', `/api/tasks/${task!.id}/complete`, { decision: 'approve', opinion: '同意推荐' })).status).toBe(200);
    await waitFor(async () => ((await tasks()).length === 2 ? true : null), 60_000, 'the next task');
  }, 240_000);
});
