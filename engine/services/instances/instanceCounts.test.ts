import path from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeTargets, type StoreTarget } from '../../../test/support/stores.ts';
import { startTestPlatformOn } from '../../../test/support/startTestPlatformOn.ts';
import type { TestPlatform } from '../../../test/support/testPlatform.ts';
import { packageFiles } from '../../../test/support/packageFiles.ts';
import { amendedVersionFiles, AMENDED_STEP } from '../../../test/fixtures/amendedVersion.ts';
import { expectCountersMatchRows } from '../../../test/support/instanceCountsReference.ts';
import type { Actor } from '../actor.ts';
import { InstanceQueries } from './InstanceQueries.ts';

const PKG = 'sichuan/2026-examiner-training';
// Wednesday 2026-09-30, 10:00 in Shanghai (02:00 UTC): arrivals on both sides of the Shanghai day edge (16:00 UTC),
// due times before and after now on today's UTC date, and the National Day holidays ahead.
const NOW = Date.parse('2026-09-30T02:00:00Z');
const CITIES = ['510700', '510600', '510100'];
const ORGS = ['org-a', 'org-b', 'org-c', null];
const STEPS = ['Task_UnitReview', 'Task_CityReview', 'Task_ProvinceReReview'];
const STATUSES = ['IN_REVIEW', 'IN_REVIEW', 'IN_REVIEW', 'CARD_ISSUED', 'REJECTED', 'DRAFT'];
const DUES = [null, NOW - 3 * 86_400_000, Date.parse('2026-09-30T00:30:00Z'), Date.parse('2026-09-30T05:00:00Z'), NOW + 5 * 86_400_000];

const CASES = {
  heatmap: [{}, { cityCode: '510700' }, { orgId: 'org-b' }, { cityCode: '510600', orgId: 'org-a' }, { from: '2026-09-20', to: '2026-09-27' }, { from: '2026-09-29', to: '2026-09-29', cityCode: '510100' }],
  list: [
    {},
    { status: 'IN_REVIEW' },
    { step: 'Task_CityReview' },
    { cityCode: '510700' },
    { orgId: 'org-c' },
    { due: 'overdue' as const },
    { due: 'open' as const },
    { step: 'Task_UnitReview', cityCode: '510600', due: 'overdue' as const },
    { orgId: 'org-a', due: 'open' as const },
    { status: 'IN_REVIEW', step: 'Task_ProvinceReReview' },
  ],
};

/** i-th instance: an application and, when it is in review, its waiting task (arrivals every 5 hours back from now). */
async function addInstance(knex: Knex, hash: string, packageId: string, i: number): Promise<void> {
  const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  const city = CITIES[i % CITIES.length];
  const status = STATUSES[i % STATUSES.length];
  const arrived = new Date(NOW - i * 5 * 3_600_000 - (i % 4) * 60_000).toISOString();
  await knex('applications').insert({ id, package_hash: hash, package_id: packageId, applicant_account_id: 'test', recommender_org_id: ORGS[i % ORGS.length], city_code: city, status, stage: null, data: '{}', process_instance_key: `k${i}`, submitted_at: status === 'DRAFT' ? null : arrived, created_at: arrived, updated_at: arrived, version: 1, applicant_name: `申请人${i}` });
  if (status !== 'IN_REVIEW') return;
  const due = DUES[i % DUES.length];
  await knex('tasks').insert({ id: `t${i}`, process_instance_key: `k${i}`, application_id: id, element_id: STEPS[i % STEPS.length], name: '审核', form_key: 'review', state: i % 7 === 0 ? 'CLAIMED' : 'OPEN', candidate_groups: '[]', due_at: due === null ? null : new Date(due).toISOString(), city_code: city, context: '{}', created_at: arrived, package_hash: hash });
}

/**
 * The instance page's and heatmap's counters (migration 023, kept by triggers) against a direct query over the rows, on
 * both stores: after instances arrive, after tasks are claimed, completed and cancelled, after instances move to another
 * version (as a migration writes them), after an application changes status and after one is deleted.
 */
describe.each(storeTargets())('instance counters equal the rows on $name', (store: StoreTarget) => {
  let t: TestPlatform;
  let queries: InstanceQueries;
  let admin: Actor;
  let v1: string;
  let v2: string;
  const check = (hash: string) => expectCountersMatchRows(queries, admin, t.platform.db.knex, t.platform.services.calendar, NOW, hash, CASES);

  beforeAll(async () => {
    t = await startTestPlatformOn(store);
    const p = t.platform;
    const { version } = await p.services.packages.deployFromDirectory(null, PKG);
    v1 = version.hash;
    const acc = (await p.services.accounts.findByUsername('admin'))!;
    admin = { id: acc.id, username: acc.username, displayName: acc.displayName, role: 'admin', orgId: null, regionCode: acc.regionCode, idNumber: null };
    v2 = (await p.services.packages.deployFromFiles(admin, amendedVersionFiles(packageFiles(path.resolve('deployments', PKG))))).version.hash;
    queries = new InstanceQueries(p.db, { packages: p.services.packages, applications: p.services.applications, engine: p.engine, calendar: p.services.calendar, personal: p.db.personal, now: () => NOW });
    for (let i = 0; i < 150; i++) await addInstance(p.db.knex, v1, version.packageId, i);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('answers as the rows do when instances arrive', async () => {
    // given 150 instances of one version; when the counters answer; then each answer is the rows'
    await check(v1);
    expect((await queries.heatmap(admin, { package: v1 })).totalWaiting).toBeGreaterThan(50);
  });

  it('answers as the rows do after tasks are claimed, completed and cancelled and applications decided or deleted', async () => {
    // given tasks that change state and applications that move on
    const knex = t.platform.db.knex;
    await knex('tasks').whereIn('id', ['t0', 't1', 't2', 't6']).update({ state: 'CLAIMED', assignee: 'someone' });
    await knex('tasks').whereIn('id', ['t7', 't8', 't12']).update({ state: 'COMPLETED', completed_at: new Date(NOW).toISOString() });
    await knex('tasks').whereIn('id', ['t13', 't14']).update({ state: 'CANCELLED' });
    await knex('applications').whereIn('id', ['00000000-0000-4000-8000-000000000007', '00000000-0000-4000-8000-000000000008']).update({ status: 'CARD_ISSUED' });
    await knex('tasks').where({ id: 't19' }).update({ due_at: new Date(NOW - 60_000).toISOString(), city_code: '510100' });
    await knex('applications').where({ id: '00000000-0000-4000-8000-000000000019' }).update({ city_code: '510100' });
    await knex('tasks').where({ application_id: '00000000-0000-4000-8000-000000000020' }).delete();
    await knex('applications').where({ id: '00000000-0000-4000-8000-000000000020' }).delete();
    // then the counters still answer as the rows do
    await check(v1);
  });

  it('answers as the rows do for both versions after instances migrate', async () => {
    // given a third of the instances moved to the amended version, their unit review renamed (as a migration writes them)
    const knex = t.platform.db.knex;
    const moved = ((await knex('applications').where({ package_hash: v1 }).select('id')) as Array<{ id: string }>).map((r) => r.id).filter((_, i) => i % 3 === 0);
    await knex.transaction(async (trx) => {
      await trx('applications').whereIn('id', moved).update({ package_hash: v2 });
      await trx('tasks').whereIn('application_id', moved).update({ package_hash: v2 });
      await trx('tasks').whereIn('application_id', moved).andWhere({ element_id: 'Task_UnitReview' }).update({ element_id: AMENDED_STEP });
    });
    // then both versions' counters answer as their rows do
    await check(v1);
    await check(v2);
    expect((await queries.heatmap(admin, { package: v2 })).elements.map((e) => e.elementId)).toContain(AMENDED_STEP);
  });
});
