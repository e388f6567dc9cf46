import { ValidationError } from '../../errors.ts';
import { assertRole, type Actor } from '../actor.ts';
import type { PersonalData } from '../privacy/index.ts';
import type { AuditLog, AuditRecord } from './AuditLog.ts';

export interface AuditFilter {
  applicationId?: string;
  actorId?: string;
  entityType?: string;
  entityId?: string;
  /** ISO-8601 date-time, inclusive. */
  from?: string;
  /** ISO-8601 date-time, exclusive. */
  to?: string;
  afterId?: number;
  limit?: number;
}

/**
 * The audit log as administrators read it: filtered, keyset-paged, and only their region's entries
 * (a province's administrator sees the province and its cities; another province's entries, and entries
 * of no region, do not exist for them).
 */
export class AuditReadService {
  constructor(
    private readonly audit: Pick<AuditLog, 'list'>,
    /** Masks ID and mobile numbers in the details admins list (the full number is never needed to read the trail). */
    private readonly personal?: Pick<PersonalData, 'mask'>,
  ) {}

  async list(actor: Actor, q: AuditFilter): Promise<{ items: AuditRecord[]; nextAfterId: number | null }> {
    assertRole(actor, 'admin');
    const from = q.from === undefined ? undefined : instant(q.from, 'from');
    const to = q.to === undefined ? undefined : instant(q.to, 'to');
    if (from && to && from >= to) throw new ValidationError('时间范围不正确:起始时间应早于结束时间', `${q.from} — ${q.to}`, [{ pointer: '/to', message: '结束时间应晚于起始时间', field: 'to' }]);
    if (!actor.regionCode) return { items: [], nextAfterId: null };
    const limit = Math.min(q.limit ?? 50, 500);
    const items = (await this.audit.list({ ...q, from, to, withinRegion: actor.regionCode, limit })).map((e) => (this.personal ? { ...e, detail: this.personal.mask(e.detail) } : e));
    return { items, nextAfterId: items.length === limit ? items[items.length - 1]!.id : null };
  }
}

/** Stored instants are ISO strings in UTC (…Z), so a bound is normalised to that form to compare as text. */
function instant(value: string, field: 'from' | 'to'): string {
  const t = Date.parse(value);
  if (!Number.isFinite(t)) throw new ValidationError(`时间格式不正确:${value}`, undefined, [{ pointer: `/${field}`, message: '应为 ISO-8601 日期时间,如 2026-03-01T00:00:00+08:00', field }]);
  return new Date(t).toISOString();
}
