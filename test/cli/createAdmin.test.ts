import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AccountService } from '../../engine/services/accounts/AccountService.ts';
import { createDb } from '../../engine/store/createDb.ts';
import { TEST_DATA_KEY, testKeyring } from '../support/testKeys.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-admin-'));
const databaseUrl = `sqlite:${path.join(dir, 'platform.sqlite')}`;
const env = { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: dir, DATA_KEY: TEST_DATA_KEY };

/** Runs the CLI with `stdin` piped in (an empty string closes stdin at once). */
function cli(args: string[], stdin: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('npx', ['tsx', 'engine/cli.ts', ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

async function signIn(username: string, password: string) {
  const db = await createDb(databaseUrl, { keyring: testKeyring() });
  try {
    return await new AccountService(db).login(username, password).then((s) => s.actor, (e: Error) => e);
  } finally {
    await db.close();
  }
}

describe('create-admin CLI', () => {
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates the first administrator with a password from stdin, or a generated one printed once; no demo accounts', async () => {
    // when
    const piped = await cli(['create-admin', '--username', 'root-sc', '--region', '510000', '--display-name', '四川省管理员'], 'Strong#Admin2026\n');
    const generated = await cli(['create-admin', '--username', 'root-gs', '--region', '620000'], '');
    const weak = await cli(['create-admin', '--username', 'root-weak', '--region', '510000'], 'password\n');
    const missing = await cli(['create-admin', '--username', 'root-x'], '');
    // then
    expect(piped.code, piped.stderr).toBe(0);
    expect(piped.stdout).toContain('已创建管理员 root-sc(行政区划 510000)');
    expect(piped.stdout).not.toContain('Strong#Admin2026');
    expect(await signIn('root-sc', 'Strong#Admin2026')).toMatchObject({ role: 'admin', regionCode: '510000', displayName: '四川省管理员' });
    expect(generated.code, generated.stderr).toBe(0);
    const password = generated.stdout.split('初始密码(只显示这一次,请登录后立即修改):')[1]?.trim();
    expect(password).toMatch(/^.{16}$/);
    expect(await signIn('root-gs', password!)).toMatchObject({ role: 'admin', regionCode: '620000' });
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('密码须包含大写字母、小写字母、数字、符号中的至少三类');
    expect(missing.code).toBe(2);
    expect(await signIn('admin', 'Demo@2026')).toBeInstanceOf(Error);
  }, 120_000);
});
