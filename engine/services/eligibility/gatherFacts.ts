import { NotFoundError } from '../../errors.ts';
import type { RegistryService } from '../registry/RegistryService.ts';

export type FactRegistry = Pick<RegistryService, 'getRecommenderFacts' | 'getPersonFacts' | 'getOrganisationFacts'>;

export interface EligibilityFacts {
  application: Record<string, unknown>;
  recommender: Awaited<ReturnType<FactRegistry['getRecommenderFacts']>> | null;
  person: Awaited<ReturnType<FactRegistry['getPersonFacts']>> | null;
  organisation: Awaited<ReturnType<FactRegistry['getOrganisationFacts']>> | null;
  parameters: Record<string, unknown>;
  asOf: string;
}

/** The manifest's parameters by name, as rules read them ({ fact: 'parameters', path: '$.x' }). */
export function parameterValues(parameters: Record<string, { value: unknown }> | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(parameters ?? {}).map(([k, v]) => [k, v.value]));
}

/**
 * The facts a rule set reads for one application, from the form and the registry as of a date:
 * the recommending unit, the person (cards, certificates, sittings, evaluation work, bans), the
 * applying organisation. The task worker and the replay use this one function, so a replay judges
 * exactly as the process would have.
 */
export async function gatherFacts(
  registry: FactRegistry,
  application: Record<string, unknown>,
  parameters: Record<string, unknown>,
  asOf: string,
  opts: { unknownOrganisation: 'throw' | 'missing' } = { unknownOrganisation: 'throw' },
): Promise<EligibilityFacts> {
  // In a running process an organisation that vanished from the registry is a data error for an
  // administrator (the job fails into an incident); a replay reports it as a missing fact instead.
  const known = async <T>(read: () => Promise<T>): Promise<T | null> => {
    try {
      return await read();
    } catch (err) {
      if (err instanceof NotFoundError && opts.unknownOrganisation === 'missing') return null;
      throw err;
    }
  };
  const recommender = application.recommenderOrgId ? await known(() => registry.getRecommenderFacts(String(application.recommenderOrgId), asOf)) : null;
  const person = application.idNumber ? await registry.getPersonFacts(String(application.idNumber), asOf) : null;
  const organisation = application.organisationId ? await known(() => registry.getOrganisationFacts(String(application.organisationId), asOf)) : null;
  return { application, recommender, person, organisation, parameters, asOf };
}
