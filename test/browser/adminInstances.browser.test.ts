import path from 'node:path';
import { expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../engine/services/demo/demoData.ts';
import { describeBrowser } from './support/chromium.ts';
import { browserSuite } from './support/browserSuite.ts';
import { signIn } from './support/signIn.ts';
import { submitApplication } from './support/submitApplication.ts';
import { packageFiles } from '../support/packageFiles.ts';
import { waitFor } from '../support/waitFor.ts';
import { amendedVersionFiles, AMENDED_STEP, AMENDED_STEP_NAME } from '../fixtures/amendedVersion.ts';

const PACKAGE = 'sichuan/2026-examiner-training';
/** An option of the select whose list is open (closed lists stay in the page, hidden). */
const OPEN_OPTION = '.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option';

describeBrowser('an admin reads instances and the heatmap and migrates waiting instances to an amended version (Chromium)', () => {
  const suite = browserSuite([PACKAGE]);

  it('finds the busiest step on the heatmap, opens an instance (path, masked variables), migrates it, and it goes on in the inbox; Gansu sees none of it', { timeout: 300_000 }, async () => {
    // given three applications waiting at the unit review and one at the city review, and an amended version that renames the unit review
    const t = suite.server.t;
    const knex = t.platform.db.knex;
    const apps: Record<string, string> = {};
    for (const user of ['zhangwei', 'liuna', 'wangqiang', 'chenjing']) apps[user] = (await submitApplication(t, PACKAGE, 'org-my-filed', user)).applicationId;
    for (const id of Object.values(apps)) await waitFor(() => knex('tasks').where({ application_id: id, element_id: 'Task_UnitReview' }).first(), 30_000, 'unit review');
    const unit = await t.login('unit-my-filed');
    const chenTask = await knex('tasks').where({ application_id: apps.chenjing, element_id: 'Task_UnitReview' }).first();
    expect((await unit.post(`/api/tasks/${chenTask.id}/complete`).send({ decision: 'approve', opinion: '同意推荐。' })).status).toBe(200);
    await waitFor(() => knex('tasks').where({ application_id: apps.chenjing, element_id: 'Task_CityReview' }).first(), 30_000, 'city review');
    const acc = await knex('accounts').where({ username: 'admin' }).first();
    const actor = { id: acc.id, username: 'admin', displayName: acc.display_name, role: 'admin' as const, orgId: null, regionCode: acc.region_code, idNumber: null };
    const v1 = (await knex('package_versions').first('hash')).hash as string;
    const v2 = (await t.platform.services.packages.deployFromFiles(actor, amendedVersionFiles(packageFiles(path.resolve('deployments', PACKAGE))))).version.hash;

    // when the Sichuan admin opens 热力图
    const b = await suite.open('admin-instances');
    await signIn(b, 'admin', '/admin');
    await b.page.getByTestId('side-menu').getByText('热力图').click();
    await b.page.waitForURL((u) => u.pathname === '/admin/heatmap' && u.searchParams.get('package') === v1);
    // then the busiest step is named, and each waiting step carries its badge on the diagram
    await b.page.getByTestId('heatmap-top').waitFor();
    expect(await b.page.getByTestId('heatmap-top').innerText()).toContain('推荐单位初审(3 个实例)');
    await b.page.getByTestId('heat-Task_UnitReview').waitFor();
    expect(await b.page.getByTestId('heat-Task_UnitReview').innerText()).toBe('等待 3 · 中位 0 工作日');
    expect(await b.page.getByTestId('heat-Task_CityReview').innerText()).toBe('等待 1 · 中位 0 工作日');
    await b.step('heatmap');
    // when they narrow it to the city of 绵阳 and its unit
    await b.page.getByTestId('heatmap-region').click();
    await b.page.locator('.ant-cascader-menu-item', { hasText: '510700' }).click();
    await b.page.locator('.ant-cascader-menu-item', { hasText: '绵阳' }).click();
    await expect.poll(() => b.page.getByTestId('heatmap-top').innerText()).toContain('推荐单位初审(3 个实例)');
    await b.step('heatmap-unit');

    // when they follow the busiest step to its instances
    await b.page.getByTestId('heat-row-Task_UnitReview').click();
    await b.page.waitForURL((u) => u.pathname === '/admin/instances' && u.searchParams.get('step') === 'Task_UnitReview');
    await expect.poll(() => b.page.getByTestId('instances-total').innerText()).toBe('共 3 条');
    const zhang = DEMO_ACCOUNTS.find((a) => a.username === 'zhangwei')!;
    const tableText = await b.page.getByTestId('instance-table').innerText();
    // then the table masks the ID numbers and counts the working days waited
    expect(tableText).toContain(`${zhang.idNumber!.slice(0, 4)}**********${zhang.idNumber!.slice(-4)}`);
    expect(tableText).not.toContain(zhang.idNumber!);
    expect(tableText).toContain('0 个工作日');
    await b.step('instances-at-step');

    // when they open 张伟's instance
    await b.page.getByTestId(`open-instance-${apps.zhangwei}`).click();
    await b.page.getByTestId('instance-facts').waitFor();
    // then the diagram paints the path and the current step, and the variables are masked
    await b.page.locator('[data-testid="instance-diagram"] .djs-element.diagram-current').first().waitFor();
    expect(await b.page.locator('[data-testid="instance-diagram"] .djs-element.diagram-done').count()).toBeGreaterThan(1);
    expect(await b.page.locator('[data-testid="instance-diagram"] .djs-connection.diagram-flow-taken').count()).toBeGreaterThan(1);
    const page = await b.page.locator('body').innerText();
    expect(page).not.toContain(zhang.idNumber!);
    expect(await b.page.getByTestId('variable-table').innerText()).toContain('**********');
    expect(await b.page.getByTestId('instance-steps').innerText()).toContain('推荐单位初审');
    expect(await b.page.getByTestId('instance-timeline').innerText()).toContain('提交');
    // a long value is clamped to three lines with its 展开 below it, never over the text
    const value = b.page.getByTestId('variable-value-application');
    const toggle = b.page.getByTestId('variable-toggle-application');
    expect(await toggle.innerText()).toBe('展开');
    const clamped = (await value.boundingBox())!;
    expect((await toggle.boundingBox())!.y).toBeGreaterThanOrEqual(clamped.y + clamped.height - 1);
    await b.step('instance');
    await toggle.click();
    await expect.poll(() => toggle.innerText()).toBe('收起');
    const open = (await value.boundingBox())!;
    expect(open.height).toBeGreaterThan(clamped.height);
    expect((await toggle.boundingBox())!.y).toBeGreaterThanOrEqual(open.y + open.height - 1);
    await b.step('instance-variable-expanded');

    // when they check a migration to the amended version
    await b.page.getByTestId('side-menu').getByText('实例迁移').click();
    await b.page.waitForURL((u) => u.pathname === '/admin/migrations');
    await b.page.getByTestId('migration-from').click();
    await b.page.locator(OPEN_OPTION, { hasText: v1.slice(0, 8) }).click();
    await b.page.getByTestId('migration-to').click();
    await b.page.locator(OPEN_OPTION, { hasText: v2.slice(0, 8) }).click();
    await b.page.getByTestId('migration-check').click();
    // then the unit review has no counterpart yet: three instances blocked, the city review one can move
    await expect.poll(() => b.page.getByTestId('migration-summary').innerText()).toBe('可迁移 1 个,不能迁移 3 个');
    expect(await b.page.getByTestId('migration-report').innerText()).toContain('没有映射到新版本的环节');
    await b.step('migration-unmapped');
    // when they map it to the amended step and check again
    await b.page.getByTestId('map-Task_UnitReview').click();
    await b.page.locator(OPEN_OPTION, { hasText: AMENDED_STEP }).click();
    await b.page.getByTestId('migration-recheck').click();
    await expect.poll(() => b.page.getByTestId('migration-summary').innerText()).toBe('可迁移 4 个,不能迁移 0 个');
    expect(await b.page.getByTestId('migration-report').innerText()).toContain(`推荐单位初审 → ${AMENDED_STEP_NAME}`);
    await b.step('migration-mapped');
    // when they migrate
    await b.page.getByTestId('migration-execute').click();
    await b.page.locator('.ant-popconfirm').waitFor();
    await b.step('migration-confirm');
    await b.page.locator('.ant-popconfirm').getByRole('button', { name: /迁\s*移/ }).click();
    await b.page.getByTestId('migration-summary').filter({ hasText: '已迁移' }).or(b.page.getByTestId('migration-error')).waitFor();
    await b.step('migration-after');
    // then each instance is reported migrated, and is on the new version
    await expect.poll(() => b.page.getByTestId('migration-summary').innerText()).toBe('已迁移 4 个,未迁移 0 个');
    await b.step('migration-done');
    expect((await knex('applications').where({ id: apps.zhangwei }).first()).package_hash).toBe(v2);
    await b.goto(`/admin/instances/${apps.zhangwei}`);
    await b.page.getByTestId('instance-facts').waitFor();
    expect(await b.page.getByTestId('instance-steps').innerText()).toContain(AMENDED_STEP_NAME);
    expect(await b.page.getByTestId('instance-facts').innerText()).toContain(v2.slice(0, 8));
    expect(await b.page.getByTestId('instance-timeline').innerText()).toContain(`流程实例迁移到新版本(${v2.slice(0, 8)})`);
    await b.step('instance-migrated');
    expect(b.problemsSoFar()).toEqual([]);

    // when the unit reviewer decides it in the inbox
    const r = await suite.open('admin-instances-reviewer');
    await signIn(r, 'unit-my-filed', '/inbox');
    await r.page.getByTestId('task-table').locator('.ant-table-row').first().waitFor();
    expect(await r.page.getByTestId('task-table').innerText()).toContain(AMENDED_STEP_NAME);
    await r.page.getByTestId('open-task').filter({ hasText: '张伟' }).click();
    await r.page.getByTestId('task-header').waitFor();
    await r.step('migrated-task');
    await r.page.getByTestId('decision-panel').getByText('同意', { exact: true }).click();
    await r.page.getByTestId('opinion').fill('材料齐全,同意推荐。');
    await r.page.getByTestId('decision-submit').click();
    await r.page.waitForURL((u) => u.pathname === '/inbox');
    await r.step('migrated-task-decided');
    // then the process goes on from the new version's step to the city review
    await waitFor(() => knex('tasks').where({ application_id: apps.zhangwei, element_id: 'Task_CityReview' }).first(), 30_000, 'city review after the migrated step');
    expect((await t.platform.engine.getInstance((await knex('applications').where({ id: apps.zhangwei }).first()).process_instance_key))!.completedElements).toContain(AMENDED_STEP);
    expect(r.problemsSoFar()).toEqual([]);

    // and an admin of Gansu sees none of it: 404 from the API, nothing on the pages
    const gansu = await t.login('admin-gansu');
    expect((await gansu.get(`/api/admin/instances/${apps.zhangwei}`)).status).toBe(404);
    expect((await gansu.get('/api/admin/instances').query({ package: v2 })).status).toBe(404);
    expect((await gansu.get('/api/admin/heatmap').query({ package: v2 })).status).toBe(404);
    const g = await suite.open('admin-instances-gansu');
    g.allowHttpError('GET', `/api/admin/instances/${apps.zhangwei}`, 404);
    await signIn(g, 'admin-gansu', '/admin');
    await g.page.getByTestId('side-menu').getByText('热力图').click();
    await g.page.getByText('请先选择一个政策包版本').waitFor();
    await g.step('gansu-heatmap');
    await g.goto('/admin/instances');
    await g.page.getByText('请先选择一个政策包版本').waitFor();
    await g.step('gansu-instances');
    await g.goto(`/admin/instances/${apps.zhangwei}`);
    await g.page.getByText('加载失败').waitFor();
    expect(await g.page.locator('body').innerText()).toContain('流程实例不存在');
    await g.step('gansu-instance-not-found');
    expect(g.problemsSoFar()).toEqual([]);
  });
});
