import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OperatonEngine } from '../engine/adapters/operaton/OperatonEngine.ts';
import { OperatonRest, RestError } from '../engine/adapters/operaton/OperatonRest.ts';
import { translateToOperaton } from '../engine/adapters/operaton/translate.ts';
import { parseDefinitions } from '../engine/bpmn/zeebeModel.ts';
import { USER_TASK_JOB_TYPE } from '../engine/port/ProcessEngine.ts';
import { Keyring } from '../engine/services/privacy/index.ts';
import { createDb } from '../engine/store/createDb.ts';
import { sixElementBpmn } from './engineBench.ts';
import { compare, type Row } from './lib/compare.ts';

/**
 * The Operaton adapter against a bare REST client on the same nodes (`npm run bench -- operaton`, with
 * OPERATON_URL, OPERATON_USER, OPERATON_PASSWORD from `node scripts/operaton.mjs env`). Both run the
 * 6-element process to its end. Ours: OperatonEngine (store on a SQLite file, workers fetching jobs,
 * the end noticed by its poll). Baseline: the same translated BPMN under its own id, each instance
 * started and its two external tasks fetched (for that instance) and completed with plain fetch calls,
 * nothing stored on our side: what the adapter adds over the engine itself.
 */
export async function operatonBenchmarks(opts: { instances: number; repeats: number; warmup: number }): Promise<Row[]> {
  const urls = (process.env.OPERATON_URL ?? '').split(',').map((u) => u.trim()).filter(Boolean);
  if (!urls.length) throw new Error('OPERATON_URL is not set: node scripts/operaton.mjs start --nodes 2; eval "$(node scripts/operaton.mjs env)"');
  const user = process.env.OPERATON_USER ?? 'platform';
  const password = process.env.OPERATON_PASSWORD ?? '';
  const rest = new OperatonRest(urls, user, password);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-operaton-'));
  const n = opts.instances;
  const db = await createDb(`sqlite:${path.join(dir, 'ours.sqlite')}`, { keyring: Keyring.ephemeral() });
  const engine = new OperatonEngine(db, { urls, user, password, pollMs: 100, jobPollMs: 50 });
  try {
    // ours
    let completed = 0;
    let waiter: { n: number; resolve: () => void } | null = null;
    engine.registerWorker('bench.work', async () => ({ kind: 'complete', variables: { score: 7 } }), { maxJobsActive: 64 });
    engine.registerWorker(USER_TASK_JOB_TYPE, async () => ({ kind: 'complete', variables: { decision: 'approve' } }), { maxJobsActive: 64 });
    engine.onEvent((e) => {
      if (e.type !== 'instance.completed') return;
      completed++;
      if (waiter && completed >= waiter.n) waiter.resolve();
    });
    await engine.start();
    const xml = sixElementBpmn(0);
    await engine.deploy([{ name: 'bench-six.bpmn', xml }]);
    const reached = (k: number) => new Promise<void>((resolve) => (completed >= k ? resolve() : (waiter = { n: k, resolve })));

    // baseline: the same translation, deployed under another id, driven by plain REST calls
    // Topics of its own: the adapter's workers fetch every job of their types, whichever process it is of.
    const bareXml = xml.replace('id="bench-six"', 'id="bench-six-rest"').replace('type="bench.work"', 'type="bench.rest.work"');
    const translated = (await translateToOperaton('bench-six-rest.bpmn', bareXml, (await parseDefinitions('bench-six-rest.bpmn', bareXml)).processes)).xml.replace(`camunda:topic="${USER_TASK_JOB_TYPE}"`, 'camunda:topic="bench.rest.review"');
    const form = new FormData();
    form.append('deployment-name', 'bench-six-rest');
    form.append('bench-six-rest.bpmn', new Blob([translated], { type: 'application/xml' }), 'bench-six-rest.bpmn');
    const auth = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    const dep = await fetch(`${urls[0]}/engine-rest/deployment/create`, { method: 'POST', body: form, headers: { authorization: auth } });
    if (!dep.ok) throw new Error(`bare deploy: ${dep.status} ${await dep.text()}`);
    const step = async (instance: string, topic: string, variables: Record<string, unknown>) => {
      for (;;) {
        // fetch-and-lock answers 500 now and then under concurrency (the known Camunda 7 race): any client retries it, as the adapter does.
        const [task] = await rest
          .call<Array<{ id: string }>>('POST', '/external-task/fetchAndLock', { workerId: 'bench-bare', maxTasks: 1, topics: [{ topicName: topic, lockDuration: 60_000, processInstanceId: instance }] })
          .catch((err) => (err instanceof RestError && err.status === 500 ? [] : Promise.reject(err)));
        if (task) {
          await rest.call('POST', `/external-task/${task.id}/complete`, { workerId: 'bench-bare', variables: Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, { value: v }])) });
          return;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const bareOne = async () => {
      const { id } = await rest.call<{ id: string }>('POST', '/process-definition/key/bench-six-rest/start', { variables: { applicant: { value: 'x' } } });
      await step(id, 'bench.rest.work', { score: 7 });
      await step(id, 'bench.rest.review', { decision: 'approve' });
    };
    const throughput = async (one: () => Promise<unknown>, settled: () => Promise<void> = async () => undefined) => {
      const t0 = performance.now();
      await Promise.all(Array.from({ length: n }, () => one()));
      await settled();
      return (n / (performance.now() - t0)) * 1000;
    };
    let done = 0;
    return [
      await compare({
        id: 'engine.operaton.six',
        label: `6-element process to its end on ${urls.length} Operaton node(s)`,
        unit: 'instances/s',
        higherIsBetter: true,
        baselineLabel: 'bare REST client on the same nodes (start, fetch-and-lock, complete; nothing stored)',
        warmup: opts.warmup,
        repeats: opts.repeats,
        target: { ratio: 0.8, text: '≥0.8×' },
        ours: async () => {
          const base = done;
          done += n;
          return throughput(() => engine.createInstance({ bpmnProcessId: 'bench-six', variables: { applicant: 'x' } }), () => reached(base + n));
        },
        baseline: () => throughput(bareOne),
      }),
    ];
  } finally {
    await engine.stop();
    await db.close();
    const deployments = await rest.call<Array<{ id: string; name: string }>>('GET', '/deployment').catch(() => []);
    for (const d of deployments) if (d.name.startsWith('bench-six')) await rest.call('DELETE', `/deployment/${d.id}?cascade=true`).catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
