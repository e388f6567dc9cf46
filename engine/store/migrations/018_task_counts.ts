import type { Knex } from 'knex';

/**
 * The 「共 N 条」 total of the reviewer's task list without counting a million index entries:
 * open candidate rows counted per group, state, the list's equality filters and the UTC due day,
 * kept by triggers on task_candidates (so every writer — inbox, submissions, withdrawals, restores —
 * keeps it exact in its own transaction). A total is then a sum over a few hundred counter rows,
 * plus an index count of the partial due days at a due filter's edges. Both stores.
 */
const KEY = ['candidate_group', 'state', 'city_code', 'element_id', 'package_hash', 'rule_decision', 'due_day'] as const;

const vals = (r: 'NEW' | 'OLD') =>
  `${r}.candidate_group, ${r}.state, COALESCE(${r}.city_code, ''), COALESCE(${r}.element_id, ''), COALESCE(${r}.package_hash, ''), COALESCE(${r}.rule_decision, ''), SUBSTR(COALESCE(${r}.due_sort, ''), 1, 10)`;
const where = (r: 'OLD') =>
  `candidate_group = ${r}.candidate_group AND state = ${r}.state AND city_code = COALESCE(${r}.city_code, '') AND element_id = COALESCE(${r}.element_id, '') AND package_hash = COALESCE(${r}.package_hash, '') AND rule_decision = COALESCE(${r}.rule_decision, '') AND due_day = SUBSTR(COALESCE(${r}.due_sort, ''), 1, 10)`;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('task_counts', (t) => {
    t.string('candidate_group', 64).notNullable();
    t.string('state', 16).notNullable();
    t.string('city_code', 6).notNullable().defaultTo('');
    t.string('element_id', 128).notNullable().defaultTo('');
    t.string('package_hash', 64).notNullable().defaultTo('');
    t.string('rule_decision', 16).notNullable().defaultTo('');
    t.string('due_day', 10).notNullable().defaultTo('');
    t.bigInteger('n').notNullable().defaultTo(0);
    t.primary([...KEY]);
  });
  const cols = KEY.join(', ');
  const mysql = knex.client.config.client === 'mysql2' || knex.client.config.client === 'mysql';
  const inc = mysql
    ? `INSERT INTO task_counts (${cols}, n) VALUES (${vals('NEW')}, 1) ON DUPLICATE KEY UPDATE n = n + 1`
    : `INSERT INTO task_counts (${cols}, n) VALUES (${vals('NEW')}, 1) ON CONFLICT (${cols}) DO UPDATE SET n = n + 1`;
  const dec = `UPDATE task_counts SET n = n - 1 WHERE ${where('OLD')}`;
  await knex.raw(`CREATE TRIGGER task_counts_ins AFTER INSERT ON task_candidates FOR EACH ROW BEGIN ${inc}; END`);
  await knex.raw(`CREATE TRIGGER task_counts_del AFTER DELETE ON task_candidates FOR EACH ROW BEGIN ${dec}; END`);
  await knex.raw(`CREATE TRIGGER task_counts_upd AFTER UPDATE ON task_candidates FOR EACH ROW BEGIN ${dec}; ${inc}; END`);
  await knex.raw(
    `INSERT INTO task_counts (${cols}, n) SELECT candidate_group, state, COALESCE(city_code, ''), COALESCE(element_id, ''), COALESCE(package_hash, ''), COALESCE(rule_decision, ''), SUBSTR(COALESCE(due_sort, ''), 1, 10), COUNT(*) FROM task_candidates GROUP BY 1, 2, 3, 4, 5, 6, 7`,
  );
}

export async function down(knex: Knex): Promise<void> {
  for (const name of ['task_counts_ins', 'task_counts_del', 'task_counts_upd']) await knex.raw(`DROP TRIGGER IF EXISTS ${name}`);
  await knex.schema.dropTable('task_counts');
}
