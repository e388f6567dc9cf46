import type { Knex } from 'knex';

// Sessions get an idle timeout beside the absolute one (last_seen_at, written at most once a minute),
// and sign-ins are throttled per account and per client address. The throttle lives in the database
// so that it holds across API processes and restarts.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sessions', (t) => {
    t.string('last_seen_at', 24).nullable();
  });
  await knex('sessions').update({ last_seen_at: knex.ref('created_at') });
  await knex.schema.createTable('sign_in_throttle', (t) => {
    t.string('scope', 16).notNullable(); // account | address
    t.string('subject', 128).notNullable(); // lower-cased username, or the client address
    t.integer('failures').notNullable().defaultTo(0); // attempts in the window, counted when they start
    t.string('window_started_at', 24).notNullable();
    t.string('locked_until', 24).nullable();
    t.integer('lock_count').notNullable().defaultTo(0); // locks in a row, for the back-off
    t.primary(['scope', 'subject']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('sign_in_throttle');
  await knex.schema.alterTable('sessions', (t) => {
    t.dropColumn('last_seen_at');
  });
}
