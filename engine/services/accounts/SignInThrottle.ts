import type { Knex } from 'knex';
import { TooManyRequestsError } from '../../errors.ts';

/** How many attempts a key may make in a window before it is locked, and for how long (doubling per lock in a row). */
export interface ThrottlePolicy {
  maxFailures: number;
  windowMinutes: number;
  lockMinutes: number;
  maxLockMinutes: number;
}

export interface SignInThrottleOptions {
  account?: Partial<ThrottlePolicy>;
  address?: Partial<ThrottlePolicy>;
}

export type ThrottleScope = 'account' | 'address';
export interface ThrottleKey {
  scope: ThrottleScope;
  subject: string;
}

const DEFAULTS: Record<ThrottleScope, ThrottlePolicy> = {
  account: { maxFailures: 5, windowMinutes: 15, lockMinutes: 15, maxLockMinutes: 240 },
  // One address may carry many honest users (an office behind one NAT), so it gets more room.
  address: { maxFailures: 20, windowMinutes: 15, lockMinutes: 15, maxLockMinutes: 240 },
};
const MINUTE = 60_000;

interface Row {
  scope: ThrottleScope;
  subject: string;
  failures: number;
  window_started_at: string;
  locked_until: string | null;
  lock_count: number;
}

/**
 * Sign-in throttling per account and per client address, kept in the database so it holds across
 * processes and restarts. On an account an attempt is counted when it starts, before its password is
 * checked, so a burst of parallel guesses is counted as the burst it is (a success clears the count);
 * on an address only failures count, so many colleagues signing in at once behind one NAT are not
 * locked out. A key that has used up its attempts is locked, and every attempt is refused (429) until
 * the lock ends.
 */
export class SignInThrottle {
  private readonly policies: Record<ThrottleScope, ThrottlePolicy>;

  constructor(
    private readonly knex: Knex,
    private readonly kind: 'sqlite' | 'mysql',
    opts: SignInThrottleOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    this.policies = { account: { ...DEFAULTS.account, ...opts.account }, address: { ...DEFAULTS.address, ...opts.address } };
  }

  static keys(username: string, address: string | null | undefined): ThrottleKey[] {
    const keys: ThrottleKey[] = [{ scope: 'account', subject: username.trim().toLowerCase().slice(0, 128) }];
    if (address) keys.push({ scope: 'address', subject: address.slice(0, 128) });
    return keys;
  }

  /** Counts an attempt; throws TooManyRequestsError (nothing counted) while one of the keys is locked. */
  async begin(keys: ThrottleKey[]): Promise<void> {
    const nowMs = this.now();
    const nowIso = new Date(nowMs).toISOString();
    // Rows exist before the locking transaction: an insert inside it would deadlock two racing first attempts on MySQL.
    for (const key of keys) {
      await this.knex('sign_in_throttle').insert({ ...key, failures: 0, window_started_at: nowIso, locked_until: null, lock_count: 0 }).onConflict(['scope', 'subject']).ignore();
    }
    const waitSeconds = await this.withRetry(() =>
      this.knex.transaction(async (trx) => {
        const rows: Row[] = [];
        // Always the account key first, then the address: one lock order, no deadlock between sign-ins.
        for (const key of keys) {
          const q = trx('sign_in_throttle').where(key).first();
          rows.push((await (this.kind === 'mysql' ? q.forUpdate() : q)) as Row);
        }
        const locked = rows.map((r) => (r.locked_until && Date.parse(r.locked_until) > nowMs ? Date.parse(r.locked_until) - nowMs : 0));
        if (locked.some((ms) => ms > 0)) return Math.max(...locked);
        const updates = rows.map((r) => this.next(r, nowMs, r.scope === 'account'));
        const newLocks = updates.filter((u) => u.locks);
        // A key that has used up its attempts locks now; the other keys do not count a refused attempt.
        for (const [i, u] of updates.entries()) {
          if (newLocks.length && !u.locks) continue;
          await trx('sign_in_throttle').where(keys[i]!).update(u.row);
        }
        return newLocks.length ? Math.max(...newLocks.map((u) => Date.parse(u.row.locked_until!) - nowMs)) : 0;
      }),
    );
    if (waitSeconds > 0) throw new TooManyRequestsError('登录尝试次数过多,账号或网络地址已暂时锁定', Math.ceil(waitSeconds / 1000));
  }

  /** A successful sign-in: the account starts afresh (the address keeps its failures: its next guesser is someone else). */
  async succeeded(keys: ThrottleKey[]): Promise<void> {
    for (const key of keys) {
      if (key.scope === 'account') await this.knex('sign_in_throttle').where(key).update({ failures: 0, lock_count: 0, locked_until: null });
    }
    // Keys quiet for a day have nothing left to remember (their back-off is forgotten after the longest lock):
    // sweeping them here keeps guessed usernames from piling up.
    const dayAgo = new Date(this.now() - 24 * 60 * MINUTE).toISOString();
    await this.knex('sign_in_throttle')
      .where('window_started_at', '<', dayAgo)
      .andWhere((q) => q.whereNull('locked_until').orWhere('locked_until', '<', dayAgo))
      .delete();
  }

  /** A failed sign-in: the address counts it (the account counted it when it began). */
  async failed(keys: ThrottleKey[]): Promise<void> {
    const nowMs = this.now();
    for (const key of keys.filter((k) => k.scope === 'address')) {
      await this.withRetry(() =>
        this.knex.transaction(async (trx) => {
          const q = trx('sign_in_throttle').where(key).first();
          const row = (await (this.kind === 'mysql' ? q.forUpdate() : q)) as Row | undefined;
          if (!row) return;
          const windowOver = Date.parse(row.window_started_at) + this.policies.address.windowMinutes * MINUTE <= nowMs;
          await trx('sign_in_throttle')
            .where(key)
            .update(windowOver ? { failures: 1, window_started_at: new Date(nowMs).toISOString() } : { failures: row.failures + 1 });
        }),
      );
    }
  }

  private next(r: Row, nowMs: number, countNow: boolean): { row: Omit<Row, 'scope' | 'subject'>; locks: boolean } {
    const p = this.policies[r.scope];
    const nowIso = new Date(nowMs).toISOString();
    const windowOver = Date.parse(r.window_started_at) + p.windowMinutes * MINUTE <= nowMs;
    // Back-off forgets earlier locks once a key has been quiet for the longest lock.
    const lockCount = r.locked_until && Date.parse(r.locked_until) + p.maxLockMinutes * MINUTE <= nowMs ? 0 : r.lock_count;
    const failures = windowOver ? 0 : r.failures;
    const windowStart = windowOver ? nowIso : r.window_started_at;
    if (failures >= p.maxFailures) {
      const lockMs = Math.min(p.lockMinutes * 2 ** lockCount, p.maxLockMinutes) * MINUTE;
      return { row: { failures: 0, window_started_at: nowIso, locked_until: new Date(nowMs + lockMs).toISOString(), lock_count: lockCount + 1 }, locks: true };
    }
    return { row: { failures: countNow ? failures + 1 : failures, window_started_at: windowStart, locked_until: r.locked_until, lock_count: lockCount }, locks: false };
  }

  private async withRetry<T>(fn: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (attempt >= 5 || (code !== 'ER_LOCK_DEADLOCK' && code !== 'ER_LOCK_WAIT_TIMEOUT' && code !== 'SQLITE_BUSY')) throw err;
      }
    }
  }
}
