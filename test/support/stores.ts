import mysql from 'mysql2/promise';

export interface StoreTarget {
  name: 'sqlite' | 'mysql';
  /** For SQLite a fresh in-memory store per call of `open`; for MySQL a fresh database per call. */
  url: string | undefined;
}

const MYSQL_URL = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';

async function mysqlReachable(): Promise<boolean> {
  try {
    const c = await mysql.createConnection({ uri: MYSQL_URL, connectTimeout: 2000 });
    await c.end();
    return true;
  } catch {
    return false;
  }
}

const reachable = await mysqlReachable();
if (!reachable) {
  if (process.env.CI === 'true') throw new Error(`MySQL/MariaDB is required in CI but not reachable at ${MYSQL_URL}`);
  console.warn(`\n*** WARNING: MySQL not reachable at ${MYSQL_URL}: the MySQL store suites are SKIPPED (set TEST_MYSQL_URL). ***\n`);
}

/** Store targets every store suite runs on: SQLite always, MySQL when reachable (required in CI). */
export function storeTargets(): StoreTarget[] {
  return reachable ? [{ name: 'sqlite', url: undefined }, { name: 'mysql', url: MYSQL_URL }] : [{ name: 'sqlite', url: undefined }];
}

/** A fresh, empty MySQL database for one test file; returns its URL and a drop function. */
export async function freshMysqlDatabase(baseUrl = MYSQL_URL): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = await mysql.createConnection({ uri: baseUrl });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = await mysql.createConnection({ uri: baseUrl });
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}
