import type { Knex } from 'knex';

// Years whose State Council holiday arrangement an administrator has entered completely as overrides,
// so deadlines in them stop being provisional before the holiday library catches up (AMB-81).
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('calendar_published_years', (t) => {
    t.integer('year').primary();
    t.string('note', 255).nullable();
    t.string('created_by', 36).nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('calendar_published_years');
}
