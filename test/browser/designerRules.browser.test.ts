import { expect, it } from 'vitest';
import { describeBrowser } from './support/chromium.ts';
import { browserSuite } from './support/browserSuite.ts';
import { signIn } from './support/signIn.ts';
import { examinerData, seedSubmittedApplication } from '../support/seedSubmittedApplication.ts';

const PACKAGE = 'sichuan/2021-examiner-training';
const RULES = 'rules/registration.json';
const FORM = 'forms/application.schema.json';
// A save validates the whole draft on the server: on a busy machine that takes more than expect.poll's 1 s.
const POLL = { timeout: 20_000 };
const fileUrl = (draftId: string, path: string) => `/designer/drafts/${draftId}?file=${encodeURIComponent(path)}`;

describeBrowser('designer: rules, forms and schedule edited in their structured editors, 试算 on a sample (Chromium)', () => {
  const suite = browserSuite([PACKAGE]);

  it('builder edit → 试算 ✔/✘ with values → save; form field table with live preview → save; schedule table; kept after reload', { timeout: 300_000 }, async () => {
    // given a 2026 draft cloned from the 2021 examiner package by a Sichuan policy editor
    const editorApi = await suite.server.t.login('policy-editor');
    const v2021 = ((await editorApi.get('/api/packages')).body as Array<{ hash: string; year: number }>).find((v) => v.year === 2021)!;
    const created = await editorApi.post('/api/drafts').send({ fromHash: v2021.hash, year: 2026 });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const draftId = created.body.id as string;
    // and a 2021 applicant (a category-4 occupation) whose application is in review
    await seedSubmittedApplication(suite.server.t, {
      packageHash: v2021.hash,
      packageId: 'sichuan-2021-examiner-training',
      applicant: 'wangqiang',
      orgId: 'org-my-filed',
      cityCode: '510700',
      status: 'IN_REVIEW',
      submittedAt: '2021-07-06T02:00:00.000Z',
      data: examinerData('王强', '510703198001011232', 'org-my-filed', { targetOccupation: { classificationEdition: '2015', kind: 'OCCUPATION', majorCategory: 4, code: '4-12-01-01', name: '汽车维修工' } }),
    });
    const b = await suite.open('designer-rules');
    await b.page.setViewportSize({ width: 1600, height: 1000 });
    await signIn(b, 'policy-editor', '/designer');

    // when they open the registration rule set
    await b.goto(fileUrl(draftId, RULES));
    const rule = b.page.locator('[data-testid="rule-card"][data-rule="occupation-in-scope"]');
    await rule.waitFor();
    // then each rule reads as sentences: groups, fact · field · operator · value, clause and the applicant's sentence
    const sentences = await rule.getByTestId('rule-sentences').innerText();
    expect(sentences).toContain('全部满足以下条件');
    expect(sentences).toContain('任一满足以下条件');
    expect(sentences).toContain('targetOccupation.majorCategory');
    expect(sentences).toContain('属于其一');
    expect(sentences).toContain('4、5、6');
    expect(sentences).toContain('SC21-02');
    expect(sentences).toContain('职业属于第四、五、六大类');
    await b.step('rules-sentences');

    // when they edit the rule in the condition builder: the categories become 5 and 6 only
    await rule.getByTestId('edit-rule').click();
    const builder = rule.getByTestId('condition-builder');
    await builder.waitFor();
    await b.step('rules-builder-open');
    expect(await builder.innerText()).toContain('任一满足');
    // (held by its element: the value attribute it is found by changes as it is typed in)
    const value = (await builder.locator('[data-testid="condition-value-input"][value="[4,5,6]"]').elementHandle())!;
    await value.fill('[5,6]');
    await value.press('Enter');
    await b.step('rules-builder-edited');
    await rule.getByTestId('edit-rule').click();
    // then the sentence shows it, and the file is marked unsaved
    await expect.poll(() => rule.getByTestId('rule-sentences').innerText()).toContain('5、6');
    expect(await rule.getByTestId('rule-sentences').innerText()).not.toContain('4、5、6');
    await b.page.getByText('有未保存的修改').waitFor();

    // when they run 试算 on the package's sample of a category-4 occupation (汽车维修工), before saving
    await b.page.getByRole('tab', { name: '试算' }).click();
    await b.page.getByTestId('trial-sample').click();
    await b.page.keyboard.type('第四类职业');
    await b.page.locator('.ant-select-item-option', { hasText: '第四类职业(汽车维修工)在范围内' }).click();
    await b.page.getByTestId('run-trial').click();
    const result = b.page.getByTestId('trial-result');
    await result.waitFor();
    // then the edited rule fails on that condition with the value found, the others pass
    const failed = result.locator('[data-testid="rule-check"]', { hasText: '申报职业' }).first();
    expect(await failed.getAttribute('data-mark')).toBe('✘');
    const condition = failed.locator('[data-testid="rule-condition"][data-mark="✘"]', { hasText: '所填大类' });
    expect(await condition.innerText()).toMatch(/查到的值:\s*4/);
    expect(await condition.innerText()).toContain('要求:5、6');
    expect(await result.locator('[data-testid="rule-condition"][data-mark="✔"]').count()).toBeGreaterThan(0);
    expect(await result.innerText()).toContain('不通过');
    await b.step('rules-trial');
    // and on the past applicant, with the registry record, as of the submission day
    await b.page.getByTestId('trial-source').getByText('以往申报').click();
    await b.page.getByTestId('trial-past').click();
    await b.page.locator('.ant-select-item-option', { hasText: '王强' }).click();
    await b.page.getByTestId('run-trial').click();
    await expect.poll(() => result.innerText(), POLL).toContain('以往申报 · 王强');
    expect(await result.innerText()).toContain('2021年7月6日');
    expect(await result.locator('[data-testid="rule-condition"][data-mark="✘"]', { hasText: '所填大类' }).innerText()).toMatch(/查到的值:\s*4/);
    await b.step('rules-trial-past');
    // and back on the rules, each sentence carries its mark and the value found
    await b.page.getByRole('tab', { name: '规则' }).click();
    expect(await rule.getByTestId('rule-trial-mark').getAttribute('data-mark')).toBe('✘');
    expect(await rule.locator('[data-testid="condition-sentence"][data-mark="✘"]', { hasText: 'majorCategory' }).innerText()).toContain('查到:4');
    expect(await rule.locator('[data-testid="condition-sentence"][data-mark="✔"]').count()).toBe(1);
    await b.step('rules-sentences-marked');

    // when they save
    await b.page.getByTestId('save-file').click();
    await b.page.getByText('已保存').first().waitFor();
    // then the saved rule set has the new categories and nothing else changed
    const saved = JSON.parse((await editorApi.get(`/api/drafts/${draftId}/files/${encodeURIComponent(RULES)}`)).body.content);
    expect(saved.rules[0].conditions.all[1].any[1].value).toEqual([5, 6]);
    expect(saved.rules[0].conditions.all[1].any[1].message).toContain('职业属于第四、五、六大类');

    // when they open the application form: the field table and the form as applicants see it
    await b.page.locator(`[data-testid="draft-file"][data-path="${FORM}"]`).click();
    const label = b.page.getByTestId('field-label-name');
    await label.waitFor();
    const preview = b.page.getByTestId('form-preview');
    await preview.getByText('姓名', { exact: true }).first().waitFor();
    await b.step('form-fields');
    // and rename the name field and give it a help line
    await label.fill('申报人姓名');
    await label.press('Enter');
    await b.page.getByTestId('field-help-name').fill('与居民身份证上的姓名一致');
    await b.page.getByTestId('field-help-name').press('Enter');
    // then the preview shows the new label and help at once
    await preview.getByText('申报人姓名').first().waitFor();
    await preview.getByText('与居民身份证上的姓名一致').first().waitFor();
    await b.step('form-preview-changed');
    await b.page.getByTestId('save-file').click();
    await b.page.getByText('已保存').first().waitFor();
    await expect.poll(async () => JSON.parse((await editorApi.get(`/api/drafts/${draftId}/files/${encodeURIComponent(FORM)}`)).body.content).properties.name.title, POLL).toBe('申报人姓名');
    // (a 已保存 of the earlier save may still be showing: the page has taken this save once nothing is left unsaved)
    await expect.poll(() => b.page.getByText('有未保存的修改').count(), POLL).toBe(0);

    // when they open the schedule
    await b.page.locator('[data-testid="draft-file"][data-path="schedule.json"]').click();
    const table = b.page.getByTestId('schedule-table');
    await table.waitFor();
    // then the windows are a table with their dates, counting convention and the notice's own words, and the calendar beside
    const text = await table.innerText();
    const titles = await table.locator('input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(titles.join('\n')).toContain('第三期考评员培训班报名');
    expect(text).toContain('报名截止时间620');
    expect(text).toContain('C1');
    await table.locator('tr', { hasText: '报名时间71' }).click();
    await b.page.getByTestId('schedule-calendar').getByText('2021年7月').waitFor();
    expect(await b.page.getByTestId('calendar-day').count()).toBeGreaterThan(27);
    await b.step('schedule');

    // when the page is read again
    await b.page.reload();
    await b.goto(fileUrl(draftId, RULES));
    // then the rule change and the form change are kept
    await expect.poll(() => b.page.locator('[data-testid="rule-card"][data-rule="occupation-in-scope"] [data-testid="rule-sentences"]').innerText(), POLL).toContain('5、6');
    await b.step('reloaded-rules');
    await b.goto(fileUrl(draftId, FORM));
    await expect.poll(() => b.page.getByTestId('field-label-name').inputValue(), POLL).toBe('申报人姓名');
    await b.page.getByTestId('form-preview').getByText('申报人姓名').first().waitFor();
    await b.step('reloaded-form');
  });
});
