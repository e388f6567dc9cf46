// The part of better-sqlite3 (bundled with knex's SQLite client, no type declarations) the backup uses.
declare module 'better-sqlite3' {
  namespace Database {
    interface Statement {
      run(...params: unknown[]): unknown;
      all(...params: unknown[]): unknown[];
      iterate(...params: unknown[]): IterableIterator<unknown>;
    }
    interface Database {
      prepare(sql: string): Statement;
      pragma(sql: string): unknown;
      close(): void;
    }
  }
  const Database: new (file: string, opts?: { readonly?: boolean; fileMustExist?: boolean }) => Database.Database;
  export default Database;
}
