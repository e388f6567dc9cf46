import fs from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { describeBrowser } from './support/chromium.ts';
import { browserSuite } from './support/browserSuite.ts';
import { signIn } from './support/signIn.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Fills the downloaded template: its header row kept, the example row replaced by these rows. */
async function fillTemplate(template: Buffer, rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as never);
  const ws = wb.worksheets[0]!;
  ws.spliceRows(2, ws.rowCount - 1);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describeBrowser('an admin keeps the region’s organisations and imports the registry’s list (Chromium)', () => {
  const suite = browserSuite([]);

  it('creates an organisation and records its filing, imports an .xlsx (a bad file refused cell by cell, then a good one), moves a reviewer to another unit; Gansu sees none of it', { timeout: 240_000 }, async () => {
    const registry = () => suite.server.t.platform.services.registry;
    // given the Sichuan admin on 机构管理
    const b = await suite.open('admin-organisations');
    await signIn(b, 'admin', '/admin');
    await b.page.getByTestId('side-menu').getByText('机构管理').click();
    await b.page.waitForURL((u) => u.pathname === '/admin/organisations');
    const table = b.page.getByTestId('organisation-table');
    await table.getByText('org-my-filed').waitFor();
    expect(await table.innerText()).not.toContain('org-gs-provincial');
    await b.step('organisations');

    // when filtering by 备案状态 已备案
    await b.page.getByTestId('filter-status').click();
    await b.page.locator('.ant-select-dropdown').getByText('已备案', { exact: true }).click();
    await expect.poll(async () => (await table.innerText()).includes('org-dy-stale')).toBe(false);
    expect(await table.innerText()).toContain('org-my-filed');
    await b.step('filtered-filed');
    await b.page.getByTestId('filter-status').locator('.ant-select-clear').click({ force: true });
    await table.getByText('org-dy-stale').waitFor();

    // when the admin creates an organisation of 德阳
    await b.page.getByTestId('create-organisation').click();
    const form = b.page.getByTestId('organisation-form');
    await form.waitFor();
    await form.getByLabel('机构编号').fill('org-dy-browser');
    await form.getByLabel('机构名称').fill('德阳某技工学校');
    await form.getByLabel('所在地区代码').fill('510603');
    await form.getByLabel('市(州)代码').fill('510600');
    await form.getByLabel('备案层级').click();
    await b.page.locator('.ant-select-dropdown:visible').getByText('县级', { exact: true }).click();
    await form.getByLabel('备案职业(工种)代码').fill('4-01-02-01');
    await form.getByLabel('备案职业(工种)代码').press('Enter');
    await b.step('create-form');
    await b.page.getByRole('button', { name: /保\s*存/ }).click();
    await b.page.getByText('已新增机构 德阳某技工学校').waitFor();
    // then it is listed, not filed, and in the registry the rules read
    const row = table.locator('.ant-table-row', { hasText: 'org-dy-browser' });
    await row.waitFor();
    expect(await row.getByTestId('filing-status').innerText()).toBe('未备案');
    expect((await registry().getOrganisation('org-dy-browser')).filingStatus).toBe('NONE');
    await b.step('created');

    // when the admin records its filing, with the levels filed for its occupation
    await b.page.getByTestId('edit-org-dy-browser').click();
    await form.waitFor();
    await form.getByLabel('备案状态').click();
    await b.page.locator('.ant-select-dropdown:visible').getByText('已备案', { exact: true }).click();
    await form.getByLabel('备案日期').click();
    await form.getByLabel('备案日期').fill('2026-05-20');
    await form.getByLabel('备案日期').press('Enter');
    for (const level of ['3级', '4级', '5级']) await form.getByLabel(level).check();
    await b.step('edit-form');
    await b.page.getByRole('button', { name: /保\s*存/ }).click();
    await b.page.getByText('已保存机构 德阳某技工学校').waitFor();
    // then
    await expect.poll(() => row.getByTestId('filing-status').innerText()).toBe('已备案');
    expect(await row.innerText()).toContain('备案 2026-05-20');
    expect(await row.innerText()).toContain('3、4、5级');
    expect(await registry().getOrganisation('org-dy-browser')).toMatchObject({ filingStatus: 'FILED', filedDate: '2026-05-20', filedLevels: { '4-01-02-01': [3, 4, 5] } });
    await b.step('filed');
    expect(b.problemsSoFar()).toEqual([]);

    // when the admin downloads the template
    const [download] = await Promise.all([b.page.waitForEvent('download'), b.page.getByTestId('organisation-template').click()]);
    expect(download.suggestedFilename()).toBe('机构名录导入模板.xlsx');
    const template = await fs.readFile((await download.path())!);
    const headers = ['机构编号', '机构名称', '所在地区代码', '市(州)代码', '省级代码', '备案层级', '备案状态', '备案受理日期', '备案日期', '备案职业(工种)代码', '备案级别', '未下放的在蓉省属机构'];
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as never);
    expect((wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual(headers);

    // and imports a bad file: a code that does not nest and a 兰州 organisation beside a good row
    const newRow = ['org-my-import', '绵阳某新评价机构', '510704', '510700', '510000', '县级', '已提交备案材料', '', '', '6-18-01-01', '', '否'];
    const bad = await fillTemplate(template, [newRow, ['org-dy-x', '德阳某机构', '510603', '510700', '510000', '', '未备案', '', '', '', '', ''], ['org-gs-x', '兰州某机构', '620102', '620100', '620000', '', '未备案', '', '', '', '', '']]);
    const before = await suite.server.t.platform.db.knex('organisations').count({ n: '*' });
    await b.page.getByTestId('import-organisations').click();
    const chooser = b.page.locator('.ant-modal input[type=file]');
    await chooser.setInputFiles({ name: '机构名录-有误.xlsx', mimeType: XLSX, buffer: bad });
    await b.page.getByTestId('import-file').getByText('机构名录-有误.xlsx').waitFor();
    await b.page.getByTestId('import-preview').click();
    // then every problem is listed with its row and column, 导入 stays off, and nothing changed
    await b.page.getByTestId('import-problems-title').waitFor();
    expect(await b.page.getByTestId('import-problems-title').innerText()).toContain('文件有 2 个问题,不能导入');
    const problems = b.page.getByTestId('import-problems').locator('.ant-table-row');
    expect(await problems.count()).toBe(2);
    expect((await problems.nth(0).innerText()).replace(/\s+/g, ' ')).toBe('3 D 市(州)代码 市(州)代码 510700 与所在地区代码 510603 不对应');
    expect((await problems.nth(1).innerText()).replace(/\s+/g, ' ')).toBe('4 C 所在地区代码 所在地区 620102 不在本地区(510000)范围内,不能导入');
    expect(await b.page.getByTestId('import-apply').isDisabled()).toBe(true);
    expect(await suite.server.t.platform.db.knex('organisations').count({ n: '*' })).toEqual(before);
    await b.step('import-bad-file');

    // when the admin chooses a corrected file: the new organisation, and 绵阳市技师学院 with a second occupation
    const myFiled = ['org-my-filed', '绵阳市技师学院(已备案评价机构)', '510703', '510700', '510000', '市级', '已备案', '2023-03-01', '2023-05-10', '4-01-02-01;6-18-01-01', '6-18-01-01:4,5', '否'];
    await chooser.setInputFiles({ name: '机构名录.xlsx', mimeType: XLSX, buffer: await fillTemplate(template, [newRow, myFiled]) });
    await b.page.getByTestId('import-file').getByText('机构名录.xlsx').waitFor();
    await b.page.getByTestId('import-preview').click();
    // then the dry run says what will be created and changed
    await b.page.getByTestId('import-summary').getByText('将新增 1 个、修改 1 个机构,0 个无变化').waitFor();
    const changed = b.page.getByTestId('import-rows').locator('.ant-table-row', { hasText: 'org-my-filed' });
    expect(await changed.innerText()).toContain('修改');
    expect(await changed.innerText()).toContain('6-18-01-01:4,5');
    expect(await b.page.getByTestId('import-rows').locator('.ant-table-row', { hasText: 'org-my-import' }).innerText()).toContain('新增');
    await expect.poll(() => registry().getOrganisation('org-my-import').then(() => true, () => false)).toBe(false);
    await b.step('import-preview');
    // when applied
    await b.page.getByTestId('import-apply').click();
    await b.page.getByText('已导入:新增 1 个,修改 1 个机构').waitFor();
    // then both are in the list and in the registry
    await table.locator('.ant-table-row', { hasText: 'org-my-import' }).waitFor();
    expect(await table.locator('.ant-table-row', { hasText: 'org-my-filed' }).innerText()).toContain('6-18-01-01');
    expect((await registry().getOrganisation('org-my-filed')).filedLevels).toEqual({ '6-18-01-01': [4, 5] });
    expect(await registry().getOrganisation('org-my-import')).toMatchObject({ filingStatus: 'SUBMITTED', level: 'county' });
    await b.step('imported');
    expect(b.problemsSoFar()).toEqual([]);

    // when the admin moves the 德阳 unit reviewer to the organisation just created
    await b.page.getByTestId('side-menu').getByText('账号管理').click();
    await b.page.waitForURL((u) => u.pathname === '/admin/accounts');
    await b.page.getByTestId('assign-unit-dy-stale').click();
    const assignment = b.page.getByTestId('assignment-form');
    await assignment.waitFor();
    await assignment.getByLabel('所属机构').click();
    await b.page.locator('.ant-select-dropdown:visible').getByText('德阳某技工学校', { exact: false }).click();
    await b.step('assignment-form');
    await b.page.getByRole('button', { name: /保\s*存/ }).click();
    await b.page.getByText('已调整 unit-dy-stale').waitFor();
    // then the account is listed with its new unit
    const account = b.page.getByTestId('account-table').locator('.ant-table-row', { hasText: 'unit-dy-stale' });
    await expect.poll(() => account.innerText()).toContain('德阳某技工学校');
    expect(await suite.server.t.platform.db.knex('accounts').where({ username: 'unit-dy-stale' }).first('org_id')).toEqual({ org_id: 'org-dy-browser' });
    await b.step('reviewer-moved');
    expect(b.problemsSoFar()).toEqual([]);

    // and Gansu's admin sees only Gansu's organisations
    const g = await suite.open('admin-organisations-gansu');
    await signIn(g, 'admin-gansu', '/admin');
    await g.goto('/admin/organisations');
    const gansu = g.page.getByTestId('organisation-table');
    await gansu.getByText('org-gs-provincial').waitFor();
    const text = await gansu.innerText();
    for (const id of ['org-my-filed', 'org-dy-browser', 'org-my-import', 'org-dy-stale']) expect(text).not.toContain(id);
    expect(await g.page.getByTestId('organisation-total').innerText()).toBe('共 2 个机构');
    await g.step('gansu-organisations');
    expect(g.problemsSoFar()).toEqual([]);
  });
});
