import type { Knex } from 'knex';

// Registry-level scheduled jobs (issue 10): what a notice makes due on a date when no application
// process is running — cards voided at the end of their renewal round, reminders before it. One row
// per (package, job): a new version of the package does not run a done job again.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('scheduled_jobs', (t) => {
    t.string('key', 191).primary(); // `${packageId}:${jobId}`
    t.string('package_id', 128).notNullable();
    t.string('package_hash', 64).notNullable();
    t.string('job_id', 128).notNullable();
    t.string('kind', 64).notNullable();
    t.string('title', 255).notNullable();
    t.string('clause', 16).notNullable();
    t.string('region_code', 6).notNullable().index();
    t.string('due_on', 10).notNullable(); // civil date, Asia/Shanghai
    t.string('state', 16).notNullable(); // PENDING | RUNNING | DONE | FAILED
    t.integer('attempts').notNullable().defaultTo(0);
    t.text('last_error').nullable();
    t.text('result', 'longtext').nullable();
    t.string('created_at', 30).notNullable();
    t.string('started_at', 30).nullable();
    t.string('finished_at', 30).nullable();
    t.index(['state', 'due_on']);
  });
  // What a job tells a person (a renewal reminder), once per idempotency key.
  await knex.schema.createTable('notifications', (t) => {
    t.increments('id');
    t.string('person_key', 64).notNullable().index(); // the ID number's lookup key, as cards.person_id_number
    t.string('title', 255).notNullable();
    t.text('body').notNullable();
    t.string('clause', 16).nullable();
    t.string('source', 191).notNullable(); // the scheduled job's key
    t.string('idempotency_key', 191).notNullable().unique();
    t.string('created_at', 30).notNullable();
    t.string('read_at', 30).nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('notifications');
  await knex.schema.dropTableIfExists('scheduled_jobs');
}
