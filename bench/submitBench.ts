import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import express from 'express';
import { loadConfig } from '../engine/config.ts';
import { createPlatform } from '../engine/createPlatform.ts';
import { WorkerProcesses } from '../engine/wiring/workerProcesses.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../engine/services/demo/demoData.ts';
import { validApplication } from '../test/support/fixtures.ts';
import { PDF, PNG_FILE } from '../test/support/uploadFixtures.ts';
import { type Row, stats } from './lib/compare.ts';

const run = promisify(execFile);

interface LoadResult {
  offered: number;
  rate: number;
  seconds: number;
  byStatus: Record<string, number>;
  accepted: number[];
  acceptedPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  retryAfterSeen: boolean;
}

/** The load generator in its own process (bench/loadGen.mjs), aimed at a server on loopback. */
async function load(origin: string, paths: string[], rate: number, headers: Record<string, string>): Promise<LoadResult> {
  const { stdout } = await run(process.execPath, [path.resolve('bench/loadGen.mjs'), JSON.stringify({ origin, paths, rate, headers })], { maxBuffer: 64 * 1024 * 1024, timeout: 10 * 60_000 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as LoadResult;
}

/** Express answering a constant: what the machine, Node and the loopback give a server that does no work. */
async function constantServer(): Promise<{ origin: string; close(): Promise<void> }> {
  const app = express();
  app.use(express.json());
  app.post('/api/applications/:id/submit', (_req, res) => void res.json({ status: 'SUBMITTED' }));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r(undefined)));
    },
  };
}

/**
 * Submissions at a constant arrival rate from a separate process over loopback (POST
 * /api/applications/{id}/submit, each to its own complete draft), next to Express returning a
 * constant at the same rate. Afterwards every accepted submission is counted: stored as submitted
 * and started exactly once (one engine instance per application), once the start queue drained.
 */
export async function submitBenchmarks(opts: { store: 'sqlite' | 'mysql'; rate: number; seconds: number; repeats: number; workers: number }): Promise<Row[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-submit-'));
  const count = Math.round(opts.rate * opts.seconds);
  const total = count * opts.repeats;
  const mysql = opts.store === 'mysql' ? await (await import('../test/support/stores.ts')).freshMysqlDatabase(process.env.TEST_MYSQL_URL) : null;
  const env: Record<string, string> = { MAX_DRAFTS_PER_APPLICANT: String(total + 10) };
  if (mysql) Object.assign(env, { DEMO_DATA: 'true', DATA_KEY: Buffer.alloc(32, 7).toString('base64') });
  Object.assign(env, {
    DATABASE_URL: mysql ? mysql.url : `sqlite:${path.join(dir, 'bench.sqlite')}`,
    DATA_DIR: dir,
    ATTACHMENTS_DIR: path.join(dir, 'att'),
    UPLOAD_TMP_DIR: path.join(dir, 'upload-tmp'),
    DEPLOYMENTS_DIR: path.resolve('deployments'),
  });
  const config = loadConfig(env);
  // As `npm start` runs it: this process admits and answers, process starts run in worker processes.
  const workers = opts.workers > 0 ? new WorkerProcesses(opts.workers, { log: (m) => console.log(`[bench] ${m}`), env: { ...process.env, ...env } }) : null;
  const p = await createPlatform(config, workers ? { log: () => undefined, mode: 'http', kickStarts: () => workers.kick() } : { log: () => undefined });
  await p.start();
  const server = p.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const constant = await constantServer();
  const rows: Row[] = [];
  try {
    const { packages, applications, accounts } = p.services;
    const { version } = await packages.deployFromDirectory(null, 'sichuan/2026-examiner-training');
    await packages.activate(null, version.hash);
    const applicant = (await accounts.findByUsername(DEMO_ACCOUNTS[0].username))!;
    const form = (await packages.version(version.hash)).forms.application.schema as { 'x-attachments': Array<{ kind: string; accept: string[] }> };
    // One complete draft made through the service, then copied row by row: the copies are what a
    // person would have left after filling in the form and uploading the files.
    const template = await applications.createDraft(applicant, { packageHash: version.hash, data: validApplication({ name: applicant.displayName, idNumber: applicant.idNumber!, recommenderOrgId: 'org-my-filed' }) });
    for (const spec of form['x-attachments']) {
      const f = path.join(dir, `u-${spec.kind}`);
      fs.writeFileSync(f, spec.accept.includes('application/pdf') ? PDF : PNG_FILE);
      await applications.addAttachment(applicant, template.id, { kind: spec.kind, path: f, originalName: spec.kind, declaredMime: '', size: fs.statSync(f).size });
    }
    const knex = p.db.knex;
    const appRow = await knex('applications').where({ id: template.id }).first();
    const attRows = await knex('attachments').where({ application_id: template.id });
    const ids: string[] = [];
    const t0 = performance.now();
    for (let i = 0; i < total; i += 200) {
      const apps = [];
      const atts = [];
      for (let j = i; j < Math.min(total, i + 200); j++) {
        const id = randomUUID();
        ids.push(id);
        apps.push({ ...appRow, id });
        for (const a of attRows) atts.push({ ...a, id: randomUUID(), application_id: id });
      }
      await knex.batchInsert('applications', apps, 50);
      await knex.batchInsert('attachments', atts, 100);
    }
    console.log(`[bench] submit (${opts.store}): ${total} complete drafts prepared in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    await workers?.start();
    const login = (await (await fetch(`${origin}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: applicant.username, password: DEMO_PASSWORD, client: 'api' }) })).json()) as { token: string };
    const headers = { authorization: `Bearer ${login.token}` };

    const ours: LoadResult[] = [];
    const base: LoadResult[] = [];
    const accepted: string[] = [];
    for (let r = 0; r < opts.repeats; r++) {
      const batch = ids.slice(r * count, (r + 1) * count);
      const paths = batch.map((id) => `/api/applications/${id}/submit`);
      const sides = r % 2 === 0 ? ['ours', 'base'] : ['base', 'ours'];
      for (const side of sides) {
        if (side === 'ours') {
          const res = await load(origin, paths, opts.rate, headers);
          ours.push(res);
          for (const i of res.accepted) accepted.push(batch[i]);
          console.log(`[bench] submit ours round ${r + 1}: ${JSON.stringify({ ...res, accepted: res.accepted.length })}`);
        } else {
          const res = await load(constant.origin, paths, opts.rate, {});
          base.push(res);
          console.log(`[bench] submit constant round ${r + 1}: ${JSON.stringify({ ...res, accepted: res.accepted.length })}`);
        }
      }
    }

    // Drain: every accepted submission started once.
    const d0 = performance.now();
    for (;;) {
      const open = await knex('process_start_queue').whereNot({ state: 'STARTED' }).count<{ n: number }[]>('* as n');
      if (Number(open[0].n) === 0) break;
      if (performance.now() - d0 > 30 * 60_000) throw new Error('start queue not drained in 30 minutes');
      await new Promise((res) => setTimeout(res, 200));
    }
    const drainS = (performance.now() - d0) / 1000;
    const submitted = new Set<string>();
    for (let i = 0; i < accepted.length; i += 500) {
      const part = accepted.slice(i, i + 500);
      for (const r of (await knex('applications').whereIn('id', part).whereNot({ status: 'DRAFT' }).select('id')) as Array<{ id: string }>) submitted.add(r.id);
    }
    const starts = new Map<string, number>();
    for (let i = 0; i < accepted.length; i += 500) {
      const keys = accepted.slice(i, i + 500).map((id) => `application:${id}`);
      for (const r of (await knex('engine_instances').whereIn('start_key', keys).select('start_key')) as Array<{ start_key: string }>) starts.set(r.start_key, (starts.get(r.start_key) ?? 0) + 1);
    }
    const startedOnce = accepted.filter((id) => starts.get(`application:${id}`) === 1).length;
    const allStarts = Number((await knex('engine_instances').whereNull('parent_key').count<{ n: number }[]>('* as n'))[0].n);
    const verdict = `${accepted.length} accepted, ${submitted.size} stored as submitted, ${startedOnce} started exactly once (${allStarts} instances in all), queue drained ${drainS.toFixed(1)} s after the load`;
    console.log(`[bench] submit (${opts.store}) count: ${verdict}`);
    if (submitted.size !== accepted.length || startedOnce !== accepted.length || allStarts !== accepted.length) throw new Error(`submissions lost or doubled: ${verdict}`);

    const mk = (id: string, label: string, unit: string, higher: boolean, pick: (r: LoadResult) => number, target?: Row['target']): Row => {
      const o = stats(ours.map(pick));
      const b = stats(base.map(pick));
      const ratio = higher ? o.median / b.median : b.median / o.median;
      return { id, label, unit, higherIsBetter: higher, ours: o, baseline: b, baselineLabel: 'Express returning a constant', ratio, target, note: verdict };
    };
    const p99 = stats(ours.map((r) => r.p99)).median;
    const acc = stats(ours.map((r) => r.acceptedPerSecond)).median;
    const target = opts.store === 'sqlite' ? 1000 : 500;
    rows.push(mk(`submit.${opts.store}.accepted`, `submissions accepted/s at ${opts.rate}/s offered for ${opts.seconds} s, ${opts.store} (open loop)`, 'submissions/s', true, (r) => r.acceptedPerSecond, { text: `≥${target}/s`, met: acc >= target }));
    rows.push(mk(`submit.${opts.store}.p99`, `submission latency p99 at ${opts.rate}/s offered, ${opts.store}`, 'ms p99', false, (r) => r.p99, { max: 100, text: 'p99 ≤100 ms', met: p99 <= 100 }));
    rows.push({ id: `submit.${opts.store}.drain`, label: `start queue drained after the load, ${opts.store} (${accepted.length} starts)`, unit: 'starts/s', higherIsBetter: true, ours: stats([accepted.length / Math.max(drainS, 0.001)]), baseline: null, baselineLabel: '—', ratio: null, note: verdict });
    for (const r of rows) console.log(`[bench] ${r.id}: ours ${r.ours.median.toFixed(1)} ${r.unit}${r.baseline ? ` | constant ${r.baseline.median.toFixed(1)}` : ''}${r.ratio ? ` ratio ${r.ratio.toFixed(2)}×` : ''}${r.target ? ` target ${r.target.text}: ${r.target.met ? 'met' : 'MISSED'}` : ''}`);
  } finally {
    await constant.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(() => r(undefined)));
    await workers?.stop();
    await p.stop();
    await mysql?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
