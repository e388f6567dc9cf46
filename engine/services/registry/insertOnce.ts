import type { Knex } from 'knex';
import { isDuplicateKey } from './RegistryService.ts';

/**
 * Inserts a row once per idempotency key (a job key: a retried or re-activated job records nothing
 * twice). Without a key the row is simply inserted.
 */
export async function insertOnce(knex: Knex, table: string, row: Record<string, unknown>, key: string | null): Promise<void> {
  if (key && (await knex(table).where({ idempotency_key: key }).first('id'))) return;
  try {
    await knex(table).insert({ ...row, idempotency_key: key });
  } catch (err) {
    // A concurrent retry of the same job inserted first: the unique key keeps one row.
    if (!key || !isDuplicateKey(err)) throw err;
  }
}
