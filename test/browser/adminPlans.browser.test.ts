import { expect, it } from 'vitest';
import { describeBrowser } from './support/chromium.ts';
import { browserSuite } from './support/browserSuite.ts';
import { signIn } from './support/signIn.ts';

const PACKAGE = 'sichuan/2024-renewal';
const at = (date: string) => Date.parse(`${date}T09:00:00+08:00`);

describeBrowser('an admin sees a plan warning and records the publication (Chromium)', () => {
  const suite = browserSuite([PACKAGE]);

  it('shows the April plan’s warning prominently, records it as published late, and Gansu sees none of it', { timeout: 180_000 }, async () => {
    // given: the day after the April 2024 deadline (SC24-07 「每月10日前」) passed with no plan recorded
    const t = suite.server.t;
    await t.platform.services.scheduledJobs.stop();
    t.clock.set(at('2024-04-11'));
    await t.platform.services.scheduledJobs.tick();
    t.clock.set(Date.now());

    // when the Sichuan admin opens 定时任务与计划
    const b = await suite.open('admin-plans');
    await signIn(b, 'admin', '/admin');
    await b.page.getByTestId('side-menu').getByText('定时任务与计划').click();
    await b.page.waitForURL((u) => u.pathname === '/admin/jobs');
    const warnings = b.page.getByTestId('plan-warnings');
    await warnings.locator('.ant-alert').first().waitFor();
    await b.step('plan-warning');
    // then the warning names the plan, its deadline and clause, and the job table shows the job done
    const text = await warnings.innerText();
    expect(text).toContain('4月换证计划发布');
    expect(text).toContain('2024-04-10');
    expect(text).toContain('SC24-07');
    expect(await b.page.getByTestId('job-table').innerText()).toContain('已完成');
    const plans = b.page.getByTestId('plans-sichuan-2024-renewal');
    const april = plans.locator('.ant-table-row', { has: b.page.getByTestId('record-plan-2024-04') });
    expect(await april.innerText()).toContain('已逾期未发布');

    // when they record the April plan as published on 15 April under a 文号
    await b.page.getByTestId('record-plan-2024-04').click();
    const form = b.page.getByTestId('publication-form');
    await form.waitFor();
    await form.getByLabel('发布日期').click();
    await form.getByLabel('发布日期').fill('2024-04-15');
    await form.getByLabel('发布日期').press('Enter');
    await form.getByLabel('文号或渠道').fill('川职鉴〔2024〕8号');
    await b.step('publication-form');
    await b.page.getByRole('button', { name: /保\s*存/ }).click();
    await b.page.getByText('已登记发布').waitFor();
    // then the plan reads 逾期发布 with the date and 文号
    await expect.poll(() => april.innerText()).toContain('逾期发布');
    expect(await april.innerText()).toContain('2024年4月15日 · 川职鉴〔2024〕8号');
    await b.step('published-late');
    expect(b.problemsSoFar()).toEqual([]);

    // and Gansu's admin sees neither the job, nor the warning, nor the plans
    const g = await suite.open('admin-plans-gansu');
    await signIn(g, 'admin-gansu', '/admin');
    await g.goto('/admin/jobs');
    await g.page.getByText('没有未按期发布的计划警告').waitFor();
    await g.page.getByText('没有定时任务').waitFor();
    await g.page.getByText('本地区没有含须按期发布计划的政策包版本').waitFor();
    expect(await g.page.getByTestId('plans-sichuan-2024-renewal').count()).toBe(0);
    await g.step('gansu-jobs');
    expect(g.problemsSoFar()).toEqual([]);
  });
});
