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

  it('disables the 德阳 city reviewer: its open page is signed out, its sign-in is refused like a wrong password; enabled, it signs in again', { timeout: 180_000 }, async () => {
    // given the reviewer signed in in a second browser, and the Sichuan admin on 账号管理
    const r = await suite.open('admin-accounts-disabled-reviewer');
    await signIn(r, 'city-deyang', '/inbox');
    await r.page.getByTestId('side-menu').getByText('待办').waitFor();
    await r.step('reviewer-signed-in');
    const b = await suite.open('admin-accounts-disable');
    await signIn(b, 'admin', '/admin');
    await b.goto('/admin/accounts');
    const row = b.page.getByTestId('account-table').locator('.ant-table-row', { hasText: 'city-deyang' });
    await row.waitFor();
    expect(await row.innerText()).toContain('正常');
    await b.step('reviewer-active');

    // when the admin disables it (after confirming)
    await b.page.getByTestId('disable-city-deyang').click();
    await b.page.locator('.ant-popconfirm').getByText('停用后该账号不能登录').waitFor();
    await b.step('disable-confirm');
    await b.page.locator('.ant-popconfirm').getByRole('button', { name: /停\s*用/ }).click();
    await b.page.getByText('已停用 city-deyang').waitFor();

    // then the list shows it disabled with no session, and offers 启用
    await row.getByTestId('account-disabled').waitFor();
    expect(await row.innerText()).toContain('已停用');
    await b.page.getByTestId('enable-city-deyang').waitFor();
    expect(await row.locator('td').nth(5).innerText()).toBe('0');
    await b.step('reviewer-disabled');
    expect(b.problemsSoFar()).toEqual([]);

    // and the reviewer's open page is sent to the sign-in page, where the right password is refused with the generic message
    r.allowHttpError('GET', '/api/session', 401);
    r.allowHttpError('POST', '/api/session', 401);
    await r.goto('/inbox');
    await r.page.waitForURL((u) => u.pathname === '/');
    await r.page.getByLabel('用户名').fill('city-deyang');
    await r.page.getByLabel('密码').fill('Demo@2026');
    await r.page.getByRole('button', { name: /登\s*录/ }).click();
    await r.page.getByTestId('sign-in-error').waitFor();
    expect(await r.page.getByTestId('sign-in-error').innerText()).toContain('用户名或密码错误');
    expect(new URL(r.page.url()).pathname).toBe('/');
    await r.step('reviewer-refused');
    expect(r.problemsSoFar()).toEqual([]);

    // when the admin enables it again
    await b.page.getByTestId('enable-city-deyang').click();
    await b.page.locator('.ant-popconfirm').getByRole('button', { name: /启\s*用/ }).click();
    await b.page.getByText('已启用 city-deyang').waitFor();
    await b.page.getByTestId('disable-city-deyang').waitFor();
    expect(await row.innerText()).toContain('正常');
    await b.step('reviewer-enabled');

    // then the reviewer signs in with the same password
    const r2 = await suite.open('admin-accounts-enabled-reviewer');
    await signIn(r2, 'city-deyang', '/inbox');
    await r2.page.getByTestId('side-menu').getByText('待办').waitFor();
    await r2.step('reviewer-back-in');
    expect(r2.problemsSoFar()).toEqual([]);

    // and the admin sees its session and ends it: the reviewer's page is signed out
    await b.goto('/admin/accounts');
    await b.page.getByTestId('end-sessions-city-deyang').click();
    await b.page.locator('.ant-popconfirm').getByText('其本人须重新登录').waitFor();
    await b.step('end-sessions-confirm');
    await b.page.locator('.ant-popconfirm').getByRole('button', { name: '结束会话' }).click();
    await b.page.getByText(/已结束 city-deyang 的 \d+ 个会话/).waitFor();
    await expect.poll(() => b.page.getByTestId('end-sessions-city-deyang').count()).toBe(0);
    await b.step('sessions-ended');
    r2.allowHttpError('GET', '/api/session', 401);
    await r2.goto('/inbox');
    await r2.page.waitForURL((u) => u.pathname === '/');
    await r2.step('reviewer-signed-out');
    expect(r2.problemsSoFar()).toEqual([]);
    expect(b.problemsSoFar()).toEqual([]);
  });
});
