import fs from 'node:fs';
import path from 'node:path';
import { Value } from '@sinclair/typebox/value';
import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PastApplicantSchema, TrialResultSchema } from '../../engine/http/routes/draftRuleRoutes.ts';
import { storeTargets, type StoreTarget } from '../support/stores.ts';
import { startTestPlatformOn } from '../support/startTestPlatformOn.ts';
import type { TestPlatform } from '../support/testPlatform.ts';
import { examinerData, seedSubmittedApplication } from '../support/seedSubmittedApplication.ts';

type Agent = request.Agent;
const PKG = path.resolve(import.meta.dirname, '../../deployments/sichuan/2021-examiner-training');
const checks = JSON.parse(fs.readFileSync(path.join(PKG, 'scenarios/checks-eligibility.json'), 'utf8'));
const registration = JSON.parse(fs.readFileSync(path.join(PKG, 'rules/registration.json'), 'utf8'));
const evaluate = (draftId: string, ruleSet: string) => `/api/drafts/${draftId}/rules/${ruleSet}/evaluate`;
const complaints = (schema: Parameters<typeof Value.Errors>[0], body: unknown) => [...Value.Errors(schema, body)].map((e) => `${e.path}: ${e.message}`);

describe.each(storeTargets())('试算: a draft rule set on samples and past applicants (issue 11) on $name', (store: StoreTarget) => {
  let t: TestPlatform;
  let editor: Agent;
  let draftId: string;
  let pastId: string;

  beforeAll(async () => {
    t = await startTestPlatformOn(store);
    // given: the 2021 Sichuan examiner package, an application submitted on it, and a 2026 draft cloned from it
    const { version } = await t.platform.services.packages.deployFromDirectory(null, 'sichuan/2021-examiner-training');
    pastId = await seedSubmittedApplication(t, {
      packageHash: version.hash,
      packageId: 'sichuan-2021-examiner-training',
      applicant: 'zhangwei',
      orgId: 'org-my-filed',
      cityCode: '510700',
      status: 'IN_REVIEW',
      submittedAt: '2021-07-06T02:00:00.000Z',
      data: examinerData('张伟', '510703198001011232', 'org-my-filed', { targetOccupation: { classificationEdition: '2015', kind: 'OCCUPATION', majorCategory: 7, code: '7-01-01-01', name: '某第七类职业' } }),
    });
    editor = await t.login('policy-editor');
    const res = await editor.post('/api/drafts').send({ fromHash: version.hash, year: 2026 });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    draftId = res.body.id;
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('judges every check of the package scenario as the scenario expects, each condition ✔ / ✘ / 需人工 with the value found', async () => {
    for (const c of checks.checks.filter((x: { ruleSet: string }) => x.ruleSet === 'registration')) {
      // given a sample of the package's scenario
      // when the saved rule set is tried on it
      const res = await editor.post(evaluate(draftId, 'registration')).send({ facts: c.facts, asOf: checks.given.asOf });
      // then the decision is the scenario's, and every condition says what it found
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(complaints(TrialResultSchema, res.body)).toEqual([]);
      expect(res.body.decision, c.title).toBe(c.expect.decision);
      expect(res.body.source).toEqual({ kind: 'facts', applicationId: null, applicantName: c.facts.application.name ?? null });
      for (const k of res.body.checks.flatMap((x: { conditions: unknown[] }) => x.conditions)) expect(['✔', '✘', '需人工']).toContain(k.mark);
    }
  });

  it('tries the rule set as edited, before it is saved', async () => {
    // given the first sample (a category 4 occupation, accepted) and the rule set edited to take categories 5 and 6 only
    const sample = checks.checks[0];
    const edited = structuredClone(registration);
    const any = edited.rules[0].conditions.all[1].any;
    any[1].value = [5, 6];
    // when it is tried with the edited rule set
    const res = await editor.post(evaluate(draftId, 'registration')).send({ facts: sample.facts, asOf: '2021-07-05', ruleSet: edited });
    // then the sample fails on that condition, which found 4
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.decision).toBe('INELIGIBLE');
    const rule = res.body.checks.find((c: { rule: string }) => c.rule === edited.rules[0].name);
    expect(rule.mark).toBe('✘');
    expect(rule.conditions.find((k: { path: string }) => k.path === '$.targetOccupation.majorCategory')).toMatchObject({ mark: '✘', actual: 4, expected: [5, 6] });
    // and the saved file is unchanged
    const saved = await editor.get(`/api/drafts/${draftId}/files/${encodeURIComponent('rules/registration.json')}`);
    expect(JSON.parse(saved.body.content).rules[0].conditions.all[1].any[1].value).toEqual([4, 5, 6]);
  });

  it('lists past applicants with masked ID numbers and tries one with the registry record, as of the submission day', async () => {
    // given the application submitted on the version the draft was copied from
    // when the editor lists past applicants and tries the rule set on that one
    const list = await editor.get(`/api/drafts/${draftId}/rules/applicants`);
    expect(list.status).toBe(200);
    for (const row of list.body) expect(complaints(PastApplicantSchema, row)).toEqual([]);
    expect(list.body).toEqual([expect.objectContaining({ id: pastId, applicantName: '张伟', idNumber: '5107**********1232', status: 'IN_REVIEW' })]);
    const res = await editor.post(evaluate(draftId, 'registration')).send({ applicationId: pastId });
    // then it is judged on its own data (a category 7 occupation: out of scope) as of 2021-07-06
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ decision: 'INELIGIBLE', asOf: '2021-07-06', source: { kind: 'past', applicationId: pastId, applicantName: '张伟' } });
    expect(JSON.stringify(res.body)).not.toContain('510703198001011232');
  });

  it('tries form data alone, looking the person up in the registry as the process does', async () => {
    // given the first sample's form data, without the registry facts the scenario wrote beside it
    const sample = checks.checks[0];
    // when it is tried as form data
    const res = await editor.post(evaluate(draftId, 'registration')).send({ application: sample.facts.application, asOf: '2021-07-05' });
    // then the registry gave the person's record (nothing missing) and the sample passes as in the scenario
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.source).toEqual({ kind: 'application', applicationId: null, applicantName: sample.facts.application.name });
    expect(res.body.missingFacts).toEqual([]);
    expect(res.body.decision).toBe(sample.expect.decision);
  });

  it('refuses what it cannot try, in Chinese, and hides the draft from other provinces', async () => {
    // given / when / then: a broken edited rule set is 422 with its problems
    const broken = await editor.post(evaluate(draftId, 'registration')).send({ facts: {}, ruleSet: { id: 'x', rules: [{ name: 'a' }] } });
    expect(broken.status).toBe(422);
    expect(broken.body.problems.length).toBeGreaterThan(0);
    // two samples at once, or none, is 400
    expect((await editor.post(evaluate(draftId, 'registration')).send({ facts: {}, applicationId: pastId })).status).toBe(400);
    expect((await editor.post(evaluate(draftId, 'registration')).send({})).status).toBe(400);
    // a rule set the manifest does not name, and an application of another package, are 404
    expect((await editor.post(evaluate(draftId, 'nope')).send({ facts: {} })).status).toBe(404);
    // a Gansu policy editor does not see the draft (404); an applicant may not try rules (403)
    const gansu = await t.login('policy-editor-gansu');
    expect((await gansu.post(evaluate(draftId, 'registration')).send({ facts: {} })).status).toBe(404);
    expect((await gansu.get(`/api/drafts/${draftId}/rules/applicants`)).status).toBe(404);
    const applicant = await t.login('zhangwei');
    expect((await applicant.post(evaluate(draftId, 'registration')).send({ facts: {} })).status).toBe(403);
  });
});
