import { expect, it } from 'vitest';
import { describeBrowser } from './support/chromium.ts';
import { browserSuite } from './support/browserSuite.ts';
import { signIn } from './support/signIn.ts';
import { waitFor } from '../support/waitFor.ts';

const PACKAGE = 'liaocheng/2020-org-pilot';
const ORG = 'org-lc-school';

describeBrowser('a city centre reports an evaluation organisation and the province delists it (LC20-37, Chromium)', () => {
  const suite = browserSuite([PACKAGE]);

  it('the city fills 发起申请, the province reads 申请内容 in its task and approves; the registry records the delisting', { timeout: 240_000 }, async () => {
    const t = suite.server.t;
    // given the city centre of 聊城 in its inbox
    const city = await suite.open('reviewer-case-city');
    await signIn(city, 'city-liaocheng', '/inbox');
    const open = city.page.getByTestId('start-case-open');
    await open.waitFor();
    await city.step('inbox-with-start');

    // when they open 发起申请 and submit it empty
    await open.click();
    const dialog = city.page.getByRole('dialog');
    await dialog.getByText('上报省厅移出评价目录').first().waitFor();
    await city.step('form-open');
    await city.page.getByTestId('start-case-submit').click();
    // then the form says what is missing, in Chinese, and nothing is sent
    await dialog.getByText(/必填|请选择|不能为空|至少/).first().waitFor();
    await city.step('form-incomplete');

    // when they choose the organisation, tick two reasons, describe it and submit
    await dialog.locator('.ant-select').first().click();
    await city.page.locator('.ant-select-item-option', { hasText: '聊城某职业培训学校' }).click();
    await dialog.getByLabel('违规失信').check();
    await dialog.getByLabel('社会评价差').check();
    await dialog.getByLabel(/情况说明/).fill('2020年8月评价中伪造考核记录,经查属实,社会反映强烈');
    await city.step('form-filled');
    await city.page.getByTestId('start-case-submit').click();
    // then it is sent, with a Chinese confirmation
    await city.page.getByText('已提交「上报省厅移出评价目录」,等待上级审核').waitFor();
    await city.step('submitted');

    // and the province of Shandong has the task
    const row = await waitFor(() => t.platform.db.knex('tasks').where({ element_id: 'Task_DecideDelist' }).first(), 30_000, 'the delisting task');
    const province = await suite.open('reviewer-case-province');
    await signIn(province, 'province-shandong', '/inbox');
    await province.page.getByTestId('task-table').locator('.ant-table-row', { hasText: '省厅决定是否移出评价目录' }).first().waitFor();
    await province.step('province-inbox');

    // when they open it: it opens on 申请内容, read-only, with who asked
    await province.goto(`/inbox/tasks/${row.id}`);
    await province.page.getByRole('tab', { name: '申请内容', selected: true }).waitFor();
    await province.page.getByTestId('request-meta').waitFor();
    await province.page.getByText('聊城某职业培训学校').first().waitFor();
    const requestTab = await province.page.getByTestId('request-tab').innerText();
    expect(requestTab).toContain('聊城市职业技能鉴定中心审核人');
    expect(await province.page.getByTestId('request-tab').getByLabel(/情况说明/).inputValue()).toContain('伪造考核记录');
    expect(await province.page.getByTestId('request-tab').getByLabel('违规失信').isChecked()).toBe(true);
    expect(await province.page.getByTestId('request-tab').getByLabel('恶意竞争').isChecked()).toBe(false);
    // and no empty 申报表 / 申报材料 tabs for a request without an application
    expect(await province.page.getByRole('tab', { name: /申报表|申报材料/ }).count()).toBe(0);
    expect(await province.page.getByTestId('task-header').innerText()).toContain('发起人');
    await province.step('request-tab');

    // when they claim it and approve
    const claim = province.page.getByRole('button', { name: /认\s*领/ });
    if (await claim.count()) {
      await claim.click();
      await province.page.getByTestId('decision-panel').waitFor();
    }
    await province.page.getByTestId('decision-panel').getByText('同意', { exact: true }).click();
    await province.page.getByTestId('opinion').fill('情况属实,移出评价目录,取消评价资格。');
    await province.step('decision-filled');
    await province.page.getByTestId('decision-submit').click();
    await province.page.waitForURL((u) => u.pathname === '/inbox');
    await province.step('decided');

    // then the registry holds the delisting once
    const sanctions = await waitFor(async () => {
      const rows = await t.platform.db.knex('sanctions').where({ subject_id: ORG, kind: 'EVALUATION_DELISTED' });
      return rows.length ? rows : null;
    }, 30_000, 'the delisting');
    expect(sanctions).toHaveLength(1);
    expect(city.problemsSoFar()).toEqual([]);
    expect(province.problemsSoFar()).toEqual([]);
  });
});
