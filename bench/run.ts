/**
 * `npm run bench`: measures the design targets on this machine.
 *  1. stored state per waiting SC26 instance (target ≈ 10 KB, nothing kept in memory);
 *  2. submissions per second with the process start queued durably;
 *  3. an inbox page (keyset, candidate-group index) over many open tasks (target < 10 ms);
 *  4. the reviewer's task list with filters, sort and total over 100,000 open tasks (target < 50 ms).
 * Sizes scale with BENCH_APPS and BENCH_TASKS.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../engine/config.ts';
import { createPlatform } from '../engine/createPlatform.ts';
import { DEMO_ACCOUNTS } from '../engine/services/demo/demoData.ts';
import { validApplication } from '../test/support/fixtures.ts';
import { benchTaskList } from './taskListBench.ts';

const APPS = Number(process.env.BENCH_APPS ?? 200);
const TASKS = Number(process.env.BENCH_TASKS ?? 200_000);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  const config = { ...loadConfig({}), databaseUrl: `sqlite:${path.join(dir, 'bench.sqlite')}`, dataDir: dir, attachmentsDir: path.join(dir, 'att'), uploadTmpDir: path.join(dir, 'upload-tmp'), deploymentsDir: path.resolve('deployments') };
  const p = await createPlatform(config, { log: () => undefined });
  await p.start();
  const { packages, applications, accounts, inbox } = p.services;
  const { version } = await packages.deployFromDirectory(null, 'sichuan/2026-examiner-training');
  await packages.activate(null, version.hash);
  const applicant = (await accounts.findByUsername(DEMO_ACCOUNTS[0].username))!;
  const form = (await packages.version(version.hash)).forms.application.schema as { 'x-attachments': Array<{ kind: string; accept: string[] }> };

  // 1 + 2: submissions and the state they leave behind
  const drafts: string[] = [];
  for (let i = 0; i < APPS; i++) {
    const app = await applications.createDraft(applicant, { packageHash: version.hash, data: validApplication({ name: applicant.displayName, idNumber: applicant.idNumber!, recommenderOrgId: 'org-my-filed' }) });
    for (const spec of form['x-attachments']) {
      const pdf = spec.accept.includes('application/pdf');
      const f = path.join(dir, `u-${i}-${spec.kind}`);
      fs.writeFileSync(f, pdf ? '%PDF-1.4\n' : Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0, 0, 0, 0, 0]));
      await applications.addAttachment(applicant, app.id, { kind: spec.kind, path: f, originalName: spec.kind, declaredMime: '', size: fs.statSync(f).size });
    }
    drafts.push(app.id);
  }
  let t0 = performance.now();
  for (const id of drafts) await applications.submit(applicant, id);
  const submitMs = performance.now() - t0;
  t0 = performance.now();
  for (;;) {
    const waiting = await p.db.knex('tasks').where({ element_id: 'Task_UnitReview' }).count<{ n: number }[]>('* as n');
    if (Number(waiting[0].n) >= APPS) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const toWaitMs = performance.now() - t0;
  const sizes = (await p.db.knex('engine_instances').where({ status: 'ACTIVE' }).select('state', 'variables')).map((r: { state: string; variables: string }) => Buffer.byteLength(r.state) + Buffer.byteLength(r.variables));
  console.log(`submissions: ${APPS} in ${submitMs.toFixed(0)} ms → ${((APPS / submitMs) * 1000).toFixed(0)}/s accepted with the start queued; all at the unit review after ${toWaitMs.toFixed(0)} ms more`);
  console.log(`stored state per waiting instance: mean ${(sizes.reduce((a, b) => a + b, 0) / sizes.length / 1024).toFixed(1)} KB, max ${(Math.max(...sizes) / 1024).toFixed(1)} KB (engine objects in memory between commands: 0)`);

  // 3: inbox page over many open tasks spread over 21 cities, keyset paging
  const cities = ['510100', '510300', '510400', '510500', '510600', '510700', '510800', '510900', '511000', '511100', '511300', '511400', '511500', '511600', '511700', '511800', '511900', '512000', '513200', '513300', '513400'];
  const base = BigInt(Date.now()) * 1_000_000n;
  const batch = 500;
  t0 = performance.now();
  for (let i = 0; i < TASKS; i += batch) {
    const rows = [];
    const cands = [];
    for (let j = i; j < Math.min(TASKS, i + batch); j++) {
      const id = (base + BigInt(j)).toString();
      const city = cities[j % cities.length];
      rows.push({ id, process_instance_key: id, application_id: null, element_id: 'Task_CityReview', name: '市(州)职鉴中心资格审核', form_key: 'review', state: 'OPEN', assignee: null, candidate_groups: JSON.stringify([`city:${city}`]), due_at: null, city_code: city, context: '{}', created_at: new Date().toISOString() });
      cands.push({ candidate_group: `city:${city}`, state: 'OPEN', task_id: id });
    }
    await p.db.knex.batchInsert('tasks', rows, batch);
    await p.db.knex.batchInsert('task_candidates', cands, batch);
  }
  console.log(`inserted ${TASKS} open tasks in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const reviewer = (await accounts.findByUsername('city-mianyang'))!;
  const times: number[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 200; i++) {
    const s = performance.now();
    const page = await inbox.list(reviewer, { cursor, limit: 20 });
    times.push(performance.now() - s);
    cursor = page.nextCursor ?? undefined;
  }
  console.log(`inbox page (20 of ~${Math.round(TASKS / cities.length)} tasks of one city, ${TASKS} open in all): p50 ${pct(times, 50).toFixed(2)} ms, p99 ${pct(times, 99).toFixed(2)} ms`);

  // 4: the reviewer's task list with filters and total (GET /api/tasks)
  await benchTaskList(p, Number(process.env.BENCH_LIST_TASKS ?? 100_000));

  await p.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
