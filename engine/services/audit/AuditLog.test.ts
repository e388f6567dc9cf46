import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../store/createDb.ts';
import { ValidationError } from '../../errors.ts';
import { openStore, storeTargets, type StoreTarget } from '../../../test/support/stores.ts';
import { AuditLog } from './AuditLog.ts';

describe.each(storeTargets())('AuditLog on $name', (target: StoreTarget) => {
  let db: Db;
  let close: () => Promise<void>;
  const now = () => Date.parse('2026-03-02T01:02:03Z');
  let audit: AuditLog;

  beforeAll(async () => {
    ({ db, close } = await openStore(target));
    audit = new AuditLog(db, now);
  });
  afterAll(async () => close?.());

  it('appends entries with who, when and what, and lists them per application in order', async () => {
    // when
    await audit.append({ actorId: 'u1', actorRole: 'applicant', action: 'application.created', entityType: 'application', entityId: 'a1', applicationId: 'a1' });
    await audit.append({ actorId: 'u2', actorRole: 'city_reviewer', action: 'task.completed', entityType: 'task', entityId: 't1', applicationId: 'a1', detail: { decision: 'APPROVE', opinion: '材料齐全' } });
    // then
    const entries = await audit.listForApplication('a1');
    expect(entries.map((e) => e.action)).toEqual(['application.created', 'task.completed']);
    expect(entries[1]).toMatchObject({ at: '2026-03-02T01:02:03.000Z', actorId: 'u2', actorRole: 'city_reviewer', entityType: 'task', entityId: 't1', detail: { decision: 'APPROVE', opinion: '材料齐全' } });
    expect(entries[0].detail).toBeNull();
  });

  it('writes one row per idempotency key, without error, also for concurrent duplicates', async () => {
    // given
    const entry = { action: 'card.issued', entityType: 'card', entityId: '510700-2026-000001', applicationId: 'a2', idempotencyKey: 'job-7:card' };
    // when
    await audit.append(entry);
    await Promise.all([audit.append(entry), audit.append(entry), audit.append({ ...entry, detail: { retry: true } })]);
    // then
    expect(await audit.listForApplication('a2')).toHaveLength(1);
  });

  it('commits and rolls back with the caller transaction', async () => {
    // when: one transaction commits, another fails after writing its entry
    await db.knex.transaction(async (trx) => {
      await audit.append({ action: 'application.submitted', entityType: 'application', entityId: 'a3', applicationId: 'a3' }, trx);
    });
    const failed = await db.knex
      .transaction(async (trx) => {
        await audit.append({ action: 'application.withdrawn', entityType: 'application', entityId: 'a3', applicationId: 'a3' }, trx);
        throw new Error('the change itself failed');
      })
      .catch((e: Error) => e);
    // then
    expect(failed.message).toBe('the change itself failed');
    expect((await audit.listForApplication('a3')).map((e) => e.action)).toEqual(['application.submitted']);
  });

  it('keeps the caller transaction usable when a duplicate key is appended inside it', async () => {
    // given
    await audit.append({ action: 'x.first', entityType: 'application', entityId: 'a4', applicationId: 'a4', idempotencyKey: 'k-a4' });
    // when
    await db.knex.transaction(async (trx) => {
      await audit.append({ action: 'x.first', entityType: 'application', entityId: 'a4', applicationId: 'a4', idempotencyKey: 'k-a4' }, trx);
      await audit.append({ action: 'x.second', entityType: 'application', entityId: 'a4', applicationId: 'a4' }, trx);
    });
    // then
    expect((await audit.listForApplication('a4')).map((e) => e.action)).toEqual(['x.first', 'x.second']);
  });

  it('pages by id with a filter (keyset paging)', async () => {
    // given
    for (let i = 1; i <= 5; i++) await audit.append({ action: 'package.deployed', entityType: 'package', entityId: `p${i}` });
    await audit.append({ action: 'package.activated', entityType: 'package', entityId: 'p1' });
    // when
    const pages: string[][] = [];
    let afterId: number | undefined;
    for (;;) {
      const page = await audit.list({ entityType: 'package', afterId, limit: 2 });
      if (!page.length) break;
      pages.push(page.map((e) => `${e.entityId}:${e.action}`));
      afterId = page[page.length - 1].id;
    }
    const p1 = await audit.list({ entityType: 'package', entityId: 'p1', limit: 10 });
    // then
    expect(pages).toEqual([
      ['p1:package.deployed', 'p2:package.deployed'],
      ['p3:package.deployed', 'p4:package.deployed'],
      ['p5:package.deployed', 'p1:package.activated'],
    ]);
    expect(p1.map((e) => e.action)).toEqual(['package.deployed', 'package.activated']);
  });

  it('is append-only: it has no method that changes or removes entries', () => {
    // then
    const methods = Object.getOwnPropertyNames(AuditLog.prototype).filter((k) => k !== 'constructor');
    expect(methods.sort()).toEqual(['append', 'appendIn', 'list', 'listForApplication', 'lockHead', 'recordFailedSignIn', 'recordRead']);
  });

  it('stores the region of each entry: given, from the application, from the package, from the actor', async () => {
    // given
    await db.knex('package_versions').insert({ hash: 'h-gs', package_id: 'gansu-x', region_code: '620000', procedure: 'p', year: 2026, title: 't', manifest: '{}', files: '[]', process_keys: '{}', deployed_at: '2026-01-01T00:00:00.000Z' });
    await db.knex('applications').insert({ id: 'app-r1', package_hash: 'h-gs', package_id: 'gansu-x', applicant_account_id: 'acc-1', city_code: '620100', status: 'DRAFT', data: '{}', created_at: 'x', updated_at: 'x' });
    await db.knex('applications').insert({ id: 'app-r2', package_hash: 'h-gs', package_id: 'gansu-x', applicant_account_id: 'acc-1', city_code: null, status: 'DRAFT', data: '{}', created_at: 'x', updated_at: 'x' });
    await db.knex('accounts').insert({ id: 'acc-sd', username: 'sd-admin-test', password_hash: 'x', display_name: 'x', role: 'admin', region_code: '370000', created_at: 'x' });
    // when
    await audit.append({ action: 'r.given', entityType: 'calendar', entityId: '510700:2026', regionCode: '510700' });
    await audit.append({ action: 'r.app', entityType: 'application', entityId: 'app-r1', applicationId: 'app-r1' });
    await audit.append({ action: 'r.app-package', entityType: 'application', entityId: 'app-r2', applicationId: 'app-r2' });
    await audit.append({ action: 'r.package', entityType: 'package', entityId: 'h-gs' });
    await audit.append({ action: 'r.actor', entityType: 'incident', entityId: '42', actorId: 'acc-sd' });
    await audit.append({ action: 'r.none', entityType: 'incident', entityId: '43' });
    // then
    const rows = await audit.list({ entityType: undefined, limit: 500 });
    const region = (action: string) => rows.find((r) => r.action === action)?.regionCode;
    expect([region('r.given'), region('r.app'), region('r.app-package'), region('r.package'), region('r.actor'), region('r.none')]).toEqual(['510700', '620100', '620000', '620000', '370000', null]);
    expect((await audit.list({ withinRegion: '620000', limit: 500 })).map((r) => r.action)).toEqual(['r.app', 'r.app-package', 'r.package']);
    expect((await audit.list({ withinRegion: '510000', limit: 500 })).map((r) => r.action)).toEqual(['r.given']);
    expect((await audit.list({ withinRegion: '510600', limit: 500 })).map((r) => r.action)).toEqual([]);
  });

  it('records reads of personal data and failed sign-ins as entries of the right region', async () => {
    // given
    const reader = { id: 'acc-sd', username: 'sd-admin-test', displayName: 'x', role: 'admin' as const, orgId: null, regionCode: '370000', idNumber: null };
    // when
    await audit.recordRead(reader, { entityType: 'person', entityId: '3715**********0011', detail: { purpose: 'registry.person.lookup' } });
    await audit.recordFailedSignIn({ username: 'sd-admin-test', address: '10.0.0.9', reason: 'wrong-password' });
    await audit.recordFailedSignIn({ username: 'nobody-here', address: '10.0.0.9', reason: 'unknown-account' });
    // then
    const rows = await audit.list({ entityType: 'person', limit: 10 });
    expect(rows.at(-1)).toMatchObject({ action: 'personal-data.read', actorId: 'acc-sd', actorRole: 'admin', regionCode: '370000', detail: { purpose: 'registry.person.lookup' } });
    const failed = await audit.list({ entityType: 'account', limit: 10 });
    expect(failed.map((r) => [r.action, r.entityId, r.regionCode, (r.detail as { accountExists: boolean }).accountExists])).toEqual([
      ['session.sign_in_failed', 'sd-admin-test', '370000', true],
      ['session.sign_in_failed', 'nobody-here', null, false],
    ]);
  });

  it('filters by application, actor and time range', async () => {
    // given
    let t = Date.parse('2026-05-01T00:00:00Z');
    const timed = new AuditLog(db, () => t);
    await timed.append({ action: 'f.one', entityType: 'application', entityId: 'f1', applicationId: 'f1', actorId: 'u-f' });
    t += 3600_000;
    await timed.append({ action: 'f.two', entityType: 'application', entityId: 'f1', applicationId: 'f1', actorId: 'u-g' });
    t += 3600_000;
    await timed.append({ action: 'f.three', entityType: 'application', entityId: 'f2', applicationId: 'f2', actorId: 'u-f' });
    // when / then
    expect((await audit.list({ applicationId: 'f1', limit: 10 })).map((r) => r.action)).toEqual(['f.one', 'f.two']);
    expect((await audit.list({ actorId: 'u-f', limit: 10 })).map((r) => r.action)).toEqual(['f.one', 'f.three']);
    expect((await audit.list({ from: '2026-05-01T01:00:00.000Z', to: '2026-05-01T02:00:00.000Z', limit: 10 })).map((r) => r.action)).toEqual(['f.two']);
  });

  it('refuses an entry without action or entity', async () => {
    // when / then
    await expect(audit.append({ action: '', entityType: 'application', entityId: 'a5' })).rejects.toBeInstanceOf(ValidationError);
    await expect(audit.append({ action: 'x', entityType: 'application', entityId: '' })).rejects.toBeInstanceOf(ValidationError);
  });
});
