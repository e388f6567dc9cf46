import type { Actor } from '../actor.ts';
import { regionCovers } from '../actorScope.ts';
import type { Organisation } from '../registry/RegistryService.ts';
import type { DraftService } from './DraftService.ts';
import { candidateGroupOptions, draftVocabulary, taskTemplates, type Choice, type ElementTemplate } from './taskTemplates.ts';

export interface DraftTaskTemplateDeps {
  drafts: Pick<DraftService, 'filesOf'>;
  registry: { listOrganisations(): Promise<Organisation[]> };
}

/**
 * The modeler's task templates for one draft (its policy editors and the region's admins): one per
 * worker job type with the draft's own rule sets, parameters and case processes as choices, and the
 * candidate groups of review tasks from the region's roles and organisations.
 */
export class DraftTaskTemplateService {
  constructor(private readonly d: DraftTaskTemplateDeps) {}

  async forDraft(actor: Actor, id: string): Promise<{ templates: ElementTemplate[]; candidateGroups: Choice[] }> {
    const { draft, files } = await this.d.drafts.filesOf(actor, id);
    const organisations = (await this.d.registry.listOrganisations()).filter((o) => regionCovers(draft.regionCode, o.regionCode));
    const vocabulary = await draftVocabulary(files);
    return { templates: taskTemplates(vocabulary), candidateGroups: candidateGroupOptions(vocabulary, candidateGroupChoices(draft.regionCode, organisations)) };
  }
}

const group = (g: string) => `=["${g}"]`;

/**
 * Who can work a review task, as the platform's candidate groups (actor.ts candidateGroupsOf): the roles
 * by the case's own variables (set at submission), then the region's province centre, its cities and its
 * organisations by name.
 */
export function candidateGroupChoices(regionCode: string, organisations: Organisation[]): Choice[] {
  const cities = [...new Set(organisations.map((o) => o.cityCode))].sort();
  return [
    { value: '=["unit:" + recommender.id]', name: '推荐单位审核人(申报人所选的推荐单位)' },
    { value: '=["city:" + recommender.cityCode]', name: '市(州)职鉴中心审核人(推荐单位所在市州)' },
    { value: '=["province:" + provinceCode]', name: '省职鉴中心审核人(政策包所在省)' },
    { value: '=["applicant:" + applicantAccountId]', name: '申报人本人' },
    ...(regionCode.endsWith('0000') ? [{ value: group(`province:${regionCode}`), name: `省职鉴中心审核人(${regionCode})` }] : []),
    ...cities.map((c) => ({ value: group(`city:${c}`), name: `市(州)职鉴中心审核人(${c})` })),
    ...organisations.map((o) => ({ value: group(`unit:${o.id}`), name: `推荐单位审核人:${o.name}` })),
  ];
}
