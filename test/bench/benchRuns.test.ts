import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Row } from '../../bench/lib/compare.ts';

const run = promisify(execFile);

/**
 * `npm run bench` measures on this machine and is not part of the tests; this runs every benchmark
 * small (BENCH_SMALL=1), so a change that breaks one, loses a submission, or leaves a handle that
 * keeps the process from ending is seen at once.
 */
describe('npm run bench', () => {
  it('runs every benchmark small, each row next to its baseline, and writes JSON and Markdown', { timeout: 180_000 }, async () => {
    // given
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-results-'));
    // when
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'bench/run.ts'], { env: { ...process.env, BENCH_SMALL: '1', BENCH_RESULTS_DIR: out, BENCH_LABEL: 'small' }, timeout: 170_000, maxBuffer: 16 * 1024 * 1024 });
    // then
    const result = JSON.parse(fs.readFileSync(path.join(out, 'small.json'), 'utf8')) as { rows: Row[] };
    const ids = result.rows.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['deploy.padded', 'engine.six', 'engine.six.pad200', 'engine.sc26', 'rules.sc26', 'submit.sqlite.accepted', 'submit.sqlite.p99']));
    expect(ids.filter((id) => id.startsWith('inbox.sqlite.'))).toHaveLength(6);
    // (the admin instance page and heatmap have a target in ms and no baseline of their own)
    for (const r of result.rows.filter((x) => x.id.startsWith('instances.'))) expect(r.ours.median, r.id).toBeGreaterThan(0);
    for (const r of result.rows.filter((x) => !x.id.endsWith('.drain') && !x.id.startsWith('instances.'))) {
      expect(r.ours.median, r.id).toBeGreaterThan(0);
      expect(r.baseline?.median, r.id).toBeGreaterThan(0);
      expect(r.ratio, r.id).toBeGreaterThan(0);
    }
    // every accepted submission was stored and started exactly once (the run fails otherwise)
    expect(stdout).toMatch(/submit \(sqlite\) count: (\d+) accepted, \1 stored as submitted, \1 started exactly once/);
    expect(fs.readFileSync(path.join(out, 'small.md'), 'utf8')).toMatch(/\| SC26 eligibility with explanations, facts in memory \| evaluations\/s \| [\d.]+ \(/);
    fs.rmSync(out, { recursive: true, force: true });
  });
});
