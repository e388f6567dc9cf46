import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import knexFactory from 'knex';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform.ts';
import { freshMysqlDatabase, storeTargets, type StoreTarget } from '../support/stores.ts';
import { packageFiles } from '../support/packageFiles.ts';
import { waitFor } from '../support/waitFor.ts';
import { submitApplication } from '../browser/support/submitApplication.ts';
import { amendedVersionFiles, AMENDED_HEADERS, AMENDED_STEP, AMENDED_STEP_NAME } from '../fixtures/amendedVersion.ts';
import { expectCountersMatchRows } from '../support/instanceCountsReference.ts';
import { InstanceQueries } from '../../engine/services/instances/InstanceQueries.ts';
import { signIn, spawnServer, waitUp, type ServerProcess } from './serverProcess.ts';

const PKG = 'sichuan/2026-examiner-training';
const POINT = 'migration.engineMigrated';

/**
 * Instance migration survives a power cut: the platform runs as a real child process (engine/main.ts) that is killed
 * with SIGKILL after the engine moved the instance and before the platform's rows and audit entry were committed.
 * After a restart the instance is on the new version exactly once (the engine moved once), the application, its
 * inbox task (with the new version's headers), the counters and the audit log follow, and the migration is DONE.
 */
describe.each(storeTargets())('a migration killed between the engine and the platform on $name', (store: StoreTarget) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migration-crash-'));
  const key = randomBytes(32).toString('base64');
  let databaseUrl: string | undefined;
  let drop = async () => undefined as void;
  let t: TestPlatform | undefined;
  let server: ServerProcess | undefined;
  const start = () => startTestPlatform({ dataDir: dir, ...(databaseUrl ? { databaseUrl, config: { dataKeys: { current: key, previous: [] } } } : {}) });

  afterAll(async () => {
    await server?.kill();
    await t?.close().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
    await drop();
  });

  it('puts the instance on the new version exactly once, with its platform rows and one audit entry, after the restart', async () => {
    if (store.name === 'mysql') ({ url: databaseUrl, drop } = await freshMysqlDatabase(store.url));
    // given an application waiting at the unit review on v1, and v2 (the step renamed, new headers) deployed
    t = await start();
    const { version } = await t.platform.services.packages.deployFromDirectory(null, PKG);
    await t.platform.services.packages.activate(null, version.hash);
    const { applicationId: id } = await submitApplication(t, PKG, 'org-my-filed', 'zhangwei');
    const knex0 = t.platform.db.knex;
    await waitFor(() => knex0('tasks').where({ application_id: id, element_id: 'Task_UnitReview' }).first(), 30_000, 'the unit review');
    const v1 = (await knex0('applications').where({ id }).first()).package_hash as string;
    const acc = (await t.platform.services.accounts.findByUsername('admin'))!;
    const actor = { id: acc.id, username: acc.username, displayName: acc.displayName, role: 'admin' as const, orgId: null, regionCode: acc.regionCode, idNumber: null };
    const v2 = (await t.platform.services.packages.deployFromFiles(actor, amendedVersionFiles(packageFiles(path.resolve('deployments', PKG)), AMENDED_HEADERS))).version.hash;
    const instanceKey = (await knex0('applications').where({ id }).first()).process_instance_key as string;
    const before = await knex0('engine_instances').where({ key: instanceKey }).first();
    await t.platform.stop();
    t = undefined;

    // when the platform process migrates it and is killed at the crash point
    server = await spawnServer({ dataDir: dir, deploymentsDir: path.resolve('deployments'), crashPoint: POINT, databaseUrl, dataKey: databaseUrl ? key : undefined });
    await waitUp(server);
    const admin = await signIn(server, 'admin');
    const cut = await admin.json('POST', '/api/admin/instance-migrations', { fromHash: v1, toHash: v2, mappings: { Task_UnitReview: AMENDED_STEP }, applicationIds: [id] }).then(
      (r) => `answered ${r.status}`,
      () => 'cut',
    );
    expect(cut).toBe('cut');
    expect(await server.exited).toBe('SIGKILL');
    expect(server.log()).toContain(`crash point ${POINT}`);
    server = undefined;

    // then, before the restart: the engine moved, the platform did not (a PENDING row, no audit entry, the task as it was)
    const left = knexFactory(databaseUrl ? { client: 'mysql2', connection: databaseUrl } : { client: 'better-sqlite3', connection: { filename: path.join(dir, 'platform.sqlite') }, useNullAsDefault: true });
    try {
      expect((await left('engine_instances').where({ key: instanceKey }).first()).version).toBe(before.version + 1);
      expect(await left('instance_migrations').where({ application_id: id }).select('state')).toEqual([{ state: 'PENDING' }]);
      expect((await left('applications').where({ id }).first()).package_hash).toBe(v1);
      expect(await left('audit_log').where({ action: 'instance.migrated', application_id: id })).toHaveLength(0);
      expect((await left('tasks').where({ application_id: id }).whereIn('state', ['OPEN', 'CLAIMED']).first()).element_id).toBe('Task_UnitReview');
    } finally {
      await left.destroy();
    }
    // when the platform starts again
    t = await start();
    const knex = t.platform.db.knex;
    const after = await knex('engine_instances').where({ key: instanceKey }).first();
    const v2Keys = (await t.platform.services.packages.version(v2)).processKeys;
    // the engine moved exactly once
    expect(after.definition_key).toBe(v2Keys[before.bpmn_process_id]);
    expect(after.version).toBe(before.version + 1);
    // the migration row was finished at start-up, once
    const rows = (await knex('instance_migrations').where({ application_id: id }).select('state', 'to_hash')) as Array<{ state: string; to_hash: string }>;
    expect(rows).toEqual([{ state: 'DONE', to_hash: v2 }]);
    // the platform's rows followed: the application, its one open task with the new version's headers, the stage
    expect((await knex('applications').where({ id }).first()).package_hash).toBe(v2);
    const open = await knex('tasks').where({ application_id: id }).whereIn('state', ['OPEN', 'CLAIMED']);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ element_id: AMENDED_STEP, name: AMENDED_STEP_NAME, package_hash: v2, form_key: AMENDED_HEADERS.formKey, due_at: '2026-12-31T09:00:00.000Z' });
    expect(JSON.parse(open[0].candidate_groups).sort()).toEqual(['city:510700', 'unit:org-my-filed']);
    expect((await knex('applications').where({ id }).first()).stage).toBe(AMENDED_STEP_NAME);
    // one audit entry
    expect(await knex('audit_log').where({ action: 'instance.migrated', application_id: id })).toHaveLength(1);
    // the admin's counters equal the rows of both versions
    const now = Date.now();
    const queries = new InstanceQueries(t.platform.db, { packages: t.platform.services.packages, applications: t.platform.services.applications, engine: t.platform.engine, calendar: t.platform.services.calendar, personal: t.platform.db.personal, now: () => now });
    for (const hash of [v1, v2]) await expectCountersMatchRows(queries, actor, knex, t.platform.services.calendar, now, hash, { heatmap: [{}, { orgId: 'org-my-filed' }], list: [{}, { step: AMENDED_STEP }] });
    // and the city's reviewer, whom the new version adds, finds the task in the inbox
    const city = await t.login('city-mianyang');
    expect((await city.get('/api/tasks')).body.items.map((i: { id: string }) => i.id)).toContain(open[0].id);
  }, 240_000);
});
