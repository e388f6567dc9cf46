import type { Knex } from 'knex';

// Signals on the embedded engine (issue 15). A signal subscription is a message subscription of kind
// 'signal' (a name, no correlation key). A broadcast is stored as one delivery row per instance that
// waits for it and per process it starts, in the transaction that records the broadcast, and each row
// is deleted in the transaction that applies it: a crash in between neither loses nor repeats it.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('engine_message_subscriptions', (t) => {
    t.string('kind', 16).notNullable().defaultTo('message');
    t.index(['kind', 'message_name']);
  });
  await knex.schema.createTable('engine_signal_deliveries', (t) => {
    t.increments('id');
    t.string('signal_key', 64).notNullable().index();
    t.string('signal_name', 128).notNullable();
    t.string('target', 16).notNullable(); // 'instance' | 'start'
    t.string('instance_key', 64).nullable();
    t.string('definition_key', 64).nullable();
    t.string('element_id', 128).nullable(); // the signal start event of a 'start' row
    t.text('variables', 'longtext').notNullable();
    t.string('created_at', 24).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('engine_signal_deliveries');
  await knex.schema.alterTable('engine_message_subscriptions', (t) => {
    t.dropIndex(['kind', 'message_name']);
    t.dropColumn('kind');
  });
}
