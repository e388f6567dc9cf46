import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { Knex } from 'knex';
import { createDb, type Db } from '../../store/createDb.ts';
import type { Keyring } from '../privacy/index.ts';
import { migrationSource } from '../../store/migrations/index.ts';
import { BACKUP_FORMAT, BACKUP_VERSION, BackupError, decodeValue, MANIFEST_FILE, sha256File, type BackupManifest } from './backupFormat.ts';

export interface RestoreResult {
  manifest: BackupManifest;
  rows: number;
  files: number;
}

const BATCH = 200;

/**
 * Restores a backup onto an empty database and an empty attachments folder. Every checksum and count
 * is verified before anything is written; the schema is migrated to the backup's version, the rows go
 * in in one transaction, then the remaining migrations run. A restore that fails leaves the target
 * empty again, so it can be repeated.
 */
export async function restoreBackup(opts: { sourceDir: string; databaseUrl: string; attachmentsDir: string; keyring?: Keyring }): Promise<RestoreResult> {
  const dir = path.resolve(opts.sourceDir);
  const manifest = readManifest(dir);
  await verifyFiles(dir, manifest);
  const known = await migrationSource.getMigrations([]);
  const unknown = manifest.database.migrations.filter((m) => !known.includes(m));
  if (unknown.length) throw new BackupError(`备份来自更新版本的平台(数据库迁移 ${unknown.join('、')} 本程序不认识),请用相同或更新版本的程序恢复`);
  if (manifest.database.migrations.some((m, i) => known[i] !== m)) throw new BackupError('备份的数据库迁移顺序与本程序不一致,无法恢复');

  const attachmentsDir = path.resolve(opts.attachmentsDir);
  if (fs.existsSync(attachmentsDir) && fs.readdirSync(attachmentsDir).length) throw new BackupError(`附件目录 ${attachmentsDir} 不为空,恢复只能在新的空数据目录上进行`);
  const db = await openEmptyTarget(opts.databaseUrl, opts.keyring);
  let rows = 0;
  try {
    try {
      await migrateTo(db.knex, manifest.database.migrations);
      await db.knex.transaction(async (trx) => {
        for (const t of manifest.tables) rows += await loadTable(trx, path.join(dir, t.file), t.name, t.rows);
      });
      await db.knex.migrate.latest({ migrationSource });
    } catch (err) {
      await dropAll(db);
      if (err instanceof BackupError) throw err;
      throw new BackupError(`恢复数据库失败,目标数据库已清空:${(err as Error).message}`);
    }
    for (const a of manifest.attachments) {
      const target = path.join(attachmentsDir, a.storageKey);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(path.join(dir, a.file), target, fs.constants.COPYFILE_EXCL);
    }
  } finally {
    await db.close();
  }
  return { manifest, rows, files: manifest.attachments.length };
}

function readManifest(dir: string): BackupManifest {
  const file = path.join(dir, MANIFEST_FILE);
  if (!fs.existsSync(file)) throw new BackupError(`${dir} 中没有备份清单 ${MANIFEST_FILE}(备份不完整或不是备份目录)`);
  let m: BackupManifest;
  try {
    m = JSON.parse(fs.readFileSync(file, 'utf8')) as BackupManifest;
  } catch {
    throw new BackupError(`备份清单 ${MANIFEST_FILE} 不是有效的 JSON,备份已损坏`);
  }
  if (m.format !== BACKUP_FORMAT || m.version !== BACKUP_VERSION || !Array.isArray(m.tables) || !Array.isArray(m.attachments) || !Array.isArray(m.database?.migrations)) {
    throw new BackupError(`备份清单格式不正确(需要 ${BACKUP_FORMAT} 第 ${BACKUP_VERSION} 版)`);
  }
  for (const f of [...m.tables.map((t) => t.file), ...m.attachments.map((a) => a.file)]) {
    // Paths come from a file on disk: none may leave the backup folder.
    if (typeof f !== 'string' || path.isAbsolute(f) || path.normalize(f).startsWith('..')) throw new BackupError(`备份清单中的文件路径不正确:${f}`);
  }
  return m;
}

async function verifyFiles(dir: string, m: BackupManifest): Promise<void> {
  for (const entry of [...m.tables, ...m.attachments, ...(m.dataKey ? [m.dataKey] : [])]) {
    const file = path.join(dir, entry.file);
    if (!fs.existsSync(file)) throw new BackupError(`备份文件 ${entry.file} 缺失,备份不完整`);
    const { sha256, bytes } = await sha256File(file);
    if (sha256 !== entry.sha256 || bytes !== entry.bytes) throw new BackupError(`备份文件 ${entry.file} 校验失败(sha256 不符),备份已损坏或被改动`);
  }
  for (const a of m.attachments) {
    if (a.sha256 !== a.storageKey.slice(3)) throw new BackupError(`附件 ${a.storageKey} 的校验值与其存储键不符`);
  }
}

/**
 * Puts a backup's generated data key into the data folder being restored to, before the keys are
 * loaded there (else a new key would be generated and nothing sealed could be read). A folder that
 * already holds a different key is refused: its data would become unreadable.
 */
export async function placeDataKey(sourceDir: string, dataDir: string, keyFileName: string): Promise<boolean> {
  const dir = path.resolve(sourceDir);
  const manifest = readManifest(dir);
  if (!manifest.dataKey) return false;
  const source = path.join(dir, manifest.dataKey.file);
  if (!fs.existsSync(source)) throw new BackupError(`备份文件 ${manifest.dataKey.file} 缺失,备份不完整`);
  const { sha256 } = await sha256File(source);
  if (sha256 !== manifest.dataKey.sha256) throw new BackupError(`备份文件 ${manifest.dataKey.file} 校验失败(sha256 不符),备份已损坏或被改动`);
  const target = path.join(dataDir, keyFileName);
  if (fs.existsSync(target)) {
    if ((await sha256File(target)).sha256 === sha256) return true;
    throw new BackupError(`数据目录 ${dataDir} 已有另一把数据密钥,恢复只能在新的空数据目录上进行`);
  }
  fs.mkdirSync(dataDir, { recursive: true });
  fs.copyFileSync(source, target, fs.constants.COPYFILE_EXCL);
  fs.chmodSync(target, 0o600);
  return true;
}

async function openEmptyTarget(url: string, keyring?: Keyring): Promise<Db> {
  const db = await createDb(url, { migrate: false, keyring });
  const tables = await listTables(db);
  if (tables.length) {
    await db.close();
    throw new BackupError(`目标数据库不为空(已有 ${tables.length} 张表),恢复只能在新的空数据库上进行`);
  }
  return db;
}

async function listTables(db: Db): Promise<string[]> {
  if (db.kind === 'sqlite') {
    const rows = await db.knex.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
    return (rows as Array<{ name: string }>).map((r) => r.name);
  }
  const [rows] = await db.knex.raw("SHOW FULL TABLES WHERE Table_type = 'BASE TABLE'");
  return (rows as Array<Record<string, string>>).map((r) => Object.values(r)[0]!);
}

/** Runs the code's migrations one by one until the schema is the one the backup was taken with. */
async function migrateTo(knex: Knex, migrations: string[]): Promise<void> {
  for (let i = 0; i < migrations.length; i++) await knex.migrate.up({ migrationSource });
  const [done] = (await knex.migrate.list({ migrationSource })) as [Array<string | { name: string }>, unknown];
  const names = done.map((d) => (typeof d === 'string' ? d : d.name));
  if (names.join() !== migrations.join()) throw new BackupError(`数据库结构未能迁移到备份时的版本(${migrations.at(-1) ?? '无'})`);
}

async function loadTable(trx: Knex.Transaction, file: string, table: string, expected: number): Promise<number> {
  // 007 seeds its one-row chain head; the backup's head (with the chain's real tail) replaces it.
  await trx(table).delete();
  let batch: Array<Record<string, unknown>> = [];
  let n = 0;
  const lines = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line) continue;
    const raw = JSON.parse(line) as Record<string, unknown>;
    const row: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(raw)) row[k] = decodeValue(v);
    batch.push(row);
    n += 1;
    if (batch.length >= BATCH) {
      await trx(table).insert(batch);
      batch = [];
    }
  }
  if (batch.length) await trx(table).insert(batch);
  if (n !== expected) throw new BackupError(`表 ${table} 的行数(${n})与备份清单(${expected})不符`);
  return n;
}

async function dropAll(db: Db): Promise<void> {
  const tables = await listTables(db);
  if (db.kind === 'mysql') await db.knex.raw('SET FOREIGN_KEY_CHECKS = 0');
  for (const t of tables) await db.knex.schema.dropTableIfExists(t);
}
