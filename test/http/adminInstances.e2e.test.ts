import path from 'node:path';
import { Value } from '@sinclair/typebox/value';
import type { TSchema } from '@sinclair/typebox';
import { HeatmapSchema, InstanceDetailSchema, InstancePageSchema, MigrationReportSchema } from '../../engine/http/instanceSchemas.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../engine/services/demo/demoData.ts';
import type { TestPlatform } from '../support/testPlatform.ts';
import { storeTargets, type StoreTarget } from '../support/stores.ts';
import { startTestPlatformOn } from '../support/startTestPlatformOn.ts';
import { packageFiles } from '../support/packageFiles.ts';
import { waitFor } from '../support/waitFor.ts';
import { InstanceQueries } from '../../engine/services/instances/InstanceQueries.ts';
import { submitApplication } from '../browser/support/submitApplication.ts';
import { amendedVersionFiles, AMENDED_HEADERS, AMENDED_STEP, AMENDED_STEP_NAME } from '../fixtures/amendedVersion.ts';
import { expectCountersMatchRows } from '../support/instanceCountsReference.ts';

const PKG = 'sichuan/2026-examiner-training';
/** The documented schema's complaints about a real body (none when it conforms). */
const complaints = (schema: TSchema, body: unknown) => [...Value.Errors(schema, body)].map((e) => `${e.path}: ${e.message}`);

/**
 * 流程实例, 热力图 and instance migration over HTTP on the embedded engine and SQLite: counts, the
 * masked table, the diagram with its path, the heatmap; a migration checked, executed and continued
 * in the inbox; a migration the process was killed in the middle of, finished at start-up; and
 * another province's admin, who gets 404 for all of it.
 */
describe.each(storeTargets())('admin instances, heatmap and instance migration on $name', (store: StoreTarget) => {
  let t: TestPlatform;
  let v1: string;
  let v2: string;
  const apps: string[] = [];
  beforeAll(async () => {
    t = await startTestPlatformOn(store);
    const { version } = await t.platform.services.packages.deployFromDirectory(null, PKG);
    await t.platform.services.packages.activate(null, version.hash);
    v1 = version.hash;
    for (const user of ['zhangwei', 'liuna', 'wangqiang']) apps.push((await submitApplication(t, PKG, 'org-my-filed', user)).applicationId);
    for (const id of apps) await waitFor(() => t.platform.db.knex('tasks').where({ application_id: id, element_id: 'Task_UnitReview' }).first(), 30_000, `unit review of ${id}`);
    const acc = await t.platform.db.knex('accounts').where({ username: 'admin' }).first();
    const actor = { id: acc.id, username: 'admin', displayName: acc.display_name, role: 'admin' as const, orgId: null, regionCode: acc.region_code, idNumber: null };
    v2 = (await t.platform.services.packages.deployFromFiles(actor, amendedVersionFiles(packageFiles(path.resolve('deployments', PKG))))).version.hash;
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  it('counts by status and step, lists with masked ID numbers and working days waited, and draws the path and the heatmap', async () => {
    // given three applications waiting at the unit review; when the Sichuan admin reads the version's instances
    const admin = await t.login('admin');
    const page = await admin.get('/api/admin/instances').query({ package: v1 });
    // then the counts, the rows (ID numbers masked) and the waits are there
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    expect(page.body.total).toBe(3);
    expect(complaints(InstancePageSchema, page.body)).toEqual([]);
    expect(page.body.byStep).toEqual([{ elementId: 'Task_UnitReview', name: '推荐单位初审', count: 3 }]);
    expect(page.body.byStatus.reduce((n: number, s: { count: number }) => n + s.count, 0)).toBe(3);
    const row = page.body.items.find((i: { applicationId: string }) => i.applicationId === apps[0]);
    expect(row.idNumberMasked).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    expect(JSON.stringify(page.body)).not.toContain(DEMO_ACCOUNTS.find((a) => a.username === 'zhangwei')!.idNumber);
    expect(row.steps).toEqual([expect.objectContaining({ elementId: 'Task_UnitReview', workingDaysWaited: 0, overdue: false })]);
    expect((await admin.get('/api/admin/instances').query({ package: v1, step: 'Task_CityReview' })).body.total).toBe(0);
    expect((await admin.get('/api/admin/instances').query({ package: v1, step: 'Task_UnitReview', pageSize: 2 })).body).toMatchObject({ total: 3, items: [{}, {}] });
    expect((await admin.get('/api/admin/instances').query({ package: v1, cityCode: '510600' })).body.total).toBe(0);

    // the heatmap: where they wait, how long, how many overdue
    const heat = await admin.get('/api/admin/heatmap').query({ package: v1 });
    expect(heat.status).toBe(200);
    expect(heat.body.elements).toEqual([{ elementId: 'Task_UnitReview', name: '推荐单位初审', waiting: 3, medianWorkingDays: 0, overdue: 0 }]);
    expect(heat.body.xml).toContain('Task_UnitReview');
    expect(complaints(HeatmapSchema, heat.body)).toEqual([]);
    expect(heat.body.regions).toEqual([{ cityCode: '510700', count: 3, units: [{ orgId: 'org-my-filed', name: expect.any(String), count: 3 }] }]);
    expect((await admin.get('/api/admin/heatmap').query({ package: v1, from: '2000-01-01', to: '2000-01-02' })).body.elements).toEqual([]);
    expect((await admin.get('/api/admin/heatmap').query({ package: v1, from: '2026-02-01', to: '2026-01-01' })).status).toBe(400);

    // one instance: its path, the variables with personal data masked, its timeline
    const detail = await admin.get(`/api/admin/instances/${apps[0]}`);
    expect(detail.status).toBe(200);
    expect(complaints(InstanceDetailSchema, detail.body)).toEqual([]);
    expect(detail.body.diagram.currentElementIds).toEqual(['Task_UnitReview']);
    expect(detail.body.diagram.completedElementIds.length).toBeGreaterThan(1);
    expect(detail.body.diagram.takenFlowIds).toContain('Flow_Eligible');
    expect(detail.body.maskedVariables).toContain('application');
    expect(String((detail.body.variables.application as { idNumber: string }).idNumber)).toMatch(/\*{10}/);
    expect(detail.body.timeline.map((e: { action: string }) => e.action)).toContain('application.submitted');
  });

  it('answers another province’s admin 404 and other roles 403', async () => {
    // given Gansu's admin and a Sichuan reviewer; when they ask for Sichuan's instances
    const gansu = await t.login('admin-gansu');
    const body = { fromHash: v1, toHash: v2, mappings: {} };
    // then nothing of it exists for the admin, and the reviewer is not an admin
    expect((await gansu.get('/api/admin/instances').query({ package: v1 })).status).toBe(404);
    expect((await gansu.get(`/api/admin/instances/${apps[0]}`)).status).toBe(404);
    expect((await gansu.get('/api/admin/heatmap').query({ package: v1 })).status).toBe(404);
    expect((await gansu.post('/api/admin/instance-migrations/check').send(body)).status).toBe(404);
    expect((await gansu.post('/api/admin/instance-migrations').send(body)).status).toBe(404);
    const reviewer = await t.login('province-sichuan');
    expect((await reviewer.get('/api/admin/instances').query({ package: v1 })).status).toBe(403);
    expect((await reviewer.post('/api/admin/instance-migrations').send(body)).status).toBe(403);
    expect(await t.platform.db.knex('instance_migrations')).toEqual([]);
  });

  it('checks a migration per instance, executes it, and the instance goes on on the new version in the inbox', async () => {
    const admin = await t.login('admin');
    // given a new version that renames the unit review; when the admin checks without a mapping
    const unmapped = await admin.post('/api/admin/instance-migrations/check').send({ fromHash: v1, toHash: v2, mappings: {} });
    // then each waiting instance is reported blocked, naming the unmapped step; nothing changed
    expect(unmapped.status, JSON.stringify(unmapped.body)).toBe(200);
    expect(unmapped.body).toMatchObject({ ready: 0, blocked: 3 });
    expect(complaints(MigrationReportSchema, unmapped.body)).toEqual([]);
    expect(unmapped.body.items[0].problems.join()).toContain('推荐单位初审');
    expect(unmapped.body.targetElements.map((e: { id: string }) => e.id)).toContain(AMENDED_STEP);
    // when it maps the step to one of another kind: refused too
    const wrongKind = await admin.post('/api/admin/instance-migrations/check').send({ fromHash: v1, toHash: v2, mappings: { Task_UnitReview: 'Gateway_UnitDecision' } });
    expect(wrongKind.body.items[0].problems.join()).toContain('类型不同');
    // when it maps it to the renamed step: ready
    const mappings = { Task_UnitReview: AMENDED_STEP };
    const checked = await admin.post('/api/admin/instance-migrations/check').send({ fromHash: v1, toHash: v2, mappings, applicationIds: [apps[0]] });
    expect(checked.body).toMatchObject({ ready: 1, blocked: 0, items: [{ applicationId: apps[0], ok: true, waiting: [{ sourceElementId: 'Task_UnitReview', targetElementId: AMENDED_STEP, targetName: AMENDED_STEP_NAME }] }] });
    const key = (await t.platform.db.knex('applications').where({ id: apps[0] }).first()).process_instance_key;
    const before = await t.platform.db.knex('engine_instances').where({ key }).first();

    // when it executes the migration of that one instance
    const done = await admin.post('/api/admin/instance-migrations').send({ fromHash: v1, toHash: v2, mappings, applicationIds: [apps[0]] });
    // then it is on the new version: engine, application, inbox task, audit
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ migrated: 1, failed: 0, items: [{ result: '已迁移' }] });
    expect(complaints(MigrationReportSchema, done.body)).toEqual([]);
    const v2Keys = (await t.platform.services.packages.version(v2)).processKeys;
    const after = await t.platform.db.knex('engine_instances').where({ key }).first();
    expect(after.definition_key).toBe(v2Keys[before.bpmn_process_id]);
    expect(after.version).toBe(before.version + 1);
    expect((await t.platform.db.knex('applications').where({ id: apps[0] }).first()).package_hash).toBe(v2);
    const task = await t.platform.db.knex('tasks').where({ application_id: apps[0] }).whereIn('state', ['OPEN', 'CLAIMED']).first();
    expect(task).toMatchObject({ element_id: AMENDED_STEP, name: AMENDED_STEP_NAME, package_hash: v2 });
    expect(await t.platform.db.knex('audit_log').where({ action: 'instance.migrated', application_id: apps[0] })).toHaveLength(1);
    expect((await admin.get(`/api/admin/instances/${apps[0]}`)).body.timeline.map((e: { label: string }) => e.label)).toContain(`流程实例迁移到新版本(${v2.slice(0, 8)})`);
    expect(await t.platform.db.knex('instance_migrations').where({ application_id: apps[0] }).select('state')).toEqual([{ state: 'DONE' }]);
    // the other instances stayed where they were
    expect((await t.platform.db.knex('applications').where({ id: apps[1] }).first()).package_hash).toBe(v1);
    // a repeat finds it no longer on the source version
    const again = await admin.post('/api/admin/instance-migrations').send({ fromHash: v1, toHash: v2, mappings, applicationIds: [apps[0]] });
    expect(again.body.items[0]).toMatchObject({ ok: false, result: '未迁移' });

    // when the unit reviewer decides the task in the inbox
    const unit = await t.login('unit-my-filed');
    expect((await unit.post(`/api/tasks/${task.id}/claim`)).status).toBe(200);
    const completed = await unit.post(`/api/tasks/${task.id}/complete`).send({ decision: 'approve', opinion: '材料齐全,同意推荐。' });
    expect(completed.status, JSON.stringify(completed.body)).toBe(200);
    // then the process goes on from the new version's step to the city review
    await waitFor(() => t.platform.db.knex('tasks').where({ application_id: apps[0], element_id: 'Task_CityReview' }).first(), 30_000, 'the city review after the migrated step');
    const trail = (await t.platform.engine.getInstance(key))!.completedElements;
    expect(trail).toContain(AMENDED_STEP);
  });

  it('finishes at start-up a migration the process died in the middle of', async () => {
    // given the engine moved an instance but the process died before the platform's rows followed (a PENDING row)
    const id = apps[1];
    const key = (await t.platform.db.knex('applications').where({ id }).first()).process_instance_key as string;
    const v2Keys = (await t.platform.services.packages.version(v2)).processKeys;
    const bpmnProcessId = (await t.platform.engine.getInstance(key))!.bpmnProcessId;
    const mappings = { Task_UnitReview: AMENDED_STEP };
    const moved = await t.platform.engine.migrateInstance!({ processInstanceKey: key, targetDefinitionKey: v2Keys[bpmnProcessId], mappings });
    expect(moved.migrated).toBe(true);
    await t.platform.db.knex('instance_migrations').insert({ id: '00000000-0000-4000-8000-00000000c0de', batch_id: '00000000-0000-4000-8000-00000000ba7c', application_id: id, process_instance_key: key, from_hash: v1, to_hash: v2, target_definition_key: v2Keys[bpmnProcessId], mappings: JSON.stringify(mappings), state: 'PENDING', created_at: new Date().toISOString() });
    expect((await t.platform.db.knex('applications').where({ id }).first()).package_hash).toBe(v1);
    // when the platform starts again
    await t.restart();
    // then the migration is finished: one version everywhere, audited once, and a repeat of the engine's move changes nothing
    expect((await t.platform.db.knex('instance_migrations').where({ application_id: id }).first()).state).toBe('DONE');
    expect((await t.platform.db.knex('applications').where({ id }).first()).package_hash).toBe(v2);
    expect((await t.platform.db.knex('tasks').where({ application_id: id }).whereIn('state', ['OPEN', 'CLAIMED']).first()).element_id).toBe(AMENDED_STEP);
    expect(await t.platform.db.knex('audit_log').where({ action: 'instance.migrated', application_id: id })).toHaveLength(1);
    expect(await t.platform.engine.migrateInstance!({ processInstanceKey: key, targetDefinitionKey: v2Keys[bpmnProcessId], mappings })).toMatchObject({ migrated: false, alreadyOnTarget: true });
  });

  it('gives a migrated user task the new version\u2019s headers: candidate groups, form key and due date', async () => {
    // given a version whose renamed unit review also goes to the city's reviewers, with another form and a deadline
    const knex = t.platform.db.knex;
    const acc = (await t.platform.services.accounts.findByUsername('admin'))!;
    const actor = { id: acc.id, username: acc.username, displayName: acc.displayName, role: 'admin' as const, orgId: null, regionCode: acc.regionCode, idNumber: null };
    const v3 = (await t.platform.services.packages.deployFromFiles(actor, amendedVersionFiles(packageFiles(path.resolve('deployments', PKG)), AMENDED_HEADERS))).version.hash;
    const id = apps[2];
    const before = await knex('tasks').where({ application_id: id }).whereIn('state', ['OPEN', 'CLAIMED']).first();
    expect(before).toMatchObject({ form_key: 'review', due_at: null, candidate_groups: JSON.stringify(['unit:org-my-filed']) });
    // when the admin migrates the waiting instance to it
    const admin = await t.login('admin');
    const done = await admin.post('/api/admin/instance-migrations').send({ fromHash: v1, toHash: v3, mappings: { Task_UnitReview: AMENDED_STEP }, applicationIds: [id] });
    expect(done.body, JSON.stringify(done.body)).toMatchObject({ migrated: 1, failed: 0 });
    // then the inbox task, its candidate rows and the engine's job carry the new version's headers
    const task = await knex('tasks').where({ id: before.id }).first();
    expect(task).toMatchObject({ element_id: AMENDED_STEP, name: AMENDED_STEP_NAME, form_key: AMENDED_HEADERS.formKey, due_at: '2026-12-31T09:00:00.000Z', package_hash: v3 });
    expect(JSON.parse(task.candidate_groups).sort()).toEqual(['city:510700', 'unit:org-my-filed']);
    const candidates = (await knex('task_candidates').where({ task_id: task.id }).select('candidate_group', 'element_id', 'package_hash', 'due_sort')) as Array<Record<string, string>>;
    expect(candidates.sort((a, b) => a.candidate_group.localeCompare(b.candidate_group))).toEqual([
      { candidate_group: 'city:510700', element_id: AMENDED_STEP, package_hash: v3, due_sort: '2026-12-31T09:00:00.000Z' },
      { candidate_group: 'unit:org-my-filed', element_id: AMENDED_STEP, package_hash: v3, due_sort: '2026-12-31T09:00:00.000Z' },
    ]);
    const headers = JSON.parse((await knex('engine_jobs').where({ key: task.id }).first()).custom_headers);
    expect(headers).toMatchObject({ 'io.camunda.zeebe:formKey': AMENDED_HEADERS.formKey, 'io.camunda.zeebe:dueDate': '2026-12-31T17:00:00+08:00', 'io.camunda.zeebe:name': AMENDED_STEP_NAME });
    expect(JSON.parse(headers['io.camunda.zeebe:candidateGroups']).sort()).toEqual(['city:510700', 'unit:org-my-filed']);
    expect((await knex('applications').where({ id }).first()).stage).toBe(AMENDED_STEP_NAME);
    // and the city's reviewer now finds it in the inbox, with the total counted
    const city = await t.login('city-mianyang');
    const inbox = await city.get('/api/tasks');
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.map((i: { id: string }) => i.id)).toContain(task.id);
    // and the instance counters of both versions still equal their rows
    const now = Date.now();
    const queries = new InstanceQueries(t.platform.db, { packages: t.platform.services.packages, applications: t.platform.services.applications, engine: t.platform.engine, calendar: t.platform.services.calendar, personal: t.platform.db.personal, now: () => now });
    const cases = { heatmap: [{}, { cityCode: '510700' }, { orgId: 'org-my-filed' }], list: [{}, { step: AMENDED_STEP }, { due: 'open' as const }] };
    for (const hash of [v1, v2, v3]) await expectCountersMatchRows(queries, actor, knex, t.platform.services.calendar, now, hash, cases);
  });
});
