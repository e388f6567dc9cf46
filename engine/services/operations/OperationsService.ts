import { IncidentNotResolvedError, type Incident, type ProcessEngine } from '../../port/ProcessEngine.ts';
import { ConflictError, NotFoundError } from '../../errors.ts';
import { assertRole, type Actor } from '../actor.ts';
import type { AuditSink } from '../inbox/InboxService.ts';
import type { AuditLog, AuditRecord } from '../audit/AuditLog.ts';
import { regionCovers } from '../actorScope.ts';
import type { IncidentRegions } from './IncidentRegions.ts';

/** What admins do to running processes: look at incidents and resolve them. */
export class OperationsService {
  constructor(
    private readonly engine: ProcessEngine,
    private readonly audit: AuditSink & Pick<AuditLog, 'list'>,
    private readonly incidentRegions: Pick<IncidentRegions, 'regionOfInstance' | 'regionOfIncident'>,
  ) {}

  /** The audit log, keyset-paged by id (admins only). */
  async listAudit(actor: Actor, q: { entityType?: string; entityId?: string; afterId?: number; limit?: number }): Promise<{ items: AuditRecord[]; nextAfterId: number | null }> {
    assertRole(actor, 'admin');
    const limit = Math.min(q.limit ?? 50, 500);
    const items = await this.audit.list({ ...q, limit });
    return { items, nextAfterId: items.length === limit ? items[items.length - 1].id : null };
  }

  async listIncidents(actor: Actor, filter: { state?: 'OPEN' | 'RESOLVED'; processInstanceKey?: string }): Promise<Incident[]> {
    assertRole(actor, 'admin');
    const all = await this.engine.listIncidents(filter);
    // Several incidents of one instance are common (a job failing again after each retry): look each instance up once.
    const regions = new Map<string, Promise<string | null>>();
    const regionOf = (key: string) => regions.get(key) ?? regions.set(key, this.incidentRegions.regionOfInstance(key)).get(key)!;
    const mine = await Promise.all(all.map(async (i) => regionCovers(actor.regionCode, await regionOf(i.processInstanceKey))));
    return all.filter((_, n) => mine[n]);
  }

  async resolveIncident(actor: Actor, key: string, retries: number): Promise<void> {
    assertRole(actor, 'admin');
    if (!regionCovers(actor.regionCode, await this.incidentRegions.regionOfIncident(key))) throw new NotFoundError('事件', key);
    try {
      await this.engine.resolveIncident(key, retries);
    } catch (err) {
      if (err instanceof IncidentNotResolvedError) throw new ConflictError('事件原因仍未消除,无法解决', err.message);
      throw err;
    }
    await this.audit.append({ actorId: actor.id, actorRole: actor.role, action: 'incident.resolved', entityType: 'incident', entityId: key, detail: { retries } });
  }
}
