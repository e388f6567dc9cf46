import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OperatonEngine } from '../../engine/adapters/operaton/OperatonEngine.ts';
import { createDb, type Db } from '../../engine/store/createDb.ts';
import type { Job } from '../../engine/port/ProcessEngine.ts';
import { waitFor } from '../support/waitFor.ts';
import { OPERATON_URLS } from './operatonTarget.ts';

// Two Operaton nodes of their own on one database (not the shared ones: node 1 is killed here).
// Runs where the Operaton runs do (OPERATON_URL set, so the engine application is built); skipped loudly otherwise.
const STATE_DIR = path.resolve('.cache/operaton-failover');
const env = { ...process.env, OPERATON_BASE_PORT: '18090', OPERATON_DB_NAME: 'operaton_failover', OPERATON_STATE_DIR: STATE_DIR, CI: 'true' };
const bpmn = (name: string) => ({ name: `${name}.bpmn`, xml: readFileSync(`test/fixtures/bpmn/${name}.bpmn`, 'utf8') });
// vitest.config.ts runs this file only when OPERATON_URL is set; run by hand without nodes, it says so.
if (!OPERATON_URLS.length) throw new Error('OPERATON_URL is not set: start the nodes (node scripts/operaton.mjs start --nodes 2) and eval "$(node scripts/operaton.mjs env)"');

describe('Operaton cluster: two nodes on one database', () => {
  let state: { password: string; nodes: Array<{ node: number; pid: number; url: string }> };
  let db: Db;
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
  }, 400_000);
  afterAll(async () => {
    for (const e of engines) await e.stop();
    await db?.close();
    execFileSync('node', ['scripts/operaton.mjs', 'stop'], { env, stdio: 'inherit' });
  }, 60_000);

  it('completes through node 2 a job locked through node 1 after node 1 is killed, and fires through node 2 a timer armed through node 1; nothing twice', async () => {
    // given: both nodes up, instances started through each
    const [n1, n2] = state.nodes;
    const one = through(n1!.url);
    const two = through(n2!.url);
    await one.deploy([bpmn('jobs'), bpmn('timers')]);
    const seenOnOne: Job[] = [];
    one.registerWorker('test.work', async (job) => {
      seenOnOne.push(job);
      return new Promise<never>(() => undefined); // node 1 dies before this worker answers
    }, { timeoutMs: 120_000 });
    await one.start();
    const viaOne = await one.createInstance({ bpmnProcessId: 'jobs', variables: { applicant: { name: '张三' }, items: [1] } });
    const viaTwo = await two.createInstance({ bpmnProcessId: 'jobs', variables: { applicant: { name: '李四' }, items: [] } });
    const timed = await one.createInstance({ bpmnProcessId: 'timers', variables: { city: '510700', reviewTimeout: 'PT8S', reviewDue: null, notBefore: '2020-01-01T00:00:00+08:00' } });
    await waitFor(() => (seenOnOne.length === 2 ? true : null), 15_000, 'both jobs locked through node 1');
    // when: node 1 is killed
    process.kill(n1!.pid, 'SIGKILL');
    await waitFor(async () => (await fetch(`${n1!.url}/engine-rest/engine`).then(() => null, () => true)), 10_000, 'node 1 gone');
    await one.stop();
    // and the locked jobs are completed through node 2
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
    // and the timer armed through node 1 fires through node 2's job executor
    const fired = await waitFor(async () => {
      const i = await two.getInstance(timed.processInstanceKey);
      return i && i.status !== 'ACTIVE' ? i : null;
    }, 30_000, 'the timer through node 2');
    expect(fired.completedElements).toEqual(['start', 'reviewTimeout', 'endTimedOut']);
    const all = await two.rest.call<unknown[]>('GET', '/history/process-instance');
    expect(all).toHaveLength(3);
  }, 120_000);
});
