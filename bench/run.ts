/**
 * `npm run bench [engine|rules|inbox|submit ...]`: each benchmark next to its baseline measured in
 * the same run (warm-up, then ours and the baseline in alternating turns), printed as a table of
 * medians with min–max and the ratio (> 1: ours faster), and written as JSON and Markdown to
 * bench/results/<BENCH_LABEL or latest>.{json,md}. BENCH_SMALL=1 is the quick run `npm test` makes.
 * Sizes: BENCH_DEPLOY_ELEMENTS, BENCH_ADMIN_INSTANCES, BENCH_ADMIN_STORES, BENCH_ADMIN_RUNS (admin instance page and heatmap), BENCH_INSTANCES, BENCH_EVALUATIONS, BENCH_INBOX_TASKS, BENCH_INBOX_STORES (sqlite,mysql),
 * BENCH_ENGINE_CASES (six,pad200,sc26), BENCH_SUBMIT_RATE, BENCH_SUBMIT_SECONDS, BENCH_SUBMIT_STORES, BENCH_SUBMIT_WORKERS (0: starts in the HTTP process), BENCH_REPEATS.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deployBenchmarks } from './deployBench.ts';
import { engineBenchmarks } from './engineBench.ts';
import { operatonBenchmarks } from './operatonBench.ts';
import { inboxBenchmarks } from './inboxBench.ts';
import { markdownTable, type Row } from './lib/compare.ts';
import { rulesBenchmarks } from './rulesBench.ts';
import { submitBenchmarks } from './submitBench.ts';
import { benchModeler } from './modelerBench.ts';
import { instanceBenchmarks } from './instanceQueriesBench.ts';
import { stats } from './lib/compare.ts';

const small = process.env.BENCH_SMALL === '1';
const num = (name: string, full: number, quick: number) => Number(process.env[name] ?? (small ? quick : full));
const list = (name: string, full: string, quick: string) => (process.env[name] ?? (small ? quick : full)).split(',').filter(Boolean) as Array<'sqlite' | 'mysql'>;
const repeats = num('BENCH_REPEATS', 5, 2);
const warmup = small ? 0 : 2;

const BENCHMARKS: Record<string, () => Promise<Row[]>> = {
  engine: () => engineBenchmarks({ instances: num('BENCH_INSTANCES', 50, 3), repeats, warmup, cases: process.env.BENCH_ENGINE_CASES?.split(',') }),
  deploy: () => deployBenchmarks({ elements: num('BENCH_DEPLOY_ELEMENTS', 200, 200), repeats, warmup }),
  // Opt-in (`npm run bench -- operaton`): needs the nodes (OPERATON_URL).
  operaton: () => operatonBenchmarks({ instances: num('BENCH_INSTANCES', 50, 3), repeats, warmup }),
  rules: () => rulesBenchmarks({ evaluations: num('BENCH_EVALUATIONS', 2000, 50), repeats, warmup }),
  inbox: async () => {
    const rows: Row[] = [];
    for (const store of list('BENCH_INBOX_STORES', 'sqlite,mysql', 'sqlite')) rows.push(...(await inboxBenchmarks({ store, tasks: num('BENCH_INBOX_TASKS', 1_000_000, 1000), rounds: num('BENCH_INBOX_ROUNDS', 40, 3), repeats: Math.min(repeats, 3), warmup: small ? 0 : 1 })));
    return rows;
  },
  // The admin's instance page and heatmap (issue 12) over BENCH_ADMIN_INSTANCES instances of one version.
  instances: async () => {
    const rows: Row[] = [];
    for (const store of list('BENCH_ADMIN_STORES', 'sqlite,mysql', 'sqlite')) rows.push(...(await instanceBenchmarks({ store, instances: num('BENCH_ADMIN_INSTANCES', 1_000_000, 2000), runs: num('BENCH_ADMIN_RUNS', 20, 3) })));
    return rows;
  },
  submit: async () => {
    const rows: Row[] = [];
    for (const store of list('BENCH_SUBMIT_STORES', 'sqlite,mysql', 'sqlite')) {
      const rate = num('BENCH_SUBMIT_RATE', store === 'sqlite' ? 1000 : 500, 20);
      rows.push(...(await submitBenchmarks({ store, rate, seconds: num('BENCH_SUBMIT_SECONDS', 20, 1), repeats: small ? 1 : Math.min(repeats, 3), workers: num('BENCH_SUBMIT_WORKERS', 1, 1) })));
    }
    return rows;
  },
  // Opt-in (`npm run bench -- modeler`): needs Chromium and the built app; no baseline of its own yet.
  modeler: async () => {
    const r = await benchModeler(num('BENCH_MODELER_RUNS', 7, 2));
    const warm = <T,>(xs: T[]) => (xs.length > 1 ? xs.slice(1) : xs);
    const editable = stats(warm(r.samplesMs));
    const visible = stats(warm(r.visibleMs));
    const linted = stats(warm(r.lintedMs));
    const row = (id: string, label: string, ours: ReturnType<typeof stats>, target: boolean, note: string): Row => ({
      id,
      label,
      unit: 'ms',
      higherIsBetter: false,
      ours,
      baseline: null,
      baselineLabel: '—',
      ratio: null,
      target: target ? { max: r.targetMs, text: `≤${r.targetMs} ms`, met: ours.median <= r.targetMs } : undefined,
      note,
    });
    return [
      row('modeler.sc26', `designer modeler: the 2026 examiner diagram (${r.shapes} shapes, ${r.elements} diagram elements) visible and editable (a click on a task answered) after navigation, Chromium`, editable, true, `page clock from the navigation's start; first (cold) navigation ${r.coldMs} ms; runs ${r.samplesMs.join(', ')} ms; seen from the test process (its round trips included) ${r.harnessMs.join(', ')} ms`),
      row('modeler.sc26.visible', 'designer modeler: every shape drawn and painted after navigation, Chromium', visible, false, `runs ${r.visibleMs.join(', ')} ms`),
      row('modeler.sc26.linted', 'designer modeler: the live lint (a worker started after the first paint) in the problems panel, after navigation', linted, false, `runs ${r.lintedMs.join(', ')} ms`),
    ];
  },
};
/** Run only when asked for by name: minutes of set-up or a browser. */
const OPT_IN = new Set(['modeler', 'operaton']);

async function main(): Promise<void> {
  const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const names = asked.length ? asked : Object.keys(BENCHMARKS).filter((n) => !OPT_IN.has(n));
  for (const n of names) if (!BENCHMARKS[n]) throw new Error(`unknown benchmark ${n} (one of ${Object.keys(BENCHMARKS).join(', ')})`);
  const rows: Row[] = [];
  const started = new Date().toISOString();
  for (const n of names) {
    console.log(`[bench] ---- ${n}`);
    rows.push(...(await BENCHMARKS[n]()));
    // Written after every benchmark, so a long run stopped part-way keeps what it measured.
    write(rows, names, started);
  }
  console.log(`\n${markdownTable(rows)}\n`);
}

function write(rows: Row[], names: string[], started: string): void {
  const table = markdownTable(rows);
  const outDir = process.env.BENCH_RESULTS_DIR ?? path.resolve('bench/results');
  fs.mkdirSync(outDir, { recursive: true });
  const label = process.env.BENCH_LABEL ?? 'latest';
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, 1-min load average ${os.loadavg()[0].toFixed(1)} at writing`;
  fs.writeFileSync(path.join(outDir, `${label}.json`), JSON.stringify({ started, finished: new Date().toISOString(), machine, small, benchmarks: names, rows }, null, 2) + '\n');
  fs.writeFileSync(
    path.join(outDir, `${label}.md`),
    `# Benchmarks (${label})\n\n${started}, ${machine}${small ? ', small run' : ''}. \`npm run bench -- ${names.join(' ')}\`.\n` +
      `Medians of ${repeats} rounds after warm-up, min–max in brackets; the baseline measured in the same run in alternating turns. ` +
      `Ratio > 1 means ours is faster (throughput ours/baseline, latency baseline/ours).\n\n${table}\n` +
      rows.filter((r) => r.note).map((r) => `\n- ${r.id}: ${r.note}`).join('') + '\n',
  );
  console.log(`[bench] results written to ${path.join(outDir, label)}.{json,md}`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
