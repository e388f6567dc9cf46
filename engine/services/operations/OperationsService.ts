import { IncidentNotResolvedError, type Incident, type ProcessEngine } from '../../port/ProcessEngine.ts';
import { ConflictError, NotFoundError, UnprocessableError } from '../../errors.ts';
import { assertRole, type Actor } from '../actor.ts';
import type { AuditSink } from '../inbox/InboxService.ts';
import { regionCovers } from '../actorScope.ts';
import type { IncidentRegions, InstanceContext } from './IncidentRegions.ts';
import { maskInText, type PersonalData } from '../privacy/index.ts';

/** What admins do to running processes: look at incidents and resolve them. */
export class OperationsService {
  constructor(
    private readonly engine: ProcessEngine,
    private readonly audit: AuditSink,
    private readonly incidentRegions: Pick<IncidentRegions, 'regionOfInstance' | 'regionOfIncident' | 'contextOfInstance'>,
    /** Masks ID and mobile numbers in what admins list (incident messages). */
    private readonly personal?: PersonalData,
  ) {}

  async listIncidents(actor: Actor, filter: { state?: 'OPEN' | 'RESOLVED'; processInstanceKey?: string }): Promise<IncidentView[]> {
    assertRole(actor, 'admin');
    const all = await this.engine.listIncidents(filter.processInstanceKey ? { processInstanceKey: filter.processInstanceKey } : {});
    // Several incidents of one instance are common (a job failing again after each retry): look each instance up once.
    const contexts = new Map<string, Promise<InstanceContext>>();
    const contextOf = (key: string) => contexts.get(key) ?? contexts.set(key, this.incidentRegions.contextOfInstance(key)).get(key)!;
    const wanted = all.filter((i) => !filter.state || i.state === filter.state);
    const withContext = await Promise.all(wanted.map(async (i) => ({ incident: i, context: await contextOf(i.processInstanceKey) })));
    return withContext.filter(({ context }) => regionCovers(actor.regionCode, context.regionCode)).map(({ incident, context }) => this.view(incident, context, all));
  }

  /** One incident of the admin's region with its instance's variables (personal data masked; those variables named, so they are not written back masked). */
  async getIncident(actor: Actor, key: string): Promise<IncidentView & { variables: Record<string, unknown>; maskedVariables: string[]; protectedVariables: string[] }> {
    assertRole(actor, 'admin');
    const all = await this.engine.listIncidents({});
    const incident = all.find((i) => i.key === key);
    const context = incident ? await this.incidentRegions.contextOfInstance(incident.processInstanceKey) : null;
    if (!incident || !context || !regionCovers(actor.regionCode, context.regionCode)) throw new NotFoundError('事件', key);
    const raw = (await this.engine.getInstance(incident.processInstanceKey))?.variables ?? {};
    const variables = this.personal ? this.personal.mask(raw) : raw;
    const maskedVariables = Object.keys(raw).filter((n) => JSON.stringify(raw[n]) !== JSON.stringify(variables[n]));
    return { ...this.view(incident, context, all.filter((i) => i.processInstanceKey === incident.processInstanceKey)), variables, maskedVariables, protectedVariables: Object.keys(raw).filter((n) => PROTECTED_VARIABLES.has(n)) };
  }

  private view(i: Incident, context: InstanceContext, all: Incident[]): IncidentView {
    // Each failed retry of a step opens a new incident: the attempts are this step's incidents up to this one.
    const attempts = all.filter((o) => o.processInstanceKey === i.processInstanceKey && o.elementId === i.elementId && o.createdAt <= i.createdAt).length;
    return { ...i, message: maskInText(i.message), attempts: Math.max(attempts, 1), ...context };
  }

  async resolveIncident(actor: Actor, key: string, retries: number): Promise<void> {
    assertRole(actor, 'admin');
    if (!regionCovers(actor.regionCode, await this.incidentRegions.regionOfIncident(key))) throw new NotFoundError('事件', key);
    // An already resolved key is the caller's mistake (404), not an engine failure.
    if (!(await this.engine.listIncidents({ state: 'OPEN' })).some((i) => i.key === key)) throw new NotFoundError('事件', key);
    try {
      await this.engine.resolveIncident(key, retries);
    } catch (err) {
      if (err instanceof IncidentNotResolvedError) throw new ConflictError('事件原因仍未消除,无法解决', err.message);
      throw err;
    }
    await this.audit.append({ actorId: actor.id, actorRole: actor.role, action: 'incident.resolved', entityType: 'incident', entityId: key, detail: { retries } });
  }

  /**
   * Corrects the variables an incident's job needs (e.g. an exam date a reviewer left out) before the
   * admin resolves it. Only open incidents in the admin's region; the platform's own identifiers
   * (which application, which package) cannot be changed; the old and new values are audited.
   */
  async setIncidentVariables(actor: Actor, key: string, variables: Record<string, unknown>): Promise<{ processInstanceKey: string; names: string[] }> {
    assertRole(actor, 'admin');
    const incident = (await this.engine.listIncidents({ state: 'OPEN' })).find((i) => i.key === key);
    const region = incident ? await this.incidentRegions.regionOfInstance(incident.processInstanceKey) : null;
    if (!incident || !regionCovers(actor.regionCode, region)) throw new NotFoundError('事件', key);
    const names = Object.keys(variables);
    const problems = names
      .filter((n) => PROTECTED_VARIABLES.has(n) || !VARIABLE_NAME.test(n))
      .map((n) => ({ pointer: `/variables/${n.replace(/~/g, '~0').replace(/\//g, '~1')}`, field: n, message: VARIABLE_NAME.test(n) ? `变量「${n}」是平台的流程标识,不能修改` : `变量名「${n}」不合规:应以字母或下划线开头,只含字母、数字和下划线` }));
    if (!names.length) problems.push({ pointer: '/variables', field: 'variables', message: '请至少填写一个要更正的变量' });
    if (problems.length) throw new UnprocessableError('变量更正不符合要求', `共 ${problems.length} 处问题`, problems);
    const before = (await this.engine.getInstance(incident.processInstanceKey))?.variables ?? {};
    await this.engine.setVariables(incident.processInstanceKey, variables);
    await this.audit.append({
      actorId: actor.id,
      actorRole: actor.role,
      action: 'incident.variables',
      entityType: 'incident',
      entityId: key,
      applicationId: typeof before.applicationId === 'string' ? before.applicationId : null,
      detail: { processInstanceKey: incident.processInstanceKey, elementId: incident.elementId, before: Object.fromEntries(names.map((n) => [n, before[n] ?? null])), after: variables },
    });
    return { processInstanceKey: incident.processInstanceKey, names };
  }
}

/** An incident as admins list it: where it belongs (application, package version, region) and how often the step failed. */
export interface IncidentView extends Incident, InstanceContext {
  attempts: number;
}

/** Variables that say which application and package an instance belongs to (and so who may see it). */
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const PROTECTED_VARIABLES = new Set(['applicationId', 'packageHash', 'applicantAccountId', 'provinceCode']);
