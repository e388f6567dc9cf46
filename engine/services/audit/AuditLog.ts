import type { Knex } from 'knex';
import type { Db } from '../../store/createDb.ts';
import { ValidationError } from '../../errors.ts';
import type { PersonalData } from '../privacy/index.ts';

export interface AuditEntry {
  actorId?: string | null;
  actorRole?: string | null;
  action: string;
  entityType: string;
  entityId: string;
  applicationId?: string | null;
  detail?: unknown;
  /** A repeated job or request with the same key writes no second row. */
  idempotencyKey?: string;
}

export interface AuditRecord {
  id: number;
  at: string;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string;
  applicationId: string | null;
  detail: unknown;
}

export interface AuditQuery {
  entityType?: string;
  entityId?: string;
  /** Keyset paging: rows with an id greater than this (the last id of the previous page). */
  afterId?: number;
  /** Page size, 1 to MAX_AUDIT_PAGE. */
  limit: number;
}

export const MAX_AUDIT_PAGE = 500;

/**
 * Append-only log of every decision and state change (who, when, what). It has no update or
 * delete method on purpose; corrections are new entries.
 */
export class AuditLog {
  private readonly knex: Knex;

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {
    this.knex = db.knex;
  }

  /**
   * Appends one entry. Pass the caller's transaction so the entry commits or rolls back with the
   * change it describes. With an idempotency key already present nothing is written and no error raised.
   */
  async append(entry: AuditEntry, trx?: Knex.Transaction): Promise<void> {
    validate(entry);
    const k = trx ?? this.knex;
    if (entry.idempotencyKey) {
      const seen = await k('audit_log').where({ idempotency_key: entry.idempotencyKey }).first('id');
      if (seen) return;
    }
    try {
      await k('audit_log').insert({
        at: new Date(this.now()).toISOString(),
        actor_id: entry.actorId ?? null,
        actor_role: entry.actorRole ?? null,
        action: entry.action,
        entity_type: entry.entityType,
        entity_id: entry.entityId,
        application_id: entry.applicationId ?? null,
        detail: entry.detail === undefined ? null : this.db.personal.toJson(entry.detail), // ID and mobile numbers sealed before storing
        idempotency_key: entry.idempotencyKey ?? null,
      });
    } catch (err) {
      // A concurrent duplicate is the same event. On MySQL and SQLite a unique-key failure undoes only
      // the statement, so the caller's transaction stays usable.
      if (!(entry.idempotencyKey && isDuplicateKey(err))) throw err;
    }
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
}

function toRecord(r: Record<string, any>, personal: PersonalData): AuditRecord {
  return {
    id: Number(r.id),
    at: r.at,
    actorId: r.actor_id ?? null,
    actorRole: r.actor_role ?? null,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    applicationId: r.application_id ?? null,
    detail: personal.fromJson(r.detail),
  };
}

function isDuplicateKey(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | undefined;
  return e?.code === 'ER_DUP_ENTRY' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(e?.message ?? '');
}
