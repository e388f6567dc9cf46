/**
 * `npm run bench`: measures the design targets on this machine.
 *  1. stored state per waiting SC26 instance (target ≈ 10 KB, nothing kept in memory);
 *  2. submissions per second with the process start queued durably;
 *  3. the reviewer's task list (GET /api/tasks) with filters, sort and total over 100,000 open tasks (target < 50 ms).
 * Sizes scale with BENCH_APPS and BENCH_LIST_TASKS.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../engine/config.ts';
import { createPlatform } from '../engine/createPlatform.ts';
import { DEMO_ACCOUNTS } from '../engine/services/demo/demoData.ts';
import { validApplication } from '../test/support/fixtures.ts';
import { PDF, PNG_FILE } from '../test/support/uploadFixtures.ts';
import { benchTaskList } from './taskListBench.ts';

const APPS = Number(process.env.BENCH_APPS ?? 200);

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  // One applicant stands in for many: the per-applicant draft quota would stop the run at 20.
  const config = { ...loadConfig({ MAX_DRAFTS_PER_APPLICANT: String(APPS + 1) }), databaseUrl: `sqlite:${path.join(dir, 'bench.sqlite')}`, dataDir: dir, attachmentsDir: path.join(dir, 'att'), uploadTmpDir: path.join(dir, 'upload-tmp'), deploymentsDir: path.resolve('deployments') };
  const p = await createPlatform(config, { log: () => undefined });
  await p.start();
  const { packages, applications, accounts } = p.services;
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
      // Real files: the upload inspector parses each one whole.
      fs.writeFileSync(f, pdf ? PDF : PNG_FILE);
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

  // 3: the reviewer's task list with filters and total (GET /api/tasks)
  await benchTaskList(p, Number(process.env.BENCH_LIST_TASKS ?? 100_000));

  const s0 = performance.now();
  await p.stop();
  console.error(`[bench] stopped in ${(performance.now() - s0).toFixed(0)} ms`);
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
