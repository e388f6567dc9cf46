import { expect, it } from 'vitest';
import { describeBrowser } from './support/chromium.ts';
import { browserSuite } from './support/browserSuite.ts';
import { signIn } from './support/signIn.ts';
import { runScenario, type Scenario } from '../support/scenarioRunner.ts';

const PACKAGE = 'sichuan/2026-examiner-training';

const submitted: Scenario = {
  name: '提交申报(审计)',
  clauses: ['SC26-04'],
  given: { asOf: '2026-03-02', applicant: 'wangqiang', recommender: 'org-my-filed', application: {} },
  when: [{ submit: true }, { complete: 'Task_UnitReview', decision: 'approve' }],
} as Scenario;

describeBrowser('an admin filters the audit log and sees the chain verified (Chromium)', () => {
  const suite = browserSuite([PACKAGE]);

  it('filters by application, actor, action and time; the chain is intact; Gansu’s admin sees none of Sichuan’s entries', { timeout: 180_000 }, async () => {
    // given: a Sichuan application reviewed by its unit, and a calendar entry by each province's admin
    const t = suite.server.t;
    const appId = await runScenario(t, PACKAGE, submitted);
    t.clock.set(Date.now());
    expect((await (await t.login('admin')).put('/api/admin/calendar/overrides/2026-11-10').send({ working: false, note: '四川审计测试' })).status).toBe(200);
    expect((await (await t.login('admin-gansu')).put('/api/admin/calendar/overrides/2026-11-11').send({ working: false, note: '甘肃审计测试' })).status).toBe(200);

    // when the Sichuan admin opens 审计日志
    const b = await suite.open('admin-audit');
    await signIn(b, 'admin', '/admin');
    await b.page.getByTestId('side-menu').getByText('审计日志').click();
    await b.page.waitForURL((u) => u.pathname === '/admin/audit');
    await b.page.getByTestId('audit-table').locator('.ant-table-row').first().waitFor();
    // then the chain is verified intact
    await expect.poll(() => b.page.getByTestId('audit-chain').innerText()).toContain('哈希链完整');
    await b.step('audit-all');

    // when they filter by the application
    const filters = b.page.getByTestId('audit-filters');
    await b.page.getByTestId('filter-application').fill(appId);
    await b.page.getByTestId('audit-search').click();
    await b.page.waitForURL((u) => u.searchParams.get('applicationId') === appId);
    const rows = b.page.getByTestId('audit-table').locator('.ant-table-row');
    // then every row is the application's, its submission and the unit's decision among them
    // (the unfiltered rows stay on screen until the filtered page arrives: wait for the filtered ones)
    await expect.poll(async () => {
      const texts = await rows.allInnerTexts();
      return texts.length > 1 && texts.every((r) => r.includes(appId.slice(0, 8)));
    }, { timeout: 20_000 }).toBe(true);
    const appRows = await rows.allInnerTexts();
    expect(appRows.length).toBeGreaterThan(1);
    for (const r of appRows) expect(r).toContain(appId.slice(0, 8));
    expect(appRows.join('\n')).toContain('提交申报');
    expect(appRows.join('\n')).toContain('办理任务');
    await b.step('audit-by-application');

    // when they filter by actor and action instead
    await b.page.getByTestId('filter-application').fill('');
    await b.page.getByTestId('filter-actor').fill('admin');
    await filters.getByRole('combobox', { name: /^操作/ }).fill('calendar.override.set');
    await filters.getByRole('combobox', { name: /^操作/ }).press('Escape');
    await b.page.getByTestId('audit-search').click();
    await b.page.waitForURL((u) => u.searchParams.get('action') === 'calendar.override.set' && !u.searchParams.has('applicationId'));
    await expect.poll(() => rows.count()).toBe(1);
    const row = await rows.first().innerText();
    expect(row).toContain('设置日历调整');
    expect(row).toContain('admin');
    expect(row).toContain('四川审计测试');
    expect(row).not.toContain('甘肃');
    await b.step('audit-by-actor-and-action');

    // when they add a time range long past, nothing is left; today's range keeps the entry
    await b.goto('/admin/audit?actorUsername=admin&action=calendar.override.set&from=2020-01-01T00:00:00.000Z&to=2020-02-01T00:00:00.000Z');
    await b.page.getByText('没有符合条件的审计记录').waitFor();
    await b.step('audit-time-range-empty');
    const today = new Date();
    const from = new Date(today.getTime() - 86_400_000).toISOString();
    const to = new Date(today.getTime() + 86_400_000).toISOString();
    await b.goto(`/admin/audit?actorUsername=admin&action=calendar.override.set&from=${from}&to=${to}`);
    await expect.poll(() => rows.count()).toBe(1);
    await b.step('audit-time-range-today');
    expect(b.problemsSoFar()).toEqual([]);

    // and the Gansu admin, filtering by the Sichuan application or the Sichuan admin, finds nothing; their own entry is there
    const g = await suite.open('admin-audit-gansu');
    await signIn(g, 'admin-gansu', '/admin');
    await g.goto(`/admin/audit?applicationId=${appId}`);
    await g.page.getByText('没有符合条件的审计记录').waitFor();
    await g.goto('/admin/audit?actorUsername=admin');
    await g.page.getByText('没有符合条件的审计记录').waitFor();
    await g.step('gansu-sees-no-sichuan-entries');
    await g.goto('/admin/audit?action=calendar.');
    const gRows = g.page.getByTestId('audit-table').locator('.ant-table-row');
    await expect.poll(() => gRows.count()).toBe(1);
    expect(await gRows.first().innerText()).toContain('甘肃审计测试');
    await g.step('gansu-own-entry');
    expect(g.problemsSoFar()).toEqual([]);
  });
});
