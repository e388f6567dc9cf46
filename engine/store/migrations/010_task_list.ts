import type { Knex } from 'knex';

// The reviewer's task list (issue 9): the list filters, sorts and counts inside the caller's
// candidate groups, so the filtered and sorted columns are copied onto task_candidates and the
// page plus its total are index range scans of one group. Display columns live on tasks, so the
// list does not read the (possibly sealed) task context or the application data.
// `due_sort` is the due instant, or a far-future sentinel when the task has none, so an ascending
// due-date sort puts tasks without a deadline last and still reads the index in order.
export const NO_DUE = '9999-12-31T23:59:59.999Z';

const LIST_COLUMNS = (t: Knex.AlterTableBuilder) => {
  t.string('package_hash', 64).nullable();
  t.string('applicant_name', 128).nullable();
  // The last 6 characters of the ID number, reversed, so 「末几位」 search is an indexed prefix
  // range and needs no clear ID number in SQL (…01123X is stored as X32110).
  t.string('id_suffix_rev', 6).nullable();
  t.string('rule_decision', 16).nullable(); // ELIGIBLE | INELIGIBLE | REFER, from the application's eligibility evaluation
};

const COVERED = ['city_code', 'package_hash', 'element_id', 'rule_decision'];
const FILTER_INDEXES: Array<[string, string]> = [
  ['task_candidates_city_idx', 'city_code'],
  ['task_candidates_package_idx', 'package_hash'],
  ['task_candidates_element_idx', 'element_id'],
  ['task_candidates_rule_idx', 'rule_decision'],
  ['task_candidates_name_idx', 'applicant_name'],
  ['task_candidates_idrev_idx', 'id_suffix_rev'],
];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tasks', (t) => {
    LIST_COLUMNS(t);
    t.string('applicant_type', 64).nullable();
    t.string('recommender_name', 255).nullable();
    t.index(['completed_by', 'completed_at'], 'tasks_done_idx');
  });
  await knex.schema.alterTable('task_candidates', (t) => {
    LIST_COLUMNS(t);
    t.string('element_id', 128).nullable();
    t.string('city_code', 6).nullable();
    t.string('due_sort', 24).notNullable().defaultTo(NO_DUE);
    t.string('created_at', 24).nullable();
    t.index(['candidate_group', 'state', 'due_sort', 'task_id', ...COVERED], 'task_candidates_due_idx');
    t.index(['candidate_group', 'state', 'created_at', 'task_id'], 'task_candidates_created_idx');
    // One index per filter, then the due sort, then the other filter columns: a filtered total is a
    // count inside one index range (combined filters checked in the index, no row reads) and a
    // filtered page reads the first rows of that range in order.
    for (const [name, col] of FILTER_INDEXES) t.index(['candidate_group', 'state', col, 'due_sort', ...COVERED.filter((c) => c !== col)], name);
  });
  await knex.schema.alterTable('tasks', (t) => {
    t.index(['name', 'element_id'], 'tasks_name_idx'); // a step given by its name resolves to element ids
  });
  // Tasks created before this migration get their list columns from what the store already holds.
  const rows = (await knex('tasks as t')
    .leftJoin('applications as a', 'a.id', 't.application_id')
    .select('t.id', 't.context', 't.element_id', 't.city_code', 't.due_at', 't.created_at', 'a.package_hash', 'a.applicant_id_number', 'a.eligibility')) as Array<Record<string, string | null>>;
  for (const r of rows) {
    const ctx = safeJson(r.context) as { applicantName?: string; applicantType?: string } | null;
    const elig = safeJson(r.eligibility) as { decision?: string } | null;
    const common = {
      package_hash: r.package_hash,
      applicant_name: ctx?.applicantName ?? null,
      id_suffix_rev: r.applicant_id_number ? reversedIdSuffix(r.applicant_id_number) : null,
      rule_decision: elig?.decision ?? null,
    };
    await knex('tasks').where({ id: r.id }).update({ ...common, applicant_type: ctx?.applicantType ?? null });
    await knex('task_candidates').where({ task_id: r.id }).update({ ...common, element_id: r.element_id, city_code: r.city_code, due_sort: r.due_at ?? NO_DUE, created_at: r.created_at });
  }
}

/** The last 6 characters of an ID number, upper-cased and reversed (the search column). */
export function reversedIdSuffix(idNumber: string): string {
  return [...idNumber.slice(-6).toUpperCase()].reverse().join('');
}

function safeJson(s: string | null): unknown {
  try {
    return s ? JSON.parse(s) : null;
  } catch {
    return null;
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tasks', (t) => {
    t.dropIndex(['name', 'element_id'], 'tasks_name_idx');
  });
  await knex.schema.alterTable('task_candidates', (t) => {
    for (const [name, col] of FILTER_INDEXES) t.dropIndex(['candidate_group', 'state', col, 'due_sort', ...COVERED.filter((c) => c !== col)], name);
    t.dropIndex(['candidate_group', 'state', 'due_sort', 'task_id', ...COVERED], 'task_candidates_due_idx');
    t.dropIndex(['candidate_group', 'state', 'created_at', 'task_id'], 'task_candidates_created_idx');
    t.dropColumns('package_hash', 'applicant_name', 'id_suffix_rev', 'rule_decision', 'element_id', 'city_code', 'due_sort', 'created_at');
  });
  await knex.schema.alterTable('tasks', (t) => {
    t.dropIndex(['completed_by', 'completed_at'], 'tasks_done_idx');
    t.dropColumns('package_hash', 'applicant_name', 'id_suffix_rev', 'rule_decision', 'applicant_type', 'recommender_name');
  });
}
