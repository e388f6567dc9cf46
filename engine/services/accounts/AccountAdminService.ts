import type { Knex } from 'knex';
import { ForbiddenError, NotFoundError, UnprocessableError, ValidationError } from '../../errors.ts';
import { assertRole, type Actor, type Role } from '../actor.ts';
import { regionCovers } from '../actorScope.ts';
import type { AuditLog } from '../audit/AuditLog.ts';
import { accountRegion, generatePassword, type AccountService } from './AccountService.ts';

/** The reviewer roles an admin may create accounts for. */
export const REVIEWER_ROLES = ['unit_reviewer', 'city_reviewer', 'province_reviewer'] as const;
export type ReviewerRole = (typeof REVIEWER_ROLES)[number];

export interface StaffAccountView {
  username: string;
  displayName: string;
  role: string;
  orgId: string | null;
  orgName: string | null;
  regionCode: string | null;
  createdAt: string;
  activeSessions: number;
  /** When an admin disabled the account (it cannot sign in), or null. */
  disabledAt: string | null;
}

/** The state of an account after an admin disabled or enabled it. */
export interface AccountStateView {
  username: string;
  disabledAt: string | null;
  /** Sessions ended by this action. */
  sessionsEnded: number;
}

/** The roles an admin may give an existing staff account: a reviewer's, or policy editor or admin of their own region. */
export const ASSIGNABLE_ROLES = [...REVIEWER_ROLES, 'policy_editor', 'admin'] as const;
export type AssignableRole = (typeof ASSIGNABLE_ROLES)[number];

export interface Assignment {
  role: AssignableRole;
  /** The recommending unit of a unit reviewer. */
  orgId?: string;
  /** The city of a city reviewer; the region of a policy editor or admin (default: the admin's own). */
  regionCode?: string;
}

/** An account's role and scope after an admin changed them. */
export interface AssignmentView {
  username: string;
  role: string;
  orgId: string | null;
  regionCode: string | null;
  /** Sessions ended because the role changed. */
  sessionsEnded: number;
}

export interface NewReviewer {
  username: string;
  displayName: string;
  role: ReviewerRole;
  /** The recommending unit of a unit reviewer. */
  orgId?: string;
  /** The city (市州) of a city reviewer; a province reviewer's is the admin's province. */
  regionCode?: string;
  /** Without one a password is generated and returned once. */
  password?: string;
}

/**
 * Administrators keep the reviewer accounts of their region: they list them and create new ones for a
 * unit, a city or the province they govern (an applicant registers on their own; admins and policy
 * editors are created from the command line).
 */
export class AccountAdminService {
  constructor(
    private readonly knex: Knex,
    private readonly accounts: Pick<AccountService, 'createAccount' | 'findByUsername'>,
    private readonly audit: Pick<AuditLog, 'append'>,
    private readonly now: () => number = Date.now,
  ) {}

  async list(actor: Actor): Promise<StaffAccountView[]> {
    assertRole(actor, 'admin');
    const rows = (await this.knex('accounts as a')
      .leftJoin('organisations as o', 'o.id', 'a.org_id')
      .whereIn('a.role', [...REVIEWER_ROLES, 'policy_editor', 'admin'])
      .orderBy(['a.role', 'a.username'])
      .select('a.id', 'a.username', 'a.display_name', 'a.role', 'a.org_id', 'a.region_code', 'a.created_at', 'a.disabled_at', 'o.name as org_name', 'o.region_code as org_region')) as Array<Record<string, string | null>>;
    const mine = rows.filter((r) => regionCovers(actor.regionCode, r.region_code ?? r.org_region));
    const nowIso = new Date(this.now()).toISOString();
    const sessions = mine.length
      ? ((await this.knex('sessions').whereIn('account_id', mine.map((r) => r.id!)).andWhere('expires_at', '>', nowIso).groupBy('account_id').select('account_id').count({ n: '*' })) as Array<{ account_id: string; n: number | string }>)
      : [];
    const count = new Map(sessions.map((s) => [s.account_id, Number(s.n)]));
    return mine.map((r) => ({
      username: r.username!,
      displayName: r.display_name!,
      role: r.role!,
      orgId: r.org_id ?? null,
      orgName: r.org_name ?? null,
      regionCode: r.region_code ?? r.org_region ?? null,
      createdAt: r.created_at!,
      activeSessions: count.get(r.id!) ?? 0,
      disabledAt: r.disabled_at ?? null,
    }));
  }

  async create(actor: Actor, a: NewReviewer): Promise<{ username: string; password?: string }> {
    assertRole(actor, 'admin');
    if (!(REVIEWER_ROLES as readonly string[]).includes(a.role)) throw new ValidationError('只能创建审核人账号', String(a.role), [{ pointer: '/role', field: 'role', message: '角色应为推荐单位审核人、市(州)审核人或省级审核人' }]);
    const { orgId, regionCode } = await this.scopeOf(actor, a.role, a.orgId, a.regionCode, '创建账号');
    const generated = a.password === undefined ? generatePassword() : undefined;
    const created = await this.accounts.createAccount({ username: a.username, password: a.password ?? generated!, displayName: a.displayName, role: a.role as Role, orgId, regionCode });
    await this.audit.append({ actorId: actor.id, actorRole: actor.role, action: 'account.created', entityType: 'account', entityId: created.id, regionCode, detail: { username: a.username, role: a.role, orgId, regionCode } });
    return generated ? { username: a.username, password: generated } : { username: a.username };
  }

  /**
   * Changes a staff account's role and its unit or region, within the admin's region only: the account
   * must be one of the region's (else 404), not the admin's own (422), and the new scope inside the
   * region (another region named in the body is 403, as on create). A role change ends the account's
   * sessions in the same transaction (what it may do changes at once); audited with before and after.
   */
  async assign(actor: Actor, username: string, a: Assignment): Promise<AssignmentView> {
    const target = await this.targetOf(actor, username, '不能修改自己账号的角色或所属机构、区划');
    if (!(ASSIGNABLE_ROLES as readonly string[]).includes(target.role)) throw new UnprocessableError('申报人账号不能改为工作人员账号', username);
    if (!(ASSIGNABLE_ROLES as readonly string[]).includes(a.role)) throw new ValidationError('角色不正确', String(a.role), [{ pointer: '/role', field: 'role', message: '角色应为审核人、政策编辑或管理员' }]);
    const { orgId, regionCode } = await this.scopeOf(actor, a.role, a.orgId, a.regionCode, '设置账号');
    return this.knex.transaction(async (trx) => {
      const row = (await trx('accounts').where({ id: target.id }).first('role', 'org_id', 'region_code')) as { role: string; org_id: string | null; region_code: string | null };
      const before = { role: row.role, orgId: row.org_id ?? null, regionCode: row.region_code ?? null };
      const after = { role: a.role, orgId, regionCode };
      if (before.role === after.role && before.orgId === after.orgId && before.regionCode === after.regionCode) return { username: target.username, ...after, sessionsEnded: 0 };
      await trx('accounts').where({ id: target.id }).update({ role: a.role, org_id: orgId, region_code: regionCode });
      const sessionsEnded = before.role !== after.role ? await trx('sessions').where({ account_id: target.id }).delete() : 0;
      await this.audit.append({ actorId: actor.id, actorRole: actor.role, action: 'account.assignment-changed', entityType: 'account', entityId: target.id, regionCode: regionCode ?? accountRegion(target), detail: { username: target.username, before, after, sessionsEnded } }, trx);
      return { username: target.username, ...after, sessionsEnded };
    });
  }

  /** The unit or region a role gets, checked against the admin's own region. */
  private async scopeOf(actor: Actor, role: string, wantedOrg: string | undefined, wantedRegion: string | undefined, verb: string): Promise<{ orgId: string | null; regionCode: string | null }> {
    const a = { role, orgId: wantedOrg, regionCode: wantedRegion };
    if (a.role === 'policy_editor' || a.role === 'admin') {
      if (a.regionCode && !/^\d{6}$/.test(a.regionCode)) throw new ValidationError('行政区划代码应为 6 位数字', a.regionCode, [{ pointer: '/regionCode', field: 'regionCode', message: '请填写 6 位行政区划代码' }]);
      const region = a.regionCode ?? actor.regionCode;
      // Never an admin (or editor) of a region the caller does not govern.
      if (!regionCovers(actor.regionCode, region)) throw new ForbiddenError(`不能把账号设为本地区以外的区划 ${region} 的${a.role === 'admin' ? '管理员' : '政策编辑'}`);
      return { orgId: null, regionCode: region };
    }
    let orgId: string | null = null;
    let regionCode: string | null = null;
    if (a.role === 'unit_reviewer') {
      if (!a.orgId) throw new ValidationError('推荐单位审核人必须指定所属机构', undefined, [{ pointer: '/orgId', field: 'orgId', message: '请选择所属机构' }]);
      const org = (await this.knex('organisations').where({ id: a.orgId }).first('id', 'region_code', 'city_code')) as { id: string; region_code: string; city_code: string } | undefined;
      // An organisation outside the admin's region does not exist for them.
      if (!org || !regionCovers(actor.regionCode, org.region_code)) throw new NotFoundError('机构', a.orgId);
      orgId = org.id;
      // As the demo unit reviewers: the unit's city (市州) is the account's region.
      regionCode = org.city_code;
    } else if (a.role === 'city_reviewer') {
      if (!a.regionCode || !/^\d{4}00$/.test(a.regionCode) || a.regionCode.endsWith('0000')) throw new ValidationError('市(州)审核人必须指定所属市(州)', a.regionCode, [{ pointer: '/regionCode', field: 'regionCode', message: '请填写 6 位市(州)行政区划代码,如 510700' }]);
      if (!regionCovers(actor.regionCode, a.regionCode)) throw new ForbiddenError(`不能为本地区以外的市(州) ${a.regionCode} ${verb}`);
      regionCode = a.regionCode;
    } else {
      if (a.regionCode && a.regionCode !== actor.regionCode) throw new ForbiddenError(`不能为本地区以外的区划 ${a.regionCode} ${verb}`);
      if (!actor.regionCode?.endsWith('0000')) throw new ForbiddenError('只有省级管理员能设置省级审核人账号');
      regionCode = actor.regionCode;
    }
    return { orgId, regionCode };
  }

  /**
   * Disables an account of the admin's region: it cannot sign in (refused like a wrong password) and its
   * sessions end in the same transaction. Outside the region the account does not exist (404); the
   * admin's own account cannot be disabled (422). Disabling a disabled account changes nothing.
   */
  async disable(actor: Actor, username: string): Promise<AccountStateView> {
    const target = await this.targetOf(actor, username, '不能停用自己的账号');
    const nowIso = new Date(this.now()).toISOString();
    return this.knex.transaction(async (trx) => {
      const row = (await trx('accounts').where({ id: target.id }).first('disabled_at')) as { disabled_at: string | null };
      const disabledAt = row.disabled_at ?? nowIso;
      if (!row.disabled_at) await trx('accounts').where({ id: target.id }).update({ disabled_at: nowIso, disabled_by: actor.id });
      const sessionsEnded = await trx('sessions').where({ account_id: target.id }).delete();
      if (!row.disabled_at || sessionsEnded) {
        await this.audit.append({ actorId: actor.id, actorRole: actor.role, action: 'account.disabled', entityType: 'account', entityId: target.id, regionCode: accountRegion(target), detail: { username: target.username, sessionsEnded } }, trx);
      }
      return { username: target.username, disabledAt, sessionsEnded };
    });
  }

  /** Enables a disabled account of the admin's region again: its owner can sign in with their password. */
  async enable(actor: Actor, username: string): Promise<AccountStateView> {
    const target = await this.targetOf(actor, username, '不能启用自己的账号');
    return this.knex.transaction(async (trx) => {
      const row = (await trx('accounts').where({ id: target.id }).first('disabled_at')) as { disabled_at: string | null };
      if (row.disabled_at) {
        await trx('accounts').where({ id: target.id }).update({ disabled_at: null, disabled_by: null });
        await this.audit.append({ actorId: actor.id, actorRole: actor.role, action: 'account.enabled', entityType: 'account', entityId: target.id, regionCode: accountRegion(target), detail: { username: target.username, disabledAt: row.disabled_at } }, trx);
      }
      return { username: target.username, disabledAt: null, sessionsEnded: 0 };
    });
  }

  /** Ends every session of an account of the admin's region (its owner must sign in again). */
  async endSessions(actor: Actor, username: string): Promise<{ username: string; sessionsEnded: number }> {
    const target = await this.targetOf(actor, username, '不能在这里结束自己的会话,请使用“退出所有设备”');
    return this.knex.transaction(async (trx) => {
      const sessionsEnded = await trx('sessions').where({ account_id: target.id }).delete();
      await this.audit.append({ actorId: actor.id, actorRole: actor.role, action: 'account.sessions-ended', entityType: 'account', entityId: target.id, regionCode: accountRegion(target), detail: { username: target.username, sessionsEnded } }, trx);
      return { username: target.username, sessionsEnded };
    });
  }

  /** The account an admin acts on: one of their region (else 404, as if it did not exist), never their own (422). */
  private async targetOf(actor: Actor, username: string, ownReason: string): Promise<Actor> {
    assertRole(actor, 'admin');
    const target = await this.accounts.findByUsername(username);
    if (!target || !regionCovers(actor.regionCode, accountRegion(target))) throw new NotFoundError('账号', username);
    if (target.id === actor.id) throw new UnprocessableError(ownReason, username);
    return target;
  }
}
