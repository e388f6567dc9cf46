import { expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../engine/services/demo/demoData.ts';
import { describeBrowser } from './support/chromium.ts';
import type { BrowserSession } from './support/BrowserSession.ts';
import { browserSuite } from './support/browserSuite.ts';
import { signIn } from './support/signIn.ts';
import { submitApplication } from './support/submitApplication.ts';
import { waitFor } from '../support/waitFor.ts';

const PACKAGE = 'sichuan/2026-examiner-training';
const account = (username: string) => DEMO_ACCOUNTS.find((a) => a.username === username)!;

describeBrowser('reviewer inbox: 待办/已办 with filters in the URL, claim and release (Chromium)', () => {
  const suite = browserSuite([PACKAGE]);

  // The list refetches after each change; under CI load that can take longer than expect.poll's default second.
  const total = (b: BrowserSession, tab: 'todo' | 'done', text: string) => expect.poll(() => b.page.getByTestId(`${tab}-total`).innerText(), { timeout: 15_000 }).toBe(text);
  const rows = (b: BrowserSession) => b.page.getByTestId('task-table').locator('.ant-table-row');

  it('a unit reviewer filters by ID suffix (kept on reload), by rule result and by step, claims and releases, and finds the decided task in 已办', { timeout: 240_000 }, async () => {
    // given two applications waiting at the unit review of 绵阳市技师学院
    const unitName = 'unit-my-filed';
    const unit = await suite.server.t.login(unitName);
    const zhang = account('zhangwei');
    const liu = account('liuna');
    const a = await submitApplication(suite.server.t, PACKAGE, 'org-my-filed', zhang.username);
    const b2 = await submitApplication(suite.server.t, PACKAGE, 'org-my-filed', liu.username);
    const tasks = await waitFor(async () => {
      const r = await unit.get('/api/tasks?pageSize=100');
      const mine = (r.body.items as Array<{ id: string; applicationId: string; name: string }>).filter((t) => t.applicationId === a.applicationId || t.applicationId === b2.applicationId);
      return mine.length === 2 ? mine : null;
    }, 30_000, 'both unit review tasks');
    const b = await suite.open('inbox-filters-claim');

    // when the reviewer signs in
    await signIn(b, unitName, '/inbox');
    await b.page.waitForURL('**/inbox');
    await rows(b).first().waitFor();
    await b.step('todo-all');
    // then both are listed with the total
    expect(await b.page.getByTestId('todo-total').innerText()).toBe('共 2 条');
    expect(await b.page.getByTestId('task-table').innerText()).toContain('刘娜');

    // when they search for the last four digits of 刘娜's ID number
    const suffix = liu.idNumber!.slice(-4);
    await b.page.getByLabel('姓名或身份证号后几位').fill(suffix);
    await b.page.getByLabel('姓名或身份证号后几位').press('Enter');
    await b.page.waitForURL((u) => u.searchParams.get('q') === suffix);
    await total(b, 'todo', '共 1 条');
    await b.step('search-id-suffix');
    // then only her task is left, and a reload keeps the filter
    expect(await rows(b).count()).toBe(1);
    expect(await rows(b).first().innerText()).toContain('刘娜');
    expect(await rows(b).first().innerText()).not.toContain('张伟');
    await b.page.reload({ waitUntil: 'networkidle' });
    await total(b, 'todo', '共 1 条');
    expect(await b.page.getByLabel('姓名或身份证号后几位').inputValue()).toBe(suffix);
    await b.step('after-reload');

    // when they claim it, the row shows them as assignee and offers 释放
    await rows(b).first().getByRole('button', { name: /认\s*领/ }).click();
    await b.page.getByText('已认领,任务只在您的待办中办理').waitFor();
    await rows(b).first().getByRole('button', { name: /释\s*放/ }).waitFor();
    await b.step('claimed');
    expect(await rows(b).first().innerText()).toContain(account(unitName).displayName);
    // and 只看我认领的 keeps it
    await b.page.getByLabel('姓名或身份证号后几位').fill('');
    await b.page.getByLabel('姓名或身份证号后几位').press('Enter');
    await b.page.getByText('只看我认领的').click();
    await b.page.waitForURL((u) => u.searchParams.get('mine') === '1' && !u.searchParams.has('q'));
    await total(b, 'todo', '共 1 条');
    await b.step('mine-only');
    // when they release it, it is unassigned again
    await rows(b).first().getByRole('button', { name: /释\s*放/ }).click();
    await b.page.getByText('已释放,组内其他人可认领').waitFor();
    await total(b, 'todo', '共 0 条');
    await b.page.getByText('没有符合筛选条件的任务').waitFor();
    await b.step('released');

    // when they clear the filters and pick 不通过 as rule result: nothing (both are eligible or not yet checked)
    await b.page.getByRole('button', { name: /清除筛选/ }).click();
    await total(b, 'todo', '共 2 条');
    expect(new URL(b.page.url()).search).toBe('');
    await b.page.getByTestId('filter-rule').click();
    await b.page.locator('.ant-select-item-option[title="不通过"]').click();
    await b.page.waitForURL((u) => u.searchParams.get('rule') === 'INELIGIBLE');
    await total(b, 'todo', '共 0 条');
    await b.step('rule-ineligible');
    await b.page.getByRole('button', { name: /清除筛选/ }).click();
    await total(b, 'todo', '共 2 条');

    // when they click a row's step name, the list is filtered to that step
    await rows(b).first().getByText(tasks[0].name, { exact: true }).click();
    await b.page.getByTestId('filter-step').waitFor();
    expect(new URL(b.page.url()).searchParams.get('step')).toBe(tasks[0].name);
    await total(b, 'todo', '共 2 条');
    await b.step('step-filter');

    // when 张伟's task is decided (over the API) and they open 已办
    const zhangTask = tasks.find((t) => t.applicationId === a.applicationId)!;
    const done = await unit.post(`/api/tasks/${zhangTask.id}/complete`).send({ decision: 'approve', opinion: '材料齐全,同意推荐' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    await b.page.getByTestId('side-menu').getByText('已办').click();
    await b.page.waitForURL('**/inbox/done');
    await total(b, 'done', '共 1 条');
    await b.step('done-list');
    // then it is listed with its decision and the applicant, and 待办 has one left
    const doneRow = await rows(b).first().innerText();
    expect(doneRow).toContain('张伟');
    expect(doneRow).toMatch(/同意|通过/);
    await b.page.getByTestId('side-menu').getByText('待办').click();
    await b.page.waitForURL((u) => u.pathname === '/inbox');
    await total(b, 'todo', '共 1 条');
    await b.step('todo-after-decision');
    expect(b.problemsSoFar()).toEqual([]);
  });

  it('a city reviewer of another city sees none of these tasks', { timeout: 120_000 }, async () => {
    // given the 德阳 city reviewer (the applications above belong to 绵阳)
    const b = await suite.open('inbox-other-city');
    // when they sign in and search for 刘娜
    await signIn(b, 'city-deyang', '/inbox');
    await b.page.waitForURL('**/inbox');
    await b.page.getByTestId('todo-total').waitFor();
    await b.page.getByLabel('姓名或身份证号后几位').fill('刘娜');
    await b.page.getByLabel('姓名或身份证号后几位').press('Enter');
    await total(b, 'todo', '共 0 条');
    await b.step('nothing-of-mianyang');
    // then nothing of 绵阳 is shown
    expect(await b.page.getByTestId('task-table').innerText()).not.toContain('刘娜');
    expect(b.problemsSoFar()).toEqual([]);
  });
});
