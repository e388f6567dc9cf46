import { afterAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../engine/store/createDb.ts';
import { migrationSource } from '../../engine/store/migrations/index.ts';
import { AuditChainVerifier } from '../../engine/services/audit/AuditChainVerifier.ts';
import { AuditLog } from '../../engine/services/audit/AuditLog.ts';
import { freshMysqlDatabase, storeTargets, type StoreTarget } from '../support/stores.ts';
import { testKeyring } from '../support/testKeys.ts';

describe.each(storeTargets())('migration 007 chains an existing audit log on $name', (target: StoreTarget) => {
  let db: Db | undefined;
  let drop: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  it('gives rows written before it a region and a place in the chain, and appends continue the chain', async () => {
    // given: a store at migration 004 with entries of a Gansu application and a Sichuan admin
    let url = target.url;
    if (target.name === 'mysql') ({ url, drop } = await freshMysqlDatabase(target.url));
    db = await createDb(url, { migrate: false, keyring: testKeyring() });
    for (let i = 0; i < 4; i++) await db.knex.migrate.up({ migrationSource });
    await db.knex('package_versions').insert({ hash: 'h-gs', package_id: 'gansu-x', region_code: '620000', procedure: 'p', year: 2026, title: 't', manifest: '{}', files: '[]', process_keys: '{}', deployed_at: '2026-01-01T00:00:00.000Z' });
    await db.knex('applications').insert({ id: 'app-1', package_hash: 'h-gs', package_id: 'gansu-x', applicant_account_id: 'acc-1', city_code: '620100', status: 'SUBMITTED', data: '{}', created_at: 'x', updated_at: 'x' });
    await db.knex('accounts').insert({ id: 'acc-sc', username: 'sc', password_hash: 'x', display_name: 'x', role: 'admin', region_code: '510000', created_at: 'x' });
    await db.knex('audit_log').insert([
      { at: '2026-01-01T00:00:00.000Z', action: 'application.submitted', entity_type: 'application', entity_id: 'app-1', application_id: 'app-1', detail: '{"a":1}' },
      { at: '2026-01-01T00:00:01.000Z', actor_id: 'acc-sc', action: 'incident.resolved', entity_type: 'incident', entity_id: '7' },
      { at: '2026-01-01T00:00:02.000Z', action: 'package.deployed', entity_type: 'package', entity_id: 'h-gs' },
    ]);
    // when
    await db.knex.migrate.latest({ migrationSource });
    await new AuditLog(db).append({ action: 'after', entityType: 'task', entityId: 't1', applicationId: 'app-1' });
    // then
    const rows = await db.knex('audit_log').orderBy('seq');
    expect(rows.map((r) => [Number(r.seq), r.region_code])).toEqual([[1, '620100'], [2, '510000'], [3, '620000'], [4, '620100']]);
    expect(await new AuditChainVerifier(db).verify()).toEqual({ ok: true, checked: 4, problem: null });
  });
});
