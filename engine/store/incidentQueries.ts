import type { Knex } from 'knex';
import type { Incident } from '../port/ProcessEngine.ts';

/** Incidents as both adapters keep them in `engine_incidents` (Zeebe's own are not listable without Operate). */
export async function listIncidentRows(knex: Knex, filter: { processInstanceKey?: string; state?: 'OPEN' | 'RESOLVED' } = {}): Promise<Incident[]> {
  const q = knex('engine_incidents').orderBy('created_at').orderBy('key');
  if (filter.processInstanceKey) q.where({ instance_key: filter.processInstanceKey });
  if (filter.state) q.where({ state: filter.state });
  return (await q).map((r: Record<string, string>) => ({
    key: r.key,
    processInstanceKey: r.instance_key,
    jobKey: r.job_key,
    elementId: r.element_id,
    errorType: r.error_type,
    message: r.message,
    state: r.state as Incident['state'],
    createdAt: r.created_at,
  }));
}
