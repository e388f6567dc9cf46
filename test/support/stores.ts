import mysql from 'mysql2/promise';
import { createDb, type Db } from '../../engine/store/createDb.ts';
import { Keyring } from '../../engine/services/privacy/index.ts';

export interface StoreTarget {
  name: 'sqlite' | 'mysql';
  /** `sqlite::memory:`, or the MySQL server URL whose database `openStore` replaces by a fresh one. */
  url: string;
}

const MYSQL_URL = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';

/** The server part of a MySQL URL (no database), for creating and dropping databases. */
function serverUrl(url: string): string {
  const u = new URL(url);
  u.pathname = '/';
  return u.toString();
}

async function mysqlReachable(): Promise<boolean> {
  try {
    const c = await mysql.createConnection({ uri: serverUrl(MYSQL_URL), connectTimeout: 2000 });
    await c.end();
    return true;
  } catch {
    return false;
  }
}

const reachable = await mysqlReachable();
if (!reachable) {
  // CI must prove both stores; a developer without MariaDB still gets the SQLite half, loudly.
  if (process.env.CI === 'true') throw new Error(`MySQL/MariaDB is required in CI but not reachable at ${MYSQL_URL} (set TEST_MYSQL_URL)`);
  console.warn(
    `\n${'*'.repeat(100)}\n*** WARNING: MySQL/MariaDB not reachable at ${MYSQL_URL}.\n*** The MySQL store suites are SKIPPED; only SQLite is tested. Start MariaDB or set TEST_MYSQL_URL.\n${'*'.repeat(100)}\n`,
  );
}

/** Store targets every store suite runs on: SQLite always, MySQL when reachable (required in CI). */
export function storeTargets(): StoreTarget[] {
  const targets: StoreTarget[] = [{ name: 'sqlite', url: 'sqlite::memory:' }];
  if (reachable) targets.push({ name: 'mysql', url: MYSQL_URL });
  return targets;
}

/** A fresh, empty MySQL database `test_<random>` (so parallel test files never share tables); returns its URL and a drop function. */
export async function freshMysqlDatabase(baseUrl: string = MYSQL_URL): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = await mysql.createConnection({ uri: serverUrl(baseUrl) });
  try {
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await admin.end();
  }
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = await mysql.createConnection({ uri: serverUrl(baseUrl) });
      try {
        await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await c.end();
      }
    },
  };
}

/** Opens a migrated store for one test file: a new in-memory SQLite, or a new MySQL database dropped on close. */
export async function openStore(target: StoreTarget): Promise<{ db: Db; close(): Promise<void> }> {
  if (target.name === 'sqlite') {
    const db = await createDb(target.url);
    return { db, close: () => db.close() };
  }
  const fresh = await freshMysqlDatabase(target.url);
  try {
    const db = await createDb(fresh.url, { keyring: Keyring.ephemeral() });
    return {
      db,
      async close() {
        await db.close();
        await fresh.drop();
      },
    };
  } catch (err) {
    await fresh.drop();
    throw err;
  }
}
