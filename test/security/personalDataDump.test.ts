import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type request from 'supertest';
import type { Actor } from '../../engine/services/actor.ts';
import { idCardCheckDigit } from '../../forms/index.ts';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform.ts';
import { freshMysqlDatabase, storeTargets } from '../support/stores.ts';
import { validApplication } from '../support/fixtures.ts';
import { waitFor } from '../support/waitFor.ts';
import { PDF, PNG_FILE as PNG } from '../support/uploadFixtures.ts';

const PKG_DIR = 'sichuan/2026-examiner-training';
const schema = JSON.parse(fs.readFileSync(`deployments/${PKG_DIR}/forms/application.schema.json`, 'utf8'));
const APPLICANTS = 600;
const FULL_PATH = 3; // of them through HTTP, the engine, the inbox and a review decision
const FILED = 'org-my-filed';

/** 600 distinct, valid ID numbers and mobile numbers (none is a demo account's). */
function people(n: number): Array<{ idNumber: string; mobile: string; name: string }> {
  return Array.from({ length: n }, (_, i) => {
    const day = String((i % 28) + 1).padStart(2, '0');
    const month = String((Math.floor(i / 28) % 12) + 1).padStart(2, '0');
    const first17 = `510703${1970 + (i % 30)}${month}${day}${String(100 + (i % 900)).padStart(3, '0')}`;
    return { idNumber: first17 + idCardCheckDigit(first17), mobile: `139${String(10_000_000 + i * 7919).slice(-8)}`, name: `测试${i}` };
  });
}

/** Every ID and mobile number of `secrets` that occurs in `text`. */
function leaks(text: string, secrets: Set<string>): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/\d{17}[\dX]|\d{11}/g)) if (secrets.has(m[0])) found.add(m[0]);
  // Overlapping matches (an 11-digit run inside an 18-digit one) are checked directly too.
  for (const s of secrets) if (!found.has(s) && text.includes(s)) found.add(s);
  return [...found];
}

describe.each(storeTargets().map((s) => [s.name, s] as const))('a database dump on %s holds no ID or mobile number in clear', (_name, target) => {
  let t: TestPlatform;
  let dropMysql: (() => Promise<void>) | undefined;
  const persons = people(APPLICANTS);
  const secrets = new Set(persons.flatMap((p) => [p.idNumber, p.mobile]));
  let packageHash: string;

  beforeAll(async () => {
    let databaseUrl: string | undefined;
    if (target.name === 'mysql') {
      const fresh = await freshMysqlDatabase(target.url);
      databaseUrl = fresh.url;
      dropMysql = fresh.drop;
    }
    t = await startTestPlatform({ databaseUrl });
    const admin = await t.login('admin');
    packageHash = (await admin.post('/api/packages').send({ source: PKG_DIR })).body.hash;
    expect((await admin.post(`/api/packages/${packageHash}/activate`)).status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await dropMysql?.();
  });

  async function attachAll(agent: request.Agent, id: string, name = 'f') {
    for (const spec of schema['x-attachments'] as Array<{ kind: string; accept: string[] }>) {
      const pdf = spec.accept.includes('application/pdf');
      const res = await agent.post(`/api/applications/${id}/attachments`).field('kind', spec.kind).attach('file', pdf ? PDF : PNG, pdf ? `${name}.pdf` : `${name}.png`);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
  }

  it('after 600 applications (drafts, submissions, a started process with its tasks and decision, the registry, audit)', async () => {
    // given: most applicants by direct service calls (fast) ...
    const { applications, registry, accounts, dispatcher } = t.platform.services;
    for (const [i, p] of persons.slice(FULL_PATH).entries()) {
      const actor: Actor = { id: randomUUID(), username: `dump-${i}`, displayName: p.name, role: 'applicant', orgId: null, regionCode: null, idNumber: p.idNumber };
      const data = validApplication({ name: p.name, idNumber: p.idNumber, recommenderOrgId: FILED }, { mobile: p.mobile });
      const draft = await applications.createDraft(actor, { packageHash, data });
      if (i % 10 === 0) await applications.updateDraft(actor, draft.id, { ...data, experience: `${data.experience} 联系电话 ${p.mobile}` });
      await registry.upsertPerson({ idNumber: p.idNumber, name: p.name });
      if (i % 12 === 0) await registry.importCard({ number: `SC-DUMP-${i}`, idNumber: p.idNumber, kind: 'EXAMINER', issuerRegionCode: '510000', validFrom: '2021-07-01' });
      if (i % 20 === 0) await registry.recordSanction({ subjectType: 'person', subjectId: p.idNumber, kind: 'TRAINING_REGISTRATION', clause: 'SC26-45', startsOn: '2026-01-01', until: '2027-01-01', reason: '逾期未领证', idempotencyKey: `dump:${i}` });
      if (i % 25 === 0) {
        await registry.records.recordExamSitting(p.idNumber, { date: '2025-06-01', kind: 'exam', result: 'FAIL' });
        await registry.records.recordEvaluation(p.idNumber, { date: '2025-06-02', role: 'examiner', orgId: FILED });
        await registry.records.addCertificate(p.idNumber, { kind: 'VQ', level: 3, certificateNo: 'S1' });
      }
    }
    // ... a few through the whole path: accounts, HTTP, the engine's variables and state, the inbox, a decision
    const unit = await t.login('unit-my-filed');
    const admin = await t.login('admin');
    const submitted: string[] = [];
    for (const [i, p] of persons.slice(0, FULL_PATH).entries()) {
      await accounts.createAccount({ username: `dump-full-${i}`, password: 'Dump@2026x', displayName: p.name, role: 'applicant', idNumber: p.idNumber });
      const agent = await t.login(`dump-full-${i}`, 'Dump@2026x');
      const res = await agent.post('/api/applications').send({ packageHash, data: validApplication({ name: p.name, idNumber: p.idNumber, recommenderOrgId: FILED }, { mobile: p.mobile }) });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      // scans named after the person's numbers, as people do
      await attachAll(agent, res.body.id, i % 2 ? p.mobile : p.idNumber);
      expect((await agent.post(`/api/applications/${res.body.id}/submit`)).status).toBe(202);
      submitted.push(res.body.id);
    }
    for (const id of submitted) {
      const task = await waitFor(async () => (await unit.get('/api/tasks').query({ applicationId: id })).body.items?.[0], 20_000, 'unit task');
      await unit.post(`/api/tasks/${task.id}/claim`);
      expect((await unit.post(`/api/tasks/${task.id}/complete`).send({ decision: 'approve', opinion: '同意推荐' })).status).toBe(200);
    }
    await waitFor(async () => (await t.platform.db.knex('tasks').whereIn('application_id', submitted).where({ state: 'OPEN' })).length === FULL_PATH, 20_000, 'city tasks');
    // a registry read by staff, and submissions still waiting in the start queue
    expect((await admin.post('/api/registry/person-lookups').send({ idNumber: persons[0]!.idNumber })).status).toBe(200);
    await dispatcher.stop();
    const waiting = persons.slice(FULL_PATH, FULL_PATH + 2);
    for (const [i, p] of waiting.entries()) {
      await accounts.createAccount({ username: `dump-queued-${i}`, password: 'Dump@2026x', displayName: p.name, role: 'applicant', idNumber: p.idNumber });
      const agent = await t.login(`dump-queued-${i}`, 'Dump@2026x');
      const res = await agent.post('/api/applications').send({ packageHash, data: validApplication({ name: p.name, idNumber: p.idNumber, recommenderOrgId: FILED }, { mobile: p.mobile }) });
      await attachAll(agent, res.body.id);
      expect((await agent.post(`/api/applications/${res.body.id}/submit`)).status).toBe(202);
    }

    // when: every column of every table is read
    const k = t.platform.db.knex;
    const tables: string[] =
      target.name === 'sqlite'
        ? (await k.raw("SELECT name FROM sqlite_master WHERE type = 'table'")).map((r: { name: string }) => r.name)
        : (await k.raw('SHOW TABLES'))[0].map((r: Record<string, string>) => Object.values(r)[0]);
    const dump: string[] = [];
    const counts: Record<string, number> = {};
    for (const table of tables) {
      const rows = target.name === 'sqlite' ? await k.raw(`SELECT * FROM "${table}"`) : (await k.raw(`SELECT * FROM \`${table}\``))[0];
      counts[table] = rows.length;
      for (const row of rows) for (const v of Object.values(row as Record<string, unknown>)) dump.push(Buffer.isBuffer(v) ? v.toString('latin1') : String(v));
    }
    const text = dump.join('\n');

    // then: the data is all there, sealed, and no number of these applicants is in clear anywhere
    expect(counts.applications).toBeGreaterThanOrEqual(APPLICANTS);
    expect(counts.persons).toBeGreaterThanOrEqual(APPLICANTS - FULL_PATH);
    expect(counts.engine_instances).toBeGreaterThanOrEqual(FULL_PATH);
    expect(counts.tasks).toBeGreaterThanOrEqual(2 * FULL_PATH);
    expect((await k('process_start_queue').where({ state: 'PENDING' })).length).toBe(2);
    expect(leaks(text, secrets)).toEqual([]);
    expect(text).toContain('enc:v1:');

    // and the raw SQLite file (with its write-ahead log) has none either
    if (target.name === 'sqlite') {
      const dir = t.config.dataDir;
      const files = fs.readdirSync(dir).filter((f) => f.startsWith('platform.sqlite'));
      expect(files).toContain('platform.sqlite');
      for (const f of files) expect(leaks(fs.readFileSync(path.join(dir, f)).toString('latin1'), secrets), f).toEqual([]);
    }
    // while in memory, through the services, the applicant still reads their own numbers in clear
    const own = await t.login('dump-full-0', 'Dump@2026x');
    const mine = await own.get(`/api/applications/${submitted[0]}`);
    expect(mine.body.data).toMatchObject({ idNumber: persons[0]!.idNumber, mobile: persons[0]!.mobile });
  }, 300_000);
});

