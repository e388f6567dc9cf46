import { expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../engine/services/demo/demoData.ts';
import { describeBrowser } from './support/chromium.ts';
import { browserSuite } from './support/browserSuite.ts';
import { signIn } from './support/signIn.ts';
import { submitApplication } from './support/submitApplication.ts';
import { waitFor } from '../support/waitFor.ts';

const PACKAGE = 'sichuan/2026-examiner-training';
const account = (username: string) => DEMO_ACCOUNTS.find((a) => a.username === username)!;
type Row = { id: string; applicationId: string; name: string; elementId: string };

describeBrowser('reviewer task page: application, scans, rule result, diagram, decision and 转办 (Chromium)', () => {
  const suite = browserSuite([PACKAGE]);

  async function taskOf(username: string, applicationId: string, password?: string): Promise<Row> {
    const agent = await suite.server.t.login(username, password);
    return waitFor(async () => {
      const r = await agent.get('/api/tasks').query({ pageSize: 100, applicationId });
      return (r.body.items as Row[])[0] ?? null;
    }, 30_000, `${username}'s task for ${applicationId}`);
  }

  it('a unit reviewer reads the application, previews its scans, sees the rule result and the diagram, must give an opinion, and returns it', { timeout: 240_000 }, async () => {
    // given 张伟's application waiting at the unit review of 绵阳市技师学院
    const { applicationId } = await submitApplication(suite.server.t, PACKAGE, 'org-my-filed', 'zhangwei');
    const task = await taskOf('unit-my-filed', applicationId);
    const b = await suite.open('task-unit-return');

    // when the reviewer opens it from the 待办 list
    await signIn(b, 'unit-my-filed', '/inbox');
    await b.page.getByTestId('task-table').locator('.ant-table-row').first().waitFor();
    await b.page.getByTestId('open-task').filter({ hasText: '张伟' }).click();
    await b.page.waitForURL(`**/inbox/tasks/${task.id}`);
    await b.page.getByTestId('task-header').waitFor();
    await b.page.locator('.rjsf').first().waitFor();
    await b.step('task-application');
    // then the header names the applicant and the step, and the form is shown read-only with the full ID number
    const header = await b.page.getByTestId('task-header').innerText();
    expect(header).toContain('张伟');
    expect(header).toContain(task.name);
    const values = await b.page.locator('.rjsf input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(values).toContain(account('zhangwei').idNumber!);
    const editable = await b.page.locator('.rjsf input:not([disabled]):not([readonly])').evaluateAll((els) => els.map((e) => `${(e as HTMLInputElement).type}#${e.id}`));
    expect(editable).toEqual([]);

    // when they open 申报材料 and preview a PDF and an image
    await b.page.getByRole('tab', { name: /申报材料/ }).click();
    await b.page.getByTestId('materials').waitFor();
    await b.step('materials');
    const previews = b.page.getByTestId('materials').getByRole('button', { name: /预\s*览/ });
    expect(await previews.count()).toBeGreaterThan(0);
    await previews.first().click();
    await b.page.locator('[data-testid="preview-pdf"], [data-testid="preview-image"]').first().waitFor();
    await b.step('preview');
    await b.page.keyboard.press('Escape');

    // when they open the rule result
    await b.page.getByRole('tab', { name: /资格审核结果/ }).click();
    await b.page.getByTestId('rule-result').waitFor();
    await b.step('rule-result');
    // then every check carries its mark and clause
    const checks = b.page.getByTestId('rule-check');
    expect(await checks.count()).toBeGreaterThan(0);
    expect(await b.page.getByTestId('rule-result').innerText()).toMatch(/条款 SC/);
    const ruleText = await b.page.getByTestId('rule-result').innerText();
    expect(ruleText).toContain('查到的值');
    // and codes read as the form and the registry name them
    expect(ruleText).toContain('已备案');
    expect(ruleText).not.toMatch(/\b(FILED|APPLIED|OCCUPATION|SPECIAL_ABILITY)\b/);

    // when they open the diagram and rest the pointer on the current step
    await b.page.getByRole('tab', { name: /流程图/ }).click();
    const current = b.page.locator(`.djs-element.diagram-current[data-element-id="${task.elementId}"]`);
    await current.waitFor();
    expect(await b.page.locator('.djs-element.diagram-done').count()).toBeGreaterThan(0);
    expect(await b.page.locator('.djs-connection.diagram-flow-taken').count()).toBeGreaterThan(0);
    await current.hover();
    await b.page.getByTestId('diagram-hover').waitFor();
    expect(await b.page.getByTestId('diagram-hover').innerText()).toContain('当前环节');
    await b.step('diagram');

    // when they choose 退回补正 and submit without an opinion
    await b.page.getByTestId('decision-panel').getByText('退回补正').click();
    await b.page.getByTestId('opinion').fill('');
    await b.page.getByTestId('decision-submit').click();
    // then the opinion is required
    await b.page.getByText('请填写审批意见').waitFor();
    await b.step('opinion-required');
    // when they pick a common phrase and submit
    await b.page.getByTestId('phrases').getByText('扫描件不清晰,请重新上传。').click();
    expect(await b.page.getByTestId('opinion').inputValue()).toBe('扫描件不清晰,请重新上传。');
    await b.page.getByTestId('decision-submit').click();
    // then they are back in 待办 and the application is returned to its applicant
    await b.page.getByText('已退回补正,任务已办结').waitFor();
    await b.page.waitForURL((u) => u.pathname === '/inbox');
    await b.step('returned');
    const status = await waitFor(async () => {
      const r = await (await suite.server.t.login('zhangwei')).get(`/api/applications/${applicationId}`);
      return r.body.status === 'RETURNED' ? r.body.status : null;
    }, 30_000, 'the application returned');
    expect(status).toBe('RETURNED');
    expect(b.problemsSoFar()).toEqual([]);
  });

  it('a city reviewer sees who decided the unit step on the diagram, and transfers the task to a colleague', { timeout: 240_000 }, async () => {
    // given 刘娜's application approved by her unit
    const { applicationId } = await submitApplication(suite.server.t, PACKAGE, 'org-my-filed', 'liuna');
    const unitTask = await taskOf('unit-my-filed', applicationId);
    const unit = await suite.server.t.login('unit-my-filed');
    expect((await unit.post(`/api/tasks/${unitTask.id}/complete`).send({ decision: 'approve', opinion: '材料齐全,同意推荐。' })).status).toBe(200);
    const cityTask = await taskOf('city-mianyang', applicationId);
    await suite.server.t.platform.services.accounts.createAccount({ username: 'city-mianyang-2', password: 'Demo@2026x', displayName: '绵阳市职鉴中心审核人乙', role: 'city_reviewer', regionCode: '510700' });
    const b = await suite.open('task-city-transfer');

    // when the city reviewer opens the task's diagram directly
    await signIn(b, 'city-mianyang', '/inbox');
    await b.goto(`/inbox/tasks/${cityTask.id}?tab=diagram`);
    const unitStep = b.page.locator(`.djs-element.diagram-done[data-element-id="${unitTask.elementId}"]`);
    await unitStep.waitFor();
    await b.step('diagram-city');
    // when the unit step is out of view, they drag the diagram until it is in view
    const frame = (await b.page.getByTestId('process-diagram').boundingBox())!;
    for (let i = 0; i < 6; i++) {
      const box = (await unitStep.boundingBox())!;
      if (box.x >= frame.x && box.x + box.width <= frame.x + frame.width) break;
      const dx = box.x < frame.x ? 300 : -300;
      await b.page.mouse.move(frame.x + frame.width / 2, frame.y + 40);
      await b.page.mouse.down();
      await b.page.mouse.move(frame.x + frame.width / 2 + dx, frame.y + 40, { steps: 8 });
      await b.page.mouse.up();
    }
    await unitStep.hover();
    await b.page.getByTestId('diagram-hover').waitFor();
    await b.step('diagram-unit-done');
    // then the unit step is green and tells who approved it, and with which opinion
    const hover = await b.page.getByTestId('diagram-hover').innerText();
    expect(hover).toContain(account('unit-my-filed').displayName);
    expect(hover).toContain('材料齐全,同意推荐。');
    expect(hover).toContain('同意');

    // when they open 转办 and confirm without choosing anyone
    await b.page.getByTestId('transfer').click();
    await b.page.getByRole('dialog').getByRole('button', { name: /确定转办/ }).click();
    await b.page.getByText('请选择转办对象').waitFor();
    // when they choose their colleague and give an opinion
    await b.page.getByTestId('transfer-to').click();
    await b.page.locator('.ant-select-item-option').filter({ hasText: 'city-mianyang-2' }).click();
    await b.page.getByTestId('transfer-opinion').fill('本人出差,请协助审核。');
    await b.step('transfer-dialog');
    await b.page.getByRole('dialog').getByRole('button', { name: /确定转办/ }).click();
    // then the task is theirs and the timeline records it
    await b.page.getByText(/已转办给/).waitFor();
    await b.page.waitForURL((u) => u.pathname === '/inbox');
    await b.step('transferred');
    const colleague = await suite.server.t.login('city-mianyang-2', 'Demo@2026x');
    const detail = (await colleague.get(`/api/tasks/${cityTask.id}`)).body;
    expect(detail.assignee).toBeTruthy();
    expect(detail.timeline.some((e: { action: string }) => e.action === 'task.transferred')).toBe(true);
    expect(b.problemsSoFar()).toEqual([]);
  });

  it('prints the application as the notice 申报表: title, fields by name, photo and the signature and stamp blocks', { timeout: 120_000 }, async () => {
    // given 张伟's application at the unit review
    const { applicationId } = await submitApplication(suite.server.t, PACKAGE, 'org-my-filed', 'zhangwei');
    const task = await taskOf('unit-my-filed', applicationId);
    const b = await suite.open('task-print');
    // when the reviewer opens the task and clicks 打印申报表
    await signIn(b, 'unit-my-filed', '/inbox');
    await b.goto(`/inbox/tasks/${task.id}`);
    await b.page.getByTestId('print-open').click();
    await b.page.waitForURL(`**/inbox/tasks/${task.id}/print`);
    await b.page.getByTestId('print-sheet').waitFor();
    await b.page.getByTestId('print-photo').waitFor();
    await b.step('print-screen');
    // then the sheet is the package's 申报表 with the applicant's data in words, not codes
    expect(await b.page.getByTestId('print-title').innerText()).toBe('四川省技能人才评价考评员申报表');
    const sheet = await b.page.getByTestId('print-sheet').innerText();
    expect(sheet).toContain('附件2');
    expect(await b.page.getByTestId('print-name').innerText()).toBe('张伟');
    expect(await b.page.getByTestId('print-recommenderOrgId').innerText()).toBe('绵阳市技师学院(已备案评价机构)');
    expect(await b.page.getByTestId('print-applicantType').innerText()).toBe('考评员');
    expect(sheet).not.toContain('EXAMINER');
    expect(await b.page.getByTestId('print-signature').allInnerTexts()).toEqual([expect.stringContaining('申报人签字'), expect.stringMatching(/推荐单位意见[\s\S]*(盖章)/)]);
    // and on paper only the sheet is printed, on A4
    await b.page.emulateMedia({ media: 'print' });
    expect(await b.page.getByTestId('print-button').isVisible()).toBe(false);
    await b.step('print-paper');
    const pdf = await b.page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(b.problemsSoFar()).toEqual([]);
  });

  it('a reviewer of another city opening the address gets a Chinese 404 page, not the task', { timeout: 120_000 }, async () => {
    // given a task of 绵阳
    const { applicationId } = await submitApplication(suite.server.t, PACKAGE, 'org-my-filed', 'zhangwei');
    const task = await taskOf('unit-my-filed', applicationId);
    const b = await suite.open('task-other-city');
    b.allowHttpError('GET', `/api/tasks/${task.id}`, 404);
    // when 德阳's reviewer opens its address
    await signIn(b, 'city-deyang', '/inbox');
    await b.goto(`/inbox/tasks/${task.id}`);
    await b.page.getByText('加载失败').first().waitFor();
    await b.step('not-found');
    // then nothing of it is shown
    const text = await b.page.locator('body').innerText();
    expect(text).not.toContain('张伟');
    expect(text).toMatch(/不存在|未找到/);
    expect(b.problemsSoFar()).toEqual([]);
  });
});
