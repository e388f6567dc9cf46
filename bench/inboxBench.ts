import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import type { Actor } from '../engine/services/actor.ts';
import { AuditLog } from '../engine/services/audit/AuditLog.ts';
import { CalendarService } from '../engine/services/calendar/CalendarService.ts';
import { TaskQueries, type TaskListQuery } from '../engine/services/inbox/TaskQueries.ts';
import { Keyring } from '../engine/services/privacy/index.ts';
import { createDb, type Db } from '../engine/store/createDb.ts';
import { compare, percentile, type Row } from './lib/compare.ts';

/**
 * The reviewer's task list (GET /api/tasks: a page of 50 with filters and the 「共 N 条」 total)
 * over N open tasks all in one province reviewer's candidate group (the worst case for the total),
 * ours (TaskQueries.list, what the route calls) next to the same query written with knex directly.
 * Samples are the p95 of a round of calls.
 */
const GROUP = 'province:510000';
const CITIES = ['510100', '510300', '510400', '510500', '510600', '510700', '510800', '510900', '511000', '511100', '511300', '511400', '511500', '511600', '511700', '511800', '511900', '512000', '513200', '513300', '513400'];
const STEPS = [
  ['Task_ProvinceReReview', '省职鉴中心资格复审'],
  ['Task_ProvinceReview', '省职鉴中心审核'],
  ['Task_ProvinceApproval', '省职鉴中心审批'],
];
const PACKAGES = ['a'.repeat(64), 'b'.repeat(64)];
const RULES = ['ELIGIBLE', 'ELIGIBLE', 'ELIGIBLE', 'REFER', 'INELIGIBLE'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛'];
const REVIEWER: Actor = { id: 'bench-province', username: 'bench-province', displayName: '省级审核人', role: 'province_reviewer', orgId: null, regionCode: '510000', idNumber: null };

export async function seedTasks(knex: Knex, n: number, now: number): Promise<void> {
  const base = BigInt(now) * 1_000_000n + 500_000n;
  const batch = 1000;
  await knex.transaction(async (trx) => {
    for (let i = 0; i < n; i += batch) {
      const rows = [];
      const cands = [];
      for (let j = i; j < Math.min(n, i + batch); j++) {
        const id = (base + BigInt(j)).toString();
        const city = CITIES[j % CITIES.length];
        const [elementId, name] = STEPS[j % STEPS.length];
        const due = new Date(now + ((j * 7919) % 60) * 86_400_000 - 30 * 86_400_000 + (j % 86_400) * 1000).toISOString();
        const created = new Date(now - ((j * 104_729) % (40 * 86_400_000))).toISOString();
        const applicantName = SURNAMES[j % SURNAMES.length] + GIVEN[(j >> 3) % GIVEN.length] + (j % 7 ? GIVEN[(j >> 5) % GIVEN.length] : '');
        const suffix = [...String((j * 7_368_787) % 1_000_000).padStart(6, '0')].reverse().join('');
        const common = { package_hash: PACKAGES[j % 2], applicant_name: applicantName, id_suffix_rev: suffix, rule_decision: RULES[j % RULES.length] };
        // One task in a thousand is claimed by the reviewer (「我的」).
        const claimed = j % 1000 === 7;
        rows.push({ id, process_instance_key: id, application_id: null, element_id: elementId, name, form_key: 'review', state: claimed ? 'CLAIMED' : 'OPEN', assignee: claimed ? REVIEWER.id : null, candidate_groups: JSON.stringify([GROUP]), due_at: due, city_code: city, context: '{}', created_at: created, applicant_type: 'EXAMINER', recommender_name: '演示推荐单位', ...common });
        cands.push({ candidate_group: GROUP, state: 'OPEN', task_id: id, element_id: elementId, city_code: city, due_sort: due, created_at: created, ...common });
      }
      await trx.batchInsert('tasks', rows, 250);
      await trx.batchInsert('task_candidates', cands, 250);
    }
  });
}

/** The same page and total written with knex directly: no role check, no step-name resolution, no working days. */
function direct(knex: Knex, q: TaskListQuery, now: number): () => Promise<unknown> {
  return async () => {
    const base = knex('task_candidates as c').where('c.candidate_group', GROUP).andWhere('c.state', 'OPEN');
    if (q.region) base.andWhere('c.city_code', q.region);
    if (q.package) base.andWhere('c.package_hash', q.package);
    if (q.step) base.andWhere('c.element_id', q.step);
    if (q.rule) base.andWhere('c.rule_decision', q.rule);
    if (q.due === 'overdue') base.andWhere('c.due_sort', '<', new Date(now).toISOString());
    // A prefix search as the store serves it from an index: a byte range on SQLite, LIKE 'x%' on MySQL.
    if (q.q) {
      if (knex.client.config.client === 'mysql2') base.andWhere('c.applicant_name', 'like', `${q.q}%`);
      else base.andWhere('c.applicant_name', '>=', q.q).andWhere('c.applicant_name', '<', `${q.q}\u{10FFFF}`);
    }
    if (q.mine) base.andWhere('c.assignee', REVIEWER.id);
    const [count, ids] = await Promise.all([base.clone().count({ n: '*' }), base.clone().select('c.task_id').orderBy('c.due_sort').orderBy('c.task_id').limit(50)]);
    const rows = await knex('tasks').whereIn('id', (ids as Array<{ task_id: string }>).map((r) => r.task_id));
    return [Number((count as Array<{ n: number }>)[0].n), rows];
  };
}

async function p95(rounds: number, one: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await one();
    times.push(performance.now() - t0);
  }
  return percentile(times, 95);
}

export const INBOX_CASES: Array<[string, TaskListQuery]> = [
  ['no filter, by due date', {}],
  ['region', { region: '510700' }],
  ['step + rule + region', { step: 'Task_ProvinceReview', rule: 'REFER', region: '510300' }],
  ['overdue', { due: 'overdue' }],
  ['name search', { q: '王伟' }],
  ['mine (claimed by me)', { mine: true }],
];

export async function inboxBenchmarks(opts: { tasks: number; rounds: number; repeats: number; warmup: number; store: 'sqlite' | 'mysql' }): Promise<Row[]> {
  let db: Db;
  let cleanup: () => Promise<void>;
  if (opts.store === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-inbox-'));
    db = await createDb(`sqlite:${path.join(dir, 'inbox.sqlite')}`, { keyring: Keyring.ephemeral() });
    cleanup = async () => {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  } else {
    // Loaded only for a MySQL run: the helper checks (loudly) that a server is reachable.
    const { freshMysqlDatabase } = await import('../test/support/stores.ts');
    const fresh = await freshMysqlDatabase(process.env.TEST_MYSQL_URL);
    db = await createDb(fresh.url, { keyring: Keyring.ephemeral() });
    cleanup = async () => {
      await db.close();
      await fresh.drop();
    };
  }
  const rows: Row[] = [];
  try {
    const now = Date.now();
    const t0 = performance.now();
    await seedTasks(db.knex, opts.tasks, now);
    if (db.kind === 'sqlite') await db.knex.raw('ANALYZE');
    else await db.knex.raw('ANALYZE TABLE tasks, task_candidates');
    console.log(`[bench] inbox (${opts.store}): ${opts.tasks} open tasks seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const audit = new AuditLog(db, () => now);
    const calendar = new CalendarService(db, audit);
    await calendar.reload();
    const queries = new TaskQueries(db, calendar, () => now);
    for (const [label, q] of INBOX_CASES) {
      const query = { ...q, pageSize: 50 };
      const check = await queries.list(REVIEWER, query);
      const [directTotal] = (await direct(db.knex, q, now)()) as [number];
      const note = check.total === directTotal ? `total ${check.total}` : `total ${check.total} (knex directly: ${directTotal})`;
      rows.push(
        await compare({
          id: `inbox.${opts.store}.${label.replace(/[^a-z]+/gi, '-').replace(/-$/, '')}`,
          label: `inbox page of 50 + total over ${opts.tasks} open tasks, ${opts.store}: ${label} (${note})`,
          unit: 'ms p95',
          higherIsBetter: false,
          baselineLabel: 'the same query through knex directly',
          warmup: opts.warmup,
          repeats: opts.repeats,
          target: { max: 10, text: 'p95 ≤10 ms' },
          ours: () => p95(opts.rounds, () => queries.list(REVIEWER, query)),
          baseline: () => p95(opts.rounds, direct(db.knex, q, now)),
        }),
      );
    }
  } finally {
    await cleanup();
  }
  return rows;
}
