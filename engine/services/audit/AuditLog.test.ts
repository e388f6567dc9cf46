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
    expect(methods.sort()).toEqual(['append', 'list', 'listForApplication']);
  });

  it('refuses an entry without action or entity', async () => {
    // when / then
    await expect(audit.append({ action: '', entityType: 'application', entityId: 'a5' })).rejects.toBeInstanceOf(ValidationError);
    await expect(audit.append({ action: 'x', entityType: 'application', entityId: '' })).rejects.toBeInstanceOf(ValidationError);
  });
});
