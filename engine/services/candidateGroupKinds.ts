import type { Role } from './actor.ts';

/**
 * The candidate groups a BPMN user task can name, `<prefix>:<id>`, and the role whose accounts work
 * them (engine/services/actor.ts candidateGroupsOf; `applicant:` is the applicant's own task). Plain
 * data: the designer's live linting and the package loader refuse a group no role can ever work.
 */
export const CANDIDATE_GROUP_KINDS: ReadonlyArray<{ prefix: string; role: Role; label: string }> = [
  { prefix: 'unit', role: 'unit_reviewer', label: '推荐单位审核人' },
  { prefix: 'city', role: 'city_reviewer', label: '市(州)职鉴中心审核人' },
  { prefix: 'province', role: 'province_reviewer', label: '省职鉴中心审核人' },
  { prefix: 'applicant', role: 'applicant', label: '申报人' },
];
