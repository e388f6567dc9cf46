import type { Knex } from 'knex';

// Penalties on recommending units and cities (issue 10, SC26-46/50/51): what the province decided
// about a unit's yearly tally — a cut of the unit's and its city's training quota for the year, and
// which findings it decided, so the same finding is not referred again that year. One row per
// decision (idempotency key: the job that recorded it).
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('quota_adjustments', (t) => {
    t.increments('id');
    t.string('org_id', 64).notNullable();
    t.string('city_code', 6).nullable();
    t.integer('year').notNullable();
    t.integer('unit_cut').notNullable().defaultTo(0); // persons taken off the unit's quota
    t.integer('city_cut').notNullable().defaultTo(0); // persons taken off the city's quota
    t.text('findings').notNullable(); // JSON: the rule names decided
    t.string('clauses', 255).notNullable(); // the clauses of those findings, comma-separated
    t.boolean('public_notice').notNullable().defaultTo(false); // 通报 (SC26-50)
    t.text('opinion').nullable();
    t.string('decided_by', 128).nullable();
    t.string('package_hash', 64).nullable();
    t.string('idempotency_key', 191).notNullable().unique();
    t.string('created_at', 30).notNullable();
    t.index(['org_id', 'year']);
    t.index(['city_code', 'year']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('quota_adjustments');
}
