import { randomUUID } from 'node:crypto';
import { applicationSearchColumns } from '../../engine/services/review/applicationSearchColumns.ts';
import type { TestPlatform } from './testPlatform.ts';

export interface SeededApplication {
  packageHash: string;
  packageId: string;
  applicant: string;
  orgId: string;
  cityCode: string;
  status: string;
  submittedAt: string | null;
  data: Record<string, unknown>;
}

/**
 * A submitted application as the store holds it after submission, written directly: for a
 * historical notice whose registration windows are closed, so no applicant could submit it today.
 */
export async function seedSubmittedApplication(t: TestPlatform, o: SeededApplication): Promise<string> {
  const id = randomUUID();
  const account = (await t.platform.db.knex('accounts').where({ username: o.applicant }).first('id')) as { id: string };
  await t.platform.db.knex('applications').insert({
    id,
    package_hash: o.packageHash,
    package_id: o.packageId,
    applicant_account_id: account.id,
    applicant_id_number: t.platform.db.personal.lookupKey(String(o.data.idNumber)),
    recommender_org_id: o.orgId,
    city_code: o.cityCode,
    status: o.status,
    stage: o.status === 'DRAFT' ? null : '市(州)职鉴中心审核',
    data: t.platform.db.personal.toJson(o.data),
    submitted_at: o.submittedAt,
    created_at: o.submittedAt ?? '2021-06-01T00:00:00.000Z',
    updated_at: o.submittedAt ?? '2021-06-01T00:00:00.000Z',
    version: 1,
    ...applicationSearchColumns(t.platform.db.personal, o.data),
  });
  return id;
}

/** A 2021/2024 Sichuan examiner's application data (seed 000 附件1 fields). */
export const examinerData = (name: string, idNumber: string, orgId: string, over: Record<string, unknown> = {}) => ({
  applicantType: 'EXAMINER',
  name,
  gender: Number(idNumber.charAt(16)) % 2 === 1 ? '男' : '女',
  idNumber,
  mobile: '13800138000',
  education: '大学本科',
  employer: `${name}的工作单位`,
  address: '四川省绵阳市涪城区演示路1号',
  recommenderOrgId: orgId,
  targetOccupation: { code: '4-01-02-01', name: '汽车维修工' },
  qualifications: [{ kind: 'VQ', name: '汽车维修工', level: 3 }, { kind: 'TITLE', name: '工程师', titleGrade: '中级' }],
  ...over,
});
