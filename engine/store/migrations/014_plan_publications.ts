import type { Knex } from 'knex';

// A plan the notice says must be published by a date (SC24-07 「4、7、11月的每月10日前…发布换证计划」):
// the admin records when and where it was published, and the scheduled job warns when the deadline
// passes without it. One row per package and plan window.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('plan_publications', (t) => {
    t.string('package_id', 128).notNullable();
    t.string('window_id', 128).notNullable();
    t.string('region_code', 6).notNullable();
    t.string('published_on', 10).notNullable(); // civil date, Asia/Shanghai
    t.string('reference', 255).notNullable(); // 文号 or where it was published
    t.string('recorded_by', 36).nullable();
    t.string('recorded_at', 30).notNullable();
    t.primary(['package_id', 'window_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('plan_publications');
}
