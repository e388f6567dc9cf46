import { expect, it } from 'vitest';
import { describeBrowser } from './support/chromium.ts';
import { browserSuite } from './support/browserSuite.ts';
import { signIn } from './support/signIn.ts';
import { submitApplication } from './support/submitApplication.ts';
import { waitFor } from '../support/waitFor.ts';

const PACKAGE = 'sichuan/2026-examiner-training';
type Row = { id: string; applicationId: string; ruleDecision: string | null };

describeBrowser('reviewer inbox: batch approval with rule results first and a result per item (Chromium)', () => {
  const suite = browserSuite([PACKAGE]);

  it('leaves out what the rules did not pass unless ticked, decides the ticked items one by one, and reports the one a colleague took meanwhile', { timeout: 240_000 }, async () => {
    // given three applications waiting at the unit review of 绵阳市技师学院, none passed outright by the rules
    const ids: string[] = [];
    for (const who of ['zhangwei', 'liuna', 'wangqiang']) ids.push((await submitApplication(suite.server.t, PACKAGE, 'org-my-filed', who)).applicationId);
    const unit = await suite.server.t.login('unit-my-filed');
    const tasks = await waitFor(async () => {
      const items = (await unit.get('/api/tasks').query({ pageSize: 100 })).body.items as Row[];
      const mine = items.filter((r) => ids.includes(r.applicationId) && r.ruleDecision);
      return mine.length === 3 ? mine : null;
    }, 30_000, 'three unit review tasks with rule results');
    expect(tasks.every((r) => r.ruleDecision !== 'ELIGIBLE')).toBe(true);
    await suite.server.t.platform.services.accounts.createAccount({ username: 'unit-my-filed-2', password: 'Demo@2026x', displayName: '绵阳市技师学院审核人乙', role: 'unit_reviewer', orgId: 'org-my-filed', regionCode: '510700' });
    const b = await suite.open('inbox-batch');

    // when the reviewer selects all three and opens 批量审批
    await signIn(b, 'unit-my-filed', '/inbox');
    await expect.poll(() => b.page.getByTestId('todo-total').innerText(), { timeout: 15_000 }).toBe('共 3 条');
    await b.page.getByTestId('task-table').locator('thead .ant-checkbox-input').check();
    await b.page.getByTestId('batch-open').click();
    const dialog = b.page.getByRole('dialog');
    await dialog.getByTestId('batch-items').waitFor();
    await b.step('batch-dialog');
    // then each item shows its rule result, all are left out, and nothing can be submitted yet
    expect(await dialog.getByTestId('batch-items').getByText('需人工', { exact: true }).count()).toBe(3);
    expect(await dialog.getByText('不纳入(保留在待办中)').count()).toBe(3);
    expect(await dialog.getByTestId('batch-submit').isDisabled()).toBe(true);

    // when they tick 张伟 and 刘娜, and a colleague claims 刘娜's task before they submit
    await dialog.getByLabel('纳入 张伟').check();
    await dialog.getByLabel('纳入 刘娜').check();
    const liu = tasks.find((r) => r.applicationId === ids[1])!;
    const colleague = await suite.server.t.login('unit-my-filed-2', 'Demo@2026x');
    expect((await colleague.post(`/api/tasks/${liu.id}/claim`)).status).toBe(200);
    // and submit without an opinion
    await dialog.getByTestId('batch-submit').click();
    await dialog.getByText('请填写审批意见').waitFor();
    await dialog.getByText('材料齐全,符合申报条件,同意。').click();
    await b.step('batch-ticked');
    await dialog.getByTestId('batch-submit').click();
    // then each item has its own result: 张伟 decided, 刘娜 failed with the reason, 王强 untouched
    await dialog.getByTestId('batch-result').first().waitFor();
    await b.step('batch-results');
    const text = await dialog.getByTestId('batch-items').innerText();
    expect(text).toContain('成功');
    expect(text).toMatch(/失败[\s\S]*已被他人认领/);
    expect(await dialog.getByText('未纳入,仍在待办中').count()).toBe(1);
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: /关\s*闭/ }).click();
    // and the list keeps the two undecided tasks
    await expect.poll(() => b.page.getByTestId('todo-total').innerText(), { timeout: 15_000 }).toBe('共 2 条');
    await b.step('after-batch');
    const zhang = tasks.find((r) => r.applicationId === ids[0])!;
    expect((await unit.get(`/api/tasks/${zhang.id}`)).body.state).toBe('COMPLETED');
    expect(b.problemsSoFar()).toEqual([]);
  });
});
