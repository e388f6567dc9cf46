import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { migrationSource } from './migrations/index.ts';
import { Keyring, PersonalData } from '../services/privacy/index.ts';

export type DbKind = 'sqlite' | 'mysql';
export interface Db {
  knex: Knex;
  kind: DbKind;
  /** Seals personal data at this store's boundary (see services/privacy). */
  personal: PersonalData;
  close(): Promise<void>;
}

/** Opens the store from a URL: `sqlite:<file>` / `sqlite::memory:` or `mysql://user:pass@host:port/db`. */
export async function createDb(url: string, opts: { migrate?: boolean; keyring?: Keyring } = {}): Promise<Db> {
  let knex: Knex;
  let kind: DbKind;
  // Only a store that dies with the process may go without configured keys.
  if (!opts.keyring && url !== 'sqlite::memory:') throw new Error(`createDb(${url.replace(/\/\/[^@/]*@/, '//…@')}) needs the data keys (loadKeyring)`);
  const personal = new PersonalData(opts.keyring ?? Keyring.ephemeral());
  // Migrations that seal existing rows read the keys from here.
  const userParams = { personal };
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    kind = 'sqlite';
    knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: file },
      useNullAsDefault: true,
      // A request never waits a minute for the connection (knex's default): it is answered 503 (http/problem.ts).
      acquireConnectionTimeout: 15_000,
      ...({ userParams } as object),
      // One connection: SQLite serialises writers anyway, and a single handle keeps transactions simple.
      pool: {
        min: 1,
        max: 1,
        afterCreate: (conn: { pragma(s: string): void }, done: (err: Error | null, conn: unknown) => void) => {
          conn.pragma('journal_mode = WAL');
          conn.pragma('synchronous = NORMAL');
          conn.pragma('foreign_keys = ON');
          conn.pragma('busy_timeout = 5000');
          cachePreparedStatements(conn as unknown as PreparingConnection);
          done(null, conn);
        },
      },
    });
  } else if (url.startsWith('mysql://')) {
    kind = 'mysql';
    knex = knexFactory({
      client: 'mysql2',
      connection: { uri: url, charset: 'utf8mb4', timezone: 'Z', dateStrings: true } as Knex.MySql2ConnectionConfig & { uri: string },
      pool: { min: 0, max: 10 },
      acquireConnectionTimeout: 15_000,
      ...({ userParams } as object),
    });
  } else {
    throw new Error(`Unsupported DATABASE_URL: ${url} (use sqlite:<file> or mysql://…)`);
  }
  if (opts.migrate !== false) await knex.migrate.latest({ migrationSource });
  return { knex, kind, personal, close: () => knex.destroy() };
}

type PreparingConnection = { prepare(sql: string): unknown };

/**
 * knex's better-sqlite3 client prepares every statement anew; the same SQL text gets the statement
 * prepared the first time (better-sqlite3 statements are reusable, and SQLite re-prepares one itself
 * after a schema change). Least recently used first out beyond 500 texts (an IN list of another
 * length is another text).
 */
function cachePreparedStatements(conn: PreparingConnection, max = 500): void {
  const prepare = conn.prepare.bind(conn);
  const cache = new Map<string, unknown>();
  conn.prepare = (sql: string) => {
    let stmt = cache.get(sql);
    if (stmt) {
      cache.delete(sql);
    } else {
      stmt = prepare(sql);
      if (cache.size >= max) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, stmt);
    return stmt;
  };
}

/** JSON columns are stored as text so that SQLite and MySQL behave the same. */
export function toJson(value: unknown): string {
  return JSON.stringify(value ?? null);
}
export function fromJson<T>(value: unknown): T {
  if (value === null || value === undefined) return null as T;
  if (typeof value === 'string') return JSON.parse(value) as T;
  return value as T;
}
export function nowIso(): string {
  return new Date().toISOString();
}
