import { hash, verify } from '@node-rs/argon2';
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Knex } from 'knex';
import type { Db } from '../../store/createDb.ts';
import { ConflictError, NotFoundError, TooManyRequestsError, UnauthenticatedError, ValidationError } from '../../errors.ts';
import { checkIdCard, ID_CARD_MESSAGES } from '../../../forms/index.ts';
import { assertRole, ROLES, type Actor, type Role } from '../actor.ts';
import { regionCovers } from '../actorScope.ts';
import type { AuditSink } from '../inbox/InboxService.ts';
import type { PersonalData } from '../privacy/index.ts';
import { assertPasswordAllowed, MIN_PASSWORD_LENGTH } from './passwordRules.ts';
import { SignInThrottle, type SignInThrottleOptions } from './SignInThrottle.ts';

export interface NewAccount {
  username: string;
  password: string;
  displayName: string;
  role: Role;
  orgId?: string | null;
  regionCode?: string | null;
  idNumber?: string | null;
}

export interface AccountServiceOptions {
  /** How long a session lasts after login, in hours (default 12). */
  sessionTtlHours?: number;
  /** A session unused for this long ends before its absolute expiry, in minutes (default 30). */
  sessionIdleMinutes?: number;
  throttle?: SignInThrottleOptions;
  /** Where failed sign-ins, password changes and resets are recorded. */
  audit?: AuditSink;
}

export interface LoginResult {
  token: string;
  actor: Actor;
  /** The session's absolute end; an idle session ends earlier. */
  expiresAt: string;
  /** Sent back as X-CSRF-Token on cookie-authenticated writes. */
  csrfToken: string;
}

export interface SessionInfo {
  actor: Actor;
  csrfToken: string;
  expiresAt: string;
}

/** Where a sign-in comes from (the client address is throttled and audited). */
export interface SignInContext {
  address?: string | null;
}

interface SessionRow {
  token_hash: string;
  account_id: string;
  expires_at: string;
  created_at: string;
  last_seen_at: string | null;
}

interface AccountRow {
  id: string;
  username: string;
  password_hash: string;
  display_name: string;
  role: Role;
  org_id: string | null;
  region_code: string | null;
  id_number: string | null;
  /** Set while an admin has disabled the account (migration 017). */
  disabled_at?: string | null;
}

export { MIN_PASSWORD_LENGTH };
const BAD_CREDENTIALS = '用户名或密码错误';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const MINUTE = 60_000;

/** The CSRF token of a session: derived from its secret token, so it needs no storage and no other session can produce it. */
export function csrfTokenOf(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('csrf-token/v1').digest('base64url');
}

export function csrfTokenMatches(sessionToken: string, presented: string | undefined | null): boolean {
  if (!presented) return false;
  const want = Buffer.from(csrfTokenOf(sessionToken));
  const got = Buffer.from(presented);
  return got.length === want.length && timingSafeEqual(got, want);
}
// The library's default algorithm is argon2id (its `Algorithm` is an ambient const enum, unusable under isolatedModules).
const hashPassword = (password: string) => hash(password);
// The account's ID number is stored sealed (services/privacy) and clear only in memory.
const toActor = (r: AccountRow, personal: PersonalData): Actor => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  orgId: r.org_id,
  regionCode: r.region_code,
  idNumber: personal.decrypt(r.id_number),
});

/** Local accounts (argon2id password hashes) and server-side sessions (only the token's sha256 is stored). */
export class AccountService {
  private readonly knex: Knex;
  private readonly personal: PersonalData;
  private readonly ttlMs: number;
  private readonly idleMs: number;
  /** How stale last_seen_at may get before a request writes it again (sliding idle timeout without a write per request). */
  private readonly touchEveryMs: number;
  private readonly throttle: SignInThrottle;
  private readonly audit: AuditSink | undefined;
  private dummyHash: Promise<string> | undefined;

  constructor(
    db: Db,
    opts: AccountServiceOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    const hours = opts.sessionTtlHours ?? 12;
    if (!(hours > 0)) throw new Error(`sessionTtlHours must be positive, got ${hours}`);
    const idleMinutes = opts.sessionIdleMinutes ?? 30;
    if (!(idleMinutes > 0)) throw new Error(`sessionIdleMinutes must be positive, got ${idleMinutes}`);
    this.knex = db.knex;
    this.personal = db.personal;
    this.ttlMs = hours * 3600 * 1000;
    this.idleMs = idleMinutes * MINUTE;
    this.touchEveryMs = Math.min(MINUTE, this.idleMs / 10);
    this.throttle = new SignInThrottle(db.knex, db.kind, opts.throttle, now);
    this.audit = opts.audit;
  }

  async createAccount(a: NewAccount): Promise<Actor> {
    validateNewAccount(a);
    const existing = await this.knex('accounts').where({ username: a.username }).first('id');
    if (existing) throw new ConflictError('用户名已存在', a.username);
    const row: AccountRow & { created_at: string } = {
      id: randomUUID(),
      username: a.username,
      password_hash: await hashPassword(a.password),
      display_name: a.displayName.trim(),
      role: a.role,
      org_id: a.orgId ?? null,
      region_code: a.regionCode ?? null,
      id_number: this.personal.encrypt(a.idNumber ?? null),
      created_at: this.nowIso(),
    };
    try {
      await this.knex('accounts').insert(row);
    } catch (err) {
      // Two creations racing past the check above: the unique index decides, with the same answer.
      if (isDuplicateKey(err)) throw new ConflictError('用户名已存在', a.username);
      throw err;
    }
    return toActor(row, this.personal);
  }

  async findByUsername(username: string): Promise<Actor | null> {
    const row = (await this.knex('accounts').where({ username }).first()) as AccountRow | undefined;
    return row ? toActor(row, this.personal) : null;
  }

  /**
   * Signs in with a password. Each attempt is throttled per account and per client address (429 while
   * locked, even with the right password); a failed one is audited.
   */
  async login(username: string, password: string, ctx: SignInContext = {}): Promise<LoginResult> {
    const keys = SignInThrottle.keys(username, ctx.address);
    try {
      await this.throttle.begin(keys);
    } catch (err) {
      if (err instanceof TooManyRequestsError) await this.auditSignInFailure(username, ctx, 'locked');
      throw err;
    }
    const row = (await this.knex('accounts').where({ username }).first()) as AccountRow | undefined;
    // Verify against a throw-away hash when the user does not exist, so the response time does not
    // reveal which usernames exist; the message is the same for both cases for the same reason.
    const passwordOk = await verify(row?.password_hash ?? (await this.getDummyHash()), password).catch(() => false);
    // A disabled account is refused exactly like a wrong password (same message, counted by the
    // throttle), so a sign-in never tells whether an account exists or has been disabled.
    const disabled = !!row?.disabled_at;
    if (!row || !passwordOk || disabled) {
      await this.throttle.failed(keys);
      await this.auditSignInFailure(username, ctx, !row ? 'unknown-user' : !passwordOk ? 'wrong-password' : 'disabled', row?.id);
      throw new UnauthenticatedError(BAD_CREDENTIALS);
    }
    await this.throttle.succeeded(keys);
    const token = randomBytes(32).toString('base64url');
    const nowIso = this.nowIso();
    const expiresAt = new Date(this.now() + this.ttlMs).toISOString();
    // Sessions of this account that have run out are of no use to anyone: drop them on the way.
    await this.knex('sessions').where({ account_id: row.id }).andWhere('expires_at', '<=', nowIso).delete();
    await this.knex('sessions').insert({ token_hash: sha256(token), account_id: row.id, expires_at: expiresAt, created_at: nowIso, last_seen_at: nowIso });
    return { token, actor: toActor(row, this.personal), expiresAt, csrfToken: csrfTokenOf(token) };
  }

  /** The actor behind a session token, or null if the token is unknown, expired or idle too long (such a session is deleted). */
  async resolveSession(token: string): Promise<Actor | null> {
    return (await this.session(token))?.actor ?? null;
  }

  /** The live session behind a token, with its CSRF token; using it keeps it from going idle. */
  async session(token: string): Promise<SessionInfo | null> {
    if (!token) return null;
    const tokenHash = sha256(token);
    const session = (await this.knex('sessions').where({ token_hash: tokenHash }).first()) as SessionRow | undefined;
    if (!session) return null;
    const nowMs = this.now();
    const lastSeen = Date.parse(session.last_seen_at ?? session.created_at);
    if (session.expires_at <= this.nowIso() || lastSeen + this.idleMs <= nowMs) {
      await this.knex('sessions').where({ token_hash: tokenHash }).delete();
      return null;
    }
    // Throttled: at most one write per session per touch interval, not one per request.
    if (nowMs - lastSeen >= this.touchEveryMs) await this.knex('sessions').where({ token_hash: tokenHash }).update({ last_seen_at: this.nowIso() });
    const row = (await this.knex('accounts').where({ id: session.account_id }).first()) as AccountRow | undefined;
    // Disabling ends the sessions in the same transaction; this is the belt to those braces.
    if (!row || row.disabled_at) return null;
    return { actor: toActor(row, this.personal), csrfToken: csrfTokenOf(token), expiresAt: session.expires_at };
  }

  async logout(token: string): Promise<void> {
    if (!token) return;
    await this.knex('sessions').where({ token_hash: sha256(token) }).delete();
  }

  /** Ends every session of the caller's account (sign-out everywhere); returns how many there were. */
  async logoutEverywhere(actor: Actor): Promise<number> {
    const n = await this.knex('sessions').where({ account_id: actor.id }).delete();
    await this.audit?.append({ actorId: actor.id, actorRole: actor.role, action: 'session.ended-everywhere', entityType: 'account', entityId: actor.id, detail: { sessions: n } });
    return n;
  }

  /**
   * Changes the caller's own password after checking the current one (throttled like a sign-in, so a
   * stolen session cannot guess it). Every other session of the account ends; the current one stays.
   */
  async changePassword(actor: Actor, currentSessionToken: string | null, input: { currentPassword: string; newPassword: string }, ctx: SignInContext = {}): Promise<void> {
    const row = (await this.knex('accounts').where({ id: actor.id }).first()) as AccountRow | undefined;
    if (!row) throw new UnauthenticatedError();
    const keys = SignInThrottle.keys(row.username, ctx.address);
    try {
      await this.throttle.begin(keys);
    } catch (err) {
      if (err instanceof TooManyRequestsError) await this.auditSignInFailure(row.username, ctx, 'locked', row.id);
      throw err;
    }
    const ok = await verify(row.password_hash, input.currentPassword).catch(() => false);
    if (!ok) {
      await this.throttle.failed(keys);
      await this.auditSignInFailure(row.username, ctx, 'wrong-current-password', row.id);
      throw new ValidationError('当前密码不正确', undefined, [{ pointer: '/currentPassword', field: '当前密码', message: '当前密码不正确' }]);
    }
    await this.throttle.succeeded(keys);
    assertPasswordAllowed(input.newPassword, row.username, '/newPassword');
    if (input.newPassword === input.currentPassword) throw new ValidationError('新密码不能与当前密码相同', undefined, [{ pointer: '/newPassword', field: '新密码', message: '新密码不能与当前密码相同' }]);
    const passwordHash = await hashPassword(input.newPassword);
    await this.knex.transaction(async (trx) => {
      await trx('accounts').where({ id: row.id }).update({ password_hash: passwordHash });
      const others = trx('sessions').where({ account_id: row.id });
      if (currentSessionToken) others.whereNot({ token_hash: sha256(currentSessionToken) });
      await others.delete();
      await this.audit?.append({ actorId: actor.id, actorRole: actor.role, action: 'account.password-changed', entityType: 'account', entityId: row.id }, trx);
    });
  }

  /**
   * An admin sets a new password for an account of their region (its own region, or for a person the
   * region of their ID number); without one a random password is generated and returned once. The
   * account's sessions end. An account outside the admin's region does not exist for them (404).
   */
  async resetPassword(admin: Actor, username: string, newPassword?: string): Promise<{ username: string; password?: string }> {
    assertRole(admin, 'admin');
    const row = (await this.knex('accounts').where({ username }).first()) as AccountRow | undefined;
    if (!row || row.id === admin.id || !regionCovers(admin.regionCode, accountRegion(toActor(row, this.personal)))) throw new NotFoundError('账号', username);
    const generated = newPassword === undefined ? generatePassword() : undefined;
    const password = newPassword ?? generated!;
    assertPasswordAllowed(password, row.username);
    const passwordHash = await hashPassword(password);
    await this.knex.transaction(async (trx) => {
      await trx('accounts').where({ id: row.id }).update({ password_hash: passwordHash });
      await trx('sessions').where({ account_id: row.id }).delete();
      await this.audit?.append({ actorId: admin.id, actorRole: admin.role, action: 'account.password-reset', entityType: 'account', entityId: row.id, detail: { username: row.username, generated: !!generated } }, trx);
    });
    // The account may have been locked by someone guessing; the admin's reset lets its owner in again.
    await this.throttle.succeeded(SignInThrottle.keys(row.username, null));
    return generated ? { username: row.username, password: generated } : { username: row.username };
  }

  async getActor(id: string): Promise<Actor | null> {
    const row = (await this.knex('accounts').where({ id }).first()) as AccountRow | undefined;
    return row ? toActor(row, this.personal) : null;
  }

  private async auditSignInFailure(username: string, ctx: SignInContext, reason: string, accountId?: string): Promise<void> {
    await this.audit?.append({
      actorId: accountId ?? null,
      actorRole: null,
      action: 'session.sign-in-failed',
      entityType: 'account',
      entityId: (accountId ?? username).slice(0, 64),
      detail: { username: username.slice(0, 64), address: ctx.address ?? null, reason },
    });
  }

  private getDummyHash(): Promise<string> {
    this.dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    return this.dummyHash;
  }

  private nowIso(): string {
    return new Date(this.now()).toISOString();
  }
}

function validateNewAccount(a: NewAccount): void {
  if (typeof a.username !== 'string' || !/^[A-Za-z0-9_.-]{3,64}$/.test(a.username)) {
    throw new ValidationError('用户名格式不正确', '用户名为 3–64 位字母、数字、下划线、点或连字符');
  }
  assertPasswordAllowed(a.password, a.username);
  if (typeof a.displayName !== 'string' || !a.displayName.trim() || a.displayName.length > 128) throw new ValidationError('姓名(显示名)不能为空且不得超过 128 个字符');
  if (!ROLES.includes(a.role)) throw new ValidationError('角色不存在', String(a.role));
  if (a.regionCode != null && !/^\d{6}$/.test(a.regionCode)) throw new ValidationError('行政区划代码应为 6 位数字', a.regionCode);
  if (a.orgId != null && (!a.orgId || a.orgId.length > 64)) throw new ValidationError('机构编号不正确', a.orgId);
  if (a.idNumber != null) {
    const check = checkIdCard(a.idNumber);
    if (!check.ok) throw new ValidationError(ID_CARD_MESSAGES[check.reason!], a.idNumber);
  }
  // A reviewer without a scope would see an empty inbox forever (candidateGroupsOf returns nothing).
  if (a.role === 'unit_reviewer' && !a.orgId) throw new ValidationError('推荐单位审核人必须指定所属机构');
  if ((a.role === 'city_reviewer' || a.role === 'province_reviewer') && !a.regionCode) throw new ValidationError('职鉴中心审核人必须指定所属行政区划');
}

function isDuplicateKey(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | undefined;
  return e?.code === 'ER_DUP_ENTRY' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || /UNIQUE constraint failed/.test(e?.message ?? '');
}

/** The region an account belongs to, for an admin's scope: its own, or for a person the region coded in the ID number. */
export function accountRegion(a: Actor): string | null {
  if (a.regionCode) return a.regionCode;
  return a.idNumber && /^\d{6}/.test(a.idNumber) ? a.idNumber.slice(0, 6) : null;
}

/** A random password that meets the rules: 16 characters from four classes. */
export function generatePassword(): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '#%+-=@_'];
  const all = sets.join('');
  const pick = (set: string) => set[randomBytes(1)[0]! % set.length]!;
  const chars = [...sets.map(pick), ...Array.from({ length: 12 }, () => pick(all))];
  // Shuffle so the class order is not fixed.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomBytes(1)[0]! % (i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
