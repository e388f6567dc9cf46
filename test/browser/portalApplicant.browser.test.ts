import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../engine/services/demo/demoData.ts';
import { idCardCheckDigit } from '../../forms/checkIdCard.ts';
import { describeBrowser } from './support/chromium.ts';
import { BrowserSession } from './support/BrowserSession.ts';
import { startAppServer, type AppServer } from './support/appServer.ts';
import { PDF } from '../support/uploadFixtures.ts';
import { fillExaminerForm, uploadRequiredScans } from './support/applicantForm.ts';
import { waitFor } from '../support/waitFor.ts';
import { submitApplication } from './support/submitApplication.ts';

const zhang = DEMO_ACCOUNTS.find((a) => a.username === 'zhangwei')!;
const CALL = '2026年四川省技能人才评价考评员培训考核';

/** The same ID number with a wrong check digit. */
function wrongCheckDigit(id: string): string {
  const right = idCardCheckDigit(id.slice(0, 17));
  return id.slice(0, 17) + (right === '1' ? '2' : '1');
}

describeBrowser('applicant portal: apply, upload, check, submit, follow the case, correct after 退回补正 (Chromium)', () => {
  let server: AppServer;
  let s: BrowserSession | undefined;

  beforeAll(async () => {
    server = await startAppServer(['sichuan/2026-examiner-training']);
  }, 120_000);
  afterAll(async () => server?.close());
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it('张伟 applies for the 2026 examiner call, is returned by the unit with an opinion, corrects and resubmits', { timeout: 240_000 }, async () => {
    const b = (s = await BrowserSession.open(server.baseUrl, 'portal-apply-return-resubmit'));
    const page = b.page;

    // given 张伟 signed in on the portal
    await b.goto('/');
    await page.getByLabel('用户名').fill(zhang.username);
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL('**/portal');
    const card = page.getByTestId('call-card').filter({ hasText: CALL });
    await card.getByTestId('materials').waitFor();
    await b.step('open-calls');
    expect(await card.getByTestId('materials').innerText()).toContain('身份证扫描件');

    // when he clicks 我要申报, a draft is created and its form opens
    await card.getByTestId('apply').click();
    await page.waitForURL(/\/portal\/applications\/[0-9a-f-]{36}\/form$/);
    const applicationId = page.url().split('/').slice(-2)[0];
    await page.locator('#root_name').waitFor();
    await b.step('empty-form');
    // option labels are the Chinese enumNames, not the codes
    const form = page.getByTestId('application-form');
    expect(await form.innerText()).toContain('高级考评员');
    expect(await form.innerText()).not.toContain('SENIOR_EXAMINER');

    // and types an ID number with a wrong check digit: the server's Chinese sentence appears under the field
    await page.locator('#root_idNumber').fill(wrongCheckDigit(zhang.idNumber!));
    await page.locator('#root_idNumber').blur();
    await form.getByText('身份证号码校验位错误,请核对后重新填写').waitFor();
    await b.step('bad-id-number');

    // then he fixes it and the error goes
    await page.locator('#root_idNumber').fill(zhang.idNumber!);
    await page.locator('#root_idNumber').blur();
    await form.getByText('身份证号码校验位错误').waitFor({ state: 'detached' });

    // and fills in the rest of the form
    await fillExaminerForm(page, form, zhang, '绵阳市演示汽车服务有限公司');
    // the class list offers only the schedule's classes for his applicant type (SC26-05): no 高级 or 专项 class
    await page.locator('#root_trainingPlanId').click();
    const classes = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await classes.first().waitFor();
    expect((await classes.allInnerTexts()).filter((t) => t !== '请选择培训计划')).toEqual(['考评员培训班(3月)', '考评员培训班(7月)', '考评员培训班(9月)', '考评员培训班(11月)']);
    await b.step('class-options-fit-applicant-type');
    await page.keyboard.press('Escape');
    // the draft saves itself
    await expect.poll(() => page.getByTestId('save-status').innerText(), { timeout: 10_000 }).toMatch(/^草稿已保存 \d{2}:\d{2}$/);
    await b.step('form-filled-draft-saved');
    // and the call's card now continues this draft instead of starting another
    await page.getByTestId('side-menu').getByText('申报服务').click();
    await card.getByTestId('continue-draft').click();
    await page.waitForURL(`**/portal/applications/${applicationId}/form`);
    await expect.poll(() => page.locator('#root_employer').inputValue()).toBe('绵阳市演示汽车服务有限公司');

    // when he checks before uploading: every missing scan is listed with its clause
    await page.getByRole('button', { name: '提交前检查' }).click();
    await page.getByTestId('check-result').waitFor();
    await b.step('check-lists-missing-scans');
    const missing = await page.getByTestId('check-problem').allInnerTexts();
    expect(missing.join('\n')).toContain('身份证扫描件');
    expect(missing.every((p) => /依据条款 SC26-\d+/.test(p))).toBe(true);

    // and uploads a scan for every required kind (the certificate for the 证书/职称 pair)
    await uploadRequiredScans(page);
    await b.step('scans-uploaded');
    // a scan is replaced and the old one is gone
    const idRow = page.getByTestId('attachment-idCardScan');
    await idRow.getByTestId('attachment-file').locator('input[type=file]').setInputFiles({ name: '身份证正反面.pdf', mimeType: 'application/pdf', buffer: PDF });
    await idRow.getByTestId('attachment-file').filter({ hasText: '身份证正反面.pdf' }).waitFor();
    await idRow.getByTestId('attachment-file').filter({ hasText: 'idCardScan.pdf' }).waitFor({ state: 'detached' });
    await idRow.getByTestId('upload-progress').waitFor({ state: 'detached' });
    expect(await idRow.getByTestId('attachment-file').count()).toBe(1);
    const stored = (await (await server.t.login(zhang.username)).get(`/api/applications/${applicationId}`)).body.attachments as Array<{ kind: string; fileName: string }>;
    expect(stored.filter((a) => a.kind === 'idCardScan').map((a) => a.fileName)).toEqual(['身份证正反面.pdf']);
    await b.step('scan-replaced');

    // then the check passes and he submits
    await page.getByRole('button', { name: '提交前检查' }).click();
    await page.getByText('检查通过').waitFor();
    await b.step('check-passed');
    await page.getByRole('button', { name: '提交申报' }).click();
    await page.waitForURL(`**/portal/applications/${applicationId}`);
    await page.getByTestId('case-steps').waitFor();
    await b.step('case-submitted');
    expect(await page.getByTestId('case-steps').innerText()).toContain('提交申报');

    // given the unit review task reached the unit reviewer
    const unit = await server.t.login('unit-my-filed');
    const task = await waitFor(async () => {
      const r = await unit.get('/api/tasks?pageSize=100');
      return (r.body.items as Array<{ id: string; applicationId: string; name: string }>).find((x) => x.applicationId === applicationId) ?? null;
    }, 30_000, 'the unit review task');
    // the case page shows the step in progress
    await page.reload({ waitUntil: 'networkidle' });
    await page.getByTestId('step-current').waitFor();
    expect(await page.getByTestId('case-steps').innerText()).toContain(task.name);
    await b.step('case-at-unit-review');

    // when the unit reviewer returns it with an opinion
    const opinion = '工作单位请填写与参保证明一致的全称';
    const done = await unit.post(`/api/tasks/${task.id}/complete`).send({ decision: 'return', opinion });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    await waitFor(async () => ((await unit.get(`/api/applications/${applicationId}`)).body.status === 'RETURNED' ? true : null), 20_000, 'status RETURNED');

    // then 张伟 sees 退回补正 with the opinion, who and when
    await page.reload({ waitUntil: 'networkidle' });
    await page.getByTestId('return-opinion').waitFor();
    await b.step('case-returned-with-opinion');
    expect(await page.getByTestId('case-status').innerText()).toBe('退回补正');
    expect(await page.getByTestId('return-opinion').innerText()).toContain(opinion);
    expect(await page.getByTestId('step-opinion').first().innerText()).toContain(opinion);
    expect(await page.getByTestId('case-steps').innerText()).toContain('推荐单位审核人');

    // when he corrects the employer and resubmits
    await page.getByRole('button', { name: '修改并重新提交' }).click();
    await page.waitForURL(`**/portal/applications/${applicationId}/form`);
    await page.locator('#root_employer').fill('绵阳市演示汽车服务有限责任公司');
    await b.step('correcting');
    await page.getByRole('button', { name: '补正后重新提交' }).click();
    await page.waitForURL(`**/portal/applications/${applicationId}`);
    await page.getByTestId('case-status').waitFor();

    // then the application is back in review with the corrected data, and the timeline says so
    await expect.poll(async () => (await unit.get(`/api/applications/${applicationId}`)).body.data.employer).toBe('绵阳市演示汽车服务有限责任公司');
    await page.reload({ waitUntil: 'networkidle' });
    await page.getByTestId('case-timeline').getByText('补正后重新提交').waitFor();
    await b.step('case-resubmitted');
    expect(await page.getByTestId('case-status').innerText()).not.toBe('退回补正');

    // and 我的申报 lists it with its status tag
    await page.getByTestId('side-menu').getByText('我的申报').click();
    await page.getByTestId('my-applications').waitFor();
    await b.step('my-applications');
    expect(await page.getByTestId('my-applications').innerText()).toContain(CALL);

    // and on a phone-sized screen the case page and the form fit the width
    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of [`/portal/applications/${applicationId}`, `/portal/applications/${applicationId}/form`]) {
      await b.goto(path);
      await page.getByTestId(path.endsWith('/form') ? 'application-form' : 'case-steps').waitFor();
      await b.step(path.endsWith('/form') ? 'phone-form' : 'phone-case');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    }
    expect(b.problemsSoFar()).toEqual([]);
  });

  it('an admitted applicant files 考前请假报备 through the package action form: a Chinese error first, then the unit gets it', { timeout: 240_000 }, async () => {
    // given 刘娜's application admitted after the unit, city and province reviews
    const { applicationId } = await submitApplication(server.t, 'sichuan/2026-examiner-training', 'org-my-filed', 'liuna');
    for (const reviewer of ['unit-my-filed', 'city-mianyang', 'province-sichuan']) {
      const agent = await server.t.login(reviewer);
      const task = await waitFor(async () => (await agent.get('/api/tasks').query({ applicationId })).body.items[0] ?? null, 30_000, `${reviewer}'s task`);
      expect((await agent.post(`/api/tasks/${task.id}/complete`).send({ decision: 'approve', opinion: '同意。' })).status).toBe(200);
    }
    const liu = await server.t.login('liuna');
    await waitFor(async () => ((await liu.get(`/api/applications/${applicationId}`)).body.status === 'ADMITTED' ? true : null), 30_000, 'ADMITTED');
    const b = (s = await BrowserSession.open(server.baseUrl, 'portal-action-leave'));
    const page = b.page;

    // when she opens her case and the action's form
    await b.goto('/');
    await page.getByLabel('用户名').fill('liuna');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL('**/portal');
    await b.goto(`/portal/applications/${applicationId}`);
    await page.getByRole('button', { name: '考前请假报备' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('确因工作等原因不能参加考核的').waitFor();
    await b.step('leave-form');
    // and submits it with too short a reason and a wrong date
    await dialog.locator('#root_examDate').fill('2026/13/01');
    await dialog.locator('#root_reason').fill('有事');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    // then the form says what is wrong, in Chinese, and nothing is sent
    await dialog.locator('.ant-form-item-explain-error').first().waitFor();
    await b.step('leave-errors');
    const errors = await dialog.locator('.ant-form-item-explain-error').allInnerTexts();
    expect(errors.join(' ')).toMatch(/[\u4e00-\u9fa5]/);
    expect(errors.join(' ')).not.toMatch(/must|should/);
    // when she corrects it and submits
    await dialog.locator('#root_examDate').fill('2026-12-20');
    await dialog.locator('#root_reason').fill('因单位年终检修任务不能参加考核');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await page.getByText('「考前请假报备」已提交').waitFor();
    await b.step('leave-sent');
    // then her unit has the leave request to review
    const unit = await server.t.login('unit-my-filed');
    const leave = await waitFor(async () => ((await unit.get('/api/tasks').query({ pageSize: 100 })).body.items as Array<{ name: string; applicationId: string }>).find((x) => x.name === '推荐单位审核请假报备' && x.applicationId === applicationId) ?? null, 30_000, 'the leave review task');
    expect(leave).toBeTruthy();
    expect(b.problemsSoFar()).toEqual([]);
  });

  it('an applicant withdraws a submitted application before anyone has decided on it', async () => {
    // given 刘娜's application, submitted over the API and not yet reviewed
    const { applicationId } = await submitApplication(server.t, 'sichuan/2026-examiner-training', 'org-my-filed', 'liuna');
    const b = (s = await BrowserSession.open(server.baseUrl, 'portal-withdraw'));
    await b.goto('/');
    await b.page.getByLabel('用户名').fill('liuna');
    await b.page.getByLabel('密码').fill(DEMO_PASSWORD);
    await b.page.getByRole('button', { name: /登\s*录/ }).click();
    await b.page.waitForURL('**/portal');
    // when she opens the case from 我的申报 and withdraws it
    await b.page.getByTestId('side-menu').getByText('我的申报').click();
    await b.page.getByTestId('my-applications').getByText(applicationId.slice(0, 8)).click();
    await b.page.waitForURL(`**/portal/applications/${applicationId}`);
    await b.page.getByRole('button', { name: '撤回申报' }).click();
    await b.page.getByText('撤回后本次申报结束,确定撤回吗?').waitFor();
    await b.step('withdraw-confirm');
    await b.page.getByRole('button', { name: /确\s*定/ }).click();
    // then the case says 已撤回 and offers no withdrawal any more
    await expect.poll(() => b.page.getByTestId('case-status').innerText()).toBe('已撤回');
    await b.step('withdrawn');
    expect(await b.page.getByRole('button', { name: '撤回申报' }).count()).toBe(0);
    expect((await (await server.t.login('liuna')).get(`/api/applications/${applicationId}`)).body.status).toBe('WITHDRAWN');
    expect(b.problemsSoFar()).toEqual([]);
  });
});
