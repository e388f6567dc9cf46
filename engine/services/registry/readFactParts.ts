import type { Knex } from 'knex';

type Row = Record<string, any>;

/** One part of a fact read: the rows of one table matching a condition, each as a JSON object of the columns. */
export interface FactPart {
  /** The name the rows come back under. */
  part: string;
  table: string;
  columns: readonly string[];
  /** A condition in plain SQL both stores read alike (backtick-quoted names, ? placeholders). */
  where: string;
  bindings: readonly unknown[];
}

const quote = (name: string) => `\`${name}\``;
/** The statement text per shape of a read, written once: building it with the query builder cost more than running it. */
const statements = new Map<string, string>();

/**
 * Reads several tables in one statement (UNION ALL of one JSON object per row, `json_object` on
 * SQLite and MySQL alike), so a fact provider costs one round trip and one statement, not one per
 * table. Rows come back by part, with the same column names (and values: all dates and codes are
 * strings, booleans 0/1) as a plain select of the table gives; each part sorted as given.
 */
export async function readFactParts(knex: Knex, parts: FactPart[], order: Record<string, (a: Row, b: Row) => number> = {}): Promise<Map<string, Row[]>> {
  const key = parts.map((p) => `${p.part}|${p.table}|${p.columns.join(',')}|${p.where}`).join('\n');
  let sql = statements.get(key);
  if (!sql) {
    sql = parts
      .map((p) => `SELECT '${p.part}' AS part, json_object(${p.columns.map((c) => `'${c}', ${quote(c)}`).join(', ')}) AS doc FROM ${quote(p.table)} WHERE ${p.where}`)
      .join(' UNION ALL ');
    if (statements.size > 1000) statements.clear();
    statements.set(key, sql);
  }
  const bindings = parts.flatMap((p) => p.bindings) as Knex.RawBinding[];
  const rows = (knex.client.config.client === 'mysql2' ? (await knex.raw(sql, bindings))[0] : await sqliteAll(knex, sql, bindings)) as Array<{ part: string; doc: string | Row }>;
  const out = new Map<string, Row[]>(parts.map((p) => [p.part, []]));
  for (const r of rows) out.get(r.part)!.push(typeof r.doc === 'string' ? JSON.parse(r.doc) : r.doc);
  for (const [part, cmp] of Object.entries(order)) out.get(part)?.sort(cmp);
  return out;
}

/**
 * On SQLite the statement is prepared once per connection and kept (knex's better-sqlite3 client
 * prepares every query anew, which cost more than running this one); the connection is taken from
 * and given back to knex's pool like any query.
 */
async function sqliteAll(knex: Knex, sql: string, bindings: readonly unknown[]): Promise<unknown[]> {
  const conn = (await knex.client.acquireConnection()) as SqliteConnection;
  try {
    let cache = preparedByConnection.get(conn);
    if (!cache) preparedByConnection.set(conn, (cache = new Map()));
    let statement = cache.get(sql);
    if (!statement) {
      if (cache.size > 100) cache.clear();
      cache.set(sql, (statement = conn.prepare(sql)));
    }
    // Reported like every knex query (observers count and log statements through this event).
    knex.client.emit('query', { sql, bindings, method: 'raw', __knexUid: (conn as { __knexUid?: string }).__knexUid });
    return statement.all(...bindings);
  } finally {
    await knex.client.releaseConnection(conn);
  }
}

interface SqliteConnection {
  prepare(sql: string): { all(...params: unknown[]): unknown[] };
}
const preparedByConnection = new WeakMap<SqliteConnection, Map<string, { all(...params: unknown[]): unknown[] }>>();

/** `col IN (?, ?, …)` for n values. */
export const inList = (col: string, n: number) => `${quote(col)} IN (${Array.from({ length: n }, () => '?').join(', ')})`;

/** Ascending by the given columns (numbers as numbers, strings by code unit, as the stores order these ASCII columns; nulls first). */
export function byColumns(...cols: string[]): (a: Row, b: Row) => number {
  return (a, b) => {
    for (const c of cols) {
      if (a[c] === b[c]) continue;
      if (a[c] === null || a[c] === undefined) return -1;
      if (b[c] === null || b[c] === undefined) return 1;
      return a[c] < b[c] ? -1 : 1;
    }
    return 0;
  };
}
