import { hash, verify } from '@node-rs/argon2';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Db } from '../../store/createDb.ts';
import { ConflictError, UnauthenticatedError, ValidationError } from '../../errors.ts';
import { checkIdCard, ID_CARD_MESSAGES } from '../../../forms/index.ts';
import { ROLES, type Actor, type Role } from '../actor.ts';
import type { PersonalData } from '../privacy/index.ts';

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
}

export interface LoginResult {
  token: string;
  actor: Actor;
  expiresAt: string;
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
}

export const MIN_PASSWORD_LENGTH = 8;
// argon2 is slow on purpose; a cap keeps a huge "password" from being a cheap way to burn CPU.
const MAX_PASSWORD_LENGTH = 256;
const BAD_CREDENTIALS = '用户名或密码错误';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
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
  private dummyHash: Promise<string> | undefined;

  constructor(
    db: Db,
    opts: AccountServiceOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    const hours = opts.sessionTtlHours ?? 12;
    if (!(hours > 0)) throw new Error(`sessionTtlHours must be positive, got ${hours}`);
    this.knex = db.knex;
    this.personal = db.personal;
    this.ttlMs = hours * 3600 * 1000;
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

  async login(username: string, password: string): Promise<LoginResult> {
    const row = (await this.knex('accounts').where({ username }).first()) as AccountRow | undefined;
    // Verify against a throw-away hash when the user does not exist, so the response time does not
    // reveal which usernames exist; the message is the same for both cases for the same reason.
    const passwordOk = await verify(row?.password_hash ?? (await this.getDummyHash()), password).catch(() => false);
    if (!row || !passwordOk) throw new UnauthenticatedError(BAD_CREDENTIALS);
    const token = randomBytes(32).toString('base64url');
    const nowIso = this.nowIso();
    const expiresAt = new Date(this.now() + this.ttlMs).toISOString();
    // Sessions of this account that have run out are of no use to anyone: drop them on the way.
    await this.knex('sessions').where({ account_id: row.id }).andWhere('expires_at', '<=', nowIso).delete();
    await this.knex('sessions').insert({ token_hash: sha256(token), account_id: row.id, expires_at: expiresAt, created_at: nowIso });
    return { token, actor: toActor(row, this.personal), expiresAt };
  }

  /** The actor behind a session token, or null if the token is unknown or expired (an expired session is deleted). */
  async resolveSession(token: string): Promise<Actor | null> {
    if (!token) return null;
    const tokenHash = sha256(token);
    const session = (await this.knex('sessions').where({ token_hash: tokenHash }).first()) as { account_id: string; expires_at: string } | undefined;
    if (!session) return null;
    if (session.expires_at <= this.nowIso()) {
      await this.knex('sessions').where({ token_hash: tokenHash }).delete();
      return null;
    }
    return this.getActor(session.account_id);
  }

  async logout(token: string): Promise<void> {
    if (!token) return;
    await this.knex('sessions').where({ token_hash: sha256(token) }).delete();
  }

  async getActor(id: string): Promise<Actor | null> {
    const row = (await this.knex('accounts').where({ id }).first()) as AccountRow | undefined;
    return row ? toActor(row, this.personal) : null;
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
  if (typeof a.password !== 'string' || a.password.length < MIN_PASSWORD_LENGTH) throw new ValidationError(`密码至少 ${MIN_PASSWORD_LENGTH} 位`);
  if (a.password.length > MAX_PASSWORD_LENGTH) throw new ValidationError(`密码不得超过 ${MAX_PASSWORD_LENGTH} 位`);
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
