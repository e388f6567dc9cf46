import type { Knex } from 'knex';

// The levels an organisation filed for each occupation (GS24-01 「备案的职业(工种)和对应级别」): JSON
// { occupation code: [levels] }; null where the registry has not recorded them (a reviewer then checks).
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('organisations', (t) => {
    t.text('filed_levels').nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('organisations', (t) => {
    t.dropColumn('filed_levels');
  });
}
