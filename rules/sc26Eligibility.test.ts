import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { evaluateRuleSet, type RuleSet } from './evaluateRuleSet.ts';

const ruleSet = JSON.parse(readFileSync('deployments/sichuan/2026-examiner-training/rules/eligibility.json', 'utf8')) as RuleSet;
const schema = JSON.parse(readFileSync('rules/schema/ruleSet.schema.json', 'utf8'));

const application = (over: Record<string, unknown> = {}) => ({
  applicantType: 'EXAMINER',
  targetOccupation: { classificationEdition: '2022', kind: 'OCCUPATION', majorCategory: 4, code: '4-01-02-01', name: '汽车维修工' },
  qualifications: [{ kind: 'VQ', name: '汽车维修工', occupationCode: '4-01-02-01', level: 3, certificateNo: 'x', issuedOn: '2019-06-30' }],
  declarations: { policyFamiliar: true, integrity: true, truthful: true },
  ...over,
});
const filed = { id: 'o1', filingStatus: 'FILED', filingAcceptedDate: '2023-01-01', recommendationSuspendedUntil: null };
const asOf = '2026-03-10';
const run = (facts: Record<string, unknown>) => evaluateRuleSet(ruleSet, { person: { bans: [], cards: [] }, ...facts }, { asOf });
const check = (r: Awaited<ReturnType<typeof run>>, name: string) => r.checks.find((c) => c.rule === name)!;

describe('SC26 examiner eligibility rule set', () => {
  it('validates against the rule-set schema', () => {
    // given
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    // then
    expect(validate(ruleSet), JSON.stringify(validate.errors)).toBe(true);
  });

  it('refers an applicant who passes every decidable rule to a person, flagged A-1/AMB-20, never ELIGIBLE', async () => {
    // when
    const r = await run({ application: application(), recommender: filed });
    // then
    expect(r.decision).toBe('REFER');
    expect(r.ambiguities).toEqual(expect.arrayContaining(['A-1', 'AMB-20']));
    expect(check(r, 'individual-conditions-hint').message).toContain('满足该参考条件');
  });

  it('tells each failed condition with its clause in Chinese', async () => {
    // given: a stale pending unit, category 7, a training ban
    const recommender = { id: 'o2', filingStatus: 'APPLIED', filingAcceptedDate: '2024-12-01' };
    const person = { bans: [{ kind: 'TRAINING_REGISTRATION', until: '2026-12-01', clause: 'SC26-45' }], cards: [] };
    // when
    const r = await run({ application: application({ targetOccupation: { classificationEdition: '2022', kind: 'OCCUPATION', majorCategory: 7, name: 'x' } }), recommender, person });
    // then
    expect(r.decision).toBe('INELIGIBLE');
    const failed = r.checks.filter((c) => c.outcome === 'INELIGIBLE');
    expect(failed.map((c) => c.clause).sort()).toEqual(['SC26-02', 'SC26-03', 'SC26-45']);
    for (const c of failed) expect(c.message).toMatch(/[\u4e00-\u9fa5]+.*SC26-\d\d/);
  });

  it('allows a unit accepted exactly one year ago and refuses one day more (「超过一年」, SC26-02)', async () => {
    // when
    const exactly = await run({ application: application(), recommender: { filingStatus: 'APPLIED', filingAcceptedDate: '2025-03-10' } });
    const dayMore = await run({ application: application(), recommender: { filingStatus: 'APPLIED', filingAcceptedDate: '2025-03-09' } });
    // then
    expect(check(exactly, 'recommender-pending-within-a-year').passed).toBe(true);
    expect(check(dayMore, 'recommender-pending-within-a-year').passed).toBe(false);
    expect(dayMore.decision).toBe('INELIGIBLE');
  });

  it('refuses a unit that only submitted materials without formal acceptance (SC26-01)', async () => {
    // when
    const r = await run({ application: application(), recommender: { filingStatus: 'SUBMITTED', filingAcceptedDate: null } });
    // then
    expect(check(r, 'recommender-filed').outcome).toBe('INELIGIBLE');
  });

  it('accepts categories 3–6 and 专项职业能力, not 2 or 7 (SC26-03)', async () => {
    // when
    const outcomes = await Promise.all(
      [2, 3, 6, 7].map(async (majorCategory) => check(await run({ application: application({ targetOccupation: { classificationEdition: '2022', kind: 'OCCUPATION', majorCategory, name: 'x' } }), recommender: filed }), 'occupation-in-scope').passed),
    );
    const special = await run({ application: application({ targetOccupation: { classificationEdition: '2022', kind: 'SPECIAL_ABILITY', name: '中式面点制作' } }), recommender: filed });
    // then
    expect(outcomes).toEqual([false, true, true, false]);
    expect(check(special, 'occupation-in-scope').passed).toBe(true);
  });

  it('refuses a recommender whose recommendations are suspended after cheating (SC26-52) until the end date', async () => {
    // when
    const during = await run({ application: application(), recommender: { ...filed, recommendationSuspendedUntil: '2026-06-30' } });
    const after = await evaluateRuleSet(ruleSet, { application: application(), recommender: { ...filed, recommendationSuspendedUntil: '2026-06-30' }, person: null }, { asOf: '2026-07-01' });
    // then
    expect(check(during, 'recommender-not-suspended').message).toContain('2026-06-30');
    expect(check(after, 'recommender-not-suspended').passed).toBe(true);
  });

  it('treats missing facts as failed conditions with a message, not as a crash', async () => {
    // when
    const r = await evaluateRuleSet(ruleSet, { application: {}, recommender: null, person: null }, { asOf });
    // then
    expect(r.decision).toBe('INELIGIBLE');
    expect(check(r, 'recommender-filed').passed).toBe(false);
    expect(check(r, 'no-training-ban').passed).toBe(true); // no registry record, no ban
  });

  it('refers a senior applicant below the 2021 senior threshold (SC21-08 as hint)', async () => {
    // when
    const r = await run({ application: application({ applicantType: 'SENIOR_EXAMINER', assessmentExperienceYears: 0.5 }), recommender: filed });
    // then
    expect(check(r, 'senior-conditions-hint').outcome).toBe('REFER');
    expect(r.decision).toBe('REFER');
  });
});
