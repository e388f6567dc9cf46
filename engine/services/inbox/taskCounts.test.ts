import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { openStore, storeTargets, type StoreTarget } from '../../../test/support/stores.ts';
import type { Db } from '../../store/createDb.ts';
import type { Actor } from '../actor.ts';
import { AuditLog } from '../audit/AuditLog.ts';
import { CalendarService } from '../calendar/CalendarService.ts';
import { TaskQueries, type TaskListQuery } from './TaskQueries.ts';

// Wednesday 2026-09-30, 10:00 in Shanghai (02:00 UTC): due dates fall on both sides of now, of today and of day edges.
const NOW = Date.parse('2026-09-30T02:00:00Z');
const GROUP = 'province:510000';
const reviewer: Actor = { id: 'p-510000', username: 'p-510000', displayName: '审核人', role: 'province_reviewer', orgId: null, regionCode: '510000', idNumber: null };
const CITIES = ['510700', '510600', null];
const RULES = ['ELIGIBLE', 'REFER', null];

async function addTask(knex: Knex, i: number): Promise<void> {
  const id = `t${String(i).padStart(5, '0')}`;
  // Due times every 7 hours around now, so several land on the partial UTC days at every filter's edge.
  const due = i % 11 === 0 ? null : new Date(NOW + (i - 40) * 7 * 3_600_000).toISOString();
  const city = CITIES[i % 3];
  const rule = RULES[i % 3 === 0 ? 1 : i % 2];
  await knex('tasks').insert({ id, process_instance_key: id, element_id: i % 2 ? 'Task_A' : 'Task_B', name: i % 2 ? '甲' : '乙', state: 'OPEN', candidate_groups: JSON.stringify([GROUP]), due_at: due, city_code: city, created_at: new Date(NOW - i * 1000).toISOString(), rule_decision: rule });
  await knex('task_candidates').insert({ candidate_group: GROUP, state: 'OPEN', task_id: id, element_id: i % 2 ? 'Task_A' : 'Task_B', city_code: city, due_sort: due ?? '9999-12-31T23:59:59.999Z', created_at: new Date(NOW - i * 1000).toISOString(), rule_decision: rule, package_hash: i % 4 ? 'a'.repeat(64) : 'b'.repeat(64) });
}

const CASES: TaskListQuery[] = [
  {},
  { region: '510700' },
  { rule: 'REFER' },
  { step: 'Task_A', region: '510600' },
  { package: 'b'.repeat(64) },
  { due: 'overdue' },
  { due: 'today' },
  { due: 'within3' },
  { due: 'overdue', region: '510700', rule: 'REFER' },
  { due: 'within3', step: '甲' },
];

describe.each(storeTargets())('the task list total from task_counts on $name', (target: StoreTarget) => {
  let db: Db;
  let close: () => Promise<void>;
  let queries: TaskQueries;

  beforeAll(async () => {
    ({ db, close } = await openStore(target));
    const calendar = new CalendarService(db, new AuditLog(db, () => NOW));
    await calendar.reload();
    queries = new TaskQueries(db, calendar, () => NOW);
    for (let i = 0; i < 90; i++) await addTask(db.knex, i);
  });
  afterAll(() => close());

  /** Each case's total (from the counters) is the number of rows its page query finds (pageSize 100 > every match). */
  async function expectTotalsMatchACount(): Promise<number[]> {
    const totals: number[] = [];
    for (const q of CASES) {
      const page = await queries.list(reviewer, { ...q, pageSize: 100 });
      expect(page.total, JSON.stringify(q)).toBe(page.items.length);
      totals.push(page.total);
    }
    return totals;
  }

  it('equals the rows found for every filter and due range, as tasks are added, decided, re-ruled and removed', async () => {
    // when: tasks as they were inserted
    const before = await expectTotalsMatchACount();
    // then every case finds some tasks (no check passes on an empty list)
    expect(before.every((n) => n > 0), JSON.stringify(before)).toBe(true);
    // when: some are decided (state DONE), some get another rule decision, some are deleted
    await db.knex('task_candidates').whereIn('task_id', ['t00003', 't00010', 't00041', 't00042']).update({ state: 'DONE' });
    await db.knex('task_candidates').whereIn('task_id', ['t00005', 't00040', 't00039']).update({ rule_decision: 'INELIGIBLE', city_code: '510700' });
    await db.knex('task_candidates').whereIn('task_id', ['t00007', 't00043']).delete();
    // then
    const after = await expectTotalsMatchACount();
    expect(after).not.toEqual(before);
    const counters = Number((await db.knex('task_counts').where({ candidate_group: GROUP, state: 'OPEN' }).sum({ n: 'n' }))[0].n);
    expect(counters).toBe(90 - 4 - 2);
  });
});
