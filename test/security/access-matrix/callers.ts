/**
 * Who plays each (role, scope) of the access matrix. A scope is the caller's relation to the
 * resource a row is about, so each family of resources has its own cast:
 *
 * - `sichuan`: resources of 张伟 (zhangwei, an individual applicant in 绵阳 510700, Sichuan 510000)
 *   recommended by 绵阳市技师学院 (org-my-filed), under the Sichuan 2026 examiner-training package
 *   (region 510000); also Sichuan's packages, calendar entries and incidents.
 * - `gansu`: resources of the applying organisation 甘肃某省属评价机构 (gs-org-provincial, 兰州
 *   620100, Gansu 620000) under the Gansu 2024 certification plan (region 620000).
 * - `unscoped`: endpoints that are about no one's resource (sign-in, /me, directories, public
 *   calendars); one representative account per role.
 *
 * - `signOutEverywhere`, `changePassword`: one throw-away account per role (given.ts), for the rows
 *   that end every session of their caller or change its password.
 *
 * Accounts named `matrix-…` are test fixtures created by the given setup (given.ts) where the demo
 * data has no account of that kind: an individual applicant registered in Gansu, and a unit reviewer
 * of a Gansu recommending organisation.
 */
export const ROLES = ['applicant', 'org_applicant', 'unit_reviewer', 'city_reviewer', 'province_reviewer', 'policy_editor', 'admin'] as const;
export type MatrixRole = (typeof ROLES)[number] | 'anonymous';
export type Scope = 'own' | 'same_org' | 'same_city' | 'same_province' | 'other_province' | 'unscoped' | 'anonymous';
export type Family = 'sichuan' | 'gansu' | 'unscoped' | 'signOutEverywhere' | 'changePassword';

type Cast = Partial<Record<(typeof ROLES)[number], Partial<Record<Scope, string>>>>;

export const FIXTURE_ACCOUNTS = {
  gansuPerson: 'matrix-gs-person',
  gansuUnit: 'matrix-unit-gs',
  /** applicants whose password an admin resets */
  sichuanResetTarget: 'matrix-reset-sc',
  gansuResetTarget: 'matrix-reset-gs',
} as const;

/** The account a throw-away cast creates for a role: like the `unscoped` cast's, under another name. */
export const throwawayName = (family: 'signOutEverywhere' | 'changePassword', role: (typeof ROLES)[number]) => `matrix-${family === 'signOutEverywhere' ? 'so' : 'pw'}-${role.replace('_', '-')}`;
const throwawayCast = (family: 'signOutEverywhere' | 'changePassword'): Cast => Object.fromEntries(ROLES.map((role) => [role, { unscoped: throwawayName(family, role) }]));

export const CASTS: Record<Family, Cast> = {
  sichuan: {
    applicant: { own: 'zhangwei', same_city: 'chenjing', same_province: 'liuna', other_province: FIXTURE_ACCOUNTS.gansuPerson },
    org_applicant: { other_province: 'gs-org-city' },
    unit_reviewer: { same_org: 'unit-my-filed', same_city: 'unit-my-applied', same_province: 'unit-cd-city', other_province: FIXTURE_ACCOUNTS.gansuUnit },
    city_reviewer: { same_city: 'city-mianyang', same_province: 'city-deyang', other_province: 'city-lanzhou' },
    province_reviewer: { same_province: 'province-sichuan', other_province: 'province-gansu' },
    policy_editor: { same_province: 'policy-editor', other_province: 'policy-editor-gansu' },
    admin: { same_province: 'admin', other_province: 'admin-gansu' },
  },
  gansu: {
    applicant: { same_city: FIXTURE_ACCOUNTS.gansuPerson, other_province: 'zhangwei' },
    org_applicant: { own: 'gs-org-provincial', same_city: 'gs-org-city', other_province: 'lc-org-school' },
    unit_reviewer: { same_city: FIXTURE_ACCOUNTS.gansuUnit, other_province: 'unit-my-filed' },
    city_reviewer: { same_city: 'city-lanzhou', other_province: 'city-mianyang' },
    province_reviewer: { same_province: 'province-gansu', other_province: 'province-sichuan' },
    policy_editor: { same_province: 'policy-editor-gansu', other_province: 'policy-editor' },
    admin: { same_province: 'admin-gansu', other_province: 'admin' },
  },
  unscoped: {
    applicant: { unscoped: 'zhangwei' },
    org_applicant: { unscoped: 'gs-org-city' },
    unit_reviewer: { unscoped: 'unit-my-filed' },
    city_reviewer: { unscoped: 'city-mianyang' },
    province_reviewer: { unscoped: 'province-sichuan' },
    policy_editor: { unscoped: 'policy-editor' },
    admin: { unscoped: 'admin' },
  },
  signOutEverywhere: throwawayCast('signOutEverywhere'),
  changePassword: throwawayCast('changePassword'),
};

/** The username playing (role, scope) for a family, or null for anonymous; throws for a hole in the cast. */
export function callerOf(family: Family, role: MatrixRole, scope: Scope): string | null {
  if (role === 'anonymous') return null;
  const username = CASTS[family][role]?.[scope];
  if (!username) throw new Error(`the ${family} cast has no ${role} in scope ${scope}`);
  return username;
}
