import { Readable } from 'node:stream';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../engine/store/createDb.ts';
import { AccountService } from '../../engine/services/accounts/AccountService.ts';
import { RegistryService } from '../../engine/services/registry/RegistryService.ts';
import { AuditLog } from '../../engine/services/audit/AuditLog.ts';
import { AttachmentStorage, sniffMimeType } from '../../engine/services/attachments/AttachmentStorage.ts';
import { seedDemoData, DEMO_ACCOUNTS } from '../../engine/services/demo/demoData.ts';
import { freshMysqlDatabase, storeTargets, type StoreTarget } from '../support/stores.ts';

// The same store code on SQLite and MariaDB (required in CI).
describe.each(storeTargets())('store services on $name', (store: StoreTarget) => {
  let db: Db;
  let drop: (() => Promise<void>) | undefined;
  let clock = Date.parse('2026-03-01T00:00:00Z');
  const now = () => clock;

  beforeAll(async () => {
    if (store.name === 'mysql') {
      const fresh = await freshMysqlDatabase(store.url);
      drop = fresh.drop;
      db = await createDb(fresh.url);
    } else {
      db = await createDb('sqlite::memory:');
    }
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  it('logs in with the right password only, with one message for wrong user or password, and expires sessions', async () => {
    // given
    const accounts = new AccountService(db, { sessionTtlHours: 1 }, now);
    await accounts.createAccount({ username: 'reviewer1', password: 'Secret#2026', displayName: '审核人', role: 'city_reviewer', regionCode: '510700' });
    // when
    const ok = await accounts.login('reviewer1', 'Secret#2026');
    const wrongPassword = await accounts.login('reviewer1', 'nope').catch((e) => e);
    const wrongUser = await accounts.login('nobody', 'Secret#2026').catch((e) => e);
    // then
    expect(ok.actor).toMatchObject({ role: 'city_reviewer', regionCode: '510700' });
    expect(await accounts.resolveSession(ok.token)).toMatchObject({ username: 'reviewer1' });
    expect(wrongPassword.title).toBe('请先登录');
    expect(wrongPassword.detail).toBe(wrongUser.detail);
    const stored = await db.knex('sessions').first();
    expect(stored.token_hash).not.toBe(ok.token);
    // when: two hours later
    clock += 2 * 3600 * 1000;
    // then
    expect(await accounts.resolveSession(ok.token)).toBeNull();
    await expect(accounts.createAccount({ username: 'reviewer1', password: 'Another#2026', displayName: 'x', role: 'admin' })).rejects.toMatchObject({ title: '用户名已存在' });
  });

  it('issues one card number per application, from the issuing centre sequence, even when called concurrently', async () => {
    // given
    const registry = new RegistryService(db, now);
    const base = { idNumber: '11010519491231002X', kind: 'EXAMINER', occupationCode: '4-01-02-01', occupationName: '汽车维修工', issuerRegionCode: '510700', validRegionCode: '510700', validFrom: '2026-04-01', validTo: '2029-04-01', packageHash: 'h' };
    // when
    const [a1, a2] = await Promise.all([registry.issueCard({ ...base, applicationId: 'app-1' }), registry.issueCard({ ...base, applicationId: 'app-1' })]);
    const b = await registry.issueCard({ ...base, applicationId: 'app-2' });
    const province = await registry.issueCard({ ...base, applicationId: 'app-3', issuerRegionCode: '510000', validRegionCode: '510000' });
    // then
    expect(a1.number).toBe(a2.number);
    expect(a1.number).toBe('510700-2026-000001');
    expect(b.number).toBe('510700-2026-000002');
    expect(province.number).toBe('510000-2026-000001');
    expect(await db.knex('cards').where({ application_id: 'app-1' })).toHaveLength(1);
  });

  it('records a sanction once per idempotency key and reports only bans in force', async () => {
    // given
    const registry = new RegistryService(db, now);
    const s = { subjectType: 'person' as const, subjectId: '11010519491231002X', kind: 'TRAINING_REGISTRATION', clause: 'SC26-45', startsOn: '2026-05-01', until: '2027-05-01', reason: '逾期未领取证卡', idempotencyKey: 'inst:Task_BanTraining' };
    // when
    await registry.recordSanction(s);
    await registry.recordSanction(s);
    // then
    expect(await registry.listSanctions({ subjectType: 'person', subjectId: s.subjectId })).toHaveLength(1);
    expect((await registry.getPersonFacts(s.subjectId, '2026-06-01')).bans).toHaveLength(1);
    expect((await registry.getPersonFacts(s.subjectId, '2027-05-02')).bans).toHaveLength(0);
  });

  it('appends audit rows only, once per idempotency key, and loses them with a rolled-back transaction', async () => {
    // given
    const audit = new AuditLog(db, now);
    // when
    await audit.append({ action: 'x.done', entityType: 'application', entityId: 'a1', applicationId: 'a1', idempotencyKey: 'k1' });
    await audit.append({ action: 'x.done', entityType: 'application', entityId: 'a1', applicationId: 'a1', idempotencyKey: 'k1' });
    await db.knex
      .transaction(async (trx) => {
        await audit.append({ action: 'x.rolledBack', entityType: 'application', entityId: 'a1', applicationId: 'a1' }, trx);
        throw new Error('abort');
      })
      .catch(() => undefined);
    // then
    expect((await audit.listForApplication('a1')).map((e) => e.action)).toEqual(['x.done']);
    expect(Object.getOwnPropertyNames(AuditLog.prototype).filter((k) => /update|delete|remove/i.test(k))).toEqual([]);
  });

  it('seeds the demo data twice without duplicates', async () => {
    // given
    const accounts = new AccountService(db, {}, now);
    const registry = new RegistryService(db, now);
    // when
    await seedDemoData({ accounts, registry });
    await seedDemoData({ accounts, registry });
    // then
    const n = await db.knex('accounts').whereIn('username', DEMO_ACCOUNTS.map((a) => a.username)).count<{ n: number }[]>('* as n');
    expect(Number(n[0].n)).toBe(DEMO_ACCOUNTS.length);
  });
});

describe('attachment storage on disk', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'att-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('stores by content hash and refuses an oversized stream without leaving a temp file', async () => {
    // given
    const storage = new AttachmentStorage({ root });
    // when
    const saved = await storage.save(Readable.from([Buffer.from('%PDF-1.4 hello')]), { maxBytes: 1024 });
    const tooBig = await storage.save(Readable.from([Buffer.alloc(2048)]), { maxBytes: 1024 }).catch((e) => e);
    // then
    expect(saved.storageKey).toBe(`${saved.sha256.slice(0, 2)}/${saved.sha256}`);
    expect(fs.existsSync(path.join(root, saved.storageKey))).toBe(true);
    expect(tooBig.status).toBe(413);
    expect(fs.readdirSync(path.join(root, 'tmp'))).toEqual([]);
  });

  it('recognises PDF, JPEG and PNG by their bytes, not by their names', () => {
    // then
    expect(sniffMimeType(Buffer.from('%PDF-1.7'))).toBe('application/pdf');
    expect(sniffMimeType(Buffer.from([0xff, 0xd8, 0xff, 0xdb]))).toBe('image/jpeg');
    expect(sniffMimeType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png');
    expect(sniffMimeType(Buffer.from('GIF89a'))).toBeNull();
  });
});
