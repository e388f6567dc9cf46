import type { Platform } from '../engine/createPlatform.ts';
import { TaskQueries, type TaskListQuery } from '../engine/services/inbox/TaskQueries.ts';

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

/**
 * The reviewer's task list (GET /api/tasks) over N open tasks that are all in one reviewer's
 * candidate group (the worst case for the total: the province centre sees every city's tasks),
 * with each filter, the sort and the 「共 N 条」 total. Target: under 50 ms.
 */
export async function benchTaskList(p: Platform, n: number): Promise<void> {
  const knex = p.db.knex;
  const cities = ['510100', '510300', '510400', '510500', '510600', '510700', '510800', '510900', '511000', '511100', '511300', '511400', '511500', '511600', '511700', '511800', '511900', '512000', '513200', '513300', '513400'];
  const steps = [
    ['Task_ProvinceReReview', '省职鉴中心资格复审'],
    ['Task_ProvinceReview', '省职鉴中心审核'],
    ['Task_ProvinceApproval', '省职鉴中心审批'],
  ];
  const packages = ['a'.repeat(64), 'b'.repeat(64)];
  const rules = ['ELIGIBLE', 'ELIGIBLE', 'ELIGIBLE', 'REFER', 'INELIGIBLE'];
  const surnames = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
  const given = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛'];
  const group = 'province:510000';
  const now = Date.now();
  const base = BigInt(now) * 1_000_000n + 500_000n;
  const batch = 500;
  let t0 = performance.now();
  for (let i = 0; i < n; i += batch) {
    const rows = [];
    const cands = [];
    for (let j = i; j < Math.min(n, i + batch); j++) {
      const id = (base + BigInt(j)).toString();
      const city = cities[j % cities.length];
      const [elementId, name] = steps[j % steps.length];
      const due = new Date(now + ((j * 7919) % 60) * 86_400_000 - 30 * 86_400_000 + (j % 86_400) * 1000).toISOString();
      const created = new Date(now - ((j * 104_729) % (40 * 86_400_000))).toISOString();
      const applicantName = surnames[j % surnames.length] + given[(j >> 3) % given.length] + (j % 7 ? given[(j >> 5) % given.length] : '');
      const suffix = [...String((j * 7_368_787) % 1_000_000).padStart(6, '0')].reverse().join('');
      const common = { package_hash: packages[j % 2], applicant_name: applicantName, id_suffix_rev: suffix, rule_decision: rules[j % rules.length] };
      rows.push({ id, process_instance_key: id, application_id: null, element_id: elementId, name, form_key: 'review', state: 'OPEN', assignee: null, candidate_groups: JSON.stringify([group]), due_at: due, city_code: city, context: '{}', created_at: created, applicant_type: 'EXAMINER', recommender_name: '演示推荐单位', ...common });
      cands.push({ candidate_group: group, state: 'OPEN', task_id: id, element_id: elementId, city_code: city, due_sort: due, created_at: created, ...common });
    }
    await knex.batchInsert('tasks', rows, batch);
    await knex.batchInsert('task_candidates', cands, batch);
  }
  if (p.db.kind === 'sqlite') await knex.raw('ANALYZE');
  console.log(`task list: inserted ${n} open tasks in one reviewer's group in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const reviewer = (await p.services.accounts.findByUsername('province-sichuan'))!;
  const queries = new TaskQueries(p.db, p.services.calendar, () => now);
  const cases: Array<[string, TaskListQuery]> = [
    ['no filter, by due date', {}],
    ['region', { region: '510700' }],
    ['package', { package: packages[0] }],
    ['step', { step: 'Task_ProvinceReview' }],
    ['due today', { due: 'today' }],
    ['due within 3 working days', { due: 'within3' }],
    ['overdue', { due: 'overdue' }],
    ['rule REFER + region', { rule: 'REFER', region: '510100' }],
    ['ID suffix search', { q: '4321' }],
    ['name search', { q: '王伟' }],
    ['all filters', { region: '510700', package: packages[1], step: 'Task_ProvinceReview', rule: 'ELIGIBLE', due: 'overdue' }],
    ['by created, page 50', { sort: '-created', page: 50 }],
  ];
  let worst = 0;
  for (const [label, q] of cases) {
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < 30; i++) {
      t0 = performance.now();
      const page = await queries.list(reviewer, { pageSize: 20, ...q });
      times.push(performance.now() - t0);
      total = page.total;
    }
    worst = Math.max(worst, pct(times, 99));
    console.log(`task list ${label.padEnd(28)} total ${String(total).padStart(6)}: p50 ${pct(times, 50).toFixed(1)} ms, p99 ${pct(times, 99).toFixed(1)} ms`);
  }
  console.log(`task list over ${n} open tasks: worst p99 ${worst.toFixed(1)} ms (target < 50 ms)`);
}
