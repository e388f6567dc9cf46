import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../engine/config.ts';
import { createPlatform, type Platform } from '../engine/createPlatform.ts';
import type { Actor } from '../engine/services/actor.ts';
import { stats, type Row } from './lib/compare.ts';
import { InstanceQueries, type HeatmapQuery, type InstanceListQuery } from '../engine/services/instances/InstanceQueries.ts';

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const PACKAGE = 'sichuan/2026-examiner-training';

/**
 * The admin's instance queries (GET /api/admin/instances, GET /api/admin/heatmap) over N instances
 * of one package version (the worst case: a province's whole year in one version): 70 % wait at one
 * of five steps, spread over 21 cities, 200 units and 60 days of arrivals, a fifth of them overdue;
 * the rest are finished. Each query with its counts, filters and total; target p95 ≤ 200 ms at 1,000,000 instances
 * (counts and heatmap from the counters of migration 023, pages keyset-paged). `npm run bench:instances`.
 */
export interface InstanceCaseResult {
  kind: 'instances' | 'heatmap';
  label: string;
  what: string;
  samplesMs: number[];
  p95: number;
}

export async function benchInstanceQueries(p: Platform, n: number, opts: { runs?: number; log?: (line: string) => void } = {}): Promise<{ worstListP99: number; worstHeatmapP99: number; cases: InstanceCaseResult[]; directCheck: string }> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const runs = opts.runs ?? 10;
  const knex = p.db.knex;
  const { version } = await p.services.packages.deployFromDirectory(null, PACKAGE);
  const hash = version.hash;
  const cities = ['510100', '510300', '510400', '510500', '510600', '510700', '510800', '510900', '511000', '511100', '511300', '511400', '511500', '511600', '511700', '511800', '511900', '512000', '513200', '513300', '513400'];
  const steps = [
    ['Task_UnitReview', '推荐单位初审', 4],
    ['Task_CityReview', '市(州)职鉴中心资格审核', 3],
    ['Task_ProvinceReReview', '省职鉴中心资格复审', 2],
    ['Task_TrainingExam', '培训考核', 1],
  ] as const;
  const weighted = steps.flatMap((s) => Array.from({ length: s[2] }, () => s));
  const finished = ['CARD_ISSUED', 'REJECTED', 'WITHDRAWN'];
  const surnames = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
  const given = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛'];
  const now = Date.now();
  const base = BigInt(now) * 1_000_000n;
  const batch = 500;
  const sealedId = p.db.personal.toJson({ idNumber: '510701199001010017' });
  let t0 = performance.now();
  // A store filled by an earlier run (BENCH_DIR) is measured as it is.
  const present = Number(((await knex('applications').where({ package_hash: hash }).count({ n: '*' })) as Array<{ n: number | string }>)[0].n);
  if (present >= n) log(`instances: ${present} instances of the version already in the store`);
  else {
  // One transaction per 5,000 rows: the store commits (and syncs) far less often than per batch, and the platform's own
  // work (the engine's job dispatch) still gets the SQLite connection between chunks.
  const chunk = 5_000;
  for (let c = 0; c < n; c += chunk) await knex.transaction(async (trx) => {
  for (let i = c; i < Math.min(n, c + chunk); i += batch) {
    const apps = [];
    const tasks = [];
    for (let j = i; j < Math.min(n, i + batch); j++) {
      const id = `00000000-0000-4000-8000-${String(j).padStart(12, '0')}`;
      const key = (base + BigInt(j)).toString();
      const city = cities[j % cities.length];
      const org = `bench-org-${j % 200}`;
      const submitted = new Date(now - ((j * 104_729) % (60 * 86_400_000))).toISOString();
      const waiting = j % 10 < 7;
      const step = weighted[j % weighted.length];
      const name = surnames[j % surnames.length] + given[(j >> 3) % given.length] + (j % 7 ? given[(j >> 5) % given.length] : '');
      apps.push({ id, package_hash: hash, package_id: version.packageId, applicant_account_id: 'bench', recommender_org_id: org, city_code: city, status: waiting ? 'IN_REVIEW' : finished[j % finished.length], stage: waiting ? step[1] : null, data: sealedId, process_instance_key: key, submitted_at: submitted, created_at: submitted, updated_at: submitted, version: 1, applicant_name: name });
      if (waiting) {
        const arrived = new Date(Date.parse(submitted) + ((j * 7919) % (5 * 86_400_000))).toISOString();
        const due = j % 5 === 0 ? new Date(now - 86_400_000).toISOString() : new Date(now + 10 * 86_400_000).toISOString();
        tasks.push({ id: key, process_instance_key: key, application_id: id, element_id: step[0], name: step[1], form_key: 'review', state: 'OPEN', candidate_groups: '[]', due_at: due, city_code: city, context: '{}', created_at: arrived, package_hash: hash, applicant_name: name });
      }
    }
    await trx.batchInsert('applications', apps, batch);
    if (tasks.length) await trx.batchInsert('tasks', tasks, batch);
  }
  });
  if (p.db.kind === 'sqlite') await knex.raw('ANALYZE');
  else await knex.raw('ANALYZE TABLE applications, tasks, instance_counts, wait_counts');
  log(`instances: inserted ${n} instances of one version (${Math.round(n * 0.7)} waiting) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }

  const acc = (await p.services.accounts.findByUsername('admin'))!;
  const admin: Actor = { id: acc.id, username: acc.username, displayName: acc.displayName, role: 'admin', orgId: null, regionCode: acc.regionCode, idNumber: null };
  const queries = new InstanceQueries(p.db, { packages: p.services.packages, applications: p.services.applications, engine: p.engine, calendar: p.services.calendar, personal: p.db.personal, now: () => now });
  const day = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
  const listCases: Array<[string, Omit<InstanceListQuery, 'package'>]> = [
    ['no filter', {}],
    ['page 500', { page: 500 }],
    ['status IN_REVIEW', { status: 'IN_REVIEW' }],
    ['step Task_CityReview', { step: 'Task_CityReview' }],
    ['city 510700', { cityCode: '510700' }],
    ['unit bench-org-7', { orgId: 'bench-org-7' }],
    ['overdue', { due: 'overdue' }],
    ['step + city + overdue', { step: 'Task_UnitReview', cityCode: '510100', due: 'overdue' }],
    ['name prefix 王伟', { q: '王伟' }],
  ];
  const heatCases: Array<[string, Omit<HeatmapQuery, 'package'>]> = [
    ['whole version', {}],
    ['city 510700', { cityCode: '510700' }],
    ['unit bench-org-7', { cityCode: '510100', orgId: 'bench-org-7' }],
    ['last 7 days of arrivals', { from: day(now - 7 * 86_400_000), to: day(now) }],
  ];
  // The next page after row 10,000 by its cursor (keyset), next to the offset jump to the same page.
  const cursor = (await queries.list(admin, { package: hash, pageSize: 20, page: 500 })).nextCursor;
  if (cursor) listCases.push(['page 501 by cursor (keyset)', { after: cursor }]);
  const overdueCursor = (await queries.list(admin, { package: hash, pageSize: 20, due: 'overdue', page: 100 })).nextCursor;
  if (overdueCursor) listCases.push(['overdue, page 101 by cursor', { due: 'overdue', after: overdueCursor }]);
  const cases: InstanceCaseResult[] = [];
  const measure = async (kind: InstanceCaseResult['kind'], label: string, fn: () => Promise<string>) => {
    const times: number[] = [];
    let what = '';
    for (let i = 0; i < runs; i++) {
      t0 = performance.now();
      what = await fn();
      times.push(performance.now() - t0);
    }
    log(`${`${kind} ${label}`.padEnd(40)} ${what.padStart(22)}: p50 ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms, p99 ${pct(times, 99).toFixed(1)} ms`);
    cases.push({ kind, label, what, samplesMs: times, p95: pct(times, 95) });
    return pct(times, 99);
  };
  let worstListP99 = 0;
  for (const [label, q] of listCases) {
    worstListP99 = Math.max(worstListP99, await measure('instances', label, async () => `total ${(await queries.list(admin, { package: hash, pageSize: 20, ...q })).total}`));
  }
  let worstHeatmapP99 = 0;
  for (const [label, q] of heatCases) {
    worstHeatmapP99 = Math.max(worstHeatmapP99, await measure('heatmap', label, async () => `waiting ${(await queries.heatmap(admin, { package: hash, ...q })).totalWaiting}`));
  }
  log(`instances over ${n}: worst p99 ${worstListP99.toFixed(1)} ms; heatmap worst p99 ${worstHeatmapP99.toFixed(1)} ms`);
  // The counters against the rows once (untimed): the version's waiting tasks and its instances by status.
  const heat = await queries.heatmap(admin, { package: hash });
  const page = await queries.list(admin, { package: hash, pageSize: 1 });
  const directWaiting = Number(((await knex('tasks').where({ package_hash: hash }).whereIn('state', ['OPEN', 'CLAIMED']).count({ n: '*' })) as Array<{ n: number | string }>)[0].n);
  const directInstances = Number(((await knex('applications').where({ package_hash: hash }).whereNot('status', 'DRAFT').count({ n: '*' })) as Array<{ n: number | string }>)[0].n);
  const directCheck = heat.totalWaiting === directWaiting && page.total === directInstances
    ? `counters equal the rows (waiting ${directWaiting}, instances ${directInstances})`
    : `MISMATCH: heatmap waiting ${heat.totalWaiting} vs rows ${directWaiting}, instances ${page.total} vs rows ${directInstances}`;
  log(directCheck);
  return { worstListP99, worstHeatmapP99, cases, directCheck };
}

/**
 * `npx tsx bench/instanceQueriesBench.ts` (BENCH_INSTANCES, default 1,000,000; DATABASE_URL for MySQL). With BENCH_DIR the
 * SQLite store is kept there, and a later run with the same folder measures it again without filling it anew.
 */
export async function instanceBenchmarks(opts: { store: 'sqlite' | 'mysql'; instances: number; runs: number }): Promise<Row[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-instances-'));
  let databaseUrl = `sqlite:${path.join(dir, 'bench.sqlite')}`;
  let drop = async () => undefined as void;
  if (opts.store === 'mysql') {
    const { freshMysqlDatabase } = await import('../test/support/stores.ts');
    const fresh = await freshMysqlDatabase(process.env.TEST_MYSQL_URL);
    databaseUrl = fresh.url;
    drop = fresh.drop;
  }
  const base = loadConfig({});
  // A MySQL store needs its data key: one made for this run.
  const dataKeys = opts.store === 'mysql' ? { ...base.dataKeys, current: randomBytes(32).toString('base64') } : base.dataKeys;
  const config = { ...base, dataKeys, databaseUrl, dataDir: dir, attachmentsDir: path.join(dir, 'att'), uploadTmpDir: path.join(dir, 'upload-tmp'), deploymentsDir: path.resolve('deployments'), loadDemoData: true };
  const p = await createPlatform(config, { log: () => undefined });
  await p.start();
  try {
    const r = await benchInstanceQueries(p, opts.instances, { runs: opts.runs, log: (l) => console.log(`[bench] instances (${opts.store}): ${l}`) });
    return r.cases.map((c) => ({
      id: `instances.${opts.store}.${c.kind}.${c.label.replace(/[^a-z0-9]+/gi, '-').replace(/-$/, '')}`,
      label: `admin ${c.kind === 'heatmap' ? 'heatmap' : 'instance page (counts + page of 20)'} over ${opts.instances} instances, ${opts.store}: ${c.label} (${c.what})`,
      unit: 'ms p95',
      higherIsBetter: false,
      ours: stats([c.p95]),
      baseline: null,
      baselineLabel: '—',
      ratio: null,
      target: { max: 200, text: 'p95 ≤200 ms', met: c.p95 <= 200 },
      note: `${c.samplesMs.length} runs, p50 ${pct(c.samplesMs, 50).toFixed(1)} ms; ${r.directCheck}`,
    }));
  } finally {
    await p.stop();
    await drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const keep = process.env.BENCH_DIR;
  const dir = keep ? (fs.mkdirSync(keep, { recursive: true }), keep) : fs.mkdtempSync(path.join(os.tmpdir(), 'bench-instances-'));
  const config = {
    ...loadConfig({}),
    databaseUrl: process.env.DATABASE_URL ?? `sqlite:${path.join(dir, 'bench.sqlite')}`,
    dataDir: dir,
    attachmentsDir: path.join(dir, 'att'),
    uploadTmpDir: path.join(dir, 'upload-tmp'),
    deploymentsDir: path.resolve('deployments'),
    loadDemoData: true,
  };
  const p = await createPlatform(config, { log: () => undefined });
  await p.start();
  try {
    await benchInstanceQueries(p, Number(process.env.BENCH_INSTANCES ?? 1_000_000));
  } finally {
    await p.stop();
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
