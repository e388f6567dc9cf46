import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../store/createDb.ts';
import { openStore, storeTargets, type StoreTarget } from '../../../test/support/stores.ts';
import { AuditLog } from './AuditLog.ts';
import { AuditChainVerifier } from './AuditChainVerifier.ts';
import { GENESIS_HASH } from './auditChain.ts';

describe.each(storeTargets())('audit hash chain on $name', (target: StoreTarget) => {
  let db: Db;
  let close: () => Promise<void>;
  let audit: AuditLog;
  let verifier: AuditChainVerifier;
  const rows = () => db.knex('audit_log').orderBy('seq');

  beforeAll(async () => {
    ({ db, close } = await openStore(target));
    audit = new AuditLog(db);
    verifier = new AuditChainVerifier(db);
  });
  afterAll(async () => close?.());
  beforeEach(async () => {
    // each test starts from an empty, consistent chain
    await db.knex('audit_log').delete();
    await db.knex('audit_chain_head').where({ id: 1 }).update({ last_seq: 0, last_hash: GENESIS_HASH });
  });

  async function appendSome(n: number) {
    for (let i = 1; i <= n; i++) await audit.append({ actorId: `u${i}`, action: 'task.completed', entityType: 'task', entityId: `t${i}`, applicationId: `a${i}`, detail: { decision: 'APPROVE', opinion: `意见${i}` } });
  }

  it('links each entry to the previous one and verifies an untouched log', async () => {
    // given
    await appendSome(5);
    // when
    const report = await verifier.verify();
    // then
    const all = await rows();
    expect(all.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4, 5]);
    expect(all[0].prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < all.length; i++) expect(all[i].prev_hash).toBe(all[i - 1].hash);
    expect(report).toEqual({ ok: true, checked: 5, problem: null });
  });

  it('does not fork under parallel appends, with and without caller transactions', async () => {
    // when: 40 appends at once, 10 of them inside their own caller transaction
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 4 === 0
          ? db.knex.transaction(async (trx) => {
              await trx('calendar_published_years').insert({ region_code: '510700', year: 2000 + i, created_by: 'x' });
              await audit.append({ action: 'calendar.year.published', entityType: 'calendar', entityId: `510700:${2000 + i}`, regionCode: '510700' }, trx);
            })
          : audit.append({ action: 'parallel', entityType: 'task', entityId: `p${i}`, idempotencyKey: i % 5 === 1 ? 'same-key' : undefined }),
      ),
    );
    // then: one entry per key, one chain without gaps or branches
    const all = await rows();
    expect(all).toHaveLength(40 - 5); // six appends share one idempotency key
    expect(all.map((r) => Number(r.seq))).toEqual(Array.from({ length: 35 }, (_, i) => i + 1));
    expect(new Set(all.map((r) => r.prev_hash)).size).toBe(35);
    expect(await verifier.verify()).toMatchObject({ ok: true, checked: 35 });
  });

  it('names the row whose detail was edited', async () => {
    // given
    await appendSome(5);
    const third = (await rows())[2];
    // when
    await db.knex('audit_log').where({ id: third.id }).update({ detail: JSON.stringify({ decision: 'REJECT', opinion: '意见3' }) });
    const report = await verifier.verify();
    // then
    expect(report.ok).toBe(false);
    expect(report.problem).toMatchObject({ kind: 'edited', id: Number(third.id), seq: 3 });
    expect(report.problem!.message).toContain(`id=${third.id}`);
    expect(report.checked).toBe(2);
  });

  it('names an edit that recomputes the row hash but not the next link', async () => {
    // given
    await appendSome(4);
    const [, second, third] = await rows();
    const { entryHash } = await import('./auditChain.ts');
    // when: the forger fixes the edited row's own hash; the next row still points at the old one
    const edited = { ...second, actor_id: 'someone-else' };
    await db.knex('audit_log').where({ id: second.id }).update({ actor_id: 'someone-else', hash: entryHash(edited, second.prev_hash) });
    const report = await verifier.verify();
    // then: the break shows at the next row, whose link no longer matches
    expect(report.problem).toMatchObject({ kind: 'edited', id: Number(third.id), seq: 3 });
  });

  it('names the position of a deleted row and its neighbours', async () => {
    // given
    await appendSome(5);
    const all = await rows();
    // when
    await db.knex('audit_log').where({ id: all[1].id }).delete();
    const report = await verifier.verify();
    // then
    expect(report.problem).toMatchObject({ kind: 'deleted', seq: 2, between: [Number(all[0].id), Number(all[2].id)] });
    expect(report.problem!.message).toContain('第 2 条');
  });

  it('detects the last row deleted, through the chain head', async () => {
    // given
    await appendSome(3);
    const all = await rows();
    // when
    await db.knex('audit_log').where({ id: all[2].id }).delete();
    const report = await verifier.verify();
    // then
    expect(report.problem).toMatchObject({ kind: 'tail', seq: 3 });
    expect(report.problem!.message).toContain('最后 1 条');
  });

  it('detects a row inserted behind the log’s back', async () => {
    // given
    await appendSome(2);
    // when
    await db.knex('audit_log').insert({ at: new Date().toISOString(), action: 'forged', entity_type: 'task', entity_id: 'x' });
    // then
    expect((await verifier.verify()).problem).toMatchObject({ kind: 'unchained' });
  });
});
