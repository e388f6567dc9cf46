import type { Knex } from 'knex';

/**
 * The admin's instance pages and heatmap over a million instances (issue 12) without reading a
 * million rows, following task_counts (018): counters kept by triggers, so every writer keeps them
 * exact in its own transaction.
 * - instance_counts: applications per version, unit, city and status. Each application is counted
 *   twice: under its unit (org_id, '' without one) and under ALL_UNITS ('*'), so a version's or a
 *   city's counts are a sum over a few hundred rows and a unit's over its own few rows.
 * - wait_counts: waiting (OPEN or CLAIMED) tasks per version, unit (again twice), element, city,
 *   arrival day (the Shanghai date the task was created) and due day (the UTC date of due_at, '' for
 *   none). Waiting counts are sums; the median working days waited is exact: the arrival days form a
 *   per-element histogram that the service converts to working days on each city's calendar; overdue
 *   is the sum of the due days before today plus an index count of today's due tasks already past.
 * The unit of a task is its application's recommender_org_id when the task is written (it is set
 * at submission and not changed afterwards).
 * Keyset-paged tables: indexes of a version's applications in submission order per city and per
 * unit, and of its waiting tasks in arrival order (overall and per element), with the task id for
 * ties; tasks by due time for the overdue edge.
 */
export const ALL_UNITS = '*';
const OPEN = "('OPEN', 'CLAIMED')";

const isMysql = (knex: Knex) => knex.client.config.client === 'mysql2' || knex.client.config.client === 'mysql';

export async function up(knex: Knex): Promise<void> {
  const mysql = isMysql(knex);
  await knex.schema.createTable('instance_counts', (t) => {
    t.string('package_hash', 64).notNullable();
    t.string('org_id', 64).notNullable();
    t.string('city_code', 6).notNullable();
    t.string('status', 24).notNullable();
    t.bigInteger('n').notNullable().defaultTo(0);
    t.primary(['package_hash', 'org_id', 'city_code', 'status']);
  });
  await knex.schema.createTable('wait_counts', (t) => {
    t.string('package_hash', 64).notNullable();
    t.string('org_id', 64).notNullable();
    t.string('element_id', 128).notNullable();
    t.string('city_code', 6).notNullable();
    t.string('arrival_day', 10).notNullable();
    t.string('due_day', 10).notNullable();
    t.bigInteger('n').notNullable().defaultTo(0);
    t.primary(['package_hash', 'org_id', 'element_id', 'city_code', 'arrival_day', 'due_day']);
  });
  await knex.schema.alterTable('applications', (t) => {
    t.dropIndex(['package_hash', 'status', 'city_code', 'recommender_org_id'], 'applications_pkg_status_idx');
    t.dropIndex(['package_hash', 'city_code', 'recommender_org_id', 'status'], 'applications_pkg_region_idx');
    t.index(['package_hash', 'city_code', 'submitted_at', 'id', 'status'], 'applications_pkg_city_submitted_idx');
    t.index(['package_hash', 'recommender_org_id', 'submitted_at', 'id', 'status'], 'applications_pkg_unit_submitted_idx');
  });
  await knex.schema.alterTable('tasks', (t) => {
    t.dropIndex(['package_hash', 'state', 'element_id', 'created_at', 'city_code', 'due_at'], 'tasks_pkg_open_idx');
    t.index(['package_hash', 'state', 'element_id', 'created_at', 'id', 'city_code', 'due_at'], 'tasks_pkg_step_idx');
    t.index(['package_hash', 'state', 'created_at', 'id', 'element_id', 'city_code', 'due_at'], 'tasks_pkg_arrival_idx');
    t.index(['package_hash', 'state', 'due_at', 'element_id', 'city_code', 'created_at'], 'tasks_pkg_due_idx');
  });

  // Upsert of one counter row, +1 or -1, when `cond` holds (SQLite: INSERT … SELECT … WHERE, MySQL: … FROM DUAL WHERE).
  const upsert = (table: string, cols: string[], values: string[], delta: 1 | -1, cond: string) => {
    const select = `SELECT ${values.join(', ')}, ${delta}${mysql ? ' FROM DUAL' : ''} WHERE ${cond}`;
    return mysql
      ? `INSERT INTO ${table} (${cols.join(', ')}, n) ${select} ON DUPLICATE KEY UPDATE n = n + (${delta})`
      : `INSERT INTO ${table} (${cols.join(', ')}, n) ${select} ON CONFLICT (${cols.join(', ')}) DO UPDATE SET n = n + (${delta})`;
  };
  const trigger = async (name: string, timing: string, table: string, body: string[], sqliteOf?: string[]) => {
    const on = !mysql && sqliteOf ? `${timing} OF ${sqliteOf.join(', ')} ON ${table}` : `${timing} ON ${table}`;
    await knex.raw(`CREATE TRIGGER ${name} ${on} FOR EACH ROW BEGIN ${body.map((s) => `${s};`).join(' ')} END`);
  };

  // instance_counts on applications
  const appCols = ['package_hash', 'org_id', 'city_code', 'status'];
  const appVals = (r: 'NEW' | 'OLD', unit: 'own' | 'all') => [`${r}.package_hash`, unit === 'all' ? `'${ALL_UNITS}'` : `COALESCE(${r}.recommender_org_id, '')`, `COALESCE(${r}.city_code, '')`, `${r}.status`];
  const appInc = (unit: 'own' | 'all') => upsert('instance_counts', appCols, appVals('NEW', unit), 1, '1 = 1');
  const appDec = (unit: 'own' | 'all') =>
    `UPDATE instance_counts SET n = n - 1 WHERE package_hash = OLD.package_hash AND org_id = ${unit === 'all' ? `'${ALL_UNITS}'` : "COALESCE(OLD.recommender_org_id, '')"} AND city_code = COALESCE(OLD.city_code, '') AND status = OLD.status`;
  const appChanged = ['package_hash', 'status', 'city_code', 'recommender_org_id'];
  await trigger('instance_counts_ins', 'AFTER INSERT', 'applications', [appInc('own'), appInc('all')]);
  await trigger('instance_counts_del', 'AFTER DELETE', 'applications', [appDec('own'), appDec('all')]);
  if (mysql) {
    const changed = appChanged.map((c) => `NOT (OLD.${c} <=> NEW.${c})`).join(' OR ');
    await knex.raw(`CREATE TRIGGER instance_counts_upd AFTER UPDATE ON applications FOR EACH ROW BEGIN IF ${changed} THEN ${[appDec('own'), appDec('all'), appInc('own'), appInc('all')].map((s) => `${s};`).join(' ')} END IF; END`);
  } else {
    await trigger('instance_counts_upd', 'AFTER UPDATE', 'applications', [appDec('own'), appDec('all'), appInc('own'), appInc('all')], appChanged);
  }

  // wait_counts on tasks
  const waitCols = ['package_hash', 'org_id', 'element_id', 'city_code', 'arrival_day', 'due_day'];
  const unitOf = (r: 'NEW' | 'OLD') => `COALESCE((SELECT recommender_org_id FROM applications WHERE id = ${r}.application_id), '')`;
  const arrival = (r: 'NEW' | 'OLD') => (mysql ? `DATE_FORMAT(DATE_ADD(CAST(SUBSTR(${r}.created_at, 1, 19) AS DATETIME), INTERVAL 8 HOUR), '%Y-%m-%d')` : `date(${r}.created_at, '+8 hours')`);
  const dueDay = (r: 'NEW' | 'OLD') => `COALESCE(SUBSTR(${r}.due_at, 1, 10), '')`;
  const waitVals = (r: 'NEW' | 'OLD', unit: 'own' | 'all') => [`COALESCE(${r}.package_hash, '')`, unit === 'all' ? `'${ALL_UNITS}'` : unitOf(r), `${r}.element_id`, `COALESCE(${r}.city_code, '')`, arrival(r), dueDay(r)];
  const waitInc = (unit: 'own' | 'all') => upsert('wait_counts', waitCols, waitVals('NEW', unit), 1, `NEW.state IN ${OPEN}`);
  const waitDec = (unit: 'own' | 'all') => {
    const v = waitVals('OLD', unit);
    return `UPDATE wait_counts SET n = n - 1 WHERE ${waitCols.map((c, i) => `${c} = ${v[i]}`).join(' AND ')} AND OLD.state IN ${OPEN}`;
  };
  const taskChanged = ['state', 'package_hash', 'element_id', 'city_code', 'created_at', 'due_at', 'application_id'];
  await trigger('wait_counts_ins', 'AFTER INSERT', 'tasks', [waitInc('own'), waitInc('all')]);
  await trigger('wait_counts_del', 'AFTER DELETE', 'tasks', [waitDec('own'), waitDec('all')]);
  if (mysql) {
    const changed = taskChanged.map((c) => `NOT (OLD.${c} <=> NEW.${c})`).join(' OR ');
    await knex.raw(`CREATE TRIGGER wait_counts_upd AFTER UPDATE ON tasks FOR EACH ROW BEGIN IF ${changed} THEN ${[waitDec('own'), waitDec('all'), waitInc('own'), waitInc('all')].map((s) => `${s};`).join(' ')} END IF; END`);
  } else {
    await trigger('wait_counts_upd', 'AFTER UPDATE', 'tasks', [waitDec('own'), waitDec('all'), waitInc('own'), waitInc('all')], taskChanged);
  }

  // What is there already.
  for (const unit of ['own', 'all'] as const) {
    const org = unit === 'all' ? `'${ALL_UNITS}'` : "COALESCE(recommender_org_id, '')";
    await knex.raw(`INSERT INTO instance_counts (${appCols.join(', ')}, n) SELECT package_hash, ${org}, COALESCE(city_code, ''), status, COUNT(*) FROM applications GROUP BY package_hash, ${org}, COALESCE(city_code, ''), status`);
    const torg = unit === 'all' ? `'${ALL_UNITS}'` : "COALESCE(a.recommender_org_id, '')";
    const tarr = mysql ? "DATE_FORMAT(DATE_ADD(CAST(SUBSTR(t.created_at, 1, 19) AS DATETIME), INTERVAL 8 HOUR), '%Y-%m-%d')" : "date(t.created_at, '+8 hours')";
    const key = `COALESCE(t.package_hash, ''), ${torg}, t.element_id, COALESCE(t.city_code, ''), ${tarr}, COALESCE(SUBSTR(t.due_at, 1, 10), '')`;
    await knex.raw(`INSERT INTO wait_counts (${waitCols.join(', ')}, n) SELECT ${key}, COUNT(*) FROM tasks t LEFT JOIN applications a ON a.id = t.application_id WHERE t.state IN ${OPEN} GROUP BY ${key}`);
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const name of ['instance_counts_ins', 'instance_counts_del', 'instance_counts_upd', 'wait_counts_ins', 'wait_counts_del', 'wait_counts_upd']) await knex.raw(`DROP TRIGGER IF EXISTS ${name}`);
  await knex.schema.dropTableIfExists('wait_counts');
  await knex.schema.dropTableIfExists('instance_counts');
  await knex.schema.alterTable('tasks', (t) => {
    t.dropIndex(['package_hash', 'state', 'element_id', 'created_at', 'id', 'city_code', 'due_at'], 'tasks_pkg_step_idx');
    t.dropIndex(['package_hash', 'state', 'created_at', 'id', 'element_id', 'city_code', 'due_at'], 'tasks_pkg_arrival_idx');
    t.dropIndex(['package_hash', 'state', 'due_at', 'element_id', 'city_code', 'created_at'], 'tasks_pkg_due_idx');
    t.index(['package_hash', 'state', 'element_id', 'created_at', 'city_code', 'due_at'], 'tasks_pkg_open_idx');
  });
  await knex.schema.alterTable('applications', (t) => {
    t.dropIndex(['package_hash', 'city_code', 'submitted_at', 'id', 'status'], 'applications_pkg_city_submitted_idx');
    t.dropIndex(['package_hash', 'recommender_org_id', 'submitted_at', 'id', 'status'], 'applications_pkg_unit_submitted_idx');
    t.index(['package_hash', 'status', 'city_code', 'recommender_org_id'], 'applications_pkg_status_idx');
    t.index(['package_hash', 'city_code', 'recommender_org_id', 'status'], 'applications_pkg_region_idx');
  });
}
