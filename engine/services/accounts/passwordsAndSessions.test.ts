import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../store/createDb.ts';
import { ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '../../errors.ts';
import { openStore, storeTargets, type StoreTarget } from '../../../test/support/stores.ts';
import type { Actor } from '../actor.ts';
import { AuditLog } from '../audit/AuditLog.ts';
import { AccountService, csrfTokenMatches, csrfTokenOf } from './AccountService.ts';

const PASSWORD = 'Secret#2026';
const MINUTE = 60_000;

describe.each(storeTargets())('passwords and sessions on $name', (target: StoreTarget) => {
  let db: Db;
  let close: () => Promise<void>;
  let clock = Date.parse('2026-03-01T08:00:00Z');
  const now = () => clock;
  let accounts: AccountService;
  let sichuanAdmin: Actor;
  let gansuAdmin: Actor;

  beforeAll(async () => {
    ({ db, close } = await openStore(target));
    accounts = new AccountService(db, { sessionTtlHours: 12, sessionIdleMinutes: 30, audit: new AuditLog(db, now) }, now);
    sichuanAdmin = await accounts.createAccount({ username: 'admin-sc', password: PASSWORD, displayName: '四川管理员', role: 'admin', regionCode: '510000' });
    gansuAdmin = await accounts.createAccount({ username: 'admin-gs', password: PASSWORD, displayName: '甘肃管理员', role: 'admin', regionCode: '620000' });
    await accounts.createAccount({ username: 'city-my', password: PASSWORD, displayName: '绵阳审核人', role: 'city_reviewer', regionCode: '510700' });
    await accounts.createAccount({ username: 'person-sc', password: PASSWORD, displayName: '张伟', role: 'applicant', idNumber: '11010519491231002X' });
    await accounts.createAccount({ username: 'changer', password: PASSWORD, displayName: '改密码', role: 'policy_editor', regionCode: '510000' });
    await accounts.createAccount({ username: 'everywhere', password: PASSWORD, displayName: '多端', role: 'policy_editor', regionCode: '510000' });
    await accounts.createAccount({ username: 'stolen', password: PASSWORD, displayName: '被盗会话', role: 'policy_editor', regionCode: '510000' });
  });
  afterAll(async () => close?.());

  it('ends a session left unused for the idle time, slides it while used, and writes last-seen at most once a minute', async () => {
    // given
    const s = await accounts.login('city-my', PASSWORD);
    const lastSeen = async () => (await db.knex('sessions').where({ account_id: s.actor.id }).first('last_seen_at')).last_seen_at;
    const atLogin = await lastSeen();
    // when: used 10 seconds later
    clock += 10_000;
    expect(await accounts.resolveSession(s.token)).toMatchObject({ username: 'city-my' });
    // then: no write yet
    expect(await lastSeen()).toBe(atLogin);
    // when: used every 25 minutes, three times (75 minutes in all, beyond one idle period)
    for (let i = 0; i < 3; i++) {
      clock += 25 * MINUTE;
      expect(await accounts.resolveSession(s.token)).not.toBeNull();
    }
    expect(await lastSeen()).toBe(new Date(clock).toISOString());
    // when: then left for 30 minutes
    clock += 30 * MINUTE;
    // then: it has ended and is gone
    expect(await accounts.resolveSession(s.token)).toBeNull();
    expect(await db.knex('sessions').where({ account_id: s.actor.id })).toHaveLength(0);
  });

  it('derives a CSRF token per session that no other session matches', async () => {
    // given
    const a = await accounts.login('city-my', PASSWORD);
    const b = await accounts.login('city-my', PASSWORD);
    // then
    expect(a.csrfToken).toBe(csrfTokenOf(a.token));
    expect((await accounts.session(a.token))?.csrfToken).toBe(a.csrfToken);
    expect(csrfTokenMatches(a.token, a.csrfToken)).toBe(true);
    expect(csrfTokenMatches(a.token, b.csrfToken)).toBe(false);
    expect(csrfTokenMatches(a.token, undefined)).toBe(false);
    expect(JSON.stringify(await db.knex('sessions'))).not.toContain(a.csrfToken);
  });

  it('changes the own password only with the current one, under the rules, ending the other sessions', async () => {
    // given: two sessions of one account
    const here = await accounts.login('changer', PASSWORD);
    const elsewhere = await accounts.login('changer', PASSWORD);
    // when
    const wrongCurrent = await accounts.changePassword(here.actor, here.token, { currentPassword: 'Wrong#2026', newPassword: 'Better#2027' }).catch((e: unknown) => e);
    const weak = await accounts.changePassword(here.actor, here.token, { currentPassword: PASSWORD, newPassword: 'abcdefgh' }).catch((e: unknown) => e);
    const withName = await accounts.changePassword(here.actor, here.token, { currentPassword: PASSWORD, newPassword: 'Changer#2027' }).catch((e: unknown) => e);
    await accounts.changePassword(here.actor, here.token, { currentPassword: PASSWORD, newPassword: 'Better#2027' });
    // then
    expect(wrongCurrent).toBeInstanceOf(ValidationError);
    expect(wrongCurrent).toMatchObject({ title: '当前密码不正确' });
    expect(weak).toMatchObject({ status: 400, title: '密码须包含大写字母、小写字母、数字、符号中的至少三类' });
    expect(withName).toMatchObject({ status: 400, title: '密码不得包含用户名' });
    expect(await accounts.resolveSession(here.token)).not.toBeNull();
    expect(await accounts.resolveSession(elsewhere.token)).toBeNull();
    expect(await accounts.login('changer', PASSWORD).catch((e: unknown) => e)).toBeInstanceOf(UnauthenticatedError);
    expect((await accounts.login('changer', 'Better#2027')).actor.username).toBe('changer');
    expect(await db.knex('audit_log').where({ action: 'account.password-changed' })).toHaveLength(1);
  });

  it("lets an admin reset the password of an account of their region only, ending that account's sessions", async () => {
    // given
    const old = await accounts.login('city-my', PASSWORD);
    const reviewer = old.actor;
    // when
    const byGansu = await accounts.resetPassword(gansuAdmin, 'city-my').catch((e: unknown) => e);
    const unknown = await accounts.resetPassword(sichuanAdmin, 'nobody').catch((e: unknown) => e);
    const byReviewer = await accounts.resetPassword(reviewer, 'admin-sc').catch((e: unknown) => e);
    const person = await accounts.resetPassword(sichuanAdmin, 'person-sc').catch((e: unknown) => e);
    const reset = await accounts.resetPassword(sichuanAdmin, 'city-my');
    const chosen = await accounts.resetPassword(sichuanAdmin, 'everywhere', 'Chosen#2027');
    // then: other region and unknown look the same; other roles are refused
    expect(byGansu).toBeInstanceOf(NotFoundError);
    expect(unknown).toBeInstanceOf(NotFoundError);
    expect((byGansu as Error).message.replace('city-my', 'X')).toBe((unknown as Error).message.replace('nobody', 'X'));
    expect(byReviewer).toBeInstanceOf(ForbiddenError);
    // a person with a Beijing ID number is not Sichuan's
    expect(person).toBeInstanceOf(NotFoundError);
    expect(reset.password).toMatch(/^.{16}$/);
    expect(chosen).toEqual({ username: 'everywhere' });
    expect(await accounts.resolveSession(old.token)).toBeNull();
    expect((await accounts.login('city-my', reset.password!)).actor.username).toBe('city-my');
    expect(await accounts.login('city-my', PASSWORD).catch((e: unknown) => e)).toBeInstanceOf(UnauthenticatedError);
  });

  it('signs out everywhere: every session of the account ends, other accounts keep theirs', async () => {
    // given
    const a = await accounts.login('everywhere', 'Chosen#2027');
    const b = await accounts.login('everywhere', 'Chosen#2027');
    const other = await accounts.login('admin-sc', PASSWORD);
    // when
    const n = await accounts.logoutEverywhere(a.actor);
    // then
    expect(n).toBe(2);
    expect(await accounts.resolveSession(a.token)).toBeNull();
    expect(await accounts.resolveSession(b.token)).toBeNull();
    expect(await accounts.resolveSession(other.token)).not.toBeNull();
  });

  it('throttles guessing the current password through a stolen session like a sign-in', async () => {
    // given
    const s = await accounts.login('stolen', PASSWORD);
    // when: five wrong guesses, then the right current password
    for (let i = 0; i < 5; i++) await accounts.changePassword(s.actor, s.token, { currentPassword: `Guess#${i}x`, newPassword: 'Taken#Over2027' }).catch(() => undefined);
    const right = await accounts.changePassword(s.actor, s.token, { currentPassword: PASSWORD, newPassword: 'Taken#Over2027' }).catch((e: unknown) => e);
    // then
    expect(right).toMatchObject({ status: 429 });
    expect((await accounts.login('stolen', PASSWORD).catch((e: unknown) => e)) as Error).toMatchObject({ status: 429 });
  });
});
