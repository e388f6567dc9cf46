import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeBrowser } from './support/chromium.ts';
import { browserSuite } from './support/browserSuite.ts';
import { signIn } from './support/signIn.ts';

const PACKAGE = 'sichuan/2021-examiner-training';
const TASK = 'Task_CheckRegistration';
const REVIEW = 'Task_UnitReview';
// A save validates the whole draft on the server: on a busy machine that takes more than expect.poll's 1 s.
const POLL = { timeout: 20_000 };

/** The modeler's translate misses so far (the module records every template it had no Chinese for). */
const misses = (page: Page) => page.evaluate(() => [...(window.__designerTranslateMisses ?? [])]);

/** Latin words left in the labels the panel shows (product and format names aside). */
async function englishOnScreen(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts: string[] = [];
    for (const el of document.querySelectorAll('.bio-properties-panel-header-type, .bio-properties-panel-group-header-title, .bio-properties-panel-label, [data-testid="template-chooser"] .ant-list-item-meta-title, .ant-modal-title')) texts.push((el as HTMLElement).innerText || el.getAttribute('title') || '');
    return texts.filter((t) => /[A-Za-z]{2,}/.test(t.replace(/\b(ID|FEEL|BPMN|JSON|XML|Zeebe|Camunda)\b/g, '').replace(/[A-Za-z0-9_.:-]*[._-][A-Za-z0-9_.:-]*/g, '')));
  });
}

/** The task's element in the saved BPMN, as text. */
function elementXml(xml: string, id: string): string {
  const m = new RegExp(`<bpmn:(\\w+) id="${id}"[\\s\\S]*?</bpmn:\\1>`).exec(xml);
  if (!m) throw new Error(`${id} not in the saved BPMN`);
  return m[0];
}
const headersOf = (el: string) => Object.fromEntries([...el.matchAll(/<zeebe:header key="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));

/** Opens every collapsed group of the properties panel (their entries render only when open). */
async function openAllGroups(page: Page): Promise<void> {
  const headers = page.locator('.bio-properties-panel-group-header');
  const n = await headers.count();
  for (let i = 0; i < n; i++) {
    const h = headers.nth(i);
    if (!((await h.getAttribute('class')) ?? '').includes('open')) await h.locator('.bio-properties-panel-group-header-title').click();
  }
}

/** The panel entry labelled `label` (a template field). */
const entry = (page: Page, label: string) => page.locator('.bio-properties-panel-entry').filter({ has: page.locator('label', { hasText: new RegExp(`^${label}$`) }) });

declare global {
  interface Window {
    __designerTranslateMisses?: Set<string>;
  }
}

describeBrowser('designer: task templates for the platform workers (Chromium)', () => {
  const suite = browserSuite([PACKAGE]);

  it('a task type applied to a package task keeps its headers; the rule set is picked from the draft’s own; saved and read back', { timeout: 300_000 }, async () => {
    // given a 2026 draft cloned from the 2021 examiner package by a Sichuan policy editor
    const editorApi = await suite.server.t.login('policy-editor');
    const v2021 = ((await editorApi.get('/api/packages')).body as Array<{ hash: string; year: number }>).find((v) => v.year === 2021)!;
    const created = await editorApi.post('/api/drafts').send({ fromHash: v2021.hash, year: 2026 });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const draftId = created.body.id as string;
    const before = elementXml((await editorApi.get(`/api/drafts/${draftId}/files/process.bpmn`)).body.content as string, TASK);
    const b = await suite.open('designer-templates');
    await b.page.setViewportSize({ width: 1600, height: 1000 });
    await signIn(b, 'policy-editor', '/designer');

    // when they open the diagram and select the registration check (a rules.evaluate task without a template)
    await b.goto(`/designer/drafts/${draftId}`);
    const task = b.page.locator(`.djs-element[data-element-id="${TASK}"]`);
    await task.waitFor();
    await task.click();
    const templateGroup = b.page.locator('[data-group-id="group-ElementTemplates__Template"]');
    await templateGroup.waitFor();
    await b.step('task-selected');
    // then the panel offers 选择 a task type, in Chinese
    expect(await templateGroup.innerText()).toContain('任务类型(模板)');
    await templateGroup.getByRole('button', { name: '选择' }).click();
    const chooser = b.page.getByTestId('template-chooser');
    await chooser.waitFor();
    // and the chooser lists the platform's task types by their Chinese names
    const names = await chooser.getByTestId('template-option').allInnerTexts();
    for (const n of ['资格审核(规则判定)', '期限计算', '发证(制发证卡)', '领证登记', '注销或作废证卡', '登记处罚', '变更申报状态', '启动案件流程']) expect(names.join('\n')).toContain(n);
    expect(await englishOnScreen(b.page)).toEqual([]);
    await b.step('template-chooser');

    // when they pick 资格审核
    await chooser.locator('[data-template-id="platform.worker.rules.evaluate"]').click();
    await chooser.waitFor({ state: 'detached' });
    await openAllGroups(b.page);
    // then the panel shows the labelled fields, the rule set as a dropdown of the draft's own rule sets, still on the task's value
    const ruleSet = entry(b.page, '规则集').locator('select');
    await ruleSet.waitFor();
    expect(await ruleSet.inputValue()).toBe('registration');
    const options = await ruleSet.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    const manifest = JSON.parse((await editorApi.get(`/api/drafts/${draftId}/files/manifest.json`)).body.content as string) as { ruleSets: Array<{ id: string }> };
    expect(options).toEqual(manifest.ruleSets.map((r) => r.id));
    expect(await entry(b.page, '判定结果写入的流程变量').locator('input').inputValue()).toBe('registration');
    expect(await englishOnScreen(b.page)).toEqual([]);
    await b.step('template-applied');

    // when they save right away, the task's headers and clause are as before
    await b.page.getByTestId('save-file').click();
    await b.page.getByText('已保存').first().waitFor();
    const applied = elementXml((await editorApi.get(`/api/drafts/${draftId}/files/process.bpmn`)).body.content as string, TASK);
    expect(headersOf(applied)).toEqual(headersOf(before));
    expect(applied).toContain('<zeebe:taskDefinition type="rules.evaluate" retries="3"');
    expect(applied).toContain('<zeebe:property name="clause" value="SC21-18,SC21-01,SC21-02,SC21-31"');
    expect(applied).toContain('zeebe:modelerTemplate="platform.worker.rules.evaluate"');

    // when they choose another rule set in the dropdown and save
    await ruleSet.selectOption('eligibility');
    await b.step('rule-set-chosen');
    await b.page.getByTestId('save-file').click();
    await expect.poll(async () => headersOf(elementXml((await editorApi.get(`/api/drafts/${draftId}/files/process.bpmn`)).body.content as string, TASK)).ruleSet, POLL).toBe('eligibility');
    await b.step('rule-set-saved');
    // then read back through the API the header is the new rule set, the other headers unchanged
    const saved = headersOf(elementXml((await editorApi.get(`/api/drafts/${draftId}/files/process.bpmn`)).body.content as string, TASK));
    expect(saved).toEqual({ ...headersOf(before), ruleSet: 'eligibility' });
    // and the draft still has no problem with that task
    const draft = (await editorApi.get(`/api/drafts/${draftId}`)).body as { problems: Array<{ message: string }> };
    expect(draft.problems.filter((p) => p.message.includes(TASK))).toEqual([]);

    // when they select the unit review (a user task)
    await b.page.locator(`.djs-element[data-element-id="${REVIEW}"]`).click();
    await openAllGroups(b.page);
    // then its candidate groups can be picked from the region's roles and organisations, showing the task's own expression
    const groups = entry(b.page, '办理人员组\\(从本地区选择\\)').locator('select');
    await groups.waitFor();
    expect(await groups.inputValue()).toBe('=["unit:" + recommender.id]');
    const groupNames = await groups.locator('option').allInnerTexts();
    expect(groupNames).toContain('省职鉴中心审核人(510000)');
    expect(groupNames.some((n) => n.startsWith('推荐单位审核人:'))).toBe(true);
    // when they pick the province centre and save
    await groups.selectOption({ label: '省职鉴中心审核人(510000)' });
    await b.step('candidate-group-picked');
    await b.page.getByTestId('save-file').click();
    // then the saved task is given to the province centre
    await expect.poll(async () => elementXml((await editorApi.get(`/api/drafts/${draftId}/files/process.bpmn`)).body.content as string, REVIEW), POLL).toMatch(/candidateGroups="=\[(&quot;|&#34;)province:510000(&quot;|&#34;)\]"/);
    await b.step('candidate-group-saved');
    expect(await englishOnScreen(b.page)).toEqual([]);
    expect(await misses(b.page)).toEqual([]);
    expect(b.problemsSoFar()).toEqual([]);
  });

  it('rules builder: a fact path typed in; a rule the builder cannot show is said so and kept unchanged on save; a form field\'s ui:help edited', { timeout: 300_000 }, async () => {
    // given a draft whose 「declarations」 rule has a condition group the builder has no form for (all and any side by side)
    const RULES = 'rules/registration.json';
    const editorApi = await suite.server.t.login('policy-editor');
    const v2021 = ((await editorApi.get('/api/packages')).body as Array<{ hash: string; year: number }>).find((v) => v.year === 2021)!;
    const created = await editorApi.post('/api/drafts').send({ fromHash: v2021.hash, year: 2027 });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const draftId = created.body.id as string;
    const file = (await editorApi.get(`/api/drafts/${draftId}/files/${encodeURIComponent(RULES)}`)).body as { content: string; revision: number };
    const ruleSet = JSON.parse(file.content) as { rules: Array<{ name: string; conditions: { all: unknown[]; any?: unknown[] } }> };
    const odd = ruleSet.rules.find((r) => r.name === 'declarations')!;
    odd.conditions = { all: odd.conditions.all, any: [odd.conditions.all[0]] };
    const put = await editorApi.put(`/api/drafts/${draftId}/files/${encodeURIComponent(RULES)}`).send({ content: `${JSON.stringify(ruleSet, null, 2)}\n`, revision: file.revision });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const b = await suite.open('designer-rules-free-path');
    await b.page.setViewportSize({ width: 1600, height: 1000 });
    await signIn(b, 'policy-editor', '/designer');

    // when they open the rule set
    await b.goto(`/designer/drafts/${draftId}?file=${encodeURIComponent(RULES)}`);
    const oddCard = b.page.locator('[data-testid="rule-card"][data-rule="declarations"]');
    await oddCard.waitFor();
    // then that rule says the builder cannot show it and that it is kept
    const notice = oddCard.getByTestId('rule-unrepresentable');
    await notice.waitFor();
    expect(await notice.innerText()).toContain('无法在条件构建器中表示');
    expect(await notice.innerText()).toContain('内容保持不变');
    await b.step('rule-not-shown');

    // when they edit another rule, typing a fact path the pick list does not have as its first condition's field
    const rule = b.page.locator('[data-testid="rule-card"][data-rule="occupation-in-scope"]');
    await rule.getByTestId('edit-rule').click();
    const builder = rule.getByTestId('condition-builder');
    await builder.waitFor();
    await builder.getByTestId('condition-field-select').first().click();
    await b.page.keyboard.type('person.sanctions');
    const typed = b.page.locator('.ant-select-item-option', { hasText: '使用输入的事实路径' });
    await typed.waitFor();
    await b.step('fact-path-typed');
    await typed.click();
    await rule.getByTestId('edit-rule').click();
    await expect.poll(() => rule.getByTestId('rule-sentences').innerText(), POLL).toContain('sanctions');
    await b.step('fact-path-chosen');
    // and save
    await b.page.getByTestId('save-file').click();
    await b.page.getByText(/已保存/).first().waitFor();
    await b.step('rules-saved');

    // then the typed path is saved as fact and path, and the rule the builder could not show is exactly as it was
    const saved = JSON.parse((await editorApi.get(`/api/drafts/${draftId}/files/${encodeURIComponent(RULES)}`)).body.content as string) as typeof ruleSet;
    const first = (saved.rules.find((r) => r.name === 'occupation-in-scope')!.conditions.all[0] as { fact: string; path: string });
    expect({ fact: first.fact, path: first.path }).toEqual({ fact: 'person', path: '$.sanctions' });
    expect(saved.rules.find((r) => r.name === 'declarations')).toEqual(odd);
    expect(await notice.isVisible()).toBe(true);

    // when they open the application form's field table and give the name field a help line (ui:help)
    const FORM = 'forms/application.schema.json';
    await b.goto(`/designer/drafts/${draftId}?file=${encodeURIComponent(FORM)}`);
    const uiHelp = b.page.getByTestId('field-ui-help-name');
    await uiHelp.waitFor();
    await uiHelp.fill('请填写身份证上的姓名,不含空格');
    await uiHelp.press('Enter');
    await b.page.getByText('填写提示已保存到界面配置文件').first().waitFor();
    // then the form's preview shows it as applicants will see it
    await expect.poll(() => b.page.getByTestId('form-preview').innerText(), POLL).toContain('请填写身份证上的姓名,不含空格');
    await b.step('form-ui-help-saved');
    // and the UI file has it beside the field's other settings
    const ui = JSON.parse((await editorApi.get(`/api/drafts/${draftId}/files/${encodeURIComponent('forms/application.ui.json')}`)).body.content as string) as Record<string, Record<string, unknown>>;
    expect(ui.name).toEqual({ 'ui:placeholder': '请输入与身份证一致的姓名', 'ui:autofocus': true, 'ui:help': '请填写身份证上的姓名,不含空格' });
    expect(b.problemsSoFar()).toEqual([]);
  });
});
