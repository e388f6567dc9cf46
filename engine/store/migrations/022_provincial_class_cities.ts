import type { Knex } from 'knex';

// SC26-08 (issue 10): a 市(州) whose conditions cannot support the training joins the year's
// provincial classes once the province approves its request. One row per approval (idempotency key:
// the job that recorded it); the recommender facts read the years a unit's city has joined, and the
// package routes those applicants' training, exam and card to the province.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('provincial_class_cities', (t) => {
    t.increments('id');
    t.string('city_code', 6).notNullable();
    t.integer('year').notNullable();
    t.string('package_id', 128).notNullable();
    t.text('opinion').nullable();
    t.string('decided_by', 128).nullable();
    t.string('idempotency_key', 191).notNullable().unique();
    t.string('created_at', 30).notNullable();
    t.index(['city_code', 'year']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('provincial_class_cities');
}
