import { expect, it } from 'vitest';
import { describeBrowser } from './support/chromium.ts';
import { browserSuite } from './support/browserSuite.ts';
import { signIn } from './support/signIn.ts';
import { waitFor } from '../support/waitFor.ts';
import { runScenario } from '../support/scenarioRunner.ts';
import { trainingNotCompleted } from '../support/unitPenaltyScenarios.ts';

const PACKAGE = 'sichuan/2026-examiner-training';
const UNIT = 'org-my-filed';

describeBrowser('the province decides a recommending unit’s penalties from its inbox (Chromium)', () => {
  const suite = browserSuite([PACKAGE]);

  it('opens the unit’s case on what was found (3人次, SC26-51), fills the quota cuts and decides', { timeout: 240_000 }, async () => {
    // given three recommendations of 绵阳市技师学院 ended without the training completed
    const t = suite.server.t;
    for (const asOf of ['2026-01-12', '2026-03-02', '2026-05-11']) await runScenario(t, PACKAGE, trainingNotCompleted(asOf, UNIT));
    // (the reviewer works today: a session cookie dated at the scenarios' past dates would be expired in the browser)
    t.clock.set(Date.now());
    const row = await waitFor(() => t.platform.db.knex('tasks').where({ element_id: 'Task_DecideUnitPenalty' }).first(), 30_000, 'the unit penalty case');
    const b = await suite.open('unit-penalty-case');

    // when the province reviewer opens it from 待办
    await signIn(b, 'province-sichuan', '/inbox');
    await b.page.getByTestId('task-table').locator('.ant-table-row').first().waitFor();
    await b.step('inbox');
    await b.goto(`/inbox/tasks/${row.id}`);
    await b.page.getByTestId('rule-result').waitFor();
    await b.step('case-findings');
    // then the page names the unit and opens on the findings: the count found, the clause, 需人工
    const header = await b.page.getByTestId('task-header').innerText();
    expect(header).toContain('省职鉴中心决定推荐单位处罚');
    await b.page.getByText('省职鉴中心决定推荐单位处罚 · 绵阳市技师学院', { exact: false }).first().waitFor();
    const findings = await b.page.getByTestId('rule-result').innerText();
    expect(findings).toContain('3人次');
    expect(findings).toContain('SC26-51');
    // and the form tab says there is no personal application
    await b.page.getByRole('tab', { name: /申报表/ }).click();
    await b.page.getByText('没有关联的个人申报').waitFor();
    await b.step('no-application');

    // when they claim it, fill the cuts and 通报, and decide 同意 (作出处罚)
    const claim = b.page.getByRole('button', { name: /认\s*领/ });
    if (await claim.count()) {
      await claim.click();
      await b.page.getByTestId('decision-panel').waitFor();
    }
    const form = b.page.getByTestId('task-form');
    await form.waitFor();
    await form.getByLabel('削减该单位本年度参培名额(人)').fill('2');
    await form.getByLabel('削减所在市(州)本年度参培名额(人)').fill('1');
    await form.getByLabel('予以通报').check();
    await b.page.getByTestId('decision-panel').getByText('同意', { exact: true }).click();
    await b.page.getByTestId('opinion').fill('推荐人员未完成培训3人次,削减名额并通报。');
    await b.step('decision-filled');
    await b.page.getByTestId('decision-submit').click();
    await b.page.waitForURL((u) => u.pathname === '/inbox');
    await b.step('decided');

    // then the registry holds the decision for the unit, its city and the year
    const [adjustment] = await waitFor(async () => {
      const list = await t.platform.services.registry.unitYears.list({ orgId: UNIT, year: 2026 });
      return list.length ? list : null;
    }, 30_000, 'the quota adjustment');
    expect(adjustment).toMatchObject({ unitCut: 2, cityCut: 1, publicNotice: true, findings: ['unit-non-completion-below-three'] });
    expect(b.problemsSoFar()).toEqual([]);
  });
});
