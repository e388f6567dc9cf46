import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type request from 'supertest';
import { DEMO_ACCOUNTS } from '../../engine/services/demo/demoData.ts';
import { freshMysqlDatabase, storeTargets, type StoreTarget } from '../support/stores.ts';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform.ts';
import { waitFor } from '../support/waitFor.ts';
import { validApplication } from '../support/fixtures.ts';
import { JPEG, PDF } from '../support/uploadFixtures.ts';

const run = promisify(execFile);
const PKG_DIR = 'sichuan/2026-examiner-training';
const schema = JSON.parse(fs.readFileSync(`deployments/${PKG_DIR}/forms/application.schema.json`, 'utf8'));
const APPLICANTS = DEMO_ACCOUNTS.filter((a) => a.role === 'applicant' && a.idNumber?.startsWith('5107'));
type Agent = request.Agent;
type CliResult = { code: number; stdout: string; stderr: string };

function cli(env: Record<string, string>, ...args: string[]): Promise<CliResult> {
  return run('npx', ['tsx', 'engine/cli.ts', ...args], { env: { ...process.env, ...env }, timeout: 120_000 }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: CliResult) => ({ code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }),
  );
}

describe.each(storeTargets())('backup under load and restore on a fresh $name', (target: StoreTarget) => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'backup-test-'));
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
    fs.rmSync(work, { recursive: true, force: true });
  });

  async function database(): Promise<string | undefined> {
    if (target.name === 'sqlite') return undefined;
    const fresh = await freshMysqlDatabase(target.url);
    cleanups.push(() => fresh.drop());
    return fresh.url;
  }
  // A configured key (MySQL) is the operator's to pass; the generated one of a SQLite install travels inside the backup.
  const keyEnv = (t: { config: { dataKeys: { current?: string } } }): Record<string, string> => (t.config.dataKeys.current ? { DATA_KEY: t.config.dataKeys.current } : {});
  const envOf = (t: { config: { databaseUrl: string; attachmentsDir: string; dataDir: string; dataKeys: { current?: string } } }) => ({ DATABASE_URL: t.config.databaseUrl, ATTACHMENTS_DIR: t.config.attachmentsDir, DATA_DIR: t.config.dataDir, ...keyEnv(t) });

  it('takes a consistent backup while applications are submitted; the restored platform finishes every waiting instance and its audit chain verifies', async () => {
    // given: a running platform with applications at different steps
    const src = await startTestPlatform({ databaseUrl: await database() });
    let srcOpen = true;
    cleanups.push(async () => {
      if (srcOpen) await src.close();
    });
    const admin = await src.login('admin');
    const packageHash = (await admin.post('/api/packages').send({ source: PKG_DIR })).body.hash;
    await admin.post(`/api/packages/${packageHash}/activate`);
    const org = (await src.platform.services.registry.listOrganisations({})).find((o) => o.cityCode === '510700' && o.filingStatus === 'FILED')!;
    const unit = await src.login(DEMO_ACCOUNTS.find((a) => a.role === 'unit_reviewer' && a.orgId === org.id)!.username);
    const submit = async (n: number): Promise<string> => {
      const acc = APPLICANTS[n % APPLICANTS.length]!;
      const agent = await src.login(acc.username);
      const draft = await agent.post('/api/applications').send({ packageHash, data: validApplication({ name: acc.displayName, idNumber: acc.idNumber!, recommenderOrgId: org.id }) });
      expect(draft.status, JSON.stringify(draft.body)).toBe(201);
      for (const spec of schema['x-attachments'] as Array<{ kind: string; accept?: string[] }>) {
        const isPdf = (spec.accept ?? ['application/pdf']).includes('application/pdf');
        const up = await agent.post(`/api/applications/${draft.body.id}/attachments`).field('kind', spec.kind).attach('file', isPdf ? PDF : JPEG, isPdf ? 'a.pdf' : 'a.jpg');
        expect(up.status, JSON.stringify(up.body)).toBe(201);
      }
      expect((await agent.post(`/api/applications/${draft.body.id}/submit`)).status).toBe(202);
      return draft.body.id;
    };
    const early = [await submit(0), await submit(1)];
    const task = await waitFor(async () => (await unit.get('/api/tasks').query({ applicationId: early[0] })).body.items?.[0], 20_000, 'unit task');
    expect((await unit.post(`/api/tasks/${task.id}/complete`).send({ decision: 'approve', opinion: '同意推荐' })).status).toBe(200);

    // when: a backup runs (another process) while more applications are being submitted
    const backupDir = path.join(work, 'backup');
    let loading = true;
    const submitted: string[] = [];
    const load = (async () => {
      for (let n = 2; loading || n < 4; n++) submitted.push(await submit(n));
    })();
    const backup = await cli(envOf(src), 'backup', backupDir);
    loading = false;
    await load;
    await src.close();
    srcOpen = false;

    // then: the backup is complete
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toContain('备份完成');
    const manifest = JSON.parse(fs.readFileSync(path.join(backupDir, 'manifest.json'), 'utf8'));
    expect(manifest.attachments.length).toBeGreaterThan(0);
    expect(manifest.tables.find((t: { name: string }) => t.name === 'audit_log').rows).toBeGreaterThan(0);

    // when: restored onto a fresh data folder and database; first a damaged copy, which is refused
    const dataDir = path.join(work, 'restored');
    const restoredUrl = (await database()) ?? `sqlite:${path.join(dataDir, 'platform.sqlite')}`;
    const restoreEnv = { DATABASE_URL: restoredUrl, ATTACHMENTS_DIR: path.join(dataDir, 'attachments'), DATA_DIR: dataDir, ...keyEnv(src) };
    const damaged = path.join(work, 'damaged');
    fs.cpSync(backupDir, damaged, { recursive: true });
    const appsFile = path.join(damaged, 'db', 'applications.jsonl');
    fs.writeFileSync(appsFile, fs.readFileSync(appsFile, 'utf8').replace('"status":"', '"status":"X'));
    const refused = await cli(restoreEnv, 'restore', damaged);
    const restored = await cli(restoreEnv, 'restore', backupDir);
    const again = await cli(restoreEnv, 'restore', backupDir);
    const verified = await cli(restoreEnv, 'audit', 'verify');

    // then
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('校验失败');
    expect(restored.code, restored.stderr + restored.stdout).toBe(0);
    expect(restored.stdout).toContain('恢复完成');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/不为空/);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toContain('审计链完整');

    // when: the platform starts on the restored data and the reviewers work every open task
    const t = await startTestPlatform({ databaseUrl: restoredUrl, dataDir, config: { dataKeys: src.config.dataKeys } });
    cleanups.push(() => t.close());
    const knex = t.platform.db.knex;
    const inFlight = (await knex('applications').whereNot({ status: 'DRAFT' }).select('id')).map((r: { id: string }) => r.id);
    // the snapshot holds the early applications and some (not necessarily all) of those submitted during the backup
    expect(inFlight).toEqual(expect.arrayContaining(early));
    expect(inFlight.length).toBeLessThanOrEqual(early.length + submitted.length);
    // under load: some submissions of the load made it into the snapshot, later ones did not
    const fromLoad = inFlight.filter((id) => submitted.includes(id)).length;
    expect(fromLoad).toBeGreaterThan(0);
    expect(fromLoad).toBeLessThan(submitted.length);
    const staff = {
      unit: await t.login(DEMO_ACCOUNTS.find((a) => a.role === 'unit_reviewer' && a.orgId === org.id)!.username),
      city: await t.login('city-mianyang'),
      province: await t.login('province-sichuan'),
    };
    const decide = async (agent: Agent, id: string, data?: Record<string, unknown>) => {
      const open = await waitFor(async () => (await agent.get('/api/tasks').query({ applicationId: id })).body.items?.[0], 30_000, `task of ${id}`);
      const res = await agent.post(`/api/tasks/${open.id}/complete`).send({ decision: 'approve', opinion: '同意', ...(data ? { data } : {}) });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    };
    const stateOf = async (id: string) => (await knex('applications').where({ id }).first()).status as string;
    for (const id of inFlight) {
      if (id !== early[0]) await decide(staff.unit, id);
      await decide(staff.city, id);
      await decide(staff.province, id);
      await decide(staff.city, id, { trainingCompleted: true, examDate: '2026-03-28', score: 80 });
      await waitFor(async () => (await stateOf(id)) === 'CARD_ISSUED', 30_000, `card of ${id}`);
      await decide(staff.city, id);
    }

    // then: every restored instance reached its end, with no task or incident left, and the attachments are there
    for (const id of inFlight) await waitFor(async () => (await stateOf(id)) === 'COMPLETED', 30_000, `end of ${id}`);
    const keys = (await knex('applications').whereIn('id', inFlight).select('process_instance_key')).map((r: { process_instance_key: string }) => r.process_instance_key);
    expect(keys.every(Boolean)).toBe(true);
    expect(new Set(keys).size).toBe(inFlight.length);
    await waitFor(async () => (await knex('engine_instances').whereIn('key', keys).whereNot({ status: 'COMPLETED' })).length === 0, 30_000, 'instances completed');
    expect(await knex('tasks').whereIn('application_id', inFlight).whereIn('state', ['OPEN', 'CLAIMED'])).toEqual([]);
    expect(await knex('engine_incidents').where({ state: 'OPEN' })).toEqual([]);
    const att = await knex('attachments').where({ application_id: early[1] }).first();
    expect(fs.existsSync(path.join(dataDir, 'attachments', att.storage_key))).toBe(true);
    const finalCheck = await cli(restoreEnv, 'audit', 'verify');
    expect(finalCheck.code, finalCheck.stderr).toBe(0);
  }, 600_000);
});
