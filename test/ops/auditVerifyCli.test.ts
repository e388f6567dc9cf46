import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../engine/store/createDb.ts';
import { AuditLog } from '../../engine/services/audit/AuditLog.ts';
import { freshMysqlDatabase, storeTargets, type StoreTarget } from '../support/stores.ts';
import { TEST_DATA_KEY, testKeyring } from '../support/testKeys.ts';

const run = promisify(execFile);

describe.each(storeTargets())('npm run cli -- audit verify on $name', (target: StoreTarget) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-cli-'));
  let url: string;
  let drop: (() => Promise<void>) | undefined;
  let db: Db;
  const verify = () =>
    run('npx', ['tsx', 'engine/cli.ts', 'audit', 'verify'], { env: { ...process.env, DATABASE_URL: url, DATA_DIR: dir, DATA_KEY: TEST_DATA_KEY } }).then(
      (r) => ({ code: 0, out: r.stdout + r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
    );
  const rows = () => db.knex('audit_log').orderBy('seq');

  beforeAll(async () => {
    url = `sqlite:${path.join(dir, 'audit.sqlite')}`;
    if (target.name === 'mysql') ({ url, drop } = await freshMysqlDatabase(target.url));
    db = await createDb(url, { keyring: testKeyring() });
    const audit = new AuditLog(db);
    for (let i = 1; i <= 6; i++) await audit.append({ actorId: `u${i}`, action: 'task.completed', entityType: 'task', entityId: `t${i}`, detail: { decision: 'APPROVE', opinion: `意见${i}` } });
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('passes on an untouched log, and names the row whose detail was edited, then the row deleted', async () => {
    // given
    const intact = await verify();
    const [, , third, fourth] = await rows();
    // when: one row's detail is edited
    await db.knex('audit_log').where({ id: third.id }).update({ detail: '{"decision":"REJECT","opinion":"意见3"}' });
    const edited = await verify();
    // and, once repaired, another row is deleted
    await db.knex('audit_log').where({ id: third.id }).update({ detail: third.detail });
    await db.knex('audit_log').where({ id: fourth.id }).delete();
    const deleted = await verify();
    // then
    expect(intact.code, intact.out).toBe(0);
    expect(intact.out).toContain('审计链完整:共 6 条记录');
    expect(edited.code).toBe(1);
    expect(edited.out).toContain(`审计记录 id=${third.id}(第 3 条)的内容已被修改`);
    expect(deleted.code).toBe(1);
    expect(deleted.out).toContain(`第 4 条审计记录已被删除(位于 id=${third.id} 与 id=`);
  }, 120_000);
});
