import path from 'node:path';
import type { Config } from './config.ts';
import { createDb } from './store/createDb.ts';
import { KEY_FILE, loadKeyring } from './services/privacy/loadKeyring.ts';
import { AuditChainVerifier } from './services/audit/AuditChainVerifier.ts';
import { BackupError } from './services/backup/backupFormat.ts';
import { createBackup } from './services/backup/createBackup.ts';
import { placeDataKey, restoreBackup } from './services/backup/restoreBackup.ts';

/** `audit verify`: walks the whole chain; exit 0 when intact, 1 naming the first row edited or deleted. */
export async function auditCommand(config: Config, args: string[]): Promise<number> {
  if (args[0] !== 'verify') {
    console.error('用法:npm run cli -- audit verify');
    return 2;
  }
  const db = await createDb(config.databaseUrl, { keyring: loadKeyring(config) });
  try {
    const report = await new AuditChainVerifier(db).verify();
    if (report.ok) {
      console.log(`审计链完整:共 ${report.checked} 条记录,逐条核对哈希无误`);
      return 0;
    }
    console.error(`审计链校验失败:${report.problem!.message}(此前 ${report.checked} 条完好)`);
    return 1;
  } finally {
    await db.close();
  }
}

/** `backup DIR` (the platform may keep running) and `restore DIR` (onto an empty database and data folder). */
export async function backupCommand(config: Config, cmd: 'backup' | 'restore', dir: string | undefined): Promise<number> {
  if (!dir) {
    console.error(`用法:npm run cli -- ${cmd} <目录>`);
    return 2;
  }
  try {
    if (cmd === 'backup') {
      // A generated key (embedded default) goes with the backup; a configured DATA_KEY stays in the operator's secret store.
      const dataKeyFile = config.dataKeys.current ? undefined : path.join(config.dataDir, KEY_FILE);
      const m = await createBackup({ databaseUrl: config.databaseUrl, attachmentsDir: config.attachmentsDir, targetDir: dir, dataKeyFile });
      const rows = m.tables.reduce((n, t) => n + t.rows, 0);
      console.log(`备份完成:${path.resolve(dir)}(${m.database.kind},${m.tables.length} 张表共 ${rows} 行,附件 ${m.attachments.length} 个,快照时间 ${m.createdAt})`);
      return 0;
    }
    if (!config.dataKeys.current) await placeDataKey(dir, config.dataDir, KEY_FILE);
    const r = await restoreBackup({ sourceDir: dir, databaseUrl: config.databaseUrl, attachmentsDir: config.attachmentsDir, keyring: loadKeyring(config) });
    console.log(`恢复完成:${r.manifest.tables.length} 张表共 ${r.rows} 行,附件 ${r.files} 个(备份时间 ${r.manifest.createdAt}),校验值全部一致`);
    const db = await createDb(config.databaseUrl, { keyring: loadKeyring(config) });
    try {
      const report = await new AuditChainVerifier(db).verify();
      console.log(report.ok ? `审计链完整:共 ${report.checked} 条记录` : `警告:审计链校验失败:${report.problem!.message}`);
      return report.ok ? 0 : 1;
    } finally {
      await db.close();
    }
  } catch (err) {
    if (err instanceof BackupError) {
      console.error(`${cmd === 'backup' ? '备份' : '恢复'}失败:${err.message}`);
      return 1;
    }
    throw err;
  }
}
