import { afterAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../engine/store/createDb.ts';
import { migrationSource } from '../../engine/store/migrations/index.ts';
import { AuditLog } from '../../engine/services/audit/AuditLog.ts';
import { CalendarService } from '../../engine/services/calendar/CalendarService.ts';
import { TaskQueries } from '../../engine/services/inbox/TaskQueries.ts';
import { freshMysqlDatabase, storeTargets, type StoreTarget } from '../support/stores.ts';
import { testKeyring } from '../support/testKeys.ts';

describe.each(storeTargets())('migration 010 gives tasks created before it their list columns on $name', (target: StoreTarget) => {
  let db: Db | undefined;
  let drop: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  it('fills name, ID suffix, rule result, package and sort columns from what the store held', async () => {
    // given: a store just before migration 010 with an open task of an application evaluated REFER
    let url = target.url;
    if (target.name === 'mysql') ({ url, drop } = await freshMysqlDatabase(target.url));
    db = await createDb(url, { migrate: false, keyring: testKeyring() });
    for (;;) {
      const [, pending] = (await db.knex.migrate.list({ migrationSource })) as [unknown[], Array<string | { name?: string; file?: string }>];
      const next = pending[0];
      if (!next || (typeof next === 'string' ? next : (next.name ?? next.file)) === '010_task_list') break;
      await db.knex.migrate.up({ migrationSource });
    }
    await db.knex('package_versions').insert({ hash: 'h1', package_id: 'sc-x', region_code: '510000', procedure: 'examiner-training', year: 2026, title: '考评员培训', manifest: '{}', files: '[]', process_keys: '{}', deployed_at: '2026-01-01T00:00:00.000Z' });
    await db.knex('applications').insert({ id: 'app-1', package_hash: 'h1', package_id: 'sc-x', applicant_account_id: 'acc-1', applicant_id_number: '51070019900101123X', city_code: '510700', status: 'IN_REVIEW', data: '{}', eligibility: JSON.stringify({ decision: 'REFER', checks: [] }), created_at: 'x', updated_at: 'x' });
    await db.knex('tasks').insert({ id: '42', process_instance_key: 'p1', application_id: 'app-1', element_id: 'Task_CityReview', name: '市(州)资格审核', state: 'OPEN', candidate_groups: '["city:510700"]', due_at: '2026-03-10T09:00:00.000Z', city_code: '510700', context: JSON.stringify({ applicantName: '王伟', applicantType: 'EXAMINER' }), created_at: '2026-03-01T00:00:00.000Z' });
    await db.knex('task_candidates').insert({ candidate_group: 'city:510700', state: 'OPEN', task_id: '42' });
    // when
    await db.knex.migrate.latest({ migrationSource });
    // then
    const calendar = new CalendarService(db, new AuditLog(db));
    await calendar.reload();
    const queries = new TaskQueries(db, calendar, () => Date.parse('2026-03-02T00:00:00Z'));
    const reviewer = { id: 'r', username: 'r', displayName: 'r', role: 'city_reviewer' as const, orgId: null, regionCode: '510700', idNumber: null };
    const found = await queries.list(reviewer, { q: '123X', rule: 'REFER', package: 'h1', step: 'Task_CityReview', region: '510700' });
    expect(found.total).toBe(1);
    expect(found.items[0]).toMatchObject({ id: '42', applicantName: '王伟', applicantType: 'EXAMINER', packageTitle: '考评员培训', ruleDecision: 'REFER', dueAt: '2026-03-10T09:00:00.000Z' });
    expect((await queries.list(reviewer, { q: '王' })).total).toBe(1);
  });
});
