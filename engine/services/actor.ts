import { ForbiddenError } from '../errors.ts';

export const ROLES = ['applicant', 'unit_reviewer', 'city_reviewer', 'province_reviewer', 'policy_editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  applicant: '申报人',
  unit_reviewer: '推荐单位审核人',
  city_reviewer: '市(州)职鉴中心审核人',
  province_reviewer: '省职鉴中心审核人',
  policy_editor: '政策编辑',
  admin: '系统管理员',
};

/** The authenticated caller, resolved from the session by the HTTP layer and passed to every service call. */
export interface Actor {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** Organisation of a unit reviewer (推荐单位) or of an applicant's employer, if known. */
  orgId: string | null;
  /** City code (市(州), e.g. 510700) for city reviewers, province code (510000) for province reviewers and admins. */
  regionCode: string | null;
  /** Applicant's resident ID number, when the account belongs to a person. */
  idNumber: string | null;
}

export function assertRole(actor: Actor, ...roles: Role[]): void {
  if (!roles.includes(actor.role)) throw new ForbiddenError(`需要以下角色之一:${roles.map((r) => ROLE_LABELS[r]).join('、')}`);
}

/** Candidate groups an actor may work, in the form the BPMN assignment definitions use. */
export function candidateGroupsOf(actor: Actor): string[] {
  switch (actor.role) {
    case 'unit_reviewer':
      return actor.orgId ? [`unit:${actor.orgId}`] : [];
    case 'city_reviewer':
      return actor.regionCode ? [`city:${actor.regionCode}`] : [];
    case 'province_reviewer':
      return actor.regionCode ? [`province:${actor.regionCode}`] : [];
    default:
      return [];
  }
}
