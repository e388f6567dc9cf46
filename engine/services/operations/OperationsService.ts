import type { Incident, ProcessEngine } from '../../port/ProcessEngine.ts';
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
    await this.engine.resolveIncident(key, retries);
    await this.audit.append({ actorId: actor.id, actorRole: actor.role, action: 'incident.resolved', entityType: 'incident', entityId: key, detail: { retries } });
  }
}
