import type { Knex } from 'knex';

// 通报 of persons (issue 10, SC26-54 「无故缺勤或无故未完成培训考核的,将在一定范围内予以通报」): the
// province's decision, taken in a case of its own, on a person who was absent without leave or did not
// complete the training. The scope is the province's (the notice leaves it open, AMB-30). One row per
// decision (idempotency key: the job that recorded it); the person is keyed by the ID number's look-up
// hash, with the masked number and the name kept for the list the centres publish.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('person_public_notices', (t) => {
    t.increments('id');
    t.string('person_id_number', 64).notNullable().index();
    t.string('id_number_masked', 18).notNullable();
    t.string('person_name', 64).notNullable();
    t.string('org_id', 64).nullable();
    t.string('city_code', 6).nullable();
    t.string('province_code', 6).notNullable();
    t.integer('year').notNullable();
    t.string('reason', 24).notNullable(); // ABSENT | TRAINING_INCOMPLETE
    t.string('scope', 16).notNullable(); // UNIT | CITY | PROVINCE
    t.string('clause', 16).notNullable();
    t.text('opinion').nullable();
    t.string('decided_by', 128).nullable();
    t.string('package_hash', 64).nullable();
    t.string('idempotency_key', 191).notNullable().unique();
    t.string('created_at', 30).notNullable();
    t.index(['province_code', 'year']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('person_public_notices');
}
