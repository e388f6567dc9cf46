import fs from 'node:fs';
import path from 'node:path';
import { BACKUP_FORMAT, BACKUP_VERSION, BackupError, DATA_KEY_FILE, MANIFEST_FILE, sha256File, type BackupManifest, type FileEntry } from './backupFormat.ts';
import { dumpDatabase } from './databaseSnapshot.ts';

const STORAGE_KEY = /^[0-9a-f]{2}\/[0-9a-f]{64}$/;

/**
 * Backs up a running platform into an empty folder: a consistent snapshot of every table, then the
 * attachment files that snapshot refers to (files are content-addressed and written before their row
 * commits, so each one is already on disk), then a manifest with counts and checksums, written last.
 */
export async function createBackup(opts: { databaseUrl: string; attachmentsDir: string; targetDir: string; now?: () => number; /** The generated data key file to carry along, if the install has one. */ dataKeyFile?: string }): Promise<BackupManifest> {
  const dir = path.resolve(opts.targetDir);
  if (fs.existsSync(dir) && fs.readdirSync(dir).length) throw new BackupError(`备份目录 ${dir} 不为空,请指定新的空目录`);
  fs.mkdirSync(path.join(dir, 'db'), { recursive: true });
  const createdAt = new Date((opts.now ?? Date.now)()).toISOString();
  const snapshot = await dumpDatabase(opts.databaseUrl, path.join(dir, 'db'));
  const attachments: FileEntry[] = [];
  for (const storageKey of [...new Set(snapshot.storageKeys)].sort()) {
    if (!STORAGE_KEY.test(storageKey)) throw new BackupError(`附件存储键不正确:${storageKey}`);
    const source = path.join(opts.attachmentsDir, storageKey);
    const file = `attachments/${storageKey}`;
    const target = path.join(dir, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    try {
      await fs.promises.copyFile(source, target, fs.constants.COPYFILE_EXCL);
    } catch (err) {
      throw new BackupError(`附件文件 ${storageKey} 无法复制(${(err as NodeJS.ErrnoException).code ?? (err as Error).message}),请检查附件目录后重新备份`);
    }
    const { sha256, bytes } = await sha256File(target);
    // The name is the content's sha256: a copy that does not match it is a damaged source file.
    if (sha256 !== storageKey.slice(3)) throw new BackupError(`附件文件 ${storageKey} 内容与其校验值不符,附件目录中的文件已损坏`);
    attachments.push({ storageKey, file, bytes, sha256 });
  }
  let dataKey: BackupManifest['dataKey'];
  if (opts.dataKeyFile && fs.existsSync(opts.dataKeyFile)) {
    const target = path.join(dir, DATA_KEY_FILE);
    fs.copyFileSync(opts.dataKeyFile, target, fs.constants.COPYFILE_EXCL);
    fs.chmodSync(target, 0o600);
    dataKey = { file: DATA_KEY_FILE, ...(await sha256File(target)) };
  }
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt,
    database: { kind: snapshot.kind, migrations: snapshot.migrations },
    tables: snapshot.tables,
    attachments,
    ...(dataKey ? { dataKey } : {}),
  };
  const tmp = path.join(dir, `${MANIFEST_FILE}.tmp`);
  fs.writeFileSync(tmp, `${JSON.stringify(manifest, null, 2)}\n`);
  fs.renameSync(tmp, path.join(dir, MANIFEST_FILE));
  return manifest;
}
