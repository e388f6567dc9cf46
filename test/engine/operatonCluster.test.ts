import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OperatonEngine } from '../../engine/adapters/operaton/OperatonEngine.ts';
import { createDb, type Db } from '../../engine/store/createDb.ts';
import type { Job } from '../../engine/port/ProcessEngine.ts';
import { waitFor } from '../support/waitFor.ts';
import { OPERATON_URLS } from './operatonTarget.ts';

// Two Operaton nodes of their own on one database (not the shared ones: node 1 is killed here).
// Runs where the Operaton runs do (OPERATON_URL set, so the engine application is built); skipped loudly otherwise.
const STATE_DIR = path.resolve('.cache/operaton-failover');
// The nodes' job lock time (OPERATON_JOB_LOCK_MS; 30 s by default, shorter here to keep the run short): the bound
// within which node 2 takes over a job node 1 had acquired when it died.
const LOCK_MS = 10_000;
/** Node 2's acquisition wait (max-wait 1 s), the job's run and a loaded machine, on top of the lock time. */
const TAKEOVER_SLACK_MS = 6_000;
// OPERATON_FAILOVER_BASE_PORT / _DB_NAME let two checkouts on one machine run it side by side.
const DB_NAME = process.env.OPERATON_FAILOVER_DB_NAME ?? 'operaton_failover';
const env = { ...process.env, OPERATON_BASE_PORT: process.env.OPERATON_FAILOVER_BASE_PORT ?? '18090', OPERATON_DB_NAME: DB_NAME, OPERATON_STATE_DIR: STATE_DIR, OPERATON_JOB_LOCK_MS: String(LOCK_MS), CI: 'true' };
const bpmn = (name: string) => ({ name: `${name}.bpmn`, xml: readFileSync(`test/fixtures/bpmn/${name}.bpmn`, 'utf8') });
// vitest.config.ts runs this file only when OPERATON_URL is set; run by hand without nodes, it says so.
if (!OPERATON_URLS.length) throw new Error('OPERATON_URL is not set: start the nodes (node scripts/operaton.mjs start --nodes 2) and eval "$(node scripts/operaton.mjs env)"');

describe('Operaton cluster: two nodes on one database', () => {
  let state: { password: string; nodes: Array<{ node: number; pid: number; url: string }> };
  let db: Db;
  let sql: mysql.Connection;
  const engines: OperatonEngine[] = [];
  const through = (url: string) => {
    const e = new OperatonEngine(db, { urls: [url], user: 'platform', password: state.password, pollMs: 100, jobPollMs: 50 });
    engines.push(e);
    return e;
  };

  beforeAll(async () => {
    execFileSync('node', ['scripts/operaton.mjs', 'start', '--nodes', '2', '--db', 'mariadb', '--fresh'], { env, stdio: 'inherit' });
    state = JSON.parse(readFileSync(path.join(STATE_DIR, 'state.json'), 'utf8'));
    db = await createDb('sqlite::memory:');
    sql = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root', database: DB_NAME });
  }, 400_000);
  afterAll(async () => {
    for (const e of engines) await e.stop();
    await db?.close();
    await sql?.end();
    execFileSync('node', ['scripts/operaton.mjs', 'stop'], { env, stdio: 'inherit' });
  }, 60_000);

  /** The engine's job rows of an instance (timers, async steps): which node holds each and until when. */
  const jobsOf = async (instanceId: string) =>
    (await sql.query('SELECT ID_ AS id, HANDLER_TYPE_ AS handler, LOCK_OWNER_ AS owner, LOCK_EXP_TIME_ AS lockExp, DUEDATE_ AS due FROM ACT_RU_JOB WHERE PROCESS_INSTANCE_ID_ = ?', [instanceId]))[0] as Array<{ id: string; handler: string; owner: string | null; lockExp: Date | null; due: Date | null }>;
  /** Which node ran each of an instance's jobs to success (ACT_HI_JOB_LOG.HOSTNAME_ is the node's name). */
  const ranBy = async (instanceId: string) =>
    ((await sql.query('SELECT JOB_DEF_TYPE_ AS type, HOSTNAME_ AS node FROM ACT_HI_JOB_LOG WHERE PROCESS_INSTANCE_ID_ = ? AND JOB_STATE_ = 2 ORDER BY TIMESTAMP_', [instanceId]))[0] as Array<{ type: string; node: string }>).map((r) => `${r.type}@${r.node.split('@')[0]}`);
  const endTime = async (engine: OperatonEngine, id: string) => {
    const h = await engine.rest.call<{ endTime: string | null }>('GET', `/history/process-instance/${id}`);
    return h.endTime ? Date.parse(h.endTime.replace(/([+-]\d\d)(\d\d)$/, '$1:$2')) : null;
  };

  it('completes through node 2 a job locked through node 1 after node 1 is killed, fires through node 2 a timer armed through node 1, and takes over a timer job node 1 held within the lock time; nothing twice', async () => {
    // given: both nodes up, instances started through each
    const [n1, n2] = state.nodes;
    const one = through(n1!.url);
    const two = through(n2!.url);
    await one.deploy([bpmn('jobs'), bpmn('timers'), bpmn('timerCatch')]);
    const seenOnOne: Job[] = [];
    one.registerWorker('test.work', async (job) => {
      seenOnOne.push(job);
      return new Promise<never>(() => undefined); // node 1 dies before this worker answers
    }, { timeoutMs: 120_000 });
    await one.start();
    const viaOne = await one.createInstance({ bpmnProcessId: 'jobs', variables: { applicant: { name: '张三' }, items: [1] } });
    const viaTwo = await two.createInstance({ bpmnProcessId: 'jobs', variables: { applicant: { name: '李四' }, items: [] } });
    await waitFor(() => (seenOnOne.length === 2 ? true : null), 15_000, 'both jobs locked through node 1');
    // and a timer job node 1's job executor has acquired and cannot finish before it dies: node 2's clock an hour
    // behind so only node 1 finds it due, its run waiting on the instance's rows locked here
    await two.rest.eachNode('PUT', '/platform-test/clock', String(-3600_000));
    const held = await one.createInstance({ bpmnProcessId: 'timerCatch', variables: { wait: 'PT3S' } });
    const blocker = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root', database: DB_NAME });
    // READ COMMITTED as the nodes: locks on the rows alone, no gap locks that would hold up other instances' inserts.
    await blocker.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
    await blocker.beginTransaction();
    await blocker.query('SELECT ID_ FROM ACT_RU_EXECUTION WHERE PROC_INST_ID_ = ? FOR UPDATE', [held.processInstanceKey]);
    const heldJob = await waitFor(async () => (await jobsOf(held.processInstanceKey)).find((j) => j.owner?.startsWith('node1@')), 15_000, 'the timer job acquired by node 1');
    await two.rest.eachNode('PUT', '/platform-test/clock', '0');
    // and a timer armed for an instance started through node 1, due after node 1 is gone
    const timed = await one.createInstance({ bpmnProcessId: 'timers', variables: { city: '510700', reviewTimeout: 'PT8S', reviewDue: null, notBefore: '2020-01-01T00:00:00+08:00' } });
    await waitFor(async () => (await jobsOf(timed.processInstanceKey)).some((j) => j.handler === 'timer-transition'), 15_000, 'the review timer armed');

    // when: node 1 is killed
    process.kill(n1!.pid, 'SIGKILL');
    const killedAt = Date.now();
    await waitFor(async () => (await fetch(`${n1!.url}/engine-rest/engine`).then(() => null, () => true)), 10_000, 'node 1 gone');
    await blocker.rollback();
    await blocker.end();
    await one.stop();
    // then the dead node's lock is still on its timer job, and the review timer is not yet due
    expect(await jobsOf(held.processInstanceKey)).toEqual([expect.objectContaining({ id: heldJob.id, owner: heldJob.owner })]);
    const [reviewTimer] = (await jobsOf(timed.processInstanceKey)).filter((j) => j.handler === 'timer-transition');
    expect(reviewTimer!.owner).toBeNull();
    expect(reviewTimer!.due!.getTime()).toBeGreaterThan(killedAt);
    // when: the locked jobs are completed through node 2
    const counted: Job[] = [];
    for (const job of seenOnOne) await two.completeJob(job.key, { outcome: `ok:${job.variables.who}` });
    two.registerWorker('test.work', async (job) => (counted.push(job), { kind: 'complete' as const }));
    await two.start();
    // then both instances finish, each once, and the worker on node 2 was handed no job twice
    for (const key of [viaOne.processInstanceKey, viaTwo.processInstanceKey]) {
      const done = await waitFor(async () => {
        const i = await two.getInstance(key);
        return i && i.status !== 'ACTIVE' ? i : null;
      }, 15_000, `instance ${key}`);
      expect(done.completedElements).toEqual(['start', 'work', 'endOk']);
    }
    expect(counted).toEqual([]);
    // and the review timer fires through node 2's job executor
    const fired = await waitFor(async () => {
      const i = await two.getInstance(timed.processInstanceKey);
      return i && i.status !== 'ACTIVE' ? i : null;
    }, 30_000, 'the review timer through node 2');
    expect(fired.completedElements).toEqual(['start', 'reviewTimeout', 'endTimedOut']);
    expect((await ranBy(timed.processInstanceKey)).at(-1)).toBe('timer-transition@node2');
    // and node 2 runs the job node 1 held once its lock ran out: not before (the lock is respected), within the lock time after the kill
    const heldEnd = await waitFor(() => endTime(two, held.processInstanceKey), LOCK_MS + 60_000, 'the held timer job through node 2');
    expect(heldEnd).toBeGreaterThanOrEqual(heldJob.lockExp!.getTime());
    expect(heldEnd - killedAt).toBeLessThanOrEqual(LOCK_MS + TAKEOVER_SLACK_MS);
    expect((await two.getInstance(held.processInstanceKey))!.completedElements).toEqual(['start', 'wait', 'end']);
    expect(await ranBy(held.processInstanceKey)).toEqual(['timer-intermediate-transition@node2']);
    const all = await two.rest.call<unknown[]>('GET', '/history/process-instance');
    expect(all).toHaveLength(4);
  }, 180_000);
});
