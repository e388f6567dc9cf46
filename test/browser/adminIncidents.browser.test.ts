import { expect, it } from 'vitest';
import { describeBrowser } from './support/chromium.ts';
import { browserSuite } from './support/browserSuite.ts';
import { signIn } from './support/signIn.ts';
import { waitFor } from '../support/waitFor.ts';
import { runScenario, type Scenario } from '../support/scenarioRunner.ts';

const PACKAGE = 'sichuan/2026-examiner-training';

/** A Mianyang application through unit, city and province review, waiting for its exam result. */
const atExam: Scenario = {
  name: '等待录入培训考核结果',
  clauses: ['SC26-37'],
  given: { asOf: '2026-03-02', applicant: 'liuna', recommender: 'org-my-filed', application: {} },
  when: [
    { submit: true },
    { complete: 'Task_UnitReview', decision: 'approve' },
    { complete: 'Task_CityReview', decision: 'approve' },
    { complete: 'Task_ProvinceReReview', decision: 'approve' },
  ],
} as Scenario;

describeBrowser('an admin fixes an incident’s variables and retries it (Chromium)', () => {
  const suite = browserSuite([PACKAGE]);

  it('retries it in a batch (it fails again), opens the new incident, corrects the exam variable with JSON feedback, retries, and the instance goes on; Gansu sees none of it', { timeout: 240_000 }, async () => {
    // given: the exam result recorded without its date (straight through the engine, as before the form check existed): 登记考试结果 fails into an incident
    const t = suite.server.t;
    const appId = await runScenario(t, PACKAGE, atExam);
    t.clock.set(Date.now());
    const task = await waitFor(() => t.platform.db.knex('tasks').where({ application_id: appId, element_id: 'Task_TrainingExam' }).first(), 30_000, 'the exam task');
    await t.platform.engine.completeJob(task.id, { decision: 'approve', opinion: '考核合格', reviewer: '旧版本', completedAt: new Date().toISOString(), trainingCompleted: true });
    const first = await waitFor(async () => (await t.platform.engine.listIncidents({ state: 'OPEN' })).find((i) => i.elementId === 'Task_RecordExam'), 30_000, 'the incident at 登记考试结果');

    // when the Sichuan admin opens 流程事件
    const b = await suite.open('admin-incidents');
    await signIn(b, 'admin', '/admin');
    await b.page.getByTestId('side-menu').getByText('流程事件').click();
    await b.page.waitForURL((u) => u.pathname === '/admin/incidents');
    const row = b.page.getByTestId('incident-table').locator('.ant-table-row', { hasText: 'Task_RecordExam' });
    await row.waitFor();
    await b.step('incident-list');
    // then the row names the element, the error, the attempts, the application, the package and the region
    const rowText = await row.innerText();
    expect(rowText).toContain(appId.slice(0, 8));
    expect(rowText).toContain('sichuan');
    expect(rowText).toContain('510000');

    // when they retry it in a batch without correcting anything
    await row.locator('.ant-checkbox-input').check();
    await b.page.getByTestId('retry-selected').click();
    // then each item has its result, and the step fails again: a new incident, its second attempt
    await b.page.getByTestId('retry-results').getByText('Task_RecordExam:已重试').waitFor();
    await b.step('batch-retry-result');
    await b.page.getByRole('button', { name: '关 闭' }).click();
    const again = await waitFor(async () => (await t.platform.engine.listIncidents({ state: 'OPEN' })).find((i) => i.elementId === 'Task_RecordExam' && i.key !== first.key), 30_000, 'the incident after the retry');
    await b.goto('/admin/incidents');
    await row.waitFor();
    expect(await row.locator('td').nth(4).innerText()).toBe('2');
    await b.step('second-attempt');
    const incident = again;

    // when they open it and edit the exam variable with broken JSON
    await b.page.getByTestId(`open-incident-${incident.key}`).click();
    await b.page.getByTestId('incident-facts').waitFor();
    await b.page.getByTestId('edit-exam').click();
    const editor = b.page.getByTestId('variable-json');
    const exam = JSON.parse(await editor.inputValue()) as Record<string, unknown>;
    expect(exam.examDate ?? null).toBeNull();
    await editor.fill('{"examDate": 2026-03-28');
    // then the page says the JSON is wrong and does not let them save
    await expect.poll(() => b.page.getByTestId('json-feedback').innerText()).toContain('JSON 格式不正确');
    expect(await b.page.getByTestId('variable-save').isDisabled()).toBe(true);
    await b.step('json-invalid');

    // when they enter the exam with its date and result, save, and retry
    await editor.fill(JSON.stringify({ ...exam, examDate: '2026-03-28', trainingCompleted: true, result: 'PASS' }, null, 2));
    await expect.poll(() => b.page.getByTestId('json-feedback').innerText()).toBe('JSON 格式正确');
    await b.step('json-corrected');
    await b.page.getByTestId('variable-save').click();
    await b.page.getByText('已更正变量:exam').waitFor();
    await b.page.getByTestId('variable-editor').waitFor({ state: 'detached' });
    expect(await b.page.getByTestId('variable-table').innerText()).toContain('2026-03-28');
    await b.step('variable-saved');
    await b.page.getByTestId('incident-retry').click();
    await b.page.getByTestId('incident-resolved').waitFor();
    await b.step('retried');

    // then the exam is recorded and the process goes on to the card
    await waitFor(async () => (await t.platform.db.knex('applications').where({ id: appId }).first()).status === 'CARD_ISSUED', 30_000, 'card issued');
    expect(await t.platform.engine.listIncidents({ processInstanceKey: incident.processInstanceKey, state: 'OPEN' })).toEqual([]);
    await b.goto('/admin/incidents');
    await b.page.getByTestId('incident-table').waitFor();
    await b.page.getByText('没有流程事件').waitFor();
    await b.step('no-open-incidents');
    expect(b.problemsSoFar()).toEqual([]);

    // and an admin of Gansu sees none of it: not in the list, and the incident itself does not exist for them
    const g = await suite.open('admin-incidents-gansu');
    g.allowHttpError('GET', `/api/incidents/${incident.key}`, 404);
    await signIn(g, 'admin-gansu', '/admin');
    await g.goto('/admin/incidents');
    await g.page.getByTestId('incident-state').getByText('已解决').click();
    await g.page.getByText('没有流程事件').waitFor();
    await g.step('gansu-resolved-list');
    await g.goto(`/admin/incidents/${incident.key}`);
    await g.page.getByText('加载失败').waitFor();
    expect(await g.page.locator('body').innerText()).toContain('事件不存在');
    await g.step('gansu-incident-not-found');
    expect(g.problemsSoFar()).toEqual([]);
  });

  it('says in Chinese why a retry cannot work yet, and goes on once the missing variable is put back', { timeout: 240_000 }, async () => {
    // given: an application at the province's review whose recommender variable got lost: the exam task's candidate groups ("city:" + recommender.cityCode) have no value
    const t = suite.server.t;
    const appId = await runScenario(t, PACKAGE, { ...atExam, name: '推荐单位变量缺失', given: { ...atExam.given, applicant: 'chenjing' }, when: atExam.when.slice(0, 3) } as Scenario);
    t.clock.set(Date.now());
    const app = await t.platform.db.knex('applications').where({ id: appId }).first('process_instance_key');
    const review = await waitFor(() => t.platform.db.knex('tasks').where({ application_id: appId, element_id: 'Task_ProvinceReReview' }).first(), 30_000, 'the province review');
    const recommender = (await t.platform.engine.getInstance(app.process_instance_key))!.variables.recommender;
    await t.platform.engine.setVariables(app.process_instance_key, { recommender: null });
    await t.platform.engine.completeJob(review.id, { decision: 'approve', opinion: '同意', reviewer: '四川省职鉴中心审核人', completedAt: new Date().toISOString() });
    const incident = await waitFor(async () => (await t.platform.engine.listIncidents({ processInstanceKey: app.process_instance_key, state: 'OPEN' }))[0], 30_000, 'the incident at the exam task');
    expect(incident).toMatchObject({ elementId: 'Task_TrainingExam', errorType: 'EXTRACT_VALUE_ERROR' });

    // when the admin retries it as it is
    const b = await suite.open('admin-incident-not-yet');
    b.allowHttpError('POST', `/api/incidents/${incident.key}/resolve`, 409);
    await signIn(b, 'admin', '/admin');
    await b.goto(`/admin/incidents/${incident.key}`);
    await b.page.getByTestId('incident-facts').waitFor();
    await b.page.getByTestId('incident-retry').click();
    // then the page says why, in Chinese, and the incident stays open
    const reason = b.page.getByTestId('retry-reason');
    await reason.waitFor();
    expect(await reason.innerText()).toContain('事件原因仍未消除');
    expect(await reason.innerText()).toContain('仍不可用');
    await b.step('retry-refused');

    // when they put the recommender back and retry
    await b.page.getByTestId('edit-recommender').click();
    await b.page.getByTestId('variable-json').fill(JSON.stringify(recommender, null, 2));
    await b.page.getByTestId('variable-save').click();
    await b.page.getByText('已更正变量:recommender').waitFor();
    await b.page.getByTestId('incident-retry').click();
    await b.page.getByTestId('incident-resolved').waitFor();
    await b.step('retried-after-fix');
    // then the exam task reaches the city's inbox
    await waitFor(() => t.platform.db.knex('tasks').where({ application_id: appId, element_id: 'Task_TrainingExam' }).first(), 30_000, 'the exam task');
    expect(b.problemsSoFar()).toEqual([]);
  });
});
