import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type request from 'supertest';
import { TaskQueries } from '../../engine/services/inbox/TaskQueries.ts';
import { shanghaiDate } from '../../engine/services/time/clock.ts';
import { DEMO_ACCOUNTS } from '../../engine/services/demo/demoData.ts';
import type { TestPlatform } from '../support/testPlatform.ts';
import { waitFor } from '../support/waitFor.ts';
import { validApplication } from '../support/fixtures.ts';
import { storeTargets, type StoreTarget } from '../support/stores.ts';
import { startTestPlatformOn } from '../support/startTestPlatformOn.ts';
import { JPEG, PDF, PNG_FILE as PNG } from '../support/uploadFixtures.ts';

const PKG_DIR = 'sichuan/2026-examiner-training';
const schema = JSON.parse(fs.readFileSync(`deployments/${PKG_DIR}/forms/application.schema.json`, 'utf8'));
type Agent = request.Agent;

describe.each(storeTargets())('reviewer inbox API on $name', (store: StoreTarget) => {
  let t: TestPlatform;
  let packageHash: string;
  let city: Agent;
  let unit: Agent;
  const apps: Array<{ id: string; name: string; idNumber: string }> = [];
  const cityTask: Record<string, { id: string }> = {};
  /** Each application's eligibility decision as the rules runtime stored it (the list must show the same). */
  const ruleOf: Record<string, string> = {};
  const countRule = (d: string) => apps.filter((a) => ruleOf[a.id] === d).length;

  async function submit(username: string, orgId: string) {
    const acc = DEMO_ACCOUNTS.find((a) => a.username === username)!;
    const agent = await t.login(acc.username);
    const data = validApplication({ name: acc.displayName, idNumber: acc.idNumber!, recommenderOrgId: orgId });
    const draft = await agent.post('/api/applications').send({ packageHash, data });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    for (const spec of schema['x-attachments'] as Array<{ kind: string; accept?: string[] }>) {
      const accept = spec.accept ?? ['application/pdf'];
      const [body, name] = accept.includes('application/pdf') ? [PDF, `${spec.kind}.pdf`] : accept.includes('image/jpeg') ? [JPEG, `${spec.kind}.jpg`] : [PNG, `${spec.kind}.png`];
      expect((await agent.post(`/api/applications/${draft.body.id}/attachments`).field('kind', spec.kind).attach('file', body, name)).status).toBe(201);
    }
    expect((await agent.post(`/api/applications/${draft.body.id}/submit`)).status).toBe(202);
    return { id: draft.body.id as string, name: acc.displayName, idNumber: acc.idNumber! };
  }

  const taskOf = (agent: Agent, appId: string) =>
    waitFor(async () => (await agent.get('/api/tasks').query({ applicationId: appId })).body.items?.[0] ?? null, 20_000, `task of ${appId}`);

  beforeAll(async () => {
    t = await startTestPlatformOn(store);
    const admin = await t.login('admin');
    const deployed = await admin.post('/api/packages').send({ source: PKG_DIR });
    packageHash = deployed.body.hash;
    expect((await admin.post(`/api/packages/${packageHash}/activate`)).status).toBe(200);
    // a colleague in the same city group, for 转办
    await t.platform.services.accounts.createAccount({ username: 'city-mianyang-2', password: 'Demo@2026x', displayName: '绵阳市职鉴中心审核人乙', role: 'city_reviewer', regionCode: '510700' });

    const orgs = await t.platform.services.registry.listOrganisations({});
    const filed = orgs.find((o) => o.cityCode === '510700' && o.filingStatus === 'FILED')!;
    const applicants = DEMO_ACCOUNTS.filter((a) => a.role === 'applicant' && a.idNumber);
    for (const a of applicants.slice(0, 3)) apps.push(await submit(a.username, filed.id));
    unit = await t.login(DEMO_ACCOUNTS.find((a) => a.role === 'unit_reviewer' && a.orgId === filed.id)!.username);
    city = await t.login('city-mianyang');
    // given: the unit approved all three, so each waits at the city review
    for (const app of apps) {
      const task = await taskOf(unit, app.id);
      expect((await unit.post(`/api/tasks/${task.id}/complete`).send({ decision: 'approve', opinion: '材料齐全,同意推荐。' })).status).toBe(200);
      cityTask[app.id] = await taskOf(city, app.id);
      const row = await t.platform.db.knex('applications').where({ id: app.id }).first('eligibility');
      ruleOf[app.id] = JSON.parse(row.eligibility).decision;
    }
    expect(Object.values(ruleOf).every((d) => ['ELIGIBLE', 'REFER'].includes(d))).toBe(true);
  }, 180_000);

  afterAll(async () => {
    await t?.close();
  });

  it('lists the city reviewer’s open tasks with the columns the list shows and a total', async () => {
    // when
    const res = await city.get('/api/tasks');
    // then
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(3);
    const row = res.body.items.find((r: { applicationId: string }) => r.applicationId === apps[0].id);
    expect(row).toMatchObject({ applicantName: apps[0].name, applicantType: 'EXAMINER', elementId: 'Task_CityReview', ruleDecision: ruleOf[apps[0].id], ruleDecisionLabel: { ELIGIBLE: '通过', REFER: '需人工' }[ruleOf[apps[0].id]], packageHash, overdue: false, assignee: null });
    expect(row.recommenderName).toBeTruthy();
    expect(row.packageTitle).toBeTruthy();
    expect(row.dueAt).toBeTruthy();
    expect(typeof row.workingDaysLeft).toBe('number');
  });

  it('tells the applicant where the case waits and by when, in working days, as the reviewer list does', async () => {
    // given
    const applicant = await t.login(DEMO_ACCOUNTS.find((a) => a.username !== 'admin' && a.displayName === apps[0].name)!.username);
    // when
    const res = await applicant.get(`/api/applications/${apps[0].id}/status`);
    // then: the one open step, with the list's deadline and working days left
    expect(res.status).toBe(200);
    const row = (await city.get('/api/tasks').query({ applicationId: apps[0].id })).body.items[0];
    expect(res.body.currentSteps).toEqual([{ name: row.name, dueAt: row.dueAt, workingDaysLeft: row.workingDaysLeft, overdue: false, provisional: expect.any(Boolean) }]);
  });

  it('filters by package, procedure and year, region, step, rule result and search, each with its total', async () => {
    const total = async (query: Record<string, string>) => {
      const res = await city.get('/api/tasks').query(query);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.items.length).toBe(Math.min(res.body.total, 20));
      return res.body.total as number;
    };
    const version = (await city.get(`/api/packages/${packageHash}`)).body;
    expect(await total({ package: packageHash })).toBe(3);
    expect(await total({ package: 'f'.repeat(64) })).toBe(0);
    expect(await total({ procedure: version.procedure, year: String(version.year) })).toBe(3);
    expect(await total({ procedure: version.procedure, year: '2019' })).toBe(0);
    expect(await total({ region: '510700' })).toBe(3);
    expect(await total({ region: '510600' })).toBe(0);
    expect(await total({ step: 'Task_CityReview' })).toBe(3);
    expect(await total({ step: '市(州)职鉴中心资格审核' })).toBe(3);
    expect(await total({ step: 'Task_UnitReview' })).toBe(0);
    expect(await total({ rule: 'ELIGIBLE' })).toBe(countRule('ELIGIBLE'));
    expect(await total({ rule: 'INELIGIBLE' })).toBe(0);
    expect(await total({ rule: 'REFER' })).toBe(countRule('REFER'));
    expect(countRule('ELIGIBLE') + countRule('REFER')).toBe(3);
    // search: by name, and by the last digits of the ID number
    const byName = await city.get('/api/tasks').query({ q: apps[1].name.slice(0, 2) });
    expect(byName.body.items.map((r: { applicationId: string }) => r.applicationId)).toContain(apps[1].id);
    const bySuffix = await city.get('/api/tasks').query({ q: apps[2].idNumber.slice(-4) });
    expect(bySuffix.body.items.map((r: { applicationId: string }) => r.applicationId)).toEqual([apps[2].id]);
    expect(await total({ q: '不存在的人' })).toBe(0);
  });

  it('filters by due date on the working-day calendar and sorts by due date and created', async () => {
    const all = (await city.get('/api/tasks')).body.items as Array<{ id: string; dueAt: string; workingDaysLeft: number; createdAt: string }>;
    const within3 = (await city.get('/api/tasks').query({ due: 'within3' })).body;
    expect(within3.total).toBe(all.filter((r) => r.workingDaysLeft >= 0 && r.workingDaysLeft <= 3).length);
    // when: read a minute after the last due date (a clock of its own: the platform's timers must not fire)
    const latest = Math.max(...all.map((r) => Date.parse(r.dueAt)));
    const later = new TaskQueries(t.platform.db, t.platform.services.calendar, () => latest + 60_000);
    const reviewer = (await t.platform.services.accounts.findByUsername('city-mianyang'))!;
    const overdue = await later.list(reviewer, { due: 'overdue' });
    expect(overdue.total).toBe(3);
    expect(overdue.items.every((r) => r.overdue && (r.workingDaysLeft ?? 1) <= 0)).toBe(true);
    expect((await later.list(reviewer, { due: 'within3' })).total).toBe(0);
    expect((await later.list(reviewer, { due: 'today' })).total).toBe(all.filter((r) => shanghaiDate(Date.parse(r.dueAt)) === shanghaiDate(latest + 60_000)).length);
    const asc = (await city.get('/api/tasks').query({ sort: 'due' })).body.items.map((r: { dueAt: string }) => r.dueAt);
    expect(asc).toEqual([...asc].sort());
    const created = (await city.get('/api/tasks').query({ sort: '-created' })).body.items.map((r: { createdAt: string }) => r.createdAt);
    expect(created).toEqual([...created].sort().reverse());
    // paging: the total stays, the page shrinks
    const p2 = (await city.get('/api/tasks').query({ pageSize: '2', page: '2' })).body;
    expect(p2).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(p2.items.length).toBe(1);
    // a bad filter value is refused in Chinese
    const bad = await city.get('/api/tasks').query({ due: 'tomorrow' });
    expect(bad.status).toBe(400);
    expect(bad.body.title).toBe('请求参数不符合要求');
  });

  it('publishes every list parameter and the new endpoints in the OpenAPI document', async () => {
    const doc = (await t.agent().get('/api/openapi.json')).body;
    const names = doc.paths['/api/tasks'].get.parameters.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(['tab', 'package', 'procedure', 'year', 'region', 'step', 'due', 'rule', 'q', 'sort', 'page', 'pageSize']));
    expect(doc.paths['/api/tasks'].get.responses['200'].content['application/json'].schema.properties.total).toBeTruthy();
    for (const p of ['/api/tasks/{id}/diagram', '/api/tasks/{id}/colleagues', '/api/tasks/{id}/transfer', '/api/tasks/batch-complete']) expect(doc.paths[p], p).toBeTruthy();
    expect(doc.paths['/api/tasks/batch-complete'].post.requestBody.content['application/json'].schema.properties.taskIds).toBeTruthy();
  });

  it('shows the task detail with the application, full ID number (audited), attachments, rule result, decisions and timeline', async () => {
    // when
    const task = cityTask[apps[0].id];
    const res = await city.get(`/api/tasks/${task.id}`);
    // then
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const d = res.body;
    expect(d.application).toMatchObject({ id: apps[0].id, number: apps[0].id, applicantName: apps[0].name, packageHash });
    expect(d.application.data.idNumber).toBe(apps[0].idNumber);
    expect(d.attachments.length).toBe((schema['x-attachments'] as unknown[]).length);
    const download = await city.get(d.attachments[0].downloadUrl);
    expect(download.status).toBe(200);
    expect(d.ruleResult.decision).toBe(ruleOf[apps[0].id]);
    // a REFER result names at least one condition a person must decide
    if (d.ruleResult.decision === 'REFER') expect(d.ruleResult.checks.some((c: { mark: string }) => c.mark === '需人工')).toBe(true);
    expect(d.ruleResult.checks.length).toBeGreaterThan(0);
    for (const c of d.ruleResult.checks) {
      expect(['✔', '✘', '需人工']).toContain(c.mark);
      expect(c.message).toBeTruthy();
      expect(c.clause).toBeTruthy();
    }
    const withCondition = d.ruleResult.checks.find((c: { conditions: unknown[] }) => c.conditions.length);
    expect(withCondition.conditions[0]).toHaveProperty('actual');
    expect(d.allowedDecisions.map((x: { value: string }) => x.value)).toContain('approve');
    expect(d.allowedDecisions.every((x: { label: string }) => /同意|不同意|退回补正/.test(x.label))).toBe(true);
    expect(d.timeline.some((e: { action: string }) => e.action === 'task.completed')).toBe(true);
    const reads = await t.platform.db.knex('audit_log').where({ action: 'personal-data.read', application_id: apps[0].id });
    expect(reads.length).toBeGreaterThan(0);
  });

  it('returns the diagram data of an application mid-way: BPMN, completed and current elements, flows taken, who decided', async () => {
    // when
    const res = await city.get(`/api/tasks/${cityTask[apps[0].id].id}/diagram`);
    // then
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const g = res.body;
    expect(g.xml).toContain('bpmndi:BPMNDiagram');
    expect(g.completedElementIds).toEqual(expect.arrayContaining(['Task_CheckEligibility', 'Task_UnitReview']));
    expect(g.currentElementIds).toEqual(['Task_CityReview']);
    expect(g.takenFlowIds).toContain('Flow_ToEligibility');
    // every flow taken connects two elements that were reached
    const reached = new Set([...g.completedElementIds, ...g.currentElementIds]);
    for (const id of g.takenFlowIds) {
      const tag = new RegExp(`<bpmn:sequenceFlow id="${id}"[^>]*sourceRef="([^"]+)" targetRef="([^"]+)"`).exec(g.xml);
      expect(tag, id).toBeTruthy();
      expect(reached.has(tag![1]) && reached.has(tag![2]), id).toBe(true);
    }
    const unitReview = g.userTasks.find((u: { elementId: string }) => u.elementId === 'Task_UnitReview');
    expect(unitReview).toMatchObject({ decision: 'approve', decisionLabel: '同意', opinion: '材料齐全,同意推荐。' });
    expect(unitReview.completedByName).toBeTruthy();
  });

  it('hides everything from a reviewer of another city: empty list, 404 on detail, diagram and transfer', async () => {
    // given
    const deyang = await t.login('city-deyang');
    const id = cityTask[apps[0].id].id;
    // then
    expect((await deyang.get('/api/tasks')).body.total).toBe(0);
    expect((await deyang.get(`/api/tasks/${id}`)).status).toBe(404);
    expect((await deyang.get(`/api/tasks/${id}/diagram`)).status).toBe(404);
    expect((await deyang.get(`/api/tasks/${id}/colleagues`)).status).toBe(404);
    expect((await deyang.post(`/api/tasks/${id}/transfer`).send({ toUsername: 'city-deyang', opinion: '试图转办' })).status).toBe(404);
    const batch = await deyang.post('/api/tasks/batch-complete').send({ taskIds: [id], decision: 'approve', opinion: '同意' });
    expect(batch.body.results[0]).toMatchObject({ ok: false, result: '失败', ruleDecision: null });
    // and an applicant is not who the list is for
    expect((await (await t.login(DEMO_ACCOUNTS.find((a) => a.role === 'applicant')!.username)).get('/api/tasks')).status).toBe(403);
  });

  it('transfers a task to a colleague of the same group, refuses someone outside it, and shows it in the timeline', async () => {
    const id = cityTask[apps[1].id].id;
    // when: the page asks whom it may transfer to
    const colleagues = await city.get(`/api/tasks/${id}/colleagues`);
    // then: the other 绵阳 city reviewer, not the caller nor anyone of another city
    expect(colleagues.status).toBe(200);
    expect(colleagues.body).toEqual([{ username: 'city-mianyang-2', displayName: '绵阳市职鉴中心审核人乙' }]);
    // when: someone of another city
    const refused = await city.post(`/api/tasks/${id}/transfer`).send({ toUsername: 'city-deyang', opinion: '请协助审核' });
    // then
    expect(refused.status).toBe(422);
    expect(refused.body.title).toBe('只能转办给同一审核组的同事');
    expect((await city.post(`/api/tasks/${id}/transfer`).send({ toUsername: 'nobody-here', opinion: '请协助审核' })).status).toBe(422);
    // when: a colleague
    const ok = await city.post(`/api/tasks/${id}/transfer`).send({ toUsername: 'city-mianyang-2', opinion: '请协助审核' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const colleague = await t.login('city-mianyang-2', 'Demo@2026x');
    const mine = (await colleague.get('/api/tasks').query({ mine: 'true' })).body;
    expect(mine.items.map((r: { id: string }) => r.id)).toEqual([id]);
    expect(mine.items[0].assigneeName).toBe('绵阳市职鉴中心审核人乙');
    const detail = (await colleague.get(`/api/tasks/${id}`)).body;
    expect(detail.timeline.some((e: { action: string; label: string }) => e.action === 'task.transferred' && e.label.includes('绵阳市职鉴中心审核人乙'))).toBe(true);
    const audited = await t.platform.db.knex('audit_log').where({ action: 'task.transferred', entity_id: id });
    expect(audited.length).toBe(1);
  });

  it('completes a batch item by item: one success, one failing (claimed by a colleague), one unknown; then the 已办 tab', async () => {
    const good = cityTask[apps[0].id].id;
    const transferred = cityTask[apps[1].id].id;
    // given: the list shows each item's rule result before deciding
    const before = (await city.get('/api/tasks')).body.items as Array<{ id: string; applicationId: string; ruleDecision: string }>;
    expect(before.every((r) => r.ruleDecision === ruleOf[r.applicationId])).toBe(true);
    // when
    const res = await city.post('/api/tasks/batch-complete').send({ taskIds: [good, transferred, '999999999'], decision: 'approve', opinion: '经审核,同意。' });
    // then
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ succeeded: 1, failed: 2 });
    const [a, b, c] = res.body.results;
    expect(a).toMatchObject({ taskId: good, ok: true, result: '成功', ruleDecision: ruleOf[apps[0].id] });
    expect(b).toMatchObject({ taskId: transferred, ok: false, result: '失败' });
    expect(b.reason).toContain('任务已被他人认领');
    expect(c).toMatchObject({ ok: false, result: '失败' });
    expect(c.reason).toMatch(/不存在/);
    // the failing item is untouched
    expect((await city.get(`/api/tasks/${transferred}`)).body.state).toBe('CLAIMED');
    // 已办: the completed task with its decision and time; 待办 no longer has it
    const done = (await city.get('/api/tasks').query({ tab: 'done' })).body;
    expect(done.total).toBe(1);
    expect(done.items[0]).toMatchObject({ id: good, state: 'COMPLETED', decision: 'approve', decisionLabel: '同意', opinion: '经审核,同意。' });
    expect(done.items[0].completedAt).toBeTruthy();
    expect((await city.get('/api/tasks').query({ tab: 'done', rule: ruleOf[apps[0].id] })).body.total).toBe(1);
    expect((await city.get('/api/tasks').query({ tab: 'done', rule: 'INELIGIBLE' })).body.total).toBe(0);
    expect((await city.get('/api/tasks').query({ tab: 'done', region: '510600' })).body.total).toBe(0);
    const todo = (await city.get('/api/tasks')).body;
    expect(todo.items.map((r: { id: string }) => r.id)).not.toContain(good);
    expect((await t.login('city-mianyang-2', 'Demo@2026x').then((x) => x.get('/api/tasks').query({ tab: 'done' }))).body.total).toBe(0);
  });
});
