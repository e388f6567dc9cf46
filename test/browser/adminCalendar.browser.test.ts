import { expect, it } from 'vitest';
import { describeBrowser } from './support/chromium.ts';
import { browserSuite } from './support/browserSuite.ts';
import { signIn } from './support/signIn.ts';

describeBrowser('an admin enters a regional rest day on the calendar (Chromium)', () => {
  const suite = browserSuite([]);

  it('marks the day on the month view and moves a due date counted over it; Gansu’s calendar does not have it', { timeout: 180_000 }, async () => {
    // given the Sichuan admin on November 2026 (no national holiday): 10 working days from 1 November end on Friday 13 November
    const b = await suite.open('admin-calendar');
    await signIn(b, 'admin', '/admin');
    await b.page.getByTestId('side-menu').getByText('工作日历').click();
    await b.page.waitForURL((u) => u.pathname === '/admin/calendar');
    // (October shows the national holiday and its 调休 from the library)
    await b.goto('/admin/calendar?month=2026-10');
    await b.page.getByTestId('day-2026-10-01').waitFor();
    expect(await b.page.getByTestId('day-2026-10-01').getAttribute('data-source')).toBe('holiday');
    await b.step('october-national-holiday');
    await b.goto('/admin/calendar?month=2026-11');
    const day = b.page.getByTestId('day-2026-11-10');
    await day.waitFor();
    expect(await day.getAttribute('data-working')).toBe('true');
    await expect.poll(() => b.page.getByTestId('deadline-result').innerText()).toContain('2026年11月13日');
    await b.step('november');

    // when they make Tuesday 10 November a regional rest day
    await day.click();
    await b.page.getByTestId('day-panel').getByText('2026年11月10日').waitFor();
    await b.page.getByTestId('override-note').fill('测试:本地区休息日');
    await b.page.getByTestId('set-rest').click();
    await b.page.getByText('已保存日历调整').waitFor();

    // then the day is marked as the region's own rest day and the due date moves by one working day
    await expect.poll(() => day.getAttribute('data-source')).toBe('override');
    expect(await day.getAttribute('data-working')).toBe('false');
    expect(await day.innerText()).toContain('本地区调整');
    await expect.poll(() => b.page.getByTestId('deadline-result').innerText()).toContain('2026年11月16日');
    await b.step('regional-rest-day');
    // and the server counts the same due date on Sichuan's calendar
    const res = await fetch(`${suite.server.baseUrl}/api/calendar/deadline?anchor=2026-11-01&amount=10&unit=WD&counting=C1&region=510000`);
    expect(((await res.json()) as { date: string }).date).toBe('2026-11-16');
    expect(b.problemsSoFar()).toEqual([]);

    // and Gansu's admin sees an ordinary working day there
    const g = await suite.open('admin-calendar-gansu');
    await signIn(g, 'admin-gansu', '/admin');
    await g.goto('/admin/calendar?month=2026-11');
    const gDay = g.page.getByTestId('day-2026-11-10');
    await gDay.waitFor();
    expect(await gDay.getAttribute('data-working')).toBe('true');
    expect(await gDay.getAttribute('data-source')).toBe('weekday');
    await expect.poll(() => g.page.getByTestId('deadline-result').innerText()).toContain('2026年11月13日');
    await g.step('gansu-november');
    expect(g.problemsSoFar()).toEqual([]);

    // when the Sichuan admin removes the entry, the day is a working day again
    await day.click();
    await b.page.getByTestId('remove-override').click();
    await b.page.getByText('已删除日历调整').waitFor();
    await expect.poll(() => day.getAttribute('data-source')).toBe('weekday');
    await expect.poll(() => b.page.getByTestId('deadline-result').innerText()).toContain('2026年11月13日');
    await b.step('entry-removed');
    expect(b.problemsSoFar()).toEqual([]);
  });

  it('declares 2027 complete (its days are no longer provisional) and withdraws the declaration', { timeout: 180_000 }, async () => {
    // given the Sichuan admin on March 2027, a year the holiday library does not hold yet
    const b = await suite.open('admin-calendar-year');
    await signIn(b, 'admin', '/admin');
    await b.goto('/admin/calendar?month=2027-03');
    const day = b.page.getByTestId('day-2027-03-10');
    await day.waitFor();
    await expect.poll(() => day.innerText()).toContain('暂定');
    const panel = b.page.getByTestId('year-panel');
    expect(await panel.getAttribute('data-declared')).toBe('false');
    expect(await panel.innerText()).toContain('尚未声明 2027 年度');
    await b.step('2027-provisional');

    // when they declare the year complete (after confirming)
    await b.page.getByTestId('declare-year').click();
    await b.page.locator('.ant-popconfirm').getByText('已完整录入?').waitFor();
    await b.step('declare-confirm');
    await b.page.locator('.ant-popconfirm').getByRole('button', { name: /声\s*明/ }).click();
    await b.page.getByText('已声明 2027 年度安排完整录入', { exact: true }).waitFor();

    // then the year is listed as complete and its days and due dates are no longer provisional
    await expect.poll(() => panel.getAttribute('data-declared')).toBe('true');
    await expect.poll(() => day.innerText()).not.toContain('暂定');
    expect(await b.page.getByTestId('calendar-years').innerText()).toContain('2027');
    await expect.poll(() => b.page.getByTestId('deadline-result').innerText()).not.toContain('暂定');
    await b.step('2027-declared');
    expect(b.problemsSoFar()).toEqual([]);

    // when they withdraw it, the days are provisional again
    await b.page.getByTestId('withdraw-year').click();
    await b.page.locator('.ant-popconfirm').getByRole('button', { name: /撤销声明/ }).click();
    await b.page.getByText('已撤销 2027 年度的声明').waitFor();
    await expect.poll(() => panel.getAttribute('data-declared')).toBe('false');
    await expect.poll(() => day.innerText()).toContain('暂定');
    await expect.poll(() => b.page.getByTestId('deadline-result').innerText()).toContain('暂定');
    await b.step('2027-withdrawn');
    expect(b.problemsSoFar()).toEqual([]);
  });
});
