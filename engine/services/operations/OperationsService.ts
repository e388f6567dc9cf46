import { IncidentNotResolvedError, type Incident, type ProcessEngine } from '../../port/ProcessEngine.ts';
import { ConflictError } from '../../errors.ts';
import { assertRole, type Actor } from '../actor.ts';
import type { AuditSink } from '../inbox/InboxService.ts';

/** What admins do to running processes: look at incidents and resolve them. */
export class OperationsService {
  constructor(
    private readonly engine: ProcessEngine,
    private readonly audit: AuditSink,
  ) {}

  async listIncidents(actor: Actor, filter: { state?: 'OPEN' | 'RESOLVED'; processInstanceKey?: string }): Promise<Incident[]> {
    assertRole(actor, 'admin');
    return this.engine.listIncidents(filter);
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
