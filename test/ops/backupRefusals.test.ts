import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../engine/store/createDb.ts';
import { AuditLog } from '../../engine/services/audit/AuditLog.ts';
import { AuditChainVerifier } from '../../engine/services/audit/AuditChainVerifier.ts';
import { createBackup } from '../../engine/services/backup/createBackup.ts';
import { restoreBackup } from '../../engine/services/backup/restoreBackup.ts';
import { freshMysqlDatabase, storeTargets, type StoreTarget } from '../support/stores.ts';
import { testKeyring } from '../support/testKeys.ts';

describe.each(storeTargets())('backup and restore refusals on $name', (target: StoreTarget) => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'backup-refusals-'));
  const drops: Array<() => Promise<void>> = [];
  let source: Db;
  let sourceUrl: string;
  const backupDir = path.join(work, 'backup');
  const newUrl = async (name: string) => {
    if (target.name === 'sqlite') return `sqlite:${path.join(work, name, 'platform.sqlite')}`;
    const fresh = await freshMysqlDatabase(target.url);
    drops.push(fresh.drop);
    return fresh.url;
  };
  const tables = async (url: string) => {
    const db = await createDb(url, { migrate: false, keyring: testKeyring() });
    try {
      const rows = db.kind === 'sqlite' ? await db.knex.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'") : (await db.knex.raw('SHOW TABLES'))[0];
      return (rows as unknown[]).length;
    } finally {
      await db.close();
    }
  };

  beforeAll(async () => {
    sourceUrl = await newUrl('source');
    source = await createDb(sourceUrl, { keyring: testKeyring() });
    const audit = new AuditLog(source);
    for (let i = 0; i < 3; i++) await audit.append({ action: 'x', entityType: 'task', entityId: `t${i}`, detail: { 意见: `同意${i}` } });
    await createBackup({ databaseUrl: sourceUrl, attachmentsDir: path.join(work, 'source-attachments'), targetDir: backupDir });
  });
  afterAll(async () => {
    await source?.close();
    for (const d of drops) await d();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('refuses to back up into a folder that is not empty', async () => {
    // when / then
    await expect(createBackup({ databaseUrl: sourceUrl, attachmentsDir: work, targetDir: backupDir })).rejects.toThrow(/备份目录 .* 不为空/);
  });

  it('refuses a folder without manifest and a manifest whose paths leave the folder, writing nothing', async () => {
    // given
    const empty = path.join(work, 'no-manifest');
    fs.mkdirSync(empty);
    const escaping = path.join(work, 'escaping');
    fs.cpSync(backupDir, escaping, { recursive: true });
    const m = JSON.parse(fs.readFileSync(path.join(escaping, 'manifest.json'), 'utf8'));
    m.tables[0].file = '../../etc/passwd';
    fs.writeFileSync(path.join(escaping, 'manifest.json'), JSON.stringify(m));
    const url = await newUrl('t1');
    // when / then
    await expect(restoreBackup({ sourceDir: empty, databaseUrl: url, attachmentsDir: path.join(work, 't1', 'att'), keyring: testKeyring() })).rejects.toThrow(/没有备份清单/);
    await expect(restoreBackup({ sourceDir: escaping, databaseUrl: url, attachmentsDir: path.join(work, 't1', 'att'), keyring: testKeyring() })).rejects.toThrow(/文件路径不正确/);
    expect(await tables(url)).toBe(0);
  });

  it('refuses a target database that is not empty', async () => {
    // when / then
    await expect(restoreBackup({ sourceDir: backupDir, databaseUrl: sourceUrl, attachmentsDir: path.join(work, 't2', 'att'), keyring: testKeyring() })).rejects.toThrow(/目标数据库不为空/);
  });

  it('leaves the target empty when loading fails half-way, so the restore can be repeated', async () => {
    // given: a manifest whose row count disagrees with its (intact) file
    const miscounted = path.join(work, 'miscounted');
    fs.cpSync(backupDir, miscounted, { recursive: true });
    const m = JSON.parse(fs.readFileSync(path.join(miscounted, 'manifest.json'), 'utf8'));
    m.tables.find((t: { name: string }) => t.name === 'audit_log').rows += 1;
    fs.writeFileSync(path.join(miscounted, 'manifest.json'), JSON.stringify(m));
    const url = await newUrl('t3');
    const attachmentsDir = path.join(work, 't3', 'att');
    // when
    const failed = await restoreBackup({ sourceDir: miscounted, databaseUrl: url, attachmentsDir, keyring: testKeyring() }).catch((e: Error) => e);
    const emptyAfter = await tables(url);
    const ok = await restoreBackup({ sourceDir: backupDir, databaseUrl: url, attachmentsDir, keyring: testKeyring() });
    // then
    expect((failed as Error).message).toMatch(/表 audit_log 的行数/);
    expect(emptyAfter).toBe(0);
    expect(ok.rows).toBeGreaterThan(0);
    const restored = await createDb(url, { keyring: testKeyring() });
    try {
      expect(await new AuditChainVerifier(restored).verify()).toEqual({ ok: true, checked: 3, problem: null });
      expect((await restored.knex('audit_log').orderBy('seq')).map((r) => JSON.parse(r.detail).意见)).toEqual(['同意0', '同意1', '同意2']);
    } finally {
      await restored.close();
    }
  });
});
