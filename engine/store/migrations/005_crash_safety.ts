import type { Knex } from 'knex';

// Crash safety (issue 8, defects 1–3). An instance may carry a start key (e.g. the application it
// was started for), unique in the store, so a start repeated after a crash finds the first instance
// instead of creating a second. A task being completed holds its pending decision, so a crash
// between the engine's commit and the inbox's is finished (or undone) at start-up.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('engine_instances', (t) => {
    t.string('start_key', 128).nullable().unique();
  });
  await knex.schema.alterTable('tasks', (t) => {
    t.text('pending_completion', 'longtext').nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tasks', (t) => {
    t.dropColumn('pending_completion');
  });
  await knex.schema.alterTable('engine_instances', (t) => {
    t.dropUnique(['start_key']);
    t.dropColumn('start_key');
  });
}
