import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeBrowser } from './support/chromium.ts';
import { browserSuite } from './support/browserSuite.ts';
import { signIn } from './support/signIn.ts';

const PACKAGE = 'sichuan/2021-examiner-training';
const RULES = 'rules/eligibility.json';
// A save validates the whole draft on the server: on a busy machine that takes more than expect.poll's 1 s.
const POLL = { timeout: 20_000 };
const RENAMED = '单位推荐(2026年起由推荐单位在线推荐)';

/** The modeler's translate misses so far (the module records every template it had no Chinese for). */
const misses = (page: Page) => page.evaluate(() => [...(window.__designerTranslateMisses ?? [])]);

/** Lint messages the live linter had no Chinese for. */
const lintMisses = (page: Page) => page.evaluate(() => [...(window.__designerLintMisses ?? [])]);

/** Latin words left in what the modeler shows: palette and context-pad titles, panel headers and labels. */
async function englishOnScreen(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts: string[] = [];
    for (const el of document.querySelectorAll('.djs-palette .entry, .djs-context-pad .entry')) texts.push(el.getAttribute('title') ?? '');
    for (const el of document.querySelectorAll('.bio-properties-panel-header-type, .bio-properties-panel-group-header-title, .bio-properties-panel-label, .djs-minimap .toggle')) texts.push((el as HTMLElement).innerText || el.getAttribute('title') || '');
    // Product and format names are not translated.
    return texts.filter((t) => /[A-Za-z]{2,}/.test(t.replace(/\b(ID|FEEL|BPMN|JSON|XML|Zeebe|Camunda)\b/g, '')));
  });
}

/** Opens every collapsed group of the properties panel (their entries render only when open). */
async function openAllGroups(page: Page): Promise<void> {
  const headers = page.locator('.bio-properties-panel-group-header');
  const n = await headers.count();
  for (let i = 0; i < n; i++) {
    const h = headers.nth(i);
    // (an empty list group, e.g. 输入映射 without items, has nothing to open)
    if (!((await h.getAttribute('class')) ?? '').includes('open')) await h.locator('.bio-properties-panel-group-header-title').click();
  }
}

/** Replaces the whole text of the CodeMirror editor, as a person pasting a file does. */
async function replaceEditorText(page: Page, text: string): Promise<void> {
  await page.locator('[data-testid="json-editor"] .cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

declare global {
  interface Window {
    __designerTranslateMisses?: Set<string>;
    __designerLintMisses?: Set<string>;
  }
}

describeBrowser('designer: a policy editor turns the 2021 package into a 2026 draft, edits, publishes; the admin activates (Chromium)', () => {
  const suite = browserSuite([PACKAGE]);

  it('clone → diagram rename → broken rule seen in the problems panel → fixed → publish → admin activates; another province cannot open the draft', { timeout: 600_000 }, async () => {
    const editorApi = await suite.server.t.login('policy-editor');
    const b = await suite.open('designer-draft-2026');
    // The designer is a desktop tool: modelling on a common office screen.
    await b.page.setViewportSize({ width: 1600, height: 1000 });

    // given the 2021 examiner package deployed and active in 四川
    await signIn(b, 'policy-editor', '/designer');
    const v2021 = b.page.locator('[data-testid="version-row"][data-year="2021"]');
    await v2021.waitFor();
    await b.step('packages');
    // then it is shown with its status and notice
    expect(await v2021.innerText()).toContain('启用中');
    expect(await v2021.innerText()).toContain('川人社职鉴〔2021〕13号');
    expect(await b.page.getByTestId('package-group').first().innerText()).toContain('四川省');

    // when the editor copies it into a new year's draft, confirming 2026 and the title
    await v2021.getByTestId('clone-version').click();
    const dialog = b.page.getByTestId('clone-dialog');
    const year = dialog.getByRole('spinbutton', { name: /新年度/ });
    await year.waitFor();
    expect(await year.inputValue()).toBe('2022');
    expect(await dialog.getByRole('textbox', { name: /草稿名称/ }).inputValue()).toBe('2022年四川省技能人才评价考评员培训考核');
    await year.fill('2026');
    await dialog.getByRole('textbox', { name: /草稿名称/ }).fill('2026年四川省技能人才评价考评员培训考核');
    await b.step('clone-dialog');
    await b.page.getByRole('button', { name: '创建草稿' }).click();

    // then the draft's workspace opens on the diagram
    await b.page.waitForURL(/\/designer\/drafts\/[0-9a-f-]{36}/);
    const draftId = new URL(b.page.url()).pathname.split('/').pop()!;
    await b.page.locator('.djs-element[data-element-id="Task_UnitReview"]').waitFor();
    await b.page.locator('.djs-minimap').waitFor();
    await b.page.locator('.djs-minimap .toggle[title="打开小地图"]').click();
    await b.page.locator('.djs-minimap.open').waitFor();
    expect(await b.page.getByTestId('draft-header').innerText()).toContain('草稿');
    await b.step('diagram');
    await b.page.locator('.djs-minimap .toggle[title="关闭小地图"]').click();

    // when they select the unit review and rename it in the properties panel, then save
    await b.page.locator('.djs-element[data-element-id="Task_UnitReview"]').click();
    const name = b.page.locator('#bio-properties-panel-name');
    const general = b.page.locator('[data-group-id="group-general"] .bio-properties-panel-group-header');
    await general.waitFor();
    if (!(await name.isVisible())) await general.click();
    await name.waitFor();
    expect(await b.page.locator('.bio-properties-panel-header-type').innerText()).toBe('用户任务');
    await name.fill(RENAMED);
    await b.page.getByTestId('save-file').click();
    await b.page.getByText('已保存').first().waitFor();
    await b.step('diagram-renamed-saved');
    // then the saved BPMN has the new name, and nothing the modeler showed is left in English
    const saved = await editorApi.get(`/api/drafts/${draftId}/files/process.bpmn`);
    expect(saved.body.content).toContain(`name="${RENAMED}"`);
    expect(await englishOnScreen(b.page)).toEqual([]);
    // and every group of the panel, opened, and the context pad of other kinds of element, are Chinese too
    await openAllGroups(b.page);
    expect(await englishOnScreen(b.page)).toEqual([]);
    await b.step('panel-groups-open');
    for (const id of ['Task_CheckRegistration', 'Start_Submitted', 'Gateway_Registration']) {
      await b.page.locator(`.djs-element[data-element-id="${id}"]`).click();
      await openAllGroups(b.page);
      expect(await englishOnScreen(b.page)).toEqual([]);
    }
    expect(await misses(b.page)).toEqual([]);
    // and the XML tab shows the diagram as it stands, read-only
    await b.page.getByRole('tab', { name: 'XML(只读)' }).click();
    // (CodeMirror draws only the lines in view: the first ones are the definitions with the Zeebe namespace)
    await expect.poll(() => b.page.getByTestId('text-view').innerText(), POLL).toContain('<bpmn:definitions');
    expect(await b.page.getByTestId('text-view').innerText()).toContain('xmlns:zeebe');
    expect(await b.page.locator('[data-testid="text-view"] .cm-content').getAttribute('contenteditable')).toBe('false');
    await b.step('diagram-xml');
    await b.page.getByRole('tab', { name: '流程图' }).click();

    // when they clear the job type of the registration check in 任务定义, without saving
    const checkTask = b.page.locator('.djs-element[data-element-id="Task_CheckRegistration"]');
    await checkTask.click();
    const jobType = b.page.locator('#bio-properties-panel-taskDefinitionType');
    const taskDefinition = b.page.locator('[data-group-id="group-taskDefinition"] .bio-properties-panel-group-header');
    await taskDefinition.waitFor();
    expect(await taskDefinition.innerText()).toContain('任务定义');
    if (!(await jobType.isVisible())) await taskDefinition.click();
    const oldJobType = await jobType.inputValue();
    expect(oldJobType).not.toBe('');
    expect(await englishOnScreen(b.page)).toEqual([]);
    await jobType.fill('');
    // then the live check puts the problem in the panel at once, naming the element, in Chinese
    const taskProblem = b.page.locator('[data-testid="problem-row"][data-source="live"]').filter({ hasText: '元素 Task_CheckRegistration' });
    await expect.poll(() => taskProblem.count(), POLL).toBe(1);
    expect(await taskProblem.innerText()).toContain('任务类型');
    expect(await taskProblem.innerText()).toContain('实时检查');
    expect(await b.page.getByTestId('publish-draft').isDisabled()).toBe(true);
    // and the field says it under itself, in Chinese too
    await expect.poll(() => b.page.locator('[data-entry-id="taskDefinitionType"] .bio-properties-panel-error').innerText(), POLL).toMatch(/[\u4e00-\u9fff]/);
    await b.step('bpmn-problem-live');
    // when they select something else and then click the problem, the modeler selects that element and focuses the field
    await b.page.locator('.djs-element[data-element-id="Task_UnitReview"]').click();
    await expect.poll(() => b.page.locator('.bio-properties-panel-header-label').innerText(), POLL).not.toContain('报名受理校验');
    await taskProblem.click();
    await b.page.locator('.djs-element.selected[data-element-id="Task_CheckRegistration"]').waitFor();
    expect(await b.page.locator('.bio-properties-panel-header-label').innerText()).toContain('报名受理校验');
    await expect.poll(() => b.page.evaluate(() => document.activeElement?.id), POLL).toBe('bio-properties-panel-taskDefinitionType');
    await b.step('bpmn-problem-field-focused');
    // and typing the job type back clears it, still without saving
    await b.page.keyboard.insertText(oldJobType);
    await expect.poll(() => taskProblem.count(), POLL).toBe(0);
    expect(await jobType.inputValue()).toBe(oldJobType);
    expect(await lintMisses(b.page)).toEqual([]);
    await b.step('bpmn-problem-fixed');
    await b.page.getByTestId('save-file').click();
    await b.page.getByText('已保存').first().waitFor();
    expect(await b.page.getByTestId('problem-row').filter({ hasText: '元素 Task_CheckRegistration' }).count()).toBe(0);

    // when someone else saves the diagram in between (another tab of the same office)
    const other = (await editorApi.get(`/api/drafts/${draftId}/files/process.bpmn`)).body as { content: string; revision: number };
    const elsewhere = await editorApi.put(`/api/drafts/${draftId}/files/process.bpmn`).send({ content: other.content.replace(RENAMED, `${RENAMED}(复核)`), revision: other.revision });
    expect(elsewhere.status).toBe(200);
    b.allowHttpError('PUT', `/api/drafts/${draftId}/files/process.bpmn`, 409);
    await b.page.locator('.djs-element[data-element-id="Task_UnitReview"]').click();
    if (!(await name.isVisible())) await general.click();
    await name.fill('会被拒绝的修改');
    await b.page.getByTestId('save-file').click();
    // then the save is refused with who saved last, and offers to read the draft again
    const conflict = b.page.getByTestId('conflict-detail');
    await conflict.waitFor();
    expect(await conflict.innerText()).toContain('省职鉴中心政策编辑');
    await b.step('conflict');
    await b.page.getByRole('button', { name: '重新读取' }).click();
    await b.page.locator('.djs-element[data-element-id="Task_UnitReview"]').waitFor();
    await expect.poll(() => b.page.locator('.djs-element[data-element-id="Task_UnitReview"]').textContent(), POLL).toContain('复核');
    await b.step('conflict-reloaded');

    // when they break a rule file in the JSON editor: the first rule loses its required clause
    await b.page.locator('[data-testid="draft-file"][data-path="rules/eligibility.json"]').click();
    // (a rule set opens in the rules editor; its JSON is the last tab)
    await b.page.getByRole('tab', { name: 'JSON' }).click();
    await b.page.locator('[data-testid="json-editor"] .cm-content').waitFor();
    const original = (await editorApi.get(`/api/drafts/${draftId}/files/${encodeURIComponent(RULES)}`)).body.content as string;
    const broken = JSON.parse(original);
    delete broken.rules[0].clause;
    await replaceEditorText(b.page, JSON.stringify(broken, null, 2));
    await b.page.getByTestId('save-file').click();
    // then the problems panel names the file, the pointer and the Chinese message; publishing is refused
    const problem = b.page.getByTestId('problem-row').filter({ hasText: RULES });
    await problem.waitFor();
    expect(await problem.innerText()).toContain('缺少必填属性「clause」');
    expect(await problem.innerText()).toContain('/rules/0/clause');
    expect(await b.page.getByTestId('publish-draft').isDisabled()).toBe(true);
    await b.step('rule-problem');

    // when they go back to the diagram and click the problem, it opens the rule file again
    await b.page.locator('[data-testid="draft-file"][data-path="process.bpmn"]').click();
    await b.page.locator('.djs-element[data-element-id="Task_UnitReview"]').waitFor();
    await problem.click();
    await b.page.locator('[data-testid="json-editor"] .cm-content').waitFor();
    expect(await b.page.getByTestId('open-file').innerText()).toBe(RULES);
    // with the cursor on the rule that lacks its clause
    await expect.poll(() => b.page.locator('[data-testid="json-editor"] .cm-activeLine').innerText(), POLL).toBe('    {');
    await b.step('rule-problem-opened');

    // and fix it; leaving before saving asks first (they stay)
    await replaceEditorText(b.page, original);
    await b.page.getByRole('button', { name: /返回政策包列表/ }).click();
    const leave = b.page.locator('.ant-modal-confirm').filter({ hasText: '未保存的修改' });
    await leave.waitFor();
    await leave.getByRole('button', { name: /取\s*消/ }).click();
    await leave.waitFor({ state: 'hidden' });
    expect(new URL(b.page.url()).pathname).toBe(`/designer/drafts/${draftId}`);
    // and after saving the problem is gone and 发布 is allowed
    await b.page.getByTestId('save-file').click();
    await b.page.getByText('已保存').first().waitFor();
    await expect.poll(() => b.page.getByTestId('problem-row').filter({ hasText: RULES }).count(), POLL).toBe(0);
    expect(await b.page.getByTestId('publish-draft').isEnabled()).toBe(true);
    await b.step('rule-fixed');

    // when they go back to the list, the draft is there as 草稿 without errors, and 编辑 reopens it
    await b.page.getByRole('button', { name: /返回政策包列表/ }).click();
    const draftRow = b.page.locator('[data-testid="draft-row"][data-year="2026"]');
    await draftRow.waitFor();
    expect(await draftRow.innerText()).toContain('草稿');
    expect(await draftRow.innerText()).toContain('无错误');
    expect(await draftRow.getByTestId('publish-draft').isEnabled()).toBe(true);
    await b.step('packages-with-draft');
    // and a policy editor is offered no 部署与启用 (activation is the admin's)
    expect(await b.page.getByTestId('activate-version').count()).toBe(0);
    await draftRow.getByTestId('edit-draft').click();
    await b.page.waitForURL(`**/designer/drafts/${draftId}`);
    await b.page.locator('.djs-element[data-element-id="Task_UnitReview"]').waitFor();

    // when they publish
    await b.page.getByTestId('publish-draft').click();
    await b.page.locator('.ant-modal-confirm').getByRole('button', { name: /发\s*布/ }).click();
    await b.page.getByText('已发布为版本').first().waitFor();
    await b.step('published');
    expect(await b.page.getByTestId('draft-header').innerText()).toContain('已发布');
    // and the published draft is read-only: no save, no modelling tools
    expect(await b.page.getByTestId('save-file').count()).toBe(0);
    await expect.poll(() => b.page.locator('.djs-palette').isVisible(), POLL).toBe(false);
    expect(await misses(b.page)).toEqual([]);
    expect(b.problemsSoFar()).toEqual([]);

    // then the admin of 四川 sees the published 2026 version and deploys and activates it
    const admin = await suite.open('designer-admin-activates');
    await signIn(admin, 'admin', '/admin');
    await admin.goto('/designer');
    const v2026 = admin.page.locator('[data-testid="version-row"][data-year="2026"]');
    await v2026.waitFor();
    expect(await v2026.innerText()).toContain('已发布');
    await admin.step('admin-packages');
    await v2026.getByTestId('activate-version').click();
    // (部署与启用 opens the activation page: 启用 is offered once every scenario has run and passed)
    await admin.page.getByTestId('activation-page').waitFor();
    await admin.page.getByTestId('activation-run-scenarios').click();
    await admin.page.getByTestId('activation-scenarios-summary').waitFor({ timeout: 300_000 });
    await admin.page.getByTestId('activation-activate').click();
    await admin.page.locator('.ant-modal-confirm').getByRole('button', { name: /确\s*定/ }).click();
    await admin.page.getByText('已启用').first().waitFor();
    await expect.poll(() => v2026.innerText(), POLL).toContain('启用中');
    await admin.step('admin-activated');
    expect(admin.problemsSoFar()).toEqual([]);
    const active = (await editorApi.get('/api/packages')).body as Array<{ year: number; active: boolean }>;
    expect(active.find((v) => v.year === 2026)?.active).toBe(true);

    // and a draft the editor no longer wants can be deleted from the list
    await b.goto('/designer');
    const editorV2026 = b.page.locator('[data-testid="version-row"][data-year="2026"]');
    await editorV2026.getByTestId('clone-version').click();
    expect(await b.page.getByTestId('clone-dialog').getByRole('spinbutton', { name: /新年度/ }).inputValue()).toBe('2027');
    await b.page.getByRole('button', { name: '创建草稿' }).click();
    await b.page.waitForURL((u) => u.pathname.startsWith('/designer/drafts/') && !u.pathname.endsWith(draftId));
    await b.page.getByRole('button', { name: /返回政策包列表/ }).click();
    const draft2027 = b.page.locator('[data-testid="draft-row"][data-year="2027"]');
    await draft2027.getByTestId('delete-draft').click();
    await b.page.locator('.ant-modal-confirm').getByRole('button', { name: /确\s*定/ }).click();
    await b.page.getByText('草稿已删除').first().waitFor();
    await draft2027.waitFor({ state: 'detached' });
    await b.step('draft-deleted');
    expect(b.problemsSoFar()).toEqual([]);

    // and the policy editor of 甘肃 cannot open the draft: it does not exist for them
    const gansu = await suite.open('designer-other-province');
    gansu.allowHttpError('GET', `/api/drafts/${draftId}`, 404);
    await signIn(gansu, 'policy-editor-gansu', '/designer');
    await gansu.goto(`/designer/drafts/${draftId}`);
    await gansu.page.getByTestId('draft-not-found').waitFor();
    await gansu.step('not-found');
    expect(await gansu.page.getByTestId('draft-not-found').innerText()).toContain('草稿不存在');
    expect(gansu.problemsSoFar()).toEqual([]);
  });
});
