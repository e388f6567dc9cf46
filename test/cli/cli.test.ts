import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'));
const env = { ...process.env, DATABASE_URL: `sqlite:${path.join(dir, 'cli.sqlite')}`, DATA_DIR: dir };
const cli = (...args: string[]) => run('npx', ['tsx', 'engine/cli.ts', ...args], { env }).catch((e: { code: number; stdout: string; stderr: string }) => e);

describe('package CLI', () => {
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('validates, deploys with activation, lists, and reports a broken package with file and pointer', async () => {
    // given: a broken copy of the package
    const broken = fs.mkdtempSync(path.join(dir, 'pkg-'));
    fs.cpSync('deployments/sichuan/2026-examiner-training', broken, { recursive: true });
    fs.writeFileSync(path.join(broken, 'schedule.json'), '{ "timezone": ');
    // when
    const ok = (await cli('validate', 'deployments/sichuan/2026-examiner-training')) as { stdout: string };
    const bad = (await cli('validate', broken)) as { code: number; stdout: string };
    const deployed = (await cli('deploy', 'deployments/sichuan/2026-examiner-training', '--activate')) as { stdout: string };
    const listed = (await cli('list')) as { stdout: string };
    // then
    expect(ok.stdout).toContain('校验通过');
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/错误 schedule\.json/);
    expect(deployed.stdout).toMatch(/已部署:sichuan-2026-examiner-training [0-9a-f]{64}/);
    expect(deployed.stdout).toContain('已启用');
    expect(listed.stdout).toMatch(/^\* sichuan-2026-examiner-training [0-9a-f]{64}$/m);
  }, 120_000);
});
