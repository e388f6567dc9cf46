import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../store/createDb.ts';
import { TooManyRequestsError, UnauthenticatedError } from '../../errors.ts';
import { openStore, storeTargets, type StoreTarget } from '../../../test/support/stores.ts';
import { AuditLog } from '../audit/AuditLog.ts';
import { AccountService } from './AccountService.ts';

const PASSWORD = 'Secret#2026';
const MINUTE = 60_000;

describe.each(storeTargets())('sign-in throttling on $name', (target: StoreTarget) => {
  let db: Db;
  let close: () => Promise<void>;
  let clock = Date.parse('2026-03-01T08:00:00Z');
  const now = () => clock;
  // Two services on one store stand for two API processes (or one before and after a restart).
  let first: AccountService;
  let second: AccountService;
  const attempt = (svc: AccountService, username: string, password: string, address = '203.0.113.7') => svc.login(username, password, { address }).then(() => 'ok', (e: unknown) => e);

  beforeAll(async () => {
    ({ db, close } = await openStore(target));
    const audit = new AuditLog(db, now);
    first = new AccountService(db, { audit }, now);
    second = new AccountService(db, { audit }, now);
    for (const username of ['victim', 'racer', 'backoff', ...Array.from({ length: 5 }, (_, i) => `office-${i}`)]) {
      await first.createAccount({ username, password: PASSWORD, displayName: '测试', role: 'admin', regionCode: '510000' });
    }
  });
  afterAll(async () => close?.());

  it('makes 30 wrong passwords and then the right one impossible, across processes and restarts', async () => {
    // when: 30 wrong passwords, alternating between two processes, then the right one
    const results: unknown[] = [];
    for (let i = 0; i < 30; i++) results.push(await attempt(i % 2 ? second : first, 'victim', `Wrong#${i}x`));
    const right = await attempt(new AccountService(db, { audit: new AuditLog(db, now) }, now), 'victim', PASSWORD);
    // then: five were checked, the rest refused with a wait, and so is the right password
    expect(results.slice(0, 5).every((r) => r instanceof UnauthenticatedError)).toBe(true);
    expect(results.slice(5).every((r) => r instanceof TooManyRequestsError)).toBe(true);
    expect(right).toBeInstanceOf(TooManyRequestsError);
    expect(right).toMatchObject({ status: 429, title: '登录尝试次数过多,账号或网络地址已暂时锁定' });
    expect((right as TooManyRequestsError).retryAfterSeconds).toBeGreaterThan(0);
    expect((right as TooManyRequestsError).retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    // and: every failure is in the audit log, with the address
    const failed = await db.knex('audit_log').where({ action: 'session.sign-in-failed' });
    expect(failed.filter((r: { detail: string }) => JSON.parse(r.detail).username === 'victim')).toHaveLength(31);
    expect(JSON.parse(failed[0].detail)).toMatchObject({ address: '203.0.113.7', reason: 'wrong-password' });
    // when: the lock runs out
    clock += 15 * MINUTE;
    // then: the right password works again
    expect(await attempt(second, 'victim', PASSWORD)).toBe('ok');
  });

  it('counts a burst of parallel guesses before their passwords are checked', async () => {
    // when: 12 wrong passwords at once
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => attempt(i % 2 ? second : first, 'racer', `Wrong#${i}x`, `198.51.100.${i}`)));
    // then: at most five reached the password check
    expect(results.filter((r) => r instanceof UnauthenticatedError).length).toBeLessThanOrEqual(5);
    expect(results.filter((r) => r instanceof TooManyRequestsError).length).toBeGreaterThanOrEqual(7);
    expect(await attempt(first, 'racer', PASSWORD, '198.51.100.99')).toBeInstanceOf(TooManyRequestsError);
  });

  it('doubles the lock for each lock in a row and forgets after a success', async () => {
    // given: a first lock
    for (let i = 0; i < 6; i++) await attempt(first, 'backoff', 'Wrong#1x', `192.0.2.${i}`);
    clock += 15 * MINUTE;
    // when: five more failures after it ends
    for (let i = 0; i < 5; i++) await attempt(first, 'backoff', 'Wrong#2x', `192.0.2.${10 + i}`);
    const second = (await attempt(first, 'backoff', PASSWORD, '192.0.2.20')) as TooManyRequestsError;
    // then: the second lock is 30 minutes
    expect(second).toBeInstanceOf(TooManyRequestsError);
    expect(second.retryAfterSeconds).toBe(30 * 60);
    clock += 29 * MINUTE;
    expect(await attempt(first, 'backoff', PASSWORD, '192.0.2.21')).toBeInstanceOf(TooManyRequestsError);
    clock += MINUTE;
    expect(await attempt(first, 'backoff', PASSWORD, '192.0.2.22')).toBe('ok');
    // and: after the success a new series starts at 15 minutes
    for (let i = 0; i < 5; i++) await attempt(first, 'backoff', 'Wrong#3x', `192.0.2.${30 + i}`);
    expect(((await attempt(first, 'backoff', PASSWORD, '192.0.2.40')) as TooManyRequestsError).retryAfterSeconds).toBe(15 * 60);
  });

  it('locks an address that guesses across many accounts, but not for its honest sign-ins', async () => {
    // given: many successful sign-ins from one office address
    for (let i = 0; i < 25; i++) expect(await attempt(first, `office-${i % 5}`, PASSWORD, '100.64.0.1')).toBe('ok');
    // when: 20 wrong passwords from one address, four per account (no account lock)
    for (let i = 0; i < 20; i++) expect(await attempt(first, `office-${i % 5}`, 'Wrong#9x', '100.64.0.2')).toBeInstanceOf(UnauthenticatedError);
    // then: that address is refused even with a right password; the office address is not
    expect(await attempt(first, 'office-0', PASSWORD, '100.64.0.2')).toBeInstanceOf(TooManyRequestsError);
    expect(await attempt(second, 'office-1', PASSWORD, '100.64.0.1')).toBe('ok');
  });

  it('forgets keys that have been quiet for a day', async () => {
    // given: a guessed username, then a day without attempts
    await attempt(first, 'no-such-user-xyz', 'Wrong#1x', '192.0.2.200');
    expect(await db.knex('sign_in_throttle').where({ subject: 'no-such-user-xyz' })).toHaveLength(1);
    clock += 25 * 60 * MINUTE;
    // when: anyone signs in
    expect(await attempt(first, 'office-2', PASSWORD, '192.0.2.201')).toBe('ok');
    // then
    expect(await db.knex('sign_in_throttle').where({ subject: 'no-such-user-xyz' })).toHaveLength(0);
  });
});
