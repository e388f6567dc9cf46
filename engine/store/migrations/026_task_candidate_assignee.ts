import type { Knex } from 'knex';

/**
 * 「我的」 (tasks claimed by the caller) over an index of its own (issue 14): the assignee is copied
 * onto task_candidates, so the filtered page is the first rows of one index range in due order and
 * its total a count inside that range, instead of a join that starts from every task the person
 * holds and probes task_candidates for each (on MySQL a temporary table and a filesort). Triggers
 * on tasks keep the copy exact for every writer (claim, release, reassignment, completion and its
 * undo), in the writer's own transaction; a candidate row inserted for a task takes its assignee.
 */
export async function up(knex: Knex): Promise<void> {
  const mysql = knex.client.config.client === 'mysql2' || knex.client.config.client === 'mysql';
  await knex.schema.alterTable('task_candidates', (t) => {
    t.string('assignee', 36).nullable();
    t.index(['candidate_group', 'state', 'assignee', 'due_sort', 'task_id'], 'task_candidates_assignee_idx');
  });
  await knex.raw('UPDATE task_candidates SET assignee = (SELECT t.assignee FROM tasks t WHERE t.id = task_candidates.task_id) WHERE task_id IN (SELECT id FROM tasks WHERE assignee IS NOT NULL)');
  if (mysql) {
    await knex.raw(
      'CREATE TRIGGER task_candidates_assignee_upd AFTER UPDATE ON tasks FOR EACH ROW BEGIN IF NOT (NEW.assignee <=> OLD.assignee) THEN UPDATE task_candidates SET assignee = NEW.assignee WHERE task_id = NEW.id; END IF; END',
    );
    await knex.raw('CREATE TRIGGER task_candidates_assignee_ins BEFORE INSERT ON task_candidates FOR EACH ROW BEGIN SET NEW.assignee = (SELECT assignee FROM tasks WHERE id = NEW.task_id); END');
  } else {
    await knex.raw(
      'CREATE TRIGGER task_candidates_assignee_upd AFTER UPDATE OF assignee ON tasks FOR EACH ROW WHEN NEW.assignee IS NOT OLD.assignee BEGIN UPDATE task_candidates SET assignee = NEW.assignee WHERE task_id = NEW.id; END',
    );
    await knex.raw(
      'CREATE TRIGGER task_candidates_assignee_ins AFTER INSERT ON task_candidates FOR EACH ROW WHEN (SELECT assignee FROM tasks WHERE id = NEW.task_id) IS NOT NULL BEGIN UPDATE task_candidates SET assignee = (SELECT assignee FROM tasks WHERE id = NEW.task_id) WHERE rowid = NEW.rowid; END',
    );
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const name of ['task_candidates_assignee_upd', 'task_candidates_assignee_ins']) await knex.raw(`DROP TRIGGER IF EXISTS ${name}`);
  await knex.schema.alterTable('task_candidates', (t) => {
    t.dropIndex(['candidate_group', 'state', 'assignee', 'due_sort', 'task_id'], 'task_candidates_assignee_idx');
    t.dropColumn('assignee');
  });
}
