import type { Knex } from 'knex';

// The registry's person records that rules read across packages (issue 4): certificates and titles
// (SC21-07/08 thresholds), exam sittings (SC26 make-ups), evaluation work (SC24 renewal), and the
// card level. Writes from task workers carry an idempotency key, so a retried job records once.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('cards', (t) => {
    t.integer('level').nullable();
  });
  await knex.schema.createTable('person_certificates', (t) => {
    t.increments('id');
    t.string('person_id_number', 18).notNullable().index();
    t.string('kind', 16).notNullable(); // VQ | SKILL | SPECIAL
    t.string('occupation_code', 32).nullable();
    t.string('occupation_name', 128).nullable();
    t.integer('level').nullable(); // 1 (一级/高级技师) … 5 (五级/初级工)
    t.string('certificate_no', 64).nullable();
    t.string('issued_on', 10).nullable();
  });
  await knex.schema.createTable('person_titles', (t) => {
    t.increments('id');
    t.string('person_id_number', 18).notNullable().index();
    t.string('level', 16).notNullable(); // junior | intermediate | deputy-senior | senior
    t.string('series', 64).nullable();
    t.string('issued_on', 10).nullable();
  });
  await knex.schema.createTable('exam_sittings', (t) => {
    t.increments('id');
    t.string('person_id_number', 18).notNullable().index();
    t.string('date', 10).notNullable();
    t.string('occupation_code', 32).nullable();
    t.string('kind', 8).notNullable(); // exam | makeup
    t.string('result', 8).notNullable(); // PASS | FAIL | ABSENT
    t.string('application_id', 36).nullable();
    t.string('idempotency_key', 128).nullable().unique();
  });
  await knex.schema.createTable('evaluation_records', (t) => {
    t.increments('id');
    t.string('person_id_number', 18).notNullable().index();
    t.string('date', 10).notNullable();
    t.string('occupation_code', 32).nullable();
    t.string('role', 16).notNullable(); // examiner | supervisor
    t.string('org_id', 64).nullable();
    t.string('idempotency_key', 128).nullable().unique();
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['evaluation_records', 'exam_sittings', 'person_titles', 'person_certificates']) await knex.schema.dropTable(table);
  await knex.schema.alterTable('cards', (t) => t.dropColumn('level'));
}
