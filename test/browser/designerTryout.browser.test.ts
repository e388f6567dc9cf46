import { expect, it } from 'vitest';
import { describeBrowser } from './support/chromium.ts';
import { browserSuite } from './support/browserSuite.ts';
import { signIn } from './support/signIn.ts';

const PACKAGE = 'sichuan/2021-examiner-training';
const SCENARIO = 'ineligible-category-3.json';
const SAVED = 'tryout-category-3-2026.json';
// A try-out runs a whole scratch platform; the coverage map runs one per scenario, one after another.
const RUN = { timeout: 120_000 };
const COVERAGE = { timeout: 400_000 };

describeBrowser('designer: try-out of a draft, the coverage map and the activation page (Chromium)', () => {
  const suite = browserSuite([PACKAGE]);

  it('a policy editor tries out a 2026 draft, saves the run as a scenario, sees the coverage map; the admin activates from the activation page; the editor is not offered deploy; another province gets 404', { timeout: 1_200_000 }, async () => {
    const editorApi = await suite.server.t.login('policy-editor');
    const b = await suite.open('designer-tryout');
    await b.page.setViewportSize({ width: 1600, height: 1000 });

    // given the 2021 examiner package, cloned by 四川's policy editor into a 2026 draft
    await signIn(b, 'policy-editor', '/designer');
    const v2021 = b.page.locator('[data-testid="version-row"][data-year="2021"]');
    await v2021.getByTestId('clone-version').click();
    const dialog = b.page.getByTestId('clone-dialog');
    await dialog.getByRole('spinbutton', { name: /新年度/ }).fill('2026');
    await dialog.getByRole('textbox', { name: /草稿名称/ }).fill('2026年四川省技能人才评价考评员培训考核');
    await b.page.getByRole('button', { name: '创建草稿' }).click();
    await b.page.waitForURL(/\/designer\/drafts\/[0-9a-f-]{36}/);
    const draftId = new URL(b.page.url()).pathname.split('/').pop()!;
    await b.page.locator('.djs-element[data-element-id="Task_UnitReview"]').waitFor();
    // and each element's clause (its `clause` task header) is a badge on the diagram
    await b.page.locator('.clause-badge[data-element-id="Task_BanApplication"]').waitFor({ state: 'attached' });
    expect(await b.page.locator('.clause-badge[data-element-id="Task_BanApplication"]').textContent()).toBe('SC21-31');
    expect(await b.page.locator('[data-testid="modeler-canvas"] .clause-badge').count()).toBeGreaterThan(5);
    await b.step('clause-badges');

    // when the editor opens 试运行, picks the category-3 scenario and runs it
    await b.page.getByRole('tab', { name: '试运行' }).click();
    await b.page.getByTestId('tryout-tab').waitFor();
    await b.step('tryout-tab');
    await b.page.getByTestId('tryout-scenario').click();
    await b.page.keyboard.insertText(SCENARIO);
    await b.page.locator('.ant-select-item-option').filter({ hasText: SCENARIO }).click();
    await b.page.getByTestId('tryout-run').click();
    // then the path is painted on the diagram: visited elements and flows green, the end reached
    await b.page.locator('[data-testid="tryout-diagram"][data-ready="true"]').waitFor(RUN);
    const diagram = b.page.getByTestId('tryout-diagram');
    await diagram.locator('.djs-element.path-end').first().waitFor();
    expect(await diagram.locator('.djs-shape.path-visited').count()).toBeGreaterThan(2);
    expect(await diagram.locator('.djs-connection.path-visited').count()).toBeGreaterThan(1);
    expect(await diagram.locator('.path-visited[data-element-id="Task_CheckRegistration"]').count()).toBe(1);
    expect(await diagram.locator('.path-end').getAttribute('data-element-id')).toBe('End_Ineligible');
    // and the steps with each decision, and the rule checks with their reasons
    expect(await b.page.getByTestId('tryout-status').innerText()).not.toBe('');
    expect(await b.page.getByTestId('tryout-steps').innerText()).toContain('已提交');
    expect(await b.page.getByTestId('tryout-result').innerText()).toContain('与场景预期一致');
    expect(await b.page.getByTestId('tryout-checks').innerText()).toContain('不符合');
    await b.step('tryout-path');

    // when they save the run as a scenario of the draft
    await b.page.getByTestId('tryout-save').click();
    await b.page.getByTestId('tryout-save-file').fill(SAVED);
    await b.page.getByTestId('tryout-save-name').fill('2026:第三类职业不予受理(试运行保存)');
    await b.step('tryout-save-dialog');
    await b.page.locator('.ant-modal').getByRole('button', { name: /保存为场景/ }).click();
    await b.page.getByText(`已保存为 scenarios/${SAVED}`).first().waitFor();
    // then the draft has it, with what happened as its expectation
    const saved = await editorApi.get(`/api/drafts/${draftId}/files/${encodeURIComponent(`scenarios/${SAVED}`)}`);
    expect(saved.status).toBe(200);
    const doc = JSON.parse(saved.body.content);
    expect(doc.then).toMatchObject({ status: 'REJECTED' });
    expect(doc.then.completedElements.at(-1)).toBe('End_Ineligible');
    // and it is offered in the list of scenarios (no reload)
    await b.page.getByTestId('tryout-scenario').click();
    await b.page.keyboard.insertText('tryout-');
    await b.page.locator('.ant-select-item-option').filter({ hasText: SAVED }).waitFor();
    await b.page.keyboard.press('Escape');

    // when they write a new scenario for a sample applicant and run it
    await b.page.getByTestId('tryout-mode').getByText('由示例申报人新建').click();
    await b.page.getByTestId('tryout-applicant').click();
    await b.page.locator('.ant-select-item-option').filter({ hasText: 'zhangwei' }).click();
    await b.page.locator('[data-testid="json-editor"] .cm-content').waitFor();
    await expect.poll(() => b.page.locator('[data-testid="tryout-tab"] [data-testid="json-editor"]').innerText()).toContain('zhangwei');
    await b.step('tryout-sample');
    await b.page.getByTestId('tryout-run').click();
    await expect.poll(() => b.page.getByTestId('tryout-result').innerText(), RUN).toContain('张伟');
    await b.page.locator('[data-testid="tryout-diagram"][data-ready="true"]').waitFor(RUN);
    expect(await b.page.getByTestId('tryout-result').innerText()).toContain('新场景未写预期');
    await b.step('tryout-sample-run');

    // when they run every scenario for the coverage map
    await b.page.getByTestId('coverage-run').click();
    await b.page.locator('[data-testid="coverage-diagram"][data-ready="true"]').waitFor(COVERAGE);
    // then each scenario's result is listed and what no scenario reaches is red
    const rows = b.page.locator('[data-testid="coverage-scenarios"] tbody tr');
    expect(await rows.count()).toBeGreaterThan(5);
    expect(await b.page.getByTestId('coverage-scenarios').innerText()).toContain(SAVED);
    expect(await b.page.getByTestId('coverage-summary').innerText()).toMatch(/环节覆盖 \d+\/\d+,顺序流覆盖 \d+\/\d+/);
    const coverage = b.page.getByTestId('coverage-diagram');
    expect(await coverage.locator('.path-visited').count()).toBeGreaterThan(5);
    const uncovered = await coverage.locator('.path-uncovered').count();
    expect(uncovered).toBeGreaterThan(0);
    await coverage.scrollIntoViewIfNeeded();
    await b.step('coverage-map');
    expect(b.problemsSoFar()).toEqual([]);

    // and the policy editor of 甘肃 finds no such draft, in the page and the API
    const gansu = await suite.open('designer-tryout-other-province');
    gansu.allowHttpError('GET', `/api/drafts/${draftId}`, 404);
    await signIn(gansu, 'policy-editor-gansu', '/designer');
    await gansu.goto(`/designer/drafts/${draftId}?tab=tryout`);
    await gansu.page.getByTestId('draft-not-found').waitFor();
    await gansu.step('not-found');
    const gansuApi = await suite.server.t.login('policy-editor-gansu');
    expect((await gansuApi.post(`/api/drafts/${draftId}/tryouts`).send({ scenarioFile: SCENARIO })).status).toBe(404);
    expect(gansu.problemsSoFar()).toEqual([]);

    // when the editor publishes the draft (publishing is theirs; activating is the admin's)
    const revision = (await editorApi.get(`/api/drafts/${draftId}`)).body.revision as number;
    const published = await editorApi.post(`/api/drafts/${draftId}/publish`).send({ revision });
    expect(published.status).toBe(201);
    const hash = published.body.version.hash as string;
    // then the editor is offered no 部署与启用, the activation page says it is the admin's, and the API refuses (403)
    await b.goto('/designer');
    await b.page.locator('[data-testid="version-row"][data-year="2026"]').waitFor();
    expect(await b.page.getByTestId('activate-version').count()).toBe(0);
    await b.goto(`/designer/activation/${hash}`);
    await b.page.getByTestId('activation-admin-only').waitFor();
    await b.step('editor-no-activation');
    expect((await editorApi.post(`/api/packages/${hash}/activate`)).status).toBe(403);
    expect((await editorApi.get(`/api/packages/${hash}/activation`)).status).toBe(403);
    expect(b.problemsSoFar()).toEqual([]);

    // when the admin of 四川 opens 部署与启用 for the 2026 version
    const admin = await suite.open('designer-activation');
    await admin.page.setViewportSize({ width: 1600, height: 1000 });
    await signIn(admin, 'admin', '/admin');
    await admin.goto('/designer');
    const v2026 = admin.page.locator('[data-testid="version-row"][data-year="2026"]');
    await v2026.getByTestId('activate-version').click();
    await admin.page.getByTestId('activation-page').waitFor();
    // then the diff from 2021, and what happens to running applications, are shown; 启用 waits for the scenarios
    await expect.poll(() => admin.page.getByTestId('activation-diff').innerText()).toMatch(/规则 \d+ 项、表单 \d+ 项、流程 \d+ 项、日程 \d+ 项变更/);
    expect(await admin.page.getByTestId('activation-running').innerText()).toContain('在办的申报保持其开始时的版本');
    expect(await admin.page.getByTestId('activation-activate').isDisabled()).toBe(true);
    await admin.step('activation-page');
    // when they run the replay and the scenarios
    await admin.page.getByTestId('replay-run').click();
    await admin.page.getByTestId('replay-summary').waitFor(RUN);
    expect(await admin.page.getByTestId('replay-summary').innerText()).toMatch(/^回放 \d+ 份申报/);
    await admin.page.getByTestId('activation-run-scenarios').click();
    await admin.page.getByTestId('activation-scenarios-summary').waitFor(COVERAGE);
    // then every scenario passed (the saved one too) and 启用 is offered
    const summary = await admin.page.getByTestId('activation-scenarios-summary').innerText();
    const [ok, total] = summary.match(/(\d+)\/(\d+)/)!.slice(1).map(Number);
    expect(ok).toBe(total);
    expect(await admin.page.getByTestId('activation-scenarios').innerText()).toContain(SAVED);
    await expect.poll(() => admin.page.getByTestId('activation-activate').isEnabled()).toBe(true);
    await admin.step('activation-checked');
    // when they activate
    await admin.page.getByTestId('activation-activate').click();
    await admin.page.locator('.ant-modal-confirm').getByRole('button', { name: /确\s*定/ }).click();
    await admin.page.getByText('已启用').first().waitFor();
    await admin.page.waitForURL((u) => u.pathname === '/designer');
    await expect.poll(() => admin.page.locator('[data-testid="version-row"][data-year="2026"]').innerText()).toContain('启用中');
    await admin.step('activated');
    expect(admin.problemsSoFar()).toEqual([]);
  });
});
