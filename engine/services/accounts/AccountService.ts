import { hash, verify } from '@node-rs/argon2';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Db } from '../../store/createDb.ts';
import { ConflictError, UnauthenticatedError, ValidationError } from '../../errors.ts';
import { ROLES, type Actor, type Role } from '../actor.ts';

export interface NewAccount {
  username: string;
  password: string;
  displayName: string;
  role: Role;
  orgId?: string | null;
  regionCode?: string | null;
  idNumber?: string | null;
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

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const toActor = (r: AccountRow): Actor => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  orgId: r.org_id,
  regionCode: r.region_code,
  idNumber: r.id_number,
});

/** Local accounts (argon2id password hashes) and server-side sessions (only the token's hash is stored). */
export class AccountService {
  private readonly knex: Knex;
  private readonly ttlMs: number;

  constructor(
    db: Db,
    opts: { sessionTtlHours?: number } = {},
    private readonly now: () => number = Date.now,
  ) {
    this.knex = db.knex;
    this.ttlMs = (opts.sessionTtlHours ?? 12) * 3600 * 1000;
  }

  async createAccount(a: NewAccount): Promise<Actor> {
    if (!/^[A-Za-z0-9_.-]{3,64}$/.test(a.username)) throw new ValidationError('用户名格式不正确', '用户名为 3–64 位字母、数字、下划线、点或连字符');
    if (a.password.length < 8) throw new ValidationError('密码至少 8 位');
    if (!ROLES.includes(a.role)) throw new ValidationError('角色不存在', a.role);
    const existing = await this.knex('accounts').where({ username: a.username }).first('id');
    if (existing) throw new ConflictError('用户名已存在', a.username);
    const row: AccountRow & { created_at: string } = {
      id: randomUUID(),
      username: a.username,
      password_hash: await hash(a.password),
      display_name: a.displayName,
      role: a.role,
      org_id: a.orgId ?? null,
      region_code: a.regionCode ?? null,
      id_number: a.idNumber ?? null,
      created_at: new Date(this.now()).toISOString(),
    };
    await this.knex('accounts').insert(row);
    return toActor(row);
  }

  async findByUsername(username: string): Promise<Actor | null> {
    const row = (await this.knex('accounts').where({ username }).first()) as AccountRow | undefined;
    return row ? toActor(row) : null;
  }

  async login(username: string, password: string): Promise<{ token: string; actor: Actor; expiresAt: string }> {
    const row = (await this.knex('accounts').where({ username }).first()) as AccountRow | undefined;
    // Same message whether the user or the password is wrong: no account enumeration.
    if (!row || !(await verify(row.password_hash, password))) throw new UnauthenticatedError('用户名或密码错误');
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.now() + this.ttlMs).toISOString();
    await this.knex('sessions').insert({ token_hash: sha256(token), account_id: row.id, expires_at: expiresAt, created_at: new Date(this.now()).toISOString() });
    return { token, actor: toActor(row), expiresAt };
  }

  async resolveSession(token: string): Promise<Actor | null> {
    const session = await this.knex('sessions').where({ token_hash: sha256(token) }).first();
    if (!session) return null;
    if (session.expires_at <= new Date(this.now()).toISOString()) {
      await this.knex('sessions').where({ token_hash: session.token_hash }).delete();
      return null;
    }
    return this.getActor(session.account_id);
  }

  async logout(token: string): Promise<void> {
    await this.knex('sessions').where({ token_hash: sha256(token) }).delete();
  }

  async getActor(id: string): Promise<Actor | null> {
    const row = (await this.knex('accounts').where({ id }).first()) as AccountRow | undefined;
    return row ? toActor(row) : null;
  }
}
