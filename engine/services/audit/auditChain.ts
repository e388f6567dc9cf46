import { createHash } from 'node:crypto';

/** The previous hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The columns of an audit row as stored, which the hash covers (everything but the surrogate id). */
export interface ChainedRow {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  application_id: string | null;
  region_code: string | null;
  /** The detail column exactly as stored (JSON text, or whatever form a later change stores it in). */
  detail: string | null;
  idempotency_key: string | null;
}

/**
 * sha256 over the canonical entry and the previous hash. The hash covers the stored form of each
 * column, so verifying needs no key even when a column is stored encrypted, and a changed byte
 * anywhere (including region, sequence number or detail) changes the hash.
 */
export function entryHash(row: ChainedRow, prevHash: string): string {
  const canonical = JSON.stringify([
    Number(row.seq),
    row.at,
    row.actor_id ?? null,
    row.actor_role ?? null,
    row.action,
    row.entity_type,
    row.entity_id,
    row.application_id ?? null,
    row.region_code ?? null,
    row.detail ?? null,
    row.idempotency_key ?? null,
    prevHash,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
