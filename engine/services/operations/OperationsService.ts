import { IncidentNotResolvedError, type Incident, type ProcessEngine } from '../../port/ProcessEngine.ts';
import { ConflictError } from '../../errors.ts';
import { assertRole, type Actor } from '../actor.ts';
import type { AuditSink } from '../inbox/InboxService.ts';
import type { AuditLog, AuditRecord } from '../audit/AuditLog.ts';
import { maskInText, type PersonalData } from '../privacy/index.ts';

/** What admins do to running processes: look at incidents and resolve them. */
export class OperationsService {
  constructor(
    private readonly engine: ProcessEngine,
    private readonly audit: AuditSink & Pick<AuditLog, 'list'>,
    /** Masks ID and mobile numbers in what admins list (audit details, incident messages). */
    private readonly personal?: PersonalData,
  ) {}

  /** The audit log, keyset-paged by id (admins only). */
  async listAudit(actor: Actor, q: { entityType?: string; entityId?: string; afterId?: number; limit?: number }): Promise<{ items: AuditRecord[]; nextAfterId: number | null }> {
    assertRole(actor, 'admin');
    const limit = Math.min(q.limit ?? 50, 500);
    const items = (await this.audit.list({ ...q, limit })).map((e) => ({ ...e, detail: this.personal ? this.personal.mask(e.detail) : e.detail }));
    return { items, nextAfterId: items.length === limit ? items[items.length - 1].id : null };
  }

  async listIncidents(actor: Actor, filter: { state?: 'OPEN' | 'RESOLVED'; processInstanceKey?: string }): Promise<Incident[]> {
    assertRole(actor, 'admin');
    return (await this.engine.listIncidents(filter)).map((i) => ({ ...i, message: maskInText(i.message) }));
  }

  async resolveIncident(actor: Actor, key: string, retries: number): Promise<void> {
    assertRole(actor, 'admin');
    try {
      await this.engine.resolveIncident(key, retries);
    } catch (err) {
      if (err instanceof IncidentNotResolvedError) throw new ConflictError('事件原因仍未消除,无法解决', err.message);
      throw err;
    }
    await this.audit.append({ actorId: actor.id, actorRole: actor.role, action: 'incident.resolved', entityType: 'incident', entityId: key, detail: { retries } });
  }
}
