import type { Knex } from 'knex';

// Admins' instance pages (issue 12): per package version, counts by status and step, a page in
// submission order, and the heatmap of waiting tasks. The indexes make each of these an index range
// of one version (bench/instanceQueriesBench.ts, 1,000,000 instances).
// instance_migrations holds one row per instance an admin moves to another version: written
// PENDING before the engine is asked, DONE with the platform's own rows in one transaction after,
// so start-up finishes what a crash interrupted (the engine's move is itself all or nothing).
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('applications', (t) => {
    t.index(['package_hash', 'submitted_at', 'id', 'status'], 'applications_pkg_submitted_idx');
    t.index(['package_hash', 'status', 'city_code', 'recommender_org_id'], 'applications_pkg_status_idx');
    t.index(['package_hash', 'city_code', 'recommender_org_id', 'status'], 'applications_pkg_region_idx');
    t.index(['package_hash', 'recommender_org_id', 'status', 'submitted_at'], 'applications_pkg_unit_idx');
  });
  await knex.schema.alterTable('tasks', (t) => {
    t.index(['package_hash', 'state', 'element_id', 'created_at', 'city_code', 'due_at'], 'tasks_pkg_open_idx');
  });
  await knex.schema.createTable('instance_migrations', (t) => {
    t.string('id', 36).primary();
    t.string('batch_id', 36).notNullable().index();
    t.string('application_id', 36).notNullable().index();
    t.string('process_instance_key', 64).notNullable();
    t.string('from_hash', 64).notNullable();
    t.string('to_hash', 64).notNullable();
    t.string('target_definition_key', 64).notNullable();
    t.text('mappings').notNullable();
    t.string('state', 16).notNullable(); // PENDING | DONE | FAILED
    t.string('actor_id', 36).nullable();
    t.string('actor_role', 32).nullable();
    t.text('error').nullable();
    t.string('created_at', 24).notNullable();
    t.string('finished_at', 24).nullable();
    t.index(['state'], 'instance_migrations_state_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('instance_migrations');
  await knex.schema.alterTable('tasks', (t) => {
    t.dropIndex(['package_hash', 'state', 'element_id', 'created_at', 'city_code', 'due_at'], 'tasks_pkg_open_idx');
  });
  await knex.schema.alterTable('applications', (t) => {
    t.dropIndex(['package_hash', 'submitted_at', 'id', 'status'], 'applications_pkg_submitted_idx');
    t.dropIndex(['package_hash', 'status', 'city_code', 'recommender_org_id'], 'applications_pkg_status_idx');
    t.dropIndex(['package_hash', 'city_code', 'recommender_org_id', 'status'], 'applications_pkg_region_idx');
    t.dropIndex(['package_hash', 'recommender_org_id', 'status', 'submitted_at'], 'applications_pkg_unit_idx');
  });
}
