import type { Knex } from 'knex';

// The calendar's administrator entries are regional (AMB-81): a province's administrator enters a year
// of the State Council arrangement for the province before the holiday library has it, or a prefecture's
// own holidays (民族自治地方), and declares a year complete so its deadlines stop being provisional.
// An entry for a province applies to its cities; one for a city only there. 001's national table had no
// writer yet, so it is replaced.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.dropTable('calendar_overrides');
  await knex.schema.createTable('calendar_overrides', (t) => {
    t.string('region_code', 6).notNullable();
    t.string('date', 10).notNullable();
    t.boolean('working').notNullable();
    t.string('note', 255).nullable();
    t.string('created_by', 36).nullable();
    t.primary(['region_code', 'date']);
  });
  await knex.schema.createTable('calendar_published_years', (t) => {
    t.string('region_code', 6).notNullable();
    t.integer('year').notNullable();
    t.string('note', 255).nullable();
    t.string('created_by', 36).nullable();
    t.primary(['region_code', 'year']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('calendar_published_years');
  await knex.schema.dropTable('calendar_overrides');
  await knex.schema.createTable('calendar_overrides', (t) => {
    t.string('date', 10).primary();
    t.boolean('working').notNullable();
    t.string('note', 255).nullable();
    t.string('created_by', 36).nullable();
  });
}
