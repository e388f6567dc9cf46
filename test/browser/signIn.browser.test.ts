import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../engine/services/demo/demoData.ts';
import { describeBrowser } from './support/chromium.ts';
import { BrowserSession } from './support/BrowserSession.ts';
import { startAppServer, type AppServer } from './support/appServer.ts';
import { submitApplication } from './support/submitApplication.ts';
import { waitFor } from '../support/waitFor.ts';

const account = (username: string) => DEMO_ACCOUNTS.find((a) => a.username === username)!;
const applicant = DEMO_ACCOUNTS.find((a) => a.role === 'applicant' && !a.orgId)!;

describeBrowser('browser app: sign-in, menus by role, deep links, sign-out (Chromium)', () => {
  let server: AppServer;
  let s: BrowserSession | undefined;
  let hasSessionGet = false;

  beforeAll(async () => {
    server = await startAppServer(['sichuan/2026-examiner-training', 'sichuan/2024-renewal']);
    const doc = (await server.t.agent().get('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    hasSessionGet = !!doc.paths['/api/session']?.get;
  }, 120_000);
  afterAll(async () => server?.close());
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  async function open(name: string): Promise<BrowserSession> {
    s = await BrowserSession.open(server.baseUrl, name);
    // Until GET /api/session exists on the server, the app falls back to GET /api/me after its 404.
    if (!hasSessionGet) s.allowHttpError('GET', '/api/session', 404);
    return s;
  }

  async function signIn(b: BrowserSession, username: string, password = DEMO_PASSWORD) {
    await b.page.getByLabel('用户名').fill(username);
    await b.page.getByLabel('密码').fill(password);
    await b.page.getByRole('button', { name: '登 录' }).or(b.page.getByRole('button', { name: '登录' })).click();
  }

  const menuItems = (b: BrowserSession) => b.page.getByTestId('side-menu').getByRole('menuitem').allInnerTexts();

  it('the watcher catches what the other tests must not have: HTTP errors, console errors, page errors', async () => {
    // given a page
    const b = await open('watcher-catches-errors');
    await b.goto('/');
    // when an unknown API path is fetched, a console error logged and an exception left uncaught
    await b.page.evaluate(async () => {
      await fetch('/api/no-such-endpoint');
      console.error('boom');
      setTimeout(() => {
        throw new Error('uncaught');
      });
    });
    // then each is reported
    await expect.poll(() => b.problemsSoFar().join('\n')).toContain('page error: uncaught');
    const problems = b.problemsSoFar().join('\n');
    expect(problems).toContain('HTTP 404: GET');
    expect(problems).toContain('console error: boom');
    expect(problems).toMatch(/console error: Failed to load resource: .*404/);
  });

  it('an applicant signs in and lands on 申报服务 with the open calls', async () => {
    // given the sign-in page
    const b = await open('applicant-signs-in');
    await b.goto('/');
    await expect.poll(() => b.page.title()).toBe('技能人才评价服务平台');
    await b.step('sign-in-page');
    // when an applicant signs in
    await signIn(b, applicant.username);
    // then the portal shows the calls as 办事指南 cards and only the applicant's menu
    await b.page.waitForURL('**/portal');
    await b.page.getByTestId('call-card').first().waitFor();
    await b.step('portal');
    expect((await menuItems(b)).map((t) => t.trim())).toEqual(['申报服务', '我的申报']);
    const header = await b.page.getByTestId('current-user').innerText();
    expect(header).toContain(applicant.displayName);
    expect(header).toContain('申报人');
    const card = b.page.getByTestId('call-card').first();
    await expect.poll(() => card.innerText()).toContain('四川省职业技能鉴定指导中心');
    await expect.poll(() => card.innerText()).toMatch(/报名中|未开放|已截止|进行中|未开始|已结束|日期待定|暂无未截止的时间安排/);
    // and a call with registration rounds names their state (2024 换证: every round closed)
    await expect.poll(() => b.page.getByTestId('call-card').filter({ hasText: '复核换证' }).innerText()).toContain('已截止');
    // and on a phone-sized screen nothing sticks out sideways
    await b.page.setViewportSize({ width: 390, height: 844 });
    await b.step('portal-phone');
    expect(await b.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(b.problemsSoFar()).toEqual([]);
  });

  it('a city reviewer lands on 待办 with 待办/已办/申报查询 and a badge counting the tasks API', async () => {
    // given a city reviewer
    const reviewer = account('city-mianyang');
    const b = await open('city-reviewer-signs-in');
    await b.goto('/');
    // when they sign in
    await signIn(b, reviewer.username);
    await b.page.waitForURL('**/inbox');
    await b.page.getByTestId('todo-badge').waitFor();
    await b.step('inbox');
    // then the menu is the reviewer's, the badge equals the API's count, the header names role and region
    expect((await menuItems(b)).map((t) => t.replace(/\d+\+?/g, '').trim())).toEqual(['待办', '已办', '申报查询']);
    const api = await (await server.t.login(reviewer.username)).get('/api/tasks?pageSize=100');
    expect(await b.page.getByTestId('todo-badge').innerText()).toBe(String(api.body.items.length));
    const header = await b.page.getByTestId('current-user').innerText();
    expect(header).toContain('市(州)审核人');
    expect(header).toContain('510700');
    await b.page.getByText('共 ').or(b.page.getByText('暂无待办任务')).first().waitFor();
    expect(b.problemsSoFar()).toEqual([]);
  });

  it('a unit reviewer sees the submitted application in 待办, counted in the badge', async () => {
    // given an applicant's submitted application, waiting at the unit review
    const reviewer = account('unit-my-filed');
    const api = await server.t.login(reviewer.username);
    const { applicationId } = await submitApplication(server.t, 'sichuan/2026-examiner-training', 'org-my-filed');
    const tasks = await waitFor(async () => {
      const r = await api.get('/api/tasks?pageSize=100');
      return r.body.items.some((t: { applicationId: string }) => t.applicationId === applicationId) ? r.body.items : null;
    }, 20_000, 'the unit review task');
    // when the unit reviewer signs in
    const b = await open('unit-reviewer-todo');
    await b.goto('/');
    await signIn(b, reviewer.username);
    // then the task is a row of the table and the badge counts it
    await b.page.waitForURL('**/inbox');
    await b.page.locator('.ant-table-row').first().waitFor();
    await b.step('todo-list');
    expect(await b.page.locator('.ant-table-row').count()).toBe(tasks.length);
    expect(await b.page.getByTestId('todo-badge').innerText()).toBe(String(tasks.length));
    expect(await b.page.locator('.ant-table-tbody').innerText()).toContain(applicationId.slice(0, 8));
    expect(await b.page.getByTestId('todo-total').innerText()).toBe(`共 ${tasks.length} 条`);
    expect(b.problemsSoFar()).toEqual([]);
  });

  it('an admin lands on 运维管理 with the running engine and database', async () => {
    // given an admin
    const b = await open('admin-signs-in');
    await b.goto('/');
    // when they sign in
    await signIn(b, 'admin');
    // then the admin area shows health and incidents
    await b.page.waitForURL('**/admin');
    await b.page.getByText('没有待处理的流程事件').or(b.page.locator('.ant-table-row')).first().waitFor();
    await b.step('admin');
    expect((await menuItems(b)).map((t) => t.trim())).toEqual(['运行状态', '流程实例', '热力图', '实例迁移', '流程事件', '工作日历', '定时任务与计划', '审计日志', '账号管理', '机构管理', '政策包设计']);
    expect(await b.page.locator('main').innerText()).toContain('内置引擎');
    expect(b.problemsSoFar()).toEqual([]);
  });

  it('a wrong password shows the server’s Chinese error and stays on the sign-in page', async () => {
    // given the sign-in page, and the 401 this test provokes
    const b = await open('wrong-password');
    b.allowHttpError('POST', '/api/session', 401);
    await b.goto('/');
    // when a wrong password is entered
    await signIn(b, 'admin', 'not-the-password');
    // then the problem's Chinese title is shown
    await b.page.getByTestId('sign-in-error').waitFor();
    await b.step('wrong-password');
    expect(await b.page.getByTestId('sign-in-error').innerText()).toContain('用户名或密码错误');
    expect(new URL(b.page.url()).pathname).toBe('/');
    expect(b.problemsSoFar()).toEqual([]);
  });

  it('a deep link asks to sign in, returns there, and survives a reload', async () => {
    // given a signed-out visitor opening a deep link
    const b = await open('deep-link-reload');
    await b.goto('/inbox/done');
    await b.page.waitForURL((u) => u.pathname === '/' && u.searchParams.get('return') === '/inbox/done');
    await b.step('asked-to-sign-in');
    expect(await b.page.getByRole('alert').innerText()).toContain('请先登录');
    // when they sign in
    await signIn(b, 'city-deyang');
    // then they are back on the deep link, and a reload keeps them there
    await b.page.waitForURL('**/inbox/done');
    await b.page.getByTestId('done-total').waitFor();
    await b.step('deep-link');
    await b.page.reload({ waitUntil: 'networkidle' });
    await b.page.getByTestId('done-total').waitFor();
    expect(new URL(b.page.url()).pathname).toBe('/inbox/done');
    expect(await b.page.locator('.ant-menu-item-selected').innerText()).toContain('已办');
    await b.step('after-reload');
    expect(b.problemsSoFar()).toEqual([]);
  });

  it('a session that ended on the server sends the user to sign in, and back to the page afterwards', async () => {
    // given a signed-in city reviewer on 已办
    const b = await open('session-ended');
    await b.goto('/');
    await signIn(b, 'city-chengdu');
    await b.page.waitForURL('**/inbox');
    await b.page.getByTestId('side-menu').getByText('已办').click();
    await b.page.waitForURL('**/inbox/done');
    // (the list's own request answered first: a 401 to it would end the session before the reload)
    await b.page.getByTestId('done-total').waitFor();
    // when the session cookie is gone (expired, or signed out elsewhere) and the page is reloaded
    await b.context.clearCookies();
    b.allowHttpError('GET', hasSessionGet ? '/api/session' : '/api/me', 401);
    await b.page.reload({ waitUntil: 'networkidle' });
    // then the sign-in page keeps the way back, and signing in returns there
    await b.page.waitForURL((u) => u.pathname === '/' && u.searchParams.get('return') === '/inbox/done');
    await b.step('asked-to-sign-in-again');
    expect(await b.page.getByRole('alert').innerText()).toContain('登录已过期');
    await signIn(b, 'city-chengdu');
    await b.page.waitForURL('**/inbox/done');
    await b.page.getByTestId('done-total').waitFor();
    expect(b.problemsSoFar()).toEqual([]);
  });

  it('signing out ends the session: back to sign-in, and pages ask to sign in again', async () => {
    // given a signed-in policy editor
    const b = await open('sign-out');
    await b.goto('/');
    await signIn(b, 'policy-editor');
    await b.page.waitForURL('**/designer');
    await b.page.locator('.ant-table-row').first().waitFor();
    await b.step('designer');
    expect((await menuItems(b)).map((t) => t.trim())).toEqual(['政策包设计']);
    // when they sign out
    await b.page.getByRole('button', { name: '退出登录' }).click();
    // then the sign-in page says so, and the area is closed
    await b.page.getByText('已退出登录').waitFor();
    await b.step('signed-out');
    await b.goto('/designer');
    await b.page.waitForURL((u) => u.pathname === '/' && u.searchParams.get('return') === '/designer');
    await b.page.getByLabel('用户名').waitFor();
    await b.step('area-closed');
    expect(b.problemsSoFar()).toEqual([]);
  });
});
