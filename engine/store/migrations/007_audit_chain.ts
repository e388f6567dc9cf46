import type { Knex } from 'knex';
import { entryHash, GENESIS_HASH, type ChainedRow } from '../../services/audit/auditChain.ts';
import { auditRegionOf } from '../../services/audit/auditRegion.ts';

// The audit log becomes tamper-evident and regional (issue 8): each row carries its place in one global
// hash chain (seq, prev_hash, hash) and the region it belongs to, so a province's administrator reads
// only their region's entries. The chain head is a one-row table that appends lock and that anchors the
// tail (deleting the last rows is detected too). Rows written before this migration are chained here,
// in id order, with the region derived as append does.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('audit_log', (t) => {
    t.bigInteger('seq').nullable();
    t.string('region_code', 6).nullable();
    t.string('prev_hash', 64).nullable();
    t.string('hash', 64).nullable();
  });
  await knex.schema.createTable('audit_chain_head', (t) => {
    t.integer('id').primary();
    t.bigInteger('last_seq').notNullable();
    t.string('last_hash', 64).notNullable();
  });
  let seq = 0;
  let prev = GENESIS_HASH;
  let afterId = 0;
  for (;;) {
    const rows = await knex('audit_log').where('id', '>', afterId).orderBy('id').limit(500);
    if (!rows.length) break;
    for (const r of rows) {
      seq += 1;
      const region = await auditRegionOf(knex, { applicationId: r.application_id, entityType: r.entity_type, entityId: r.entity_id, actorId: r.actor_id });
      const row: ChainedRow = { ...(r as ChainedRow), seq, region_code: region };
      const hash = entryHash(row, prev);
      await knex('audit_log').where({ id: r.id }).update({ seq, region_code: region, prev_hash: prev, hash });
      prev = hash;
      afterId = Number(r.id);
    }
  }
  await knex('audit_chain_head').insert({ id: 1, last_seq: seq, last_hash: prev });
  await knex.schema.alterTable('audit_log', (t) => {
    // One row per chain position: two appends can never both become entry n.
    t.unique(['seq']);
    t.index(['region_code', 'id']);
    t.index(['actor_id', 'id']);
    t.index(['at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('audit_log', (t) => {
    t.dropUnique(['seq']);
    t.dropIndex(['region_code', 'id']);
    t.dropIndex(['actor_id', 'id']);
    t.dropIndex(['at']);
  });
  await knex.schema.alterTable('audit_log', (t) => {
    t.dropColumn('seq');
    t.dropColumn('region_code');
    t.dropColumn('prev_hash');
    t.dropColumn('hash');
  });
  await knex.schema.dropTable('audit_chain_head');
}
