import type { Locator, Page } from 'playwright-core';
import type { DemoAccount } from '../../../engine/services/demo/demoData.ts';
import { PDF, PNG_FILE } from '../../support/uploadFixtures.ts';

/** The scans the 2026 Sichuan examiner call requires (the certificate for the 证书/职称 pair). */
export const REQUIRED_SCANS = ['declarationForm', 'certificateScan', 'idCardScan', 'socialInsurance', 'employmentAgreement', 'photo'];

/**
 * Fills the 2026 Sichuan examiner application as an applicant does, field by field (the ID number
 * is left to the caller, who may want to type a wrong one first).
 */
export async function fillExaminerForm(page: Page, form: Locator, who: DemoAccount, employer: string): Promise<void> {
  await form.getByLabel('考评员', { exact: true }).check();
  await page.locator('#root_name').fill(who.displayName);
  await form.getByLabel(Number(who.idNumber!.charAt(16)) % 2 === 1 ? '男' : '女', { exact: true }).check();
  await page.locator('#root_mobile').fill('13800138000');
  await page.locator('#root_education').fill('大学本科');
  await page.locator('#root_employer').fill(employer);
  await page.locator('#root_address').fill('四川省绵阳市涪城区演示路1号');
  await page.locator('#root_recommenderOrgId').click();
  await page.locator('.ant-select-item-option[title="绵阳市技师学院(已备案评价机构)"]').click();
  await page.locator('#root_trainingPlanId').click();
  await page.locator('.ant-select-item-option[title="考评员培训班(11月)"]').click();
  await form.getByLabel('职业(工种)', { exact: true }).check();
  await page.locator('#root_targetOccupation_majorCategory').fill('4');
  await page.locator('#root_targetOccupation_code').fill('4-01-02-01');
  await page.locator('#root_targetOccupation_name').fill('汽车维修工');
  await form.getByLabel('职业技能等级证书/国家职业资格证书', { exact: true }).check();
  await page.locator('#root_qualifications_0_name').fill('汽车维修工');
  await page.locator('#root_qualifications_0_level').click();
  await page.locator('.ant-select-item-option[title="三级/高级工"]').click();
  await page.locator('#root_qualifications_0_certificateNo').fill('S000051000000001');
  await page.locator('#root_qualifications_0_issuedOn').fill('2019-06-30');
  await page.locator('#root_qualifications_0_issuedOn').press('Enter');
  await page.locator('#root_experience').fill('2018年起从事汽车维修工职业技能培训与考核工作。');
  for (const text of ['本人熟悉国家技能人才评价有关政策法规', '本人遵守考评人员守则', '本人承诺报名系统所填信息与申报表一致']) await form.getByText(text).click();
}

/** Uploads a real file for every required scan through each row's file input. */
export async function uploadRequiredScans(page: Page): Promise<void> {
  for (const kind of REQUIRED_SCANS) {
    const row = page.getByTestId(`attachment-${kind}`);
    const file = kind === 'photo' ? { name: '证件照.png', mimeType: 'image/png', buffer: PNG_FILE } : { name: `${kind}.pdf`, mimeType: 'application/pdf', buffer: PDF };
    await row.locator('input[type=file]').last().setInputFiles(file);
    await row.getByTestId('attachment-file').waitFor();
  }
}
