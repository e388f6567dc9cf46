import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type request from 'supertest';
import { DEMO_ACCOUNTS } from '../../engine/services/demo/demoData.ts';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform.ts';
import { validApplication } from '../support/fixtures.ts';
import { PDF, PNG_FILE as PNG } from '../support/uploadFixtures.ts';

/**
 * The two tools that make a yearly change safe, over HTTP as policy staff use them: the 2021 → 2026
 * diff of the Sichuan examiner packages must show the changes diff-2021-2026.md lists, and a replay of
 * stored 2021 applications under the 2026 rules must say whose decision changes and why.
 */
const form2021 = JSON.parse(fs.readFileSync('deployments/sichuan/2021-examiner-training/forms/application.schema.json', 'utf8'));

describe('2021 → 2026 Sichuan examiner training: diff and replay', () => {
  let t: TestPlatform;
  let editor: request.Agent;
  let reviewer: request.Agent;
  let gansuEditor: request.Agent;
  let hash2021: string;
  let hash2026: string;
  const submitted: Record<string, string> = {};
  const agents: Record<string, request.Agent> = {};

  async function submit2021(username: string, recommenderOrgId: string, occupation: Record<string, unknown>) {
    const who = DEMO_ACCOUNTS.find((a) => a.username === username)!;
    const agent = agents[username]!;
    const data = validApplication({ name: who.displayName, idNumber: who.idNumber!, recommenderOrgId }, { targetOccupation: occupation, cohort: 'CITY', trainingPlanId: '2021-07-online' });
    const res = await agent.post('/api/applications').send({ packageHash: hash2021, data });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    for (const spec of form2021['x-attachments'] as Array<{ kind: string; accept: string[] }>) {
      const pdf = spec.accept.includes('application/pdf');
      await agent.post(`/api/applications/${res.body.id}/attachments`).field('kind', spec.kind).attach('file', pdf ? PDF : PNG, pdf ? 'f.pdf' : 'f.png');
    }
    const sub = await agent.post(`/api/applications/${res.body.id}/submit`);
    expect(sub.status, JSON.stringify(sub.body)).toBe(202);
    submitted[username] = res.body.id;
  }

  beforeAll(async () => {
    // given: the 2021 package in force in July 2021, three applicants, then the 2026 package deployed
    t = await startTestPlatform();
    // Sessions are opened first: a cookie that expires in 2021 would not be sent by the test agent.
    const admin = await t.login('admin');
    for (const u of ['zhangwei', 'liuna', 'wangqiang']) agents[u] = await t.login(u);
    editor = await t.login('policy-editor');
    reviewer = await t.login('city-mianyang');
    gansuEditor = await t.login('policy-editor-gansu');
    t.clock.set(Date.parse('2021-07-05T09:00:00+08:00'));
    hash2021 = (await admin.post('/api/packages').send({ source: 'sichuan/2021-examiner-training' })).body.hash;
    await admin.post(`/api/packages/${hash2021}/activate`);
    const car = { classificationEdition: '2015', kind: 'OCCUPATION', majorCategory: 4, code: '4-01-02-01', name: '汽车维修工' };
    await submit2021('zhangwei', 'org-my-filed', car); // employer filed later (2023)
    await submit2021('liuna', 'org-dy-submitted', car); // employer only ever submitted a filing
    await submit2021('wangqiang', 'org-my-filed', { classificationEdition: '2015', kind: 'OCCUPATION', majorCategory: 3, code: '3-01-01-01', name: '行政办事员' }); // category 3: out of scope in 2021
    hash2026 = (await admin.post('/api/packages').send({ source: 'sichuan/2026-examiner-training' })).body.hash;
  }, 120_000);
  afterAll(async () => t?.close());

  it('shows the changes of diff-2021-2026.md, each classified and with its clauses, in Chinese', async () => {
    // when
    const res = await editor.get('/api/package-diffs').query({ from: hash2021, to: hash2026 });
    // then
    expect(res.status).toBe(200);
    const changes = res.body.changes as Array<{ type: string; change: string; subject: string; message: string; clauses: string[] }>;
    // each item of diff-2021-2026.md as the subject the diff must report, with its type and kind of change
    const expected: Array<[item: string, subject: string, type: string, change: string, clauses?: string[]]> = [
      ['A2 classification edition 2015 → 2022', 'parameter:classificationEdition', 'rule', 'changed', ['SC21-02', 'SC26-03']],
      ['A3 category 三 added', 'parameter:majorCategories', 'rule', 'changed'],
      ['A2/A3 the scope rule', 'rule:eligibility/occupation-in-scope', 'rule', 'changed'],
      ['A5 filing gate', 'rule:eligibility/recommender-filed', 'rule', 'added', ['SC26-01']],
      ['A5 one-year pending limit', 'rule:eligibility/recommender-pending-within-a-year', 'rule', 'added'],
      ['A6/A7 individual conditions move to the unpublished 附件1', 'rule:eligibility/individual-conditions', 'rule', 'removed'],
      ['A8 senior conditions likewise', 'rule:eligibility/senior-conditions', 'rule', 'removed'],
      ['A10 the integrity pledge as a card condition', 'parameter:pledgeRequired', 'rule', 'removed'],
      ['A10 the pledge form', 'form:pledge', 'form', 'removed'],
      ['B1 the signed and stamped application form', 'attachment:application/declarationForm', 'form', 'added'],
      ['B2 social insurance proof', 'attachment:application/socialInsurance', 'form', 'added'],
      ['B2 employment agreement', 'attachment:application/employmentAgreement', 'form', 'added'],
      ['B2 ID card scan', 'attachment:application/idCardScan', 'form', 'added'],
      ['B2 photo', 'attachment:application/photo', 'form', 'added'],
      ['B3 senior: card scan', 'attachment:application/examinerCardScan', 'form', 'added'],
      ['B3 senior: work summary', 'attachment:application/workSummaryFile', 'form', 'added'],
      ['B4 the summary table leaves the application stage', 'form:summary-table', 'form', 'removed'],
      ['C1 post-hoc registration check gone', 'element:Task_CheckRegistration', 'flow', 'removed'],
      ['C1/C2 province re-review before training', 'element:Task_ProvinceReReview', 'flow', 'added'],
      ['C1 review timing parameter', 'parameter:examinerReviewTiming', 'rule', 'removed'],
      ['C8 city review deadline with automatic failure', 'element:Timer_CityReviewLate', 'schedule', 'added', ['SC26-18']],
      ['C12 issuer', 'parameter:cardIssuer', 'rule', 'removed'],
      ['C16 make-up sub-process', 'element:Task_CheckMakeup', 'flow', 'added'],
      ['C17 leave request deadline', 'parameter:leaveRequestWorkingDays', 'schedule', 'added'],
      ['C17 leave request form', 'form:leave', 'form', 'added'],
      ['C17 leave request review', 'element:Task_UnitLeaveReview', 'flow', 'added'],
      ['D1 class months', 'window-kind:class', 'schedule', 'changed'],
      ['D3 fixed registration windows', 'window-kind:registration', 'schedule', 'removed'],
      ['D5 make-up sessions', 'window-kind:makeup', 'schedule', 'added'],
      ['D7 collection in 60 working days', 'parameter:collectionWorkingDays', 'schedule', 'removed'],
      ['D7 collection in one month', 'parameter:collectionMonths', 'schedule', 'added'],
      ['D8 permanent bar after two', 'parameter:uncollectedCardsForBan', 'rule', 'removed'],
      ['D8 one-year ban after one', 'parameter:trainingBanYears', 'rule', 'added'],
      ['E1 three failed sittings', 'parameter:failuresBeforeTrainingBan', 'rule', 'added'],
      ['E5 cheating suspends the unit', 'element:Task_SuspendRecommender', 'flow', 'added'],
    ];
    for (const [item, subject, type, change, clauses] of expected) {
      const c = changes.find((x) => x.subject === subject);
      expect(c, `${item}: ${subject} is in the diff`).toBeDefined();
      expect([c!.type, c!.change], item).toEqual([type, change]);
      if (clauses) expect(c!.clauses, item).toEqual(clauses);
    }
    // every change is explained in Chinese, and all four types occur
    expect(changes.every((c) => /[\u4e00-\u9fff]/.test(c.message))).toBe(true);
    expect(Object.values(res.body.counts).every((n) => (n as number) > 0)).toBe(true);
  });

  it('replays the 2021 applicants under the 2026 rules and says who changes outcome and why', async () => {
    // when
    const res = await editor.post('/api/package-replays').send({ fromHash: hash2021, toHash: hash2026 });
    // then
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const report = res.body as { total: number; unchanged: number; transitions: Record<string, number>; changed: Array<{ applicationId: string; applicantName: string; idNumber: string; before: string; after: string; reasons: Array<{ rule: string; clause: string; before: string; after: string; message: string }>; formProblems: Array<{ pointer: string }> }> };
    expect(report.total).toBe(3);
    // 王强 applied for a category-3 occupation: out of scope in 2021, and in 2026 still refused (2015 edition code)
    expect(report.unchanged).toBe(1);
    expect(report.transitions).toEqual({ 'ELIGIBLE→INELIGIBLE': 2 });
    // and by city: every application counted in its 市(州), the changed ones where they were filed
    const byCity = (res.body as { byCity: Array<{ cityCode: string | null; total: number; changed: number; transitions: Record<string, number> }> }).byCity;
    expect(byCity.reduce((n, c) => n + c.total, 0)).toBe(3);
    expect(byCity.reduce((n, c) => n + c.changed, 0)).toBe(2);
    for (const c of res.body.changed as Array<{ cityCode: string | null }>) {
      expect(c.cityCode).toMatch(/^\d{6}$/);
      expect(byCity.find((x) => x.cityCode === c.cityCode)!.transitions['ELIGIBLE→INELIGIBLE']).toBeGreaterThan(0);
    }
    const of = (id: string) => report.changed.find((c) => c.applicationId === id)!;
    const zhang = of(submitted.zhangwei!);
    const liu = of(submitted.liuna!);
    // both: the 2015 classification code no longer counts (A2), and the unpublished 附件1 sends the rest to a reviewer (A6)
    for (const c of [zhang, liu]) {
      expect(c.reasons.find((r) => r.rule === 'occupation-in-scope')).toMatchObject({ clause: 'SC26-03', before: 'PASS', after: 'INELIGIBLE' });
      expect(c.reasons.find((r) => r.rule === 'individual-conditions-hint')).toMatchObject({ clause: 'SC26-04', before: '—', after: 'REFER' });
      expect(c.formProblems.map((p) => p.pointer)).toContain('/targetOccupation/classificationEdition');
      expect(c.idNumber).toMatch(/^\d{4}\*+\d{3}[\dX]$/);
    }
    // 刘娜's employer only submitted a filing: the 2026 filing gate (A5) refuses her, 张伟's filed employer passes it
    expect(liu.reasons.find((r) => r.rule === 'recommender-filed')).toMatchObject({ clause: 'SC26-01', after: 'INELIGIBLE' });
    expect(liu.reasons.find((r) => r.rule === 'recommender-filed')!.message).toContain('仅提交申请材料的不算');
    expect(zhang.reasons.find((r) => r.rule === 'recommender-filed')).toBeUndefined();
    expect(zhang.applicantName).toBe('张伟');
  });

  it('refuses replays and diffs to other roles and bad input with problem+json', async () => {
    // when / then
    const forbidden = await reviewer.post('/api/package-replays').send({ fromHash: hash2021, toHash: hash2026 });
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers['content-type']).toContain('application/problem+json');
    expect((await reviewer.get('/api/package-diffs').query({ from: hash2021, to: hash2026 })).status).toBe(403);
    // a policy editor of another province sees neither Sichuan's diff nor its applicants: its versions do not exist for them
    expect((await gansuEditor.get('/api/package-diffs').query({ from: hash2021, to: hash2026 })).status).toBe(404);
    expect((await gansuEditor.post('/api/package-replays').send({ fromHash: hash2021, toHash: hash2026 })).status).toBe(404);
    const bad = await editor.get('/api/package-diffs').query({ from: 'nope', to: hash2026 });
    expect(bad.status).toBe(400);
    expect(bad.body.title).toBe('请求参数不符合要求');
    const unknown = await editor.post('/api/package-replays').send({ fromHash: 'a'.repeat(64), toHash: hash2026 });
    expect(unknown.status).toBe(404);
    const noRuleSet = await editor.post('/api/package-replays').send({ fromHash: hash2021, toHash: hash2026, ruleSet: 'registration' });
    expect(noRuleSet.status).toBe(400);
  });
});
