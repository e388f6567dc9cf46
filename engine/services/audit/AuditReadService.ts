import { ValidationError } from '../../errors.ts';
import { assertRole, type Actor } from '../actor.ts';
import type { PersonalData } from '../privacy/index.ts';
import type { AuditLog, AuditRecord } from './AuditLog.ts';
import type { AuditActors } from './AuditActors.ts';
import type { ChainReport } from './AuditChainVerifier.ts';

export interface AuditFilter {
  applicationId?: string;
  actorId?: string;
  /** Username of the actor (looked up to its account id). */
  actorUsername?: string;
  /** An action, or a prefix of actions ending in `.` (e.g. `incident.`). */
  action?: string;
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
    private readonly actors?: Pick<AuditActors, 'idOf' | 'usernamesOf'>,
    private readonly verifier?: { verify(): Promise<ChainReport> },
  ) {}

  async list(actor: Actor, filter: AuditFilter): Promise<{ items: Array<AuditRecord & { actorUsername: string | null }>; nextAfterId: number | null }> {
    assertRole(actor, 'admin');
    const from = filter.from === undefined ? undefined : instant(filter.from, 'from');
    const to = filter.to === undefined ? undefined : instant(filter.to, 'to');
    if (from && to && from >= to) throw new ValidationError('时间范围不正确:起始时间应早于结束时间', `${filter.from} — ${filter.to}`, [{ pointer: '/to', message: '结束时间应晚于起始时间', field: 'to' }]);
    if (!actor.regionCode) return { items: [], nextAfterId: null };
    const { actorUsername, ...q } = filter;
    if (actorUsername !== undefined) {
      const id = (await this.actors?.idOf(actorUsername)) ?? null;
      // An unknown name has no entries; one given with an id that differs names nobody.
      if (!id || (q.actorId !== undefined && q.actorId !== id)) return { items: [], nextAfterId: null };
      q.actorId = id;
    }
    const limit = Math.min(q.limit ?? 50, 500);
    const rows = (await this.audit.list({ ...q, from, to, withinRegion: actor.regionCode, limit })).map((e) => (this.personal ? { ...e, detail: this.personal.mask(e.detail) } : e));
    const names = (await this.actors?.usernamesOf(rows.flatMap((e) => (e.actorId ? [e.actorId] : [])))) ?? new Map<string, string>();
    const items = rows.map((e) => ({ ...e, actorUsername: (e.actorId && names.get(e.actorId)) || null }));
    return { items, nextAfterId: items.length === limit ? items[items.length - 1]!.id : null };
  }

  /**
   * Walks the whole hash chain (it spans every region: an edit anywhere breaks it for all). The report
   * names a row only by its position and id, never its content.
   */
  async verify(actor: Actor): Promise<ChainReport & { verifiedAt: string }> {
    assertRole(actor, 'admin');
    if (!this.verifier) throw new Error('audit chain verifier not configured');
    const report = await this.verifier.verify();
    return { ...report, problem: report.problem ? { kind: report.problem.kind, seq: report.problem.seq, id: report.problem.id, message: report.problem.message } : null, verifiedAt: new Date().toISOString() };
  }
}

/** Stored instants are ISO strings in UTC (…Z), so a bound is normalised to that form to compare as text. */
function instant(value: string, field: 'from' | 'to'): string {
  const t = Date.parse(value);
  if (!Number.isFinite(t)) throw new ValidationError(`时间格式不正确:${value}`, undefined, [{ pointer: `/${field}`, message: '应为 ISO-8601 日期时间,如 2026-03-01T00:00:00+08:00', field }]);
  return new Date(t).toISOString();
}
