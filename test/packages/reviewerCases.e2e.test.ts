import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateRuleSet } from '../../rules/index.ts';
import type { RuleSet } from '../../rules/ruleSetTypes.ts';
import { runScenario, type Scenario } from '../support/scenarioRunner.ts';
import { waitFor } from '../../engine/util/waitFor.ts';
import { shanghaiDate } from '../../engine/services/time/clock.ts';
import { storeTargets, type StoreTarget } from '../support/stores.ts';
import { startTestPlatformOn } from '../support/startTestPlatformOn.ts';
import type { TestPlatform } from '../support/testPlatform.ts';

const LC = 'liaocheng/2020-org-pilot';
const SC26 = 'sichuan/2026-examiner-training';
const SC21 = 'sichuan/2021-examiner-training';
const ORG = 'org-lc-school';

/**
 * Requests a reviewer starts (issue 10): LC20-37 「对违规失信…的评价机构,及时上报省厅移出评价目录,取消评价资格」 —
 * the city centre reports an organisation of its city, the province decides in its inbox, a removal is recorded once
 * in the registry and the package's rules refuse the organisation from then on; SC26-08, a city's request to join the
 * province's classes, decided by the province.
 */
describe.each(storeTargets())('cases started by reviewers on $name', (store: StoreTarget) => {
  let t: TestPlatform;
  const hashes: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestPlatformOn(store);
    for (const dir of [LC, SC26, SC21]) {
      const { version } = await t.platform.services.packages.deployFromDirectory(null, dir);
      await t.platform.services.packages.activate(null, version.hash);
      hashes[dir] = version.hash;
    }
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const tasksOf = (processInstanceKey: string) => t.platform.db.knex('tasks').where({ process_instance_key: processInstanceKey });
  const report = { organisationId: ORG, reasons: ['违规失信', '恶意竞争'], description: '2020年8月评价中伪造考核记录,经查属实,社会反映强烈' };

  it('LC20-37: the city reports an organisation of 聊城, the province delists it once, and the package rules refuse it', async () => {
    // given: the city centre of 聊城 sees the report among what it may start
    const city = await t.login('city-liaocheng');
    const startable = await city.get('/api/cases/startable');
    expect(startable.status).toBe(200);
    const delist = startable.body.find((c: { bpmnProcessId: string }) => c.bpmnProcessId === 'lc20-org-delisting');
    expect(delist).toMatchObject({ packageHash: hashes[LC], title: '上报省厅移出评价目录', form: { id: 'delistReport' } });
    expect(delist.form.schema.properties.reasons.items.enum).toEqual(['违规失信', '恶意竞争', '管理失序', '社会评价差']);
    const body = (data: Record<string, unknown>, requestId: string) => ({ packageHash: hashes[LC], bpmnProcessId: 'lc20-org-delisting', data, requestId });

    // when: the report has no reason and a too short description
    const bad = await city.post('/api/cases').send(body({ organisationId: ORG, reasons: [], description: '差' }, 'bad-report-0001'));
    // then: 422, in Chinese, under the fields
    expect(bad.status).toBe(422);
    expect(bad.body.title).toContain('填写不完整或不符合要求');
    expect(bad.body.problems.map((p: { pointer: string }) => p.pointer).sort()).toEqual(['/description', '/reasons']);

    // when: the organisation is another city's (绵阳), or does not exist
    const foreign = await city.post('/api/cases').send(body({ ...report, organisationId: 'org-my-filed' }, 'foreign-org-0001'));
    const unknown = await city.post('/api/cases').send(body({ ...report, organisationId: 'org-nowhere' }, 'unknown-org-0001'));
    // then: the same 422 naming the field, and nothing about the other region's organisation
    for (const res of [foreign, unknown]) {
      expect(res.status).toBe(422);
      expect(res.body.problems).toEqual([{ pointer: '/organisationId', field: 'organisationId', message: '请选择本地区机构名录中的机构' }]);
    }
    expect(JSON.stringify(foreign.body)).not.toContain('绵阳');
    expect(foreign.body).toEqual({ ...unknown.body, instance: foreign.body.instance ?? unknown.body.instance });

    // and: an applicant may not start it, and a Sichuan reviewer does not see Liaocheng's package at all
    const applicant = await t.login('lc-org-school');
    expect((await applicant.post('/api/cases').send(body(report, 'applicant-0001'))).status).toBe(403);
    expect((await applicant.get('/api/cases/startable')).status).toBe(403);
    const sichuan = await t.login('city-mianyang');
    expect((await sichuan.get('/api/cases/startable')).body.map((c: { packageHash: string }) => c.packageHash)).not.toContain(hashes[LC]);
    expect((await sichuan.post('/api/cases').send(body(report, 'sichuan-0001'))).status).toBe(404);
    expect(await t.platform.db.knex('tasks').where({ element_id: 'Task_DecideDelist' })).toEqual([]);

    // when: the city reports 聊城某职业培训学校, and the browser retries the same request
    const started = await city.post('/api/cases').send(body(report, 'delist-report-0001'));
    const retried = await city.post('/api/cases').send(body(report, 'delist-report-0001'));
    // then: one case
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(retried.body.processInstanceKey).toBe(started.body.processInstanceKey);
    const [task] = await waitFor(async () => {
      const rows = await tasksOf(started.body.processInstanceKey);
      return rows.length ? rows : null;
    }, 10_000, 'the province task');
    expect(await tasksOf(started.body.processInstanceKey)).toHaveLength(1);
    expect(task).toMatchObject({ element_id: 'Task_DecideDelist', name: '省厅决定是否移出评价目录', application_id: null });
    expect(JSON.parse(task.candidate_groups)).toEqual(['province:370000']);
    const audit = await t.platform.db.knex('audit_log').where({ action: 'case.requested', entity_id: started.body.processInstanceKey });
    expect(audit).toHaveLength(1);

    // then: the province of Shandong sees the task with the request, its form and who asked; Sichuan's does not
    const province = await t.login('province-shandong');
    const detail = await province.get(`/api/tasks/${task.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.application).toBeNull();
    expect(detail.body.request).toMatchObject({ data: report, form: { key: 'delistReport', title: '上报省厅移出评价目录' }, requester: { username: 'city-liaocheng', displayName: '聊城市职业技能鉴定中心审核人', role: 'city_reviewer', regionCode: '371500' } });
    expect(detail.body.request.form.schema.required).toContain('reasons');
    expect(detail.body.allowedDecisions.map((d: { value: string }) => d.value)).toEqual(['approve', 'reject']);
    expect((await (await t.login('province-sichuan')).get(`/api/tasks/${task.id}`)).status).toBe(404);

    // when: the province removes it from the catalogue
    expect((await province.post(`/api/tasks/${task.id}/claim`)).status).toBe(200);
    const done = await province.post(`/api/tasks/${task.id}/complete`).send({ decision: 'approve', opinion: '情况属实,移出评价目录,取消评价资格' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);

    // then: the sanction is in the registry once, and the case ended as delisted
    const sanctions = await waitFor(async () => {
      const rows = await t.platform.db.knex('sanctions').where({ subject_type: 'org', subject_id: ORG, kind: 'EVALUATION_DELISTED' });
      return rows.length ? rows : null;
    }, 10_000, 'the delisting');
    expect(sanctions).toHaveLength(1);
    expect(sanctions[0]).toMatchObject({ clause: 'LC20-37' });
    const instance = await waitFor(async () => {
      const i = await t.platform.engine.getInstance(started.body.processInstanceKey);
      return i?.status === 'COMPLETED' ? i : null;
    }, 10_000, 'the case to end');
    expect(instance.completedElements).toContain('End_Delisted');
    // a retry after the decision still is the same case, and records nothing more
    expect((await city.post('/api/cases').send(body(report, 'delist-report-0001'))).body.processInstanceKey).toBe(started.body.processInstanceKey);
    expect(await t.platform.db.knex('sanctions').where({ subject_id: ORG, kind: 'EVALUATION_DELISTED' })).toHaveLength(1);

    // and: the organisation's facts show it delisted, and the package's rules refuse its application and its plan
    const today = shanghaiDate(Date.now());
    const facts = await t.platform.services.registry.getOrganisationFacts(ORG, today);
    expect(facts.delistedSince).toBe(today);
    const pkg = await t.platform.services.packages.version(hashes[LC]);
    const checks = JSON.parse(fs.readFileSync(`deployments/${LC}/scenarios/checks-delisted-organisation.json`, 'utf8')).checks as Array<{ ruleSet: string; facts: Record<string, unknown> }>;
    for (const id of ['eligibility', 'assessment-plan']) {
      const given = checks.find((c) => c.ruleSet === id)!.facts;
      const result = await evaluateRuleSet(pkg.ruleSets[id] as RuleSet, { ...given, organisation: { ...(given.organisation as object), ...facts }, parameters: Object.fromEntries(Object.entries(pkg.manifest.parameters ?? {}).map(([k, v]) => [k, v.value])) }, { asOf: today });
      const check = result.checks.find((c) => c.rule === 'org-not-delisted')!;
      expect(check, id).toMatchObject({ clause: 'LC20-37', outcome: 'INELIGIBLE' });
      expect(check.message).toContain(`已于${today}被省厅移出评价目录`);
      expect(result.decision).toBe('INELIGIBLE');
    }
  }, 120_000);

  it('SC26-08: a city centre applies to join the province’s classes and the province approves', async () => {
    // given
    const city = await t.login('city-mianyang');
    const startable = (await city.get('/api/cases/startable')).body as Array<{ bpmnProcessId: string; packageHash: string }>;
    expect(startable.find((c) => c.bpmnProcessId === 'sc26-provincial-class-request')?.packageHash).toBe(hashes[SC26]);
    const request = { reason: '本市考评员培训师资不足,场地无法满足实操培训', traineeCount: 25, occupations: '电工、焊工' };
    // when: the city applies
    const started = await city.post('/api/cases').send({ packageHash: hashes[SC26], bpmnProcessId: 'sc26-provincial-class-request', data: request, requestId: 'class-request-0001' });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    // then: the province of Sichuan has the task with the request
    const [task] = await waitFor(async () => {
      const rows = await tasksOf(started.body.processInstanceKey);
      return rows.length ? rows : null;
    }, 10_000, 'the province task');
    expect(JSON.parse(task.candidate_groups)).toEqual(['province:510000']);
    const province = await t.login('province-sichuan');
    const detail = await province.get(`/api/tasks/${task.id}`);
    expect(detail.body.request).toMatchObject({ data: request, form: { key: 'provincial-class-request' }, requester: { username: 'city-mianyang' } });
    // and: a province reviewer may not start the city's request
    expect((await province.post('/api/cases').send({ packageHash: hashes[SC26], bpmnProcessId: 'sc26-provincial-class-request', data: request, requestId: 'class-request-0002' })).status).toBe(403);

    // when: the province approves
    await province.post(`/api/tasks/${task.id}/claim`);
    expect((await province.post(`/api/tasks/${task.id}/complete`).send({ decision: 'approve', opinion: '同意参加2026年第二期省级培训班' })).status).toBe(200);
    // then: the case ends approved and the decision is on the audit trail
    const instance = await waitFor(async () => {
      const i = await t.platform.engine.getInstance(started.body.processInstanceKey);
      return i?.status === 'COMPLETED' ? i : null;
    }, 10_000, 'the case to end');
    expect(instance.completedElements).toContain('End_ClassApproved');
    const decided = await t.platform.db.knex('audit_log').where({ action: 'task.completed', entity_id: task.id });
    expect(decided).toHaveLength(1);
    expect(JSON.parse(decided[0].detail)).toMatchObject({ decision: 'approve', opinion: '同意参加2026年第二期省级培训班' });
    // and: 绵阳 is recorded once as joining the year's provincial classes, so its applicants train with the province
    expect(instance.completedElements).toContain('Task_RecordProvincialClass');
    expect(await t.platform.db.knex('provincial_class_cities').where({ city_code: '510700', year: 2026 })).toHaveLength(1);
    expect((await t.platform.services.registry.getRecommenderFacts('org-my-filed', '2026-06-01')).provincialClassYears).toEqual([2026]);
    expect((await t.platform.services.registry.getRecommenderFacts('org-dy-stale', '2026-06-01')).provincialClassYears).toEqual([]);
  }, 120_000);

  it('SC26-08: after the approval an applicant of that city trains and sits with the province, one of another city with its city', async () => {
    // given: the approval of the test above (绵阳 joined the 2026 provincial classes)
    const runTo = async (recommender: string) => {
      const s = {
        name: `培训考核由谁组织(${recommender})`,
        clauses: ['SC26-08'],
        given: { asOf: '2026-03-02', applicant: 'zhangwei', recommender, application: {} },
        when: [{ submit: true }, { complete: 'Task_UnitReview', decision: 'approve' }, { complete: 'Task_CityReview', decision: 'approve' }, { complete: 'Task_ProvinceReReview', decision: 'approve' }, { expectWaitingAt: ['Task_TrainingExam'] }],
        then: { status: 'ADMITTED', waitingAt: ['Task_TrainingExam'] },
      } as Scenario;
      const applicationId = await runScenario(t, SC26, s);
      return waitFor(() => t.platform.db.knex('tasks').where({ application_id: applicationId, element_id: 'Task_TrainingExam' }).first(), 10_000, 'the training task');
    };
    // when: a 绵阳 unit's applicant is admitted
    const mianyang = await runTo('org-my-filed');
    // then: the province records the training and exam
    expect(JSON.parse(mianyang.candidate_groups)).toEqual(['province:510000']);
    // and: a 成都 unit's applicant (a city that did not ask) trains with its city
    const chengdu = await runTo('org-cd-city');
    expect(JSON.parse(chengdu.candidate_groups)).toEqual(['city:510100']);
    t.clock.set(Date.now());
  }, 180_000);

  it('SC21-14: a city asks for offline training with its 培训方案, and the province refuses it along its yearly plan', async () => {
    // given
    const city = await t.login('city-deyang');
    const body = (data: Record<string, unknown>) => ({ packageHash: hashes[SC21], bpmnProcessId: 'sc21-offline-training-request', data, requestId: 'offline-request-0001' });
    const request = { reason: '本市申报人员较多,网络培训条件不足', traineeCount: 60, trainingPlan: '培训内容:考评员职业道德、考评技术规范;课时16学时;师资由市职鉴中心考评专家担任;场地为市技师学院实训楼' };
    // when the 培训方案 is missing
    const missing = await city.post('/api/cases').send(body({ reason: request.reason, traineeCount: 60 }));
    // then 422 naming it
    expect(missing.status).toBe(422);
    expect(missing.body.problems.map((p: { pointer: string }) => p.pointer)).toContain('/trainingPlan');
    // when the city asks with its plan
    const started = await city.post('/api/cases').send(body(request));
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const [task] = await waitFor(async () => {
      const rows = await tasksOf(started.body.processInstanceKey);
      return rows.length ? rows : null;
    }, 10_000, 'the province task');
    // then the province reads the plan and refuses
    const province = await t.login('province-sichuan');
    expect((await province.get(`/api/tasks/${task.id}`)).body.request.data.trainingPlan).toBe(request.trainingPlan);
    await province.post(`/api/tasks/${task.id}/claim`);
    expect((await province.post(`/api/tasks/${task.id}/complete`).send({ decision: 'reject', opinion: '全年培训计划已安排线上培训,不另行组织线下培训' })).status).toBe(200);
    const instance = await waitFor(async () => {
      const i = await t.platform.engine.getInstance(started.body.processInstanceKey);
      return i?.status === 'COMPLETED' ? i : null;
    }, 10_000, 'the case to end');
    expect(instance.completedElements).toContain('End_OfflineRefused');
  }, 120_000);
});
