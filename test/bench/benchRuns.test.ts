import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

/**
 * `npm run bench` measures on this machine and is not part of the tests; this runs it small, so
 * a change that breaks it (or leaves a handle that keeps the process from ending) is seen at once.
 */
describe('npm run bench', () => {
  it('runs to its end at a small size and reports every measurement', { timeout: 120_000 }, async () => {
    // when
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'bench/run.ts'], { env: { ...process.env, BENCH_APPS: '3', BENCH_LIST_TASKS: '300' }, timeout: 100_000 });
    // then
    expect(stdout).toMatch(/submissions: 3 in \d+ ms/);
    expect(stdout).toMatch(/stored state per waiting instance: mean [\d.]+ KB/);
    expect(stdout).toMatch(/task list over 300 open tasks: worst p99 [\d.]+ ms/);
  });
});
