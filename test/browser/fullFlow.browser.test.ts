import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../engine/services/demo/demoData.ts';
import { idCardCheckDigit } from '../../forms/checkIdCard.ts';
import { describeBrowser } from './support/chromium.ts';
import { BrowserSession } from './support/BrowserSession.ts';
import { startAppServer, type AppServer } from './support/appServer.ts';
import { fillExaminerForm, uploadRequiredScans } from './support/applicantForm.ts';
import { signIn } from './support/signIn.ts';
import { waitFor } from '../support/waitFor.ts';

const who = DEMO_ACCOUNTS.find((a) => a.username === 'chenjing')!;
const CALL = '2026年四川省技能人才评价考评员培训考核';
const wrongCheckDigit = (id: string) => id.slice(0, 17) + (idCardCheckDigit(id.slice(0, 17)) === '1' ? '2' : '1');

/**
 * The whole way of one application through people's hands, every one of them in the browser:
 * the applicant applies, the unit returns it, the applicant corrects it, the unit and the city
 * approve it, the applicant follows it, and a reviewer of another city finds nothing of it.
 */
describeBrowser('one application from the applicant to the city review, every step in the browser (Chromium)', () => {
  let server: AppServer;
  const sessions: BrowserSession[] = [];
  const open = async (name: string) => {
    const b = await BrowserSession.open(server.baseUrl, name);
    sessions.push(b);
    return b;
  };

  beforeAll(async () => {
    server = await startAppServer(['sichuan/2026-examiner-training']);
  }, 120_000);
  afterAll(async () => {
    for (const b of sessions) await b.close();
    await server?.close();
  });

  it('applies, is returned with an opinion, corrects, is approved by the unit and by the city from a filtered inbox, and shows its timeline', { timeout: 300_000 }, async () => {
    // ---- the applicant applies, with a wrong ID number first
    const a = await open('flow-1-applicant');
    await signIn(a, who.username, '/portal');
    await a.page.getByTestId('call-card').filter({ hasText: CALL }).getByTestId('apply').click();
    await a.page.waitForURL(/\/portal\/applications\/[0-9a-f-]{36}\/form$/);
    const applicationId = a.page.url().split('/').slice(-2)[0]!;
    const form = a.page.getByTestId('application-form');
    await a.page.locator('#root_idNumber').fill(wrongCheckDigit(who.idNumber!));
    await a.page.locator('#root_idNumber').blur();
    await form.getByText('身份证号码校验位错误,请核对后重新填写').waitFor();
    await a.step('bad-id-number');
    await a.page.locator('#root_idNumber').fill(who.idNumber!);
    await a.page.locator('#root_idNumber').blur();
    await form.getByText('身份证号码校验位错误').waitFor({ state: 'detached' });
    await fillExaminerForm(a.page, form, who, '绵阳演示公司');
    await uploadRequiredScans(a.page);
    await a.step('filled-and-uploaded');
    // the 申报表 to sign and have stamped is printed from what was filled in
    await a.page.getByTestId('print-open').click();
    await a.page.waitForURL(`**/portal/applications/${applicationId}/print`);
    await a.page.getByTestId('print-sheet').waitFor();
    expect(await a.page.getByTestId('print-name').innerText()).toBe(who.displayName);
    await a.step('print-declaration-form');
    await a.page.getByRole('button', { name: /返\s*回/ }).click();
    await a.page.waitForURL(`**/portal/applications/${applicationId}/form`);
    await form.waitFor();
    await a.page.getByRole('button', { name: '提交前检查' }).click();
    await a.page.getByText('检查通过').waitFor();
    await a.page.getByRole('button', { name: '提交申报' }).click();
    await a.page.waitForURL(`**/portal/applications/${applicationId}`);
    await a.step('submitted');

    // ---- the unit reviewer opens it from 待办 and returns it with an opinion
    const u = await open('flow-2-unit');
    await signIn(u, 'unit-my-filed', '/inbox');
    const unitTask = await waitFor(async () => {
      const r = await (await server.t.login('unit-my-filed')).get('/api/tasks').query({ applicationId });
      return r.body.items[0] ?? null;
    }, 30_000, 'the unit review task');
    await u.page.reload({ waitUntil: 'networkidle' });
    await u.page.getByTestId('open-task').filter({ hasText: who.displayName }).click();
    await u.page.waitForURL(`**/inbox/tasks/${unitTask.id}`);
    await u.page.getByRole('tab', { name: /资格审核结果/ }).click();
    await u.page.getByTestId('rule-result').waitFor();
    await u.step('unit-rule-result');
    const opinion = '工作单位请填写与劳动合同一致的全称';
    await u.page.getByTestId('decision-panel').getByText('退回补正').click();
    await u.page.getByTestId('opinion').fill(opinion);
    await u.page.getByTestId('decision-submit').click();
    await u.page.getByText('已退回补正,任务已办结').waitFor();
    await u.step('unit-returned');

    // ---- the applicant sees the opinion, corrects and resubmits
    await waitFor(async () => ((await (await server.t.login(who.username)).get(`/api/applications/${applicationId}`)).body.status === 'RETURNED' ? true : null), 30_000, 'RETURNED');
    await a.page.reload({ waitUntil: 'networkidle' });
    await a.page.getByTestId('return-opinion').waitFor();
    expect(await a.page.getByTestId('return-opinion').innerText()).toContain(opinion);
    await a.step('sees-return-opinion');
    await a.page.getByRole('button', { name: '修改并重新提交' }).click();
    await a.page.waitForURL(`**/portal/applications/${applicationId}/form`);
    await a.page.locator('#root_employer').fill('绵阳演示汽车服务有限责任公司');
    await a.page.getByRole('button', { name: '补正后重新提交' }).click();
    await a.page.waitForURL(`**/portal/applications/${applicationId}`);
    await a.step('resubmitted');

    // ---- the unit approves the corrected application
    const unitAgain = await waitFor(async () => {
      const r = await (await server.t.login('unit-my-filed')).get('/api/tasks').query({ applicationId });
      return r.body.items.find((x: { id: string }) => x.id !== unitTask.id) ?? null;
    }, 30_000, 'the second unit review task');
    await u.page.reload({ waitUntil: 'networkidle' });
    await u.page.getByTestId('open-task').filter({ hasText: who.displayName }).click();
    await u.page.waitForURL(`**/inbox/tasks/${unitAgain.id}`);
    await u.page.getByTestId('decision-panel').getByText('同意', { exact: true }).click();
    await u.page.getByTestId('phrases').getByText('经审核,情况属实,同意推荐。').click();
    await u.page.getByTestId('decision-submit').click();
    await u.page.getByText('已同意,任务已办结').waitFor();
    await u.step('unit-approved');

    // ---- the city reviewer finds it in a filtered inbox, reads the rule result and the diagram, approves
    const c = await open('flow-3-city');
    await signIn(c, 'city-mianyang', '/inbox');
    await waitFor(async () => ((await (await server.t.login('city-mianyang')).get('/api/tasks').query({ applicationId })).body.total === 1 ? true : null), 30_000, 'the city task');
    await c.page.getByLabel('姓名或身份证号后几位').fill(who.idNumber!.slice(-4));
    await c.page.getByLabel('姓名或身份证号后几位').press('Enter');
    await expect.poll(() => c.page.getByTestId('todo-total').innerText(), { timeout: 15_000 }).toBe('共 1 条');
    await c.step('city-filtered-inbox');
    await c.page.getByTestId('open-task').filter({ hasText: who.displayName }).click();
    await c.page.getByRole('tab', { name: /资格审核结果/ }).click();
    await c.page.getByTestId('rule-check').first().waitFor();
    await c.step('city-rule-result');
    await c.page.getByRole('tab', { name: /流程图/ }).click();
    await c.page.locator('.djs-element.diagram-current').first().waitFor();
    expect(await c.page.locator(`.djs-element.diagram-done[data-element-id="${unitTask.elementId}"]`).count()).toBe(1);
    await c.step('city-diagram');
    await c.page.getByTestId('decision-panel').getByText('同意', { exact: true }).click();
    await c.page.getByTestId('opinion').fill('经市(州)审核,同意上报。');
    await c.page.getByTestId('decision-submit').click();
    await c.page.getByText('已同意,任务已办结').waitFor();
    await c.step('city-approved');

    // ---- the applicant sees both approvals on the timeline
    await waitFor(async () => {
      const r = await (await server.t.login(who.username)).get(`/api/applications/${applicationId}/status`);
      return r.body.timeline.filter((e: { action: string }) => e.action === 'task.completed').length >= 3 ? true : null;
    }, 30_000, 'three decisions on the timeline');
    await a.page.reload({ waitUntil: 'networkidle' });
    await a.page.getByTestId('case-timeline').waitFor();
    await a.step('timeline');
    const steps = await a.page.getByTestId('case-steps').innerText();
    expect(steps).toContain('经审核,情况属实,同意推荐。');
    expect(steps).toContain('经市(州)审核,同意上报。');
    expect(await a.page.getByTestId('case-timeline').innerText()).toContain('补正后重新提交');

    // ---- a reviewer of another city finds nothing of it
    const d = await open('flow-4-other-city');
    await signIn(d, 'city-deyang', '/inbox');
    await d.page.getByLabel('姓名或身份证号后几位').fill(who.displayName);
    await d.page.getByLabel('姓名或身份证号后几位').press('Enter');
    await expect.poll(() => d.page.getByTestId('todo-total').innerText(), { timeout: 15_000 }).toBe('共 0 条');
    await d.page.getByTestId('side-menu').getByText('申报查询').click();
    await expect.poll(() => d.page.getByTestId('review-total').innerText(), { timeout: 15_000 }).toBe('共 0 条');
    await d.step('other-city-sees-nothing');

    for (const b of sessions) expect(b.problemsSoFar(), b.page.url()).toEqual([]);
  });
});
