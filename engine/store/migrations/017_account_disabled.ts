import type { Knex } from 'knex';

// An admin can disable an account of their region (issue 12): it cannot sign in until enabled again.
// disabled_at is the ISO time it was disabled, disabled_by the admin's account id; both null when enabled.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('accounts', (t) => {
    t.string('disabled_at', 24).nullable();
    t.string('disabled_by', 36).nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('accounts', (t) => {
    t.dropColumn('disabled_by');
    t.dropColumn('disabled_at');
  });
}
