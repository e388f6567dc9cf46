import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import type { ServerProcess } from './serverProcess.ts';

/**
 * The data folder the killed-and-restarted server processes of one test share: a copy of one package
 * as its deployments, the servers started on it (killed at the end), and a reader of its SQLite store
 * (one connection, waiting on the servers' locks) for the test's own checks.
 */
export function serverDataDir(prefix: string, pkg: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const deployments = path.join(dir, 'deployments');
  fs.mkdirSync(path.join(deployments, path.dirname(pkg)), { recursive: true });
  fs.cpSync(path.join('deployments', pkg), path.join(deployments, pkg), { recursive: true });
  const servers: ServerProcess[] = [];
  let db: Knex | undefined;
  return {
    dir,
    deployments,
    servers,
    store: (): Knex =>
      (db ??= knexFactory({ client: 'better-sqlite3', connection: { filename: path.join(dir, 'platform.sqlite') }, useNullAsDefault: true, pool: { min: 1, max: 1, afterCreate: (c: any, done: any) => (c.pragma('busy_timeout = 5000'), done(null, c)) } })),
    async cleanup(): Promise<void> {
      for (const s of servers) await s.kill();
      await db?.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
