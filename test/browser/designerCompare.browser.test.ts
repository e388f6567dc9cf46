import { expect, it } from 'vitest';
import { describeBrowser } from './support/chromium.ts';
import { browserSuite } from './support/browserSuite.ts';
import { signIn } from './support/signIn.ts';

const OLD = 'sichuan/2021-examiner-training';
const NEW = 'sichuan/2026-examiner-training';
const POLL = { timeout: 20_000 };

describeBrowser('designer: a policy editor compares the 2026 examiner version with 2021 (Chromium)', () => {
  const suite = browserSuite([OLD, NEW]);

  it('比较 from the packages page → both diagrams coloured, the change list with counts and clauses → a flow change selects its element on both → filter 规则; another province gets not found', { timeout: 300_000 }, async () => {
    const b = await suite.open('designer-compare');
    await b.page.setViewportSize({ width: 1600, height: 1000 });

    // given both examiner versions of 四川 deployed, the policy editor on the packages page
    await signIn(b, 'policy-editor', '/designer');
    const v2026 = b.page.locator('[data-testid="version-row"][data-year="2026"]').filter({ hasText: '考评员' });
    await v2026.waitFor();
    await b.step('packages');

    // when they click 比较 on the 2026 row, the previous year's version (2021) is picked
    await v2026.getByTestId('compare-version').click();
    await b.page.waitForURL((u) => u.pathname === '/designer/compare');
    const url = new URL(b.page.url());
    const versions = (await (await suite.server.t.login('policy-editor')).get('/api/packages')).body as Array<{ hash: string; year: number; procedure: string }>;
    const hashOf = (year: number) => versions.find((v) => v.year === year && v.procedure === 'examiner-training')!.hash;
    expect(url.searchParams.get('from')).toBe(hashOf(2021));
    expect(url.searchParams.get('to')).toBe(hashOf(2026));

    // then both diagrams are drawn with the changed elements coloured: added green on the new side,
    // removed red on the old side, changed amber on both
    const oldSide = b.page.getByTestId('compare-diagram-old');
    const newSide = b.page.getByTestId('compare-diagram-new');
    await oldSide.locator('.djs-element[data-element-id="Task_CityReview"]').waitFor();
    await newSide.locator('.djs-element[data-element-id="Task_CityReview"]').waitFor();
    await b.page.getByTestId('change-row').first().waitFor();
    expect(await oldSide.locator('.djs-element.compare-changed[data-element-id="Task_CityReview"]').count()).toBe(1);
    expect(await newSide.locator('.djs-element.compare-changed[data-element-id="Task_CityReview"]').count()).toBe(1);
    expect(await newSide.locator('.djs-element.compare-added').count()).toBeGreaterThan(10);
    expect(await oldSide.locator('.djs-element.compare-removed').count()).toBeGreaterThan(5);
    expect(await oldSide.locator('.djs-element.compare-added').count()).toBe(0);
    expect(await newSide.locator('.djs-element.compare-removed').count()).toBe(0);
    // (the colour is the CSS's: a changed task's outline is amber)
    const stroke = await newSide.locator('.djs-element.compare-changed[data-element-id="Task_CityReview"] .djs-visual > :first-child').evaluate((el) => getComputedStyle(el).stroke);
    expect(stroke).toBe('rgb(212, 136, 6)');
    await b.step('compare');

    // and the change list counts each type, and a rule change names the clauses of both sides
    // (the counts are the server's diff of the two versions as they stand; the 2026 package grows as clauses are enforced)
    const diff = await (await suite.server.t.login('policy-editor')).get('/api/package-diffs').query({ from: hashOf(2021), to: hashOf(2026) });
    const counts = diff.body.counts as { rule: number; form: number; flow: number; schedule: number };
    expect(counts.rule).toBeGreaterThan(70);
    for (const [type, n] of Object.entries(counts)) expect(await b.page.getByTestId(`change-count-${type}`).innerText()).toMatch(new RegExp(`\\s${n}$`));
    expect(await b.page.getByTestId('change-count-all').innerText()).toContain(String(counts.rule + counts.form + counts.flow + counts.schedule));
    const search = b.page.locator('input[data-testid="change-search"], [data-testid="change-search"] input');
    await search.fill('SC26-16');
    const ruleChange = b.page.locator('[data-testid="change-row"][data-subject="rule:eligibility/declarations"]');
    await ruleChange.waitFor();
    expect(await ruleChange.innerText()).toContain('申报人承诺');
    expect(await ruleChange.getByTestId('change-clauses').innerText()).toMatch(/SC21-06[\s\S]*SC26-16/);

    // when they look for a flow change and click it
    await search.fill('SC26-17');
    const flowChange = b.page.locator('[data-testid="change-row"][data-subject="element:Task_CityReview"]');
    await flowChange.waitFor();
    expect(await flowChange.innerText()).toContain('市(州)职鉴中心资格审核');
    await flowChange.click();
    // then its element is selected on both diagrams
    await oldSide.locator('.djs-element.selected[data-element-id="Task_CityReview"]').waitFor();
    await newSide.locator('.djs-element.selected[data-element-id="Task_CityReview"]').waitFor();
    await b.step('flow-change-selected');

    // and an element only the new side has is selected there (the old side has nothing selected)
    await search.fill('');
    await search.fill('市(州)审核时限');
    const added = b.page.locator('[data-testid="change-row"][data-type="flow"]').filter({ hasText: '计算市(州)审核时限' });
    await added.click();
    const addedId = (await added.getAttribute('data-subject'))!.slice('element:'.length);
    await newSide.locator(`.djs-element.selected.compare-added[data-element-id="${addedId}"]`).waitFor();
    expect(await oldSide.locator('.djs-element.selected').count()).toBe(0);
    expect(await b.page.getByTestId('compare-absent-old').innerText()).toContain('旧版本中没有此环节');
    expect(await newSide.locator('.djs-element.compare-focus').count()).toBe(1);
    await b.step('added-element-selected');

    // when they filter to 规则, only rule changes are listed
    await search.fill('');
    await b.page.getByTestId('change-filter').getByText(new RegExp(`^规则 ${counts.rule}$`)).click();
    await expect.poll(async () => new Set(await b.page.getByTestId('change-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-type')))), POLL).toEqual(new Set(['rule']));
    expect(await b.page.locator('.ant-pagination-total-text').innerText()).toContain(`共 ${counts.rule} 项`);
    await b.step('filter-rules');
    expect(b.problemsSoFar()).toEqual([]);

    // and the policy editor of 甘肃 gets the not-found state for the same comparison
    const gansu = await suite.open('designer-compare-other-province');
    for (const hash of [hashOf(2021), hashOf(2026)]) gansu.allowHttpError('GET', `/api/packages/${hash}`, 404);
    await signIn(gansu, 'policy-editor-gansu', '/designer');
    await gansu.goto(`/designer/compare?from=${hashOf(2021)}&to=${hashOf(2026)}`);
    await gansu.page.getByTestId('compare-not-found').waitFor();
    expect(await gansu.page.getByTestId('compare-not-found').innerText()).toContain('版本不存在');
    expect(await gansu.page.getByTestId('compare-diagram-old').count()).toBe(0);
    await gansu.step('not-found');
    expect(gansu.problemsSoFar()).toEqual([]);
  });
});
