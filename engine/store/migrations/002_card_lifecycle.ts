import type { Knex } from 'knex';

// Card collection and cancellation (SC26-43/45) are recorded with their time and reason, so a
// cancelled card can be traced to why it was cancelled; 001 had only the status column.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('cards', (t) => {
    t.string('collected_at', 24).nullable();
    t.string('cancelled_at', 24).nullable();
    t.text('cancel_reason').nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('cards', (t) => {
    t.dropColumn('cancel_reason');
    t.dropColumn('cancelled_at');
    t.dropColumn('collected_at');
  });
}
