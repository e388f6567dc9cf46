/** A complete, valid SC26 examiner application for a demo applicant (form data only): the sample applicant of package scenarios that name a recommender, laid under their own fields. */
export function validApplication(a: { name: string; idNumber: string; recommenderOrgId: string }, overrides: Record<string, unknown> = {}) {
  return {
    applicantType: 'EXAMINER',
    name: a.name,
    gender: Number(a.idNumber.charAt(16)) % 2 === 1 ? '男' : '女',
    idNumber: a.idNumber,
    mobile: '13800138000',
    education: '大学本科',
    employer: '演示单位',
    address: '四川省绵阳市涪城区演示路1号',
    recommenderOrgId: a.recommenderOrgId,
    trainingPlanId: '2026-03-examiner',
    targetOccupation: { classificationEdition: '2022', kind: 'OCCUPATION', majorCategory: 4, code: '4-01-02-01', name: '汽车维修工' },
    qualifications: [{ kind: 'VQ', name: '汽车维修工', occupationCode: '4-01-02-01', level: 3, certificateNo: 'S000051000000001', issuedOn: '2019-06-30' }],
    experience: '2018年起从事汽车维修工职业技能培训与考核工作。',
    declarations: { policyFamiliar: true, integrity: true, truthful: true },
    ...overrides,
  };
}

