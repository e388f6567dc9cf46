import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/waitFor.ts';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * A worker process (engine/workerMain.ts) lives and dies with its HTTP process. Killed while the worker
 * is still starting, the parent must not leave it running on its own (it would keep polling the store
 * and working jobs next to the worker the restarted server forks).
 */
describe('a worker process whose HTTP process is killed while it starts', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orphan-worker-'));
  fs.mkdirSync(path.join(dir, 'deployments'));
  let workerPid = 0;
  afterAll(() => {
    if (workerPid && alive(workerPid)) process.kill(workerPid, 'SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('ends itself instead of running on as an orphan', async () => {
    // given: a parent that forks a worker as the split platform does, says its pid, and is killed at once
    const parent = `
      const { fork } = require('node:child_process');
      const child = fork(${JSON.stringify(path.resolve('engine/workerMain.ts'))}, ['0', '1'], { execArgv: ['--import', 'tsx'], stdio: 'ignore' });
      process.stdout.write(String(child.pid) + '\\n', () => process.kill(process.pid, 'SIGKILL'));
    `;
    const env = { ...process.env, DATA_DIR: dir, DATABASE_URL: `sqlite:${path.join(dir, 'platform.sqlite')}`, DEPLOYMENTS_DIR: path.join(dir, 'deployments'), ENGINE: 'embedded', DEMO_DATA: 'false', CRASH_POINT: '' };
    const p = spawn(process.execPath, ['-e', parent], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (b) => (out += b));
    await new Promise((resolve) => p.once('exit', resolve));
    workerPid = Number(out.trim());
    expect(workerPid).toBeGreaterThan(0);

    // then: the worker is gone soon after (it may have been mid-import or mid-start-up when the parent died)
    await waitFor(() => !alive(workerPid), 30_000, 'the orphaned worker to end');
    expect(alive(workerPid)).toBe(false);
  }, 60_000);
});
