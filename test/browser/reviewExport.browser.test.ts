import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../engine/services/demo/demoData.ts';
import { describeBrowser } from './support/chromium.ts';
import { browserSuite } from './support/browserSuite.ts';
import { signIn } from './support/signIn.ts';
import { examinerData, seedSubmittedApplication } from '../support/seedSubmittedApplication.ts';

const PACKAGE = 'sichuan/2021-examiner-training';
const idOf = (username: string) => DEMO_ACCOUNTS.find((a) => a.username === username)!.idNumber!;

describeBrowser('reviewer 申报查询: search the applications in scope and download the notice 汇总表 (Chromium)', () => {
  const suite = browserSuite([PACKAGE]);
  let packageHash: string;

  beforeAll(async () => {
    packageHash = (await suite.server.t.platform.db.knex('package_versions').where({ package_id: 'sichuan-2021-examiner-training' }).first('hash')).hash;
    // given two submitted applications of 绵阳 and one of 成都 (the 2021 windows are long closed: written as the store holds them)
    const seed = (applicant: string, name: string, orgId: string, cityCode: string, submittedAt: string) =>
      seedSubmittedApplication(suite.server.t, { packageHash, packageId: 'sichuan-2021-examiner-training', applicant, orgId, cityCode, status: 'IN_REVIEW', submittedAt, data: examinerData(name, idOf(applicant), orgId) });
    await seed('zhangwei', '张伟', 'org-my-filed', '510700', '2021-06-10T02:00:00.000Z');
    await seed('chenjing', '陈静', 'org-my-applied', '510700', '2021-06-11T02:00:00.000Z');
    await seed('liuna', '刘娜', 'org-cd-city', '510100', '2021-06-12T02:00:00.000Z');
  }, 120_000);

  it('a city reviewer sees only their city, masked, searches by name, picks the 事项 and downloads 附件2 with its title, header and rows', { timeout: 240_000 }, async () => {
    const b = await suite.open('review-export');
    // when the 绵阳 city reviewer opens 申报查询
    await signIn(b, 'city-mianyang', '/inbox');
    await b.page.getByTestId('side-menu').getByText('申报查询').click();
    await b.page.waitForURL('**/inbox/applications');
    await expect.poll(() => b.page.getByTestId('review-total').innerText(), { timeout: 15_000 }).toBe('共 2 条');
    await b.step('list');
    // then 绵阳's two are listed with masked ID numbers, 成都's is not
    const table = await b.page.getByTestId('review-table').innerText();
    expect(table).toContain('张伟');
    expect(table).toContain('陈静');
    expect(table).not.toContain('刘娜');
    expect(table).not.toContain(idOf('zhangwei'));
    expect(table).toContain(`${idOf('zhangwei').slice(0, 4)}`);

    // when they search for 陈
    await b.page.getByLabel('姓名或身份证号后4位').fill('陈');
    await b.page.getByLabel('姓名或身份证号后4位').press('Enter');
    await b.page.waitForURL((u) => u.searchParams.get('q') === '陈');
    await expect.poll(() => b.page.getByTestId('review-total').innerText(), { timeout: 15_000 }).toBe('共 1 条');
    await b.step('search');
    await b.page.getByRole('button', { name: /清除筛选/ }).click();
    await expect.poll(() => b.page.getByTestId('review-total').innerText(), { timeout: 15_000 }).toBe('共 2 条');

    // then the export waits for a 事项; when they pick the 2021 one and download 附件2
    expect(await b.page.getByTestId('export-open').isDisabled()).toBe(true);
    await b.page.getByTestId('filter-package').click();
    await b.page.locator('.ant-select-item-option').filter({ hasText: '2021' }).first().click();
    await b.page.waitForURL((u) => u.searchParams.get('package') === packageHash);
    await b.page.getByTestId('export-open').hover();
    await b.page.getByRole('menuitem', { name: '四川省技能人才评价考评员资格培训(复核)汇总表' }).waitFor();
    await b.step('export-menu');
    const [download] = await Promise.all([b.page.waitForEvent('download'), b.page.getByRole('menuitem', { name: '四川省技能人才评价考评员资格培训(复核)汇总表' }).click()]);
    await b.page.getByText(/已导出/).waitFor();
    await b.step('exported');
    // then the file is named in Chinese and holds the notice's table for 绵阳's two applicants
    expect(download.suggestedFilename()).toMatch(/^四川省技能人才评价考评员资格培训\(复核\)汇总表-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const file = await download.path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(file!) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('四川省技能人才评价考评员资格培训(复核)汇总表');
    expect(Array.from({ length: 10 }, (_, i) => ws.getRow(3).getCell(i + 1).value)).toEqual(['序号', '工作单位', '姓名', '性别', '身份证号码', '文化程度', '现职业资格\n(专业技术职务)', '申报考评\n职业(工种)', '联系电话', '通讯地址']);
    expect(ws.getCell('C4').value).toBe('张伟');
    expect(ws.getCell('E4').value).toBe(idOf('zhangwei'));
    expect(ws.getCell('C5').value).toBe('陈静');
    expect(String(ws.getCell('A6').value)).toMatch(/^经办人/);
    expect(b.problemsSoFar()).toEqual([]);
  });
});
