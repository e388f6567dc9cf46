import type { Knex } from 'knex';
import type { Db, DbKind } from '../../store/createDb.ts';
import { ValidationError } from '../../errors.ts';
import type { Actor } from '../actor.ts';
import type { PersonalData } from '../privacy/index.ts';
import { entryHash } from './auditChain.ts';
import { auditRegionOf, regionPattern } from './auditRegion.ts';

export interface AuditEntry {
  actorId?: string | null;
  actorRole?: string | null;
  action: string;
  entityType: string;
  entityId: string;
  applicationId?: string | null;
  /** The region the entry belongs to; when absent it is derived from the application, package or actor. */
  regionCode?: string | null;
  detail?: unknown;
  /** A repeated job or request with the same key writes no second row. */
  idempotencyKey?: string;
}

export interface AuditRecord {
  id: number;
  /** Position in the hash chain (1, 2, …, without gaps). */
  seq: number;
  at: string;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string;
  applicationId: string | null;
  regionCode: string | null;
  detail: unknown;
  hash: string;
}

export interface AuditQuery {
  entityType?: string;
  entityId?: string;
  applicationId?: string;
  actorId?: string;
  /** The action, e.g. `incident.resolved`; a trailing `.` matches every action it starts (`incident.`). */
  action?: string;
  /** Inclusive lower and exclusive upper bound of `at` (ISO-8601). */
  from?: string;
  to?: string;
  /** Only entries of regions this region code covers (a province its cities); entries without region are left out. */
  withinRegion?: string;
  /** Keyset paging: rows with an id greater than this (the last id of the previous page). */
  afterId?: number;
  /** Page size, 1 to MAX_AUDIT_PAGE. */
  limit: number;
}

/** A read of personal data (ID number, mobile, scans…) worth recording: who looked at whose data. */
export interface PersonalDataRead {
  entityType: string;
  entityId: string;
  applicationId?: string | null;
  regionCode?: string | null;
  /** What was read and why, e.g. { fields: ['idNumber'], purpose: 'registry.lookup' }. */
  detail?: unknown;
}

export const MAX_AUDIT_PAGE = 500;
export const AUDIT_READ_ACTION = 'personal-data.read';
export const AUDIT_SIGN_IN_FAILED_ACTION = 'session.sign_in_failed';

/**
 * Append-only, hash-chained log of every decision and state change (who, when, what). It has no update
 * or delete method on purpose; corrections are new entries.
 *
 * One global chain, not one per region: an entry's region is derived at append time and may be unknown
 * (system entries), a single sequence gives one tail to anchor and one order to verify, and the region
 * is covered by the hash, so moving an entry to another region is detected as well. The chain head
 * (`audit_chain_head`) is locked for each append, so concurrent appends queue up instead of forking.
 */
export class AuditLog {
  private readonly knex: Knex;
  private readonly kind: DbKind;

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {
    this.knex = db.knex;
    this.kind = db.kind;
  }

  /**
   * Appends one entry. Pass the caller's transaction so the entry commits or rolls back with the
   * change it describes (the chain head stays locked until that transaction ends, so append last in
   * the transaction: locking other rows after it could deadlock with another appender on MySQL). With
   * an idempotency key already present nothing is written and no error raised.
   */
  async append(entry: AuditEntry, trx?: Knex.Transaction): Promise<void> {
    validate(entry);
    if (trx) return this.appendIn(entry, trx);
    return this.knex.transaction((t) => this.appendIn(entry, t));
  }

  /** Records that an actor read personal data (an entry like any other, in the reader's transaction if given). */
  async recordRead(actor: Actor, read: PersonalDataRead, trx?: Knex.Transaction): Promise<void> {
    await this.append(
      { actorId: actor.id, actorRole: actor.role, action: AUDIT_READ_ACTION, entityType: read.entityType, entityId: read.entityId, applicationId: read.applicationId ?? null, regionCode: read.regionCode ?? actor.regionCode ?? null, detail: read.detail },
      trx,
    );
  }

  /** Records a failed sign-in; it belongs to the region of the account named, if there is one. */
  async recordFailedSignIn(attempt: { username: string; address?: string | null; reason: string }): Promise<void> {
    const username = attempt.username.slice(0, 64) || '(空)';
    const account = await this.knex('accounts').where({ username }).first('id', 'region_code');
    await this.append({
      actorId: null,
      actorRole: null,
      action: AUDIT_SIGN_IN_FAILED_ACTION,
      entityType: 'account',
      entityId: username,
      regionCode: account?.region_code ?? null,
      detail: { reason: attempt.reason, address: attempt.address ?? null, accountExists: Boolean(account) },
    });
  }

  private async appendIn(entry: AuditEntry, trx: Knex.Transaction): Promise<void> {
    // The region is read before the head is locked: every append in the store waits on that lock.
    const regionCode = await auditRegionOf(trx, entry);
    // Lock the head first: it orders the appends and makes the duplicate check below see committed rows.
    const head = await this.lockHead(trx);
    if (entry.idempotencyKey) {
      const q = trx('audit_log').where({ idempotency_key: entry.idempotencyKey }).first('id');
      if (this.kind === 'mysql') q.forUpdate();
      if (await q) return;
    }
    const row = {
      seq: head.seq + 1,
      at: new Date(this.now()).toISOString(),
      actor_id: entry.actorId ?? null,
      actor_role: entry.actorRole ?? null,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      application_id: entry.applicationId ?? null,
      region_code: regionCode,
      detail: entry.detail === undefined ? null : this.db.personal.toJson(entry.detail),
      idempotency_key: entry.idempotencyKey ?? null,
    };
    const hash = entryHash(row, head.hash);
    try {
      await trx('audit_log').insert({ ...row, prev_hash: head.hash, hash });
    } catch (err) {
      // A concurrent duplicate is the same event. On MySQL and SQLite a unique-key failure undoes only
      // the statement, so the caller's transaction stays usable and the head is unchanged.
      if (entry.idempotencyKey && isDuplicateKey(err)) return;
      throw err;
    }
    await trx('audit_chain_head').where({ id: 1 }).update({ last_seq: row.seq, last_hash: hash });
  }

  private async lockHead(trx: Knex.Transaction): Promise<{ seq: number; hash: string }> {
    if (this.kind === 'sqlite') {
      // A write takes SQLite's database lock at once (a plain read would only upgrade later and could fail).
      await trx('audit_chain_head').where({ id: 1 }).update({ id: 1 });
    }
    const q = trx('audit_chain_head').where({ id: 1 }).first('last_seq', 'last_hash');
    // A locking read returns the newest committed head whatever the transaction's snapshot.
    if (this.kind === 'mysql') q.forUpdate();
    const head = await q;
    if (!head) throw new Error('audit_chain_head is missing (migration 007 not applied?)');
    return { seq: Number(head.last_seq), hash: head.last_hash };
  }

  async listForApplication(applicationId: string): Promise<AuditRecord[]> {
    const rows = await this.knex('audit_log').where({ application_id: applicationId }).orderBy('id');
    return rows.map((r) => toRecord(r, this.db.personal));
  }

  /** A page of entries in id order; pass the last id seen as afterId for the next page. */
  async list(q: AuditQuery): Promise<AuditRecord[]> {
    const limit = Math.max(1, Math.min(Math.trunc(q.limit) || 50, MAX_AUDIT_PAGE));
    const query = this.knex('audit_log').orderBy('id').limit(limit);
    if (q.entityType) query.where({ entity_type: q.entityType });
    if (q.entityId) query.where({ entity_id: q.entityId });
    if (q.applicationId) query.where({ application_id: q.applicationId });
    if (q.actorId) query.where({ actor_id: q.actorId });
    if (q.action) {
      if (q.action.endsWith('.')) query.whereRaw('substr(action, 1, ?) = ?', [q.action.length, q.action]);
      else query.where({ action: q.action });
    }
    if (q.from) query.where('at', '>=', q.from);
    if (q.to) query.where('at', '<', q.to);
    if (q.withinRegion !== undefined) query.where('region_code', 'like', regionPattern(q.withinRegion));
    if (q.afterId !== undefined && q.afterId !== null) query.where('id', '>', q.afterId);
    return (await query).map((r) => toRecord(r, this.db.personal));
  }
}

function validate(e: AuditEntry): void {
  // Column sizes of audit_log: MySQL in strict mode would reject longer values mid-transaction.
  if (!e.action || e.action.length > 64) throw new ValidationError('审计记录的操作名不正确', e.action);
  if (!e.entityType || e.entityType.length > 32) throw new ValidationError('审计记录的对象类型不正确', e.entityType);
  if (!e.entityId || e.entityId.length > 64) throw new ValidationError('审计记录的对象编号不正确', e.entityId);
  if (e.idempotencyKey && e.idempotencyKey.length > 128) throw new ValidationError('审计记录的幂等键不正确', e.idempotencyKey);
  if (e.regionCode && !/^\d{6}$/.test(e.regionCode)) throw new ValidationError('审计记录的行政区划代码不正确', e.regionCode);
}

function toRecord(r: Record<string, any>, personal: PersonalData): AuditRecord {
  return {
    id: Number(r.id),
    seq: Number(r.seq),
    at: r.at,
    actorId: r.actor_id ?? null,
    actorRole: r.actor_role ?? null,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    applicationId: r.application_id ?? null,
    regionCode: r.region_code ?? null,
    detail: personal.fromJson(r.detail),
    hash: r.hash,
  };
}

function isDuplicateKey(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | undefined;
  return e?.code === 'ER_DUP_ENTRY' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(e?.message ?? '');
}

