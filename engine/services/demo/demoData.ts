import { ConflictError } from '../../errors.ts';
import { idCardCheckDigit, idCardGender } from '../../../forms/index.ts';
import type { Role } from '../actor.ts';
import type { AccountService } from '../accounts/AccountService.ts';
import type { RegistryService, OrganisationInput } from '../registry/RegistryService.ts';

/** The one password of every demo account (documented in README and printed at start). */
export const DEMO_PASSWORD = 'Demo@2026';

/** Appends the GB 11643 check digit, so demo ID numbers pass the same checks as real ones. */
function withCheckDigit(first17: string): string {
  return first17 + idCardCheckDigit(first17);
}

/**
 * Sichuan organisations covering each recommender case of SC26-01/02/06/14: filed; filing accepted
 * within a year; accepted more than a year before 2026 (may no longer recommend); only submitted
 * (not accepted); an undelegated provincial body in Chengdu (routed to the province); a Chengdu city one.
 */
export const DEMO_ORGANISATIONS: OrganisationInput[] = [
  { id: 'org-my-filed', name: '绵阳市技师学院(已备案评价机构)', regionCode: '510703', cityCode: '510700', provinceCode: '510000', level: 'city', filingStatus: 'FILED', filingAcceptedDate: '2023-03-01', filedDate: '2023-05-10', isUndelegatedProvincialInChengdu: false, recommendationSuspendedUntil: null, occupations: ['4-01-02-01'] },
  { id: 'org-my-applied', name: '绵阳某汽车服务有限公司(备案已受理)', regionCode: '510704', cityCode: '510700', provinceCode: '510000', level: 'county', filingStatus: 'APPLIED', filingAcceptedDate: '2025-06-01', filedDate: null, isUndelegatedProvincialInChengdu: false, recommendationSuspendedUntil: null, occupations: [] },
  { id: 'org-dy-stale', name: '德阳某装备制造公司(受理逾一年未备案)', regionCode: '510603', cityCode: '510600', provinceCode: '510000', level: 'county', filingStatus: 'APPLIED', filingAcceptedDate: '2024-12-01', filedDate: null, isUndelegatedProvincialInChengdu: false, recommendationSuspendedUntil: null, occupations: [] },
  { id: 'org-dy-submitted', name: '德阳某职业培训学校(仅提交备案材料)', regionCode: '510603', cityCode: '510600', provinceCode: '510000', level: 'county', filingStatus: 'SUBMITTED', filingAcceptedDate: null, filedDate: null, isUndelegatedProvincialInChengdu: false, recommendationSuspendedUntil: null, occupations: [] },
  { id: 'org-cd-provincial', name: '四川某大学(未下放的在蓉省属评价机构)', regionCode: '510107', cityCode: '510100', provinceCode: '510000', level: 'province', filingStatus: 'FILED', filingAcceptedDate: '2022-09-01', filedDate: '2022-11-15', isUndelegatedProvincialInChengdu: true, recommendationSuspendedUntil: null, occupations: [] },
  { id: 'org-cd-city', name: '成都某职业技能培训学校(属地评价机构)', regionCode: '510106', cityCode: '510100', provinceCode: '510000', level: 'city', filingStatus: 'FILED', filingAcceptedDate: '2023-01-10', filedDate: '2023-02-20', isUndelegatedProvincialInChengdu: false, recommendationSuspendedUntil: null, occupations: [] },
  // Applicant organisations of the Liaocheng pilot (LC20) and the Gansu plan (GS24): the organisation itself applies.
  { id: 'org-lc-school', name: '聊城某职业培训学校', regionCode: '371502', cityCode: '371500', provinceCode: '370000', level: 'county', filingStatus: 'NONE', filingAcceptedDate: null, filedDate: null, isUndelegatedProvincialInChengdu: false, recommendationSuspendedUntil: null, occupations: [] },
  { id: 'org-gs-provincial', name: '甘肃某省属评价机构', regionCode: '620102', cityCode: '620100', provinceCode: '620000', level: 'province', filingStatus: 'FILED', filingAcceptedDate: '2022-03-01', filedDate: '2022-04-15', isUndelegatedProvincialInChengdu: false, recommendationSuspendedUntil: null, occupations: ['6-18-01-01'], filedLevels: { '6-18-01-01': [3, 4, 5] } },
  { id: 'org-gs-city', name: '兰州某市属评价机构', regionCode: '620102', cityCode: '620100', provinceCode: '620000', level: 'city', filingStatus: 'FILED', filingAcceptedDate: '2022-05-01', filedDate: '2022-06-20', isUndelegatedProvincialInChengdu: false, recommendationSuspendedUntil: null, occupations: ['4-03-02-01'], filedLevels: { '4-03-02-01': [3, 4, 5] } },
];

/** Organisations whose accounts apply themselves (role applicant with orgId) rather than recommend people. */
const APPLYING_ORGANISATIONS: Record<string, string> = { 'org-lc-school': 'lc-org-school', 'org-gs-provincial': 'gs-org-provincial', 'org-gs-city': 'gs-org-city' };

export interface DemoAccount {
  username: string;
  role: Role;
  displayName: string;
  orgId: string | null;
  regionCode: string | null;
  idNumber: string | null;
}

const applicant = (username: string, displayName: string, first17: string): DemoAccount => ({ username, role: 'applicant', displayName, orgId: null, regionCode: null, idNumber: withCheckDigit(first17) });

/**
 * Every demo account, one or more per role, all with DEMO_PASSWORD. Applicants carry valid ID numbers
 * (their persons are put in the registry); unit reviewers belong to one organisation each; city
 * reviewers to 绵阳/德阳/成都; province, policy and admin accounts to Sichuan (510000).
 */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  applicant('zhangwei', '张伟', '51070319850312001'),
  applicant('liuna', '刘娜', '51010719900518002'),
  applicant('wangqiang', '王强', '51060319820921003'),
  applicant('chenjing', '陈静', '51070419880107004'),
  ...DEMO_ORGANISATIONS.filter((o) => !APPLYING_ORGANISATIONS[o.id]).map((o) => ({ username: `unit-${o.id.replace(/^org-/, '')}`, role: 'unit_reviewer' as Role, displayName: `${o.name.split('(')[0]}审核人`, orgId: o.id, regionCode: o.cityCode, idNumber: null })),
  { username: 'city-mianyang', role: 'city_reviewer', displayName: '绵阳市职鉴中心审核人', orgId: null, regionCode: '510700', idNumber: null },
  { username: 'city-deyang', role: 'city_reviewer', displayName: '德阳市职鉴中心审核人', orgId: null, regionCode: '510600', idNumber: null },
  { username: 'city-chengdu', role: 'city_reviewer', displayName: '成都市职鉴中心审核人', orgId: null, regionCode: '510100', idNumber: null },
  { username: 'province-sichuan', role: 'province_reviewer', displayName: '四川省职鉴中心审核人', orgId: null, regionCode: '510000', idNumber: null },
  ...Object.entries(APPLYING_ORGANISATIONS).map(([orgId, username]) => ({ username, role: 'applicant' as Role, displayName: `${DEMO_ORGANISATIONS.find((o) => o.id === orgId)!.name}经办人`, orgId, regionCode: DEMO_ORGANISATIONS.find((o) => o.id === orgId)!.cityCode, idNumber: null })),
  { username: 'city-liaocheng', role: 'city_reviewer', displayName: '聊城市职业技能鉴定中心审核人', orgId: null, regionCode: '371500', idNumber: null },
  { username: 'province-shandong', role: 'province_reviewer', displayName: '山东省职业技能鉴定中心审核人', orgId: null, regionCode: '370000', idNumber: null },
  { username: 'city-lanzhou', role: 'city_reviewer', displayName: '兰州市职业技能鉴定中心审核人', orgId: null, regionCode: '620100', idNumber: null },
  { username: 'province-gansu', role: 'province_reviewer', displayName: '甘肃省职业技能鉴定指导中心审核人', orgId: null, regionCode: '620000', idNumber: null },
  { username: 'policy-editor', role: 'policy_editor', displayName: '省职鉴中心政策编辑', orgId: null, regionCode: '510000', idNumber: null },
  { username: 'policy-editor-shandong', role: 'policy_editor', displayName: '山东省职业技能鉴定中心政策编辑', orgId: null, regionCode: '370000', idNumber: null },
  { username: 'policy-editor-gansu', role: 'policy_editor', displayName: '甘肃省职业技能鉴定指导中心政策编辑', orgId: null, regionCode: '620000', idNumber: null },
  { username: 'admin', role: 'admin', displayName: '系统管理员', orgId: null, regionCode: '510000', idNumber: null },
  { username: 'admin-shandong', role: 'admin', displayName: '山东省系统管理员', orgId: null, regionCode: '370000', idNumber: null },
  { username: 'admin-gansu', role: 'admin', displayName: '甘肃省系统管理员', orgId: null, regionCode: '620000', idNumber: null },
];

/** Seeds the demo registry and accounts; safe to run on every start (and on two starts at once). */
export async function seedDemoData(d: { accounts: AccountService; registry: RegistryService }): Promise<void> {
  for (const o of DEMO_ORGANISATIONS) await d.registry.upsertOrganisation(o);
  for (const a of DEMO_ACCOUNTS) {
    if (a.idNumber) await d.registry.upsertPerson({ idNumber: a.idNumber, name: a.displayName, gender: idCardGender(a.idNumber) });
    if (await d.accounts.findByUsername(a.username)) continue;
    try {
      await d.accounts.createAccount({ ...a, password: DEMO_PASSWORD });
    } catch (err) {
      // Another process seeded the same account between our look and our insert.
      if (!(err instanceof ConflictError)) throw err;
    }
  }
}
