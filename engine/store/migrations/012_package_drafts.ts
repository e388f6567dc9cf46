import type { Knex } from 'knex';

// Package drafts (issue 11, "Drafts on the server"): a policy package being written in the browser
// before it is published as an immutable version. One row per draft carries the revision that every
// save compares and increments (optimistic locking: two editors never overwrite each other
// silently); its files are rows of their own, so a save rewrites one file and the draft row in one
// transaction. No foreign key between the two tables: a backup restores tables in name order, and
// the service deletes a draft's files with the draft, in one transaction.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('package_drafts', (t) => {
    t.string('id', 36).primary();
    // What the manifest says (kept in step with manifest.json on every save that parses).
    t.string('package_id', 128).notNullable();
    t.string('procedure', 64).notNullable();
    t.string('region_code', 6).notNullable().index();
    t.integer('year').notNullable();
    t.string('title', 255).notNullable();
    t.string('status', 16).notNullable(); // DRAFT | PUBLISHED
    t.integer('revision').notNullable(); // 1 at creation, +1 per save
    t.string('base_hash', 64).nullable(); // the deployed version it was cloned from
    t.string('template', 64).nullable(); // or the template it was made from
    t.string('created_by', 36).notNullable();
    t.string('created_by_name', 128).notNullable();
    t.string('created_at', 24).notNullable();
    t.string('updated_by', 36).notNullable();
    t.string('updated_by_name', 128).notNullable();
    t.string('updated_at', 24).notNullable();
    t.string('published_hash', 64).nullable();
    t.string('published_at', 24).nullable();
    t.string('published_by', 36).nullable();
    // The loader's problems of the revision they were found at (each save validates the whole draft).
    t.text('problems', 'longtext').nullable();
    t.integer('problems_revision').nullable();
  });
  await knex.schema.createTable('package_draft_files', (t) => {
    t.string('draft_id', 36).notNullable();
    t.string('path', 255).notNullable();
    t.text('content', 'longtext').notNullable();
    t.integer('size').notNullable(); // bytes of UTF-8
    t.string('sha256', 64).notNullable();
    t.string('updated_by', 36).notNullable();
    t.string('updated_by_name', 128).notNullable();
    t.string('updated_at', 24).notNullable();
    t.primary(['draft_id', 'path']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('package_draft_files');
  await knex.schema.dropTableIfExists('package_drafts');
}
