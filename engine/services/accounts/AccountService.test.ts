import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../store/createDb.ts';
import { ConflictError, UnauthenticatedError, ValidationError } from '../../errors.ts';
import { openStore, storeTargets, type StoreTarget } from '../../../test/support/stores.ts';
import { AccountService } from './AccountService.ts';

describe.each(storeTargets())('AccountService on $name', (target: StoreTarget) => {
  let db: Db;
  let close: () => Promise<void>;
  let clock = Date.parse('2026-03-01T08:00:00Z');
  const now = () => clock;
  let accounts: AccountService;

  beforeAll(async () => {
    ({ db, close } = await openStore(target));
    accounts = new AccountService(db, { sessionTtlHours: 2, sessionIdleMinutes: 24 * 60 }, now);
    await accounts.createAccount({ username: 'city-my', password: 'Secret#2026', displayName: '绵阳市职鉴中心审核人', role: 'city_reviewer', regionCode: '510700' });
  });
  afterAll(async () => close?.());

  it('stores an argon2id hash, never the password', async () => {
    // given
    const input = { username: 'applicant1', password: 'Pass#2026!', displayName: '张伟', role: 'applicant' as const, idNumber: '11010519491231002X' };
    // when
    const actor = await accounts.createAccount(input);
    // then
    expect(actor).toMatchObject({ username: 'applicant1', displayName: '张伟', role: 'applicant', idNumber: '11010519491231002X', orgId: null, regionCode: null });
    const row = await db.knex('accounts').where({ id: actor.id }).first();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain(input.password);
    expect(await accounts.getActor(actor.id)).toEqual(actor);
  });

  it('refuses a username that exists, also when two creations race', async () => {
    // given
    const dup = { username: 'race-user', password: 'Secret#2026', displayName: '甲', role: 'admin' as const, regionCode: '510000' };
    // when
    const results = await Promise.allSettled([accounts.createAccount(dup), accounts.createAccount(dup)]);
    const again = await accounts.createAccount(dup).catch((e: unknown) => e);
    // then
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ConflictError);
    expect(again).toBeInstanceOf(ConflictError);
    expect(again).toMatchObject({ title: '用户名已存在', status: 409 });
    expect(await db.knex('accounts').where({ username: 'race-user' })).toHaveLength(1);
  });

  it('rejects a short password, a wrong ID number and a reviewer without scope', async () => {
    // when
    const shortPassword = await accounts.createAccount({ username: 'shorty', password: '1234567', displayName: '短', role: 'applicant' }).catch((e: unknown) => e);
    const badId = await accounts.createAccount({ username: 'badid', password: 'Secret#2026', displayName: '错', role: 'applicant', idNumber: '110105194912310021' }).catch((e: unknown) => e);
    const unitWithoutOrg = await accounts.createAccount({ username: 'unit-x', password: 'Secret#2026', displayName: '审', role: 'unit_reviewer' }).catch((e: unknown) => e);
    // then
    expect(shortPassword).toBeInstanceOf(ValidationError);
    expect(shortPassword).toMatchObject({ status: 400, title: '密码至少 8 位' });
    expect(badId).toMatchObject({ status: 400, title: '身份证号码校验位错误,请核对后重新填写' });
    expect(unitWithoutOrg).toBeInstanceOf(ValidationError);
    expect(await db.knex('accounts').whereIn('username', ['shorty', 'badid', 'unit-x'])).toHaveLength(0);
  });

  it('logs in with the right password and keeps only the sha256 of the token', async () => {
    // when
    const session = await accounts.login('city-my', 'Secret#2026');
    // then
    expect(session.actor).toMatchObject({ username: 'city-my', role: 'city_reviewer', regionCode: '510700' });
    expect(Buffer.from(session.token, 'base64url')).toHaveLength(32);
    expect(session.expiresAt).toBe(new Date(clock + 2 * 3600_000).toISOString());
    const stored = await db.knex('sessions').where({ account_id: session.actor.id });
    expect(stored.map((s: { token_hash: string }) => s.token_hash)).toContain(createHash('sha256').update(session.token).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(session.token);
    expect(await accounts.resolveSession(session.token)).toEqual(session.actor);
  });

  it('gives the same answer for a wrong password and an unknown user', async () => {
    // when
    const wrongPassword = await accounts.login('city-my', 'Wrong#2026').catch((e: unknown) => e);
    const unknownUser = await accounts.login('nobody', 'Secret#2026').catch((e: unknown) => e);
    // then
    for (const err of [wrongPassword, unknownUser]) {
      expect(err).toBeInstanceOf(UnauthenticatedError);
      expect(err).toMatchObject({ status: 401, detail: '用户名或密码错误' });
    }
    expect((wrongPassword as Error).message).toBe((unknownUser as Error).message);
  });

  it('treats an expired session as none and deletes it', async () => {
    // given
    const session = await accounts.login('city-my', 'Secret#2026');
    const tokenHash = createHash('sha256').update(session.token).digest('hex');
    // when: just before and just at the expiry
    clock += 2 * 3600_000 - 1;
    const before = await accounts.resolveSession(session.token);
    clock += 1;
    const at = await accounts.resolveSession(session.token);
    // then
    expect(before?.username).toBe('city-my');
    expect(at).toBeNull();
    expect(await db.knex('sessions').where({ token_hash: tokenHash })).toHaveLength(0);
  });

  it('ends a session on logout and ignores unknown tokens', async () => {
    // given
    const session = await accounts.login('city-my', 'Secret#2026');
    // when
    await accounts.logout(session.token);
    await accounts.logout('not-a-token');
    // then
    expect(await accounts.resolveSession(session.token)).toBeNull();
    expect(await accounts.resolveSession('')).toBeNull();
    expect(await accounts.getActor('no-such-id')).toBeNull();
  });
});
