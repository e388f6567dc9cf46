import type { Knex } from 'knex';
import type { Db } from '../../store/createDb.ts';
import { fromJson, toJson } from '../../store/createDb.ts';

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

export interface AuditRecord extends Omit<AuditEntry, 'idempotencyKey'> {
  id: number;
  at: string;
}

/** Append-only log of every decision and state change (who, when, what). It has no update or delete. */
export class AuditLog {
  private readonly knex: Knex;

  constructor(
    db: Db,
    private readonly now: () => number = Date.now,
  ) {
    this.knex = db.knex;
  }

  async append(entry: AuditEntry, trx?: Knex.Transaction): Promise<void> {
    const k = trx ?? this.knex;
    if (entry.idempotencyKey) {
      const seen = await k('audit_log').where({ idempotency_key: entry.idempotencyKey }).first('id');
      if (seen) return;
    }
    const insert = k('audit_log').insert({
      at: new Date(this.now()).toISOString(),
      actor_id: entry.actorId ?? null,
      actor_role: entry.actorRole ?? null,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      application_id: entry.applicationId ?? null,
      detail: entry.detail === undefined ? null : toJson(entry.detail),
      idempotency_key: entry.idempotencyKey ?? null,
    });
    if (!entry.idempotencyKey || trx) {
      await insert;
      return;
    }
    // A concurrent duplicate outside a transaction is the same event: ignore its unique-key clash.
    await insert.catch((err: { code?: string; message?: string }) => {
      if (!(err?.code === 'ER_DUP_ENTRY' || /UNIQUE constraint failed/.test(err?.message ?? ''))) throw err;
    });
  }

  async listForApplication(applicationId: string): Promise<AuditRecord[]> {
    const rows = await this.knex('audit_log').where({ application_id: applicationId }).orderBy('id');
    return rows.map(toRecord);
  }

  async list(q: { entityType?: string; entityId?: string; afterId?: number; limit?: number }): Promise<AuditRecord[]> {
    const query = this.knex('audit_log').orderBy('id').limit(Math.min(q.limit ?? 50, 500));
    if (q.entityType) query.where({ entity_type: q.entityType });
    if (q.entityId) query.where({ entity_id: q.entityId });
    if (q.afterId) query.where('id', '>', q.afterId);
    return (await query).map(toRecord);
  }
}

function toRecord(r: Record<string, any>): AuditRecord {
  return {
    id: Number(r.id),
    at: r.at,
    actorId: r.actor_id,
    actorRole: r.actor_role,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    applicationId: r.application_id,
    detail: fromJson(r.detail),
  };
}
