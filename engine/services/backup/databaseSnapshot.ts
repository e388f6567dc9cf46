import path from 'node:path';
import Database from 'better-sqlite3';
import mysql from 'mysql2';
import { BackupError, JsonLinesWriter, MIGRATION_TABLES, type TableEntry } from './backupFormat.ts';

export interface Snapshot {
  kind: 'sqlite' | 'mysql';
  migrations: string[];
  tables: TableEntry[];
  /** storage_key of every attachment row in the snapshot: the files the backup must hold. */
  storageKeys: string[];
}

/**
 * Dumps every table as JSON lines from one consistent point in time, while the platform keeps writing:
 * on SQLite one read transaction (WAL gives it a stable snapshot), on MySQL one transaction started
 * WITH CONSISTENT SNAPSHOT (InnoDB's REPEATABLE READ view). No external dump tool is needed.
 */
export async function dumpDatabase(databaseUrl: string, dbDir: string): Promise<Snapshot> {
  if (databaseUrl.startsWith('sqlite:')) return dumpSqlite(databaseUrl.slice('sqlite:'.length), dbDir);
  if (databaseUrl.startsWith('mysql://')) return dumpMysql(databaseUrl, dbDir);
  throw new BackupError(`不支持的数据库地址:${databaseUrl}`);
}

function dumpSqlite(file: string, dbDir: string): Snapshot {
  if (file === ':memory:' || !file) throw new BackupError('内存数据库无法备份,请使用数据库文件');
  let db: Database.Database;
  try {
    // Not opened read-only: a read-only handle cannot create the WAL index when no platform has the file open.
    db = new Database(path.resolve(file), { fileMustExist: true });
  } catch (err) {
    throw new BackupError(`无法打开数据库文件 ${file}:${(err as Error).message}`);
  }
  try {
    db.pragma('busy_timeout = 10000');
    db.prepare('BEGIN').run();
    try {
      const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);
      const migrations = names.includes('knex_migrations') ? (db.prepare('SELECT name FROM knex_migrations ORDER BY id').all() as Array<{ name: string }>).map((r) => r.name) : [];
      const tables: TableEntry[] = [];
      const storageKeys: string[] = [];
      for (const name of names.filter((n) => !MIGRATION_TABLES.includes(n))) {
        const file = `db/${name}.jsonl`;
        const w = new JsonLinesWriter(path.join(dbDir, `${name}.jsonl`));
        for (const row of db.prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`).iterate() as Iterable<Record<string, unknown>>) {
          w.write(row);
          if (name === 'attachments') storageKeys.push(String(row.storage_key));
        }
        tables.push({ name, file, ...w.close() });
      }
      return { kind: 'sqlite', migrations, tables, storageKeys };
    } finally {
      db.prepare('COMMIT').run();
    }
  } finally {
    db.close();
  }
}

async function dumpMysql(url: string, dbDir: string): Promise<Snapshot> {
  const conn = mysql.createConnection({ uri: url, charset: 'utf8mb4', timezone: 'Z', dateStrings: true });
  const q = conn.promise();
  try {
    const [tableRows] = (await q.query("SHOW FULL TABLES WHERE Table_type = 'BASE TABLE'")) as unknown as [Array<Record<string, string>>];
    const names = tableRows.map((r) => Object.values(r)[0]!).sort();
    await q.query('SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    await q.query('START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY');
    try {
      const migrations = names.includes('knex_migrations') ? ((await q.query('SELECT name FROM knex_migrations ORDER BY id')) as unknown as [Array<{ name: string }>])[0].map((r) => r.name) : [];
      const tables: TableEntry[] = [];
      const storageKeys: string[] = [];
      for (const name of names.filter((n) => !MIGRATION_TABLES.includes(n))) {
        const w = new JsonLinesWriter(path.join(dbDir, `${name}.jsonl`));
        const stream = conn.query(`SELECT * FROM \`${name.replace(/`/g, '``')}\``).stream();
        for await (const row of stream as AsyncIterable<Record<string, unknown>>) {
          w.write(row);
          if (name === 'attachments') storageKeys.push(String(row.storage_key));
        }
        tables.push({ name, file: `db/${name}.jsonl`, ...w.close() });
      }
      return { kind: 'mysql', migrations, tables, storageKeys };
    } finally {
      await q.query('COMMIT');
    }
  } finally {
    await q.end();
  }
}
