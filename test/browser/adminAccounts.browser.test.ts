import { expect, it } from 'vitest';
import { describeBrowser } from './support/chromium.ts';
import { browserSuite } from './support/browserSuite.ts';
import { signIn } from './support/signIn.ts';

describeBrowser('an admin creates a reviewer account that can sign in (Chromium)', () => {
  const suite = browserSuite([]);

  it('creates a unit reviewer of 绵阳市技师学院 with a generated password; the reviewer signs in to 待办; Gansu does not see the account', { timeout: 180_000 }, async () => {
    // when the Sichuan admin creates a unit reviewer account without a password
    const b = await suite.open('admin-accounts');
    await signIn(b, 'admin', '/admin');
    await b.page.getByTestId('side-menu').getByText('账号管理').click();
    await b.page.waitForURL((u) => u.pathname === '/admin/accounts');
    await b.page.getByTestId('account-table').getByText('city-mianyang').waitFor();
    await b.step('accounts');
    await b.page.getByTestId('create-account').click();
    const form = b.page.getByTestId('account-form');
    await form.waitFor();
    await form.getByLabel('用户名').fill('unit-my-new');
    await form.getByLabel('姓名').fill('绵阳市技师学院新审核人');
    await form.getByLabel('所属机构').click();
    await b.page.locator('.ant-select-dropdown').getByText('绵阳市技师学院', { exact: false }).first().click();
    await b.step('create-form');
    await b.page.getByRole('button', { name: /保\s*存/ }).click();
    // then the generated password is shown once, and the account is listed with its unit
    const password = (await b.page.getByTestId('generated-password').innerText()).trim();
    expect(password).toMatch(/^.{16}$/);
    await b.step('generated-password');
    await b.page.getByRole('button', { name: '关 闭' }).click();
    const row = b.page.getByTestId('account-table').locator('.ant-table-row', { hasText: 'unit-my-new' });
    await row.waitFor();
    expect(await row.innerText()).toContain('推荐单位审核人');
    expect(await row.innerText()).toContain('绵阳市技师学院');
    expect(await row.innerText()).toContain('510700');
    await b.step('account-listed');
    expect(b.problemsSoFar()).toEqual([]);

    // and the new reviewer signs in with it and lands on 待办
    const r = await suite.open('admin-accounts-new-reviewer');
    await signIn(r, 'unit-my-new', '/inbox', password);
    await r.page.getByTestId('side-menu').getByText('待办').waitFor();
    await r.step('new-reviewer-inbox');
    expect(r.problemsSoFar()).toEqual([]);

    // when the admin resets its password, the reviewer's session ends and the new password signs in
    await b.page.getByTestId('reset-unit-my-new').click();
    await b.page.locator('.ant-popconfirm').getByRole('button', { name: '重置密码' }).click();
    await expect.poll(async () => (await b.page.getByTestId('generated-password').innerText()).trim()).not.toBe(password);
    const second = (await b.page.getByTestId('generated-password').innerText()).trim();
    await b.step('password-reset');
    await b.page.getByRole('button', { name: '关 闭' }).click();
    const r2 = await suite.open('admin-accounts-reset-reviewer');
    await signIn(r2, 'unit-my-new', '/inbox', second);
    expect(r2.problemsSoFar()).toEqual([]);
    expect(b.problemsSoFar()).toEqual([]);

    // and Gansu's admin neither sees the account nor can pick a Sichuan unit
    const g = await suite.open('admin-accounts-gansu');
    await signIn(g, 'admin-gansu', '/admin');
    await g.goto('/admin/accounts');
    await g.page.getByTestId('account-table').locator('.ant-table-row').first().waitFor();
    const gansu = await g.page.getByTestId('account-table').innerText();
    expect(gansu).not.toContain('unit-my-new');
    expect(gansu).not.toContain('city-mianyang');
    expect(gansu).toContain('city-lanzhou');
    await g.step('gansu-accounts');
    expect(g.problemsSoFar()).toEqual([]);
  });
});
