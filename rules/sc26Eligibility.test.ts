import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { checkRuleSet } from './checkRuleSet.ts';
import { evaluateRuleSet } from './evaluateRuleSet.ts';
import type { Evaluation, RuleSet } from './ruleSetTypes.ts';
import { RULE_SET_SCHEMA_PATH } from './ruleSetSchemaPath.ts';

const FILE = 'deployments/sichuan/2026-examiner-training/rules/eligibility.json';
const json: unknown = JSON.parse(readFileSync(FILE, 'utf8'));
const ruleSet = json as RuleSet;

/** A complete EXAMINER application as the SC26 form produces it. */
function application(over: Record<string, unknown> = {}) {
  return {
    applicantType: 'EXAMINER',
    name: '张伟',
    gender: '男',
    idNumber: '510703198503120011',
    mobile: '13800138000',
    education: '大学本科',
    employer: '绵阳某汽车服务有限公司',
    address: '四川省绵阳市涪城区演示路1号',
    recommenderOrgId: 'org-my-filed',
    targetOccupation: { classificationEdition: '2022', kind: 'OCCUPATION', majorCategory: 4, code: '4-12-01-01', name: '汽车维修工' },
    qualifications: [{ kind: 'VQ', name: '汽车维修工', occupationCode: '4-12-01-01', level: 3, certificateNo: 'S000051000000001', issuedOn: '2019-06-30' }],
    experience: '2018年起从事汽车维修工职业技能培训与考核工作。',
    declarations: { policyFamiliar: true, integrity: true, truthful: true },
    ...over,
  };
}
const filed = { id: 'org-my-filed', name: '绵阳某汽车服务有限公司', regionCode: '510703', cityCode: '510700', filingStatus: 'FILED', filingAcceptedDate: '2023-01-01', isUndelegatedProvincialInChengdu: false, recommendationSuspendedUntil: null };
const cleanPerson = { idNumber: '510703198503120011', bans: [], cards: [] };
const asOf = '2026-03-10';

function run(facts: { application?: unknown; recommender?: unknown; person?: unknown }, at = asOf): Promise<Evaluation> {
  return evaluateRuleSet(ruleSet, { application: application(), recommender: filed, person: cleanPerson, ...facts }, { asOf: at });
}
const check = (r: Evaluation, name: string) => {
  const c = r.checks.find((x) => x.rule === name);
  if (!c) throw new Error(`no check ${name}`);
  return c;
};
const occupation = (o: Record<string, unknown>) => application({ targetOccupation: { classificationEdition: '2022', name: '某职业', ...o } });

describe('SC26 examiner eligibility rule set (deployments/sichuan/2026-examiner-training)', () => {
  it('validates against the rule-set schema with ajv draft-07, strict as the package loader compiles it', () => {
    // given
    const schema: unknown = JSON.parse(readFileSync(RULE_SET_SCHEMA_PATH, 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
    (addFormats as unknown as (a: Ajv) => Ajv)(ajv);
    // when
    const validate = ajv.compile(schema as object);
    // then
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(checkRuleSet(json)).toMatchObject({ ok: true });
  });

  it('names a clause and a Chinese sentence on every rule and every condition', () => {
    // given
    const conditions: Array<{ clause?: string; message?: string }> = [];
    const walk = (t: unknown): void => {
      if (t === null || typeof t !== 'object') return;
      const o = t as Record<string, unknown>;
      if ('fact' in o && 'operator' in o) conditions.push(o as { clause?: string; message?: string });
      for (const k of ['all', 'any']) if (Array.isArray(o[k])) (o[k] as unknown[]).forEach(walk);
      if (o.not) walk(o.not);
    };
    // when
    for (const r of ruleSet.rules) {
      walk(r.conditions);
      walk(r.appliesWhen);
    }
    // then
    for (const r of ruleSet.rules) {
      expect(r.clause).toMatch(/^[A-Z]{2}\d{2}-\d{2}$/);
      expect(r.failMessage, r.name).toMatch(/[\u4e00-\u9fa5]/);
      expect(r.passMessage, r.name).toMatch(/[\u4e00-\u9fa5]/);
    }
    for (const c of conditions) {
      expect(c.clause).toMatch(/^[A-Z]{2}\d{2}-\d{2}$/);
      expect(c.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('refers an applicant who passes every decidable rule to a person, flagged A-1 and AMB-20, never ELIGIBLE', async () => {
    // when
    const r = await run({});
    // then
    expect(r.decision).toBe('REFER');
    expect(r.ambiguities).toEqual(expect.arrayContaining(['A-1', 'AMB-20', 'AMB-06']));
    expect(r.checks.filter((c) => c.outcome === 'INELIGIBLE')).toEqual([]);
    const hint = check(r, 'individual-conditions-hint');
    expect(hint).toMatchObject({ clause: 'SC26-04', passed: true, outcome: 'REFER' });
    expect(hint.message).toContain('满足该参考条件');
    expect(hint.message).toContain('附件1');
    expect(check(r, 'senior-conditions-hint')).toMatchObject({ applicable: false, outcome: 'PASS' });
    expect(r.missingFacts).toEqual([]);
  });

  it('refers with a different sentence an applicant below the 2021 threshold (四级, or a 初级 title)', async () => {
    // when
    const r = await run({ application: application({ qualifications: [{ kind: 'VQ', name: '汽车维修工', occupationCode: '4-12-01-01', level: 4, certificateNo: 'x', issuedOn: '2019-06-30' }, { kind: 'TITLE', name: '助理工程师', titleGrade: '初级', certificateNo: 'y', issuedOn: '2018-01-01' }] }) });
    // then
    expect(r.decision).toBe('REFER');
    const hint = check(r, 'individual-conditions-hint');
    expect(hint).toMatchObject({ passed: false, outcome: 'REFER' });
    expect(hint.message).toContain('未达到该参考条件');
    expect(hint.message).toContain('附件1');
  });

  it('does not count a 三级 certificate in another occupation, but does count a 中级 title (AMB-06: relevance is a human check)', async () => {
    // given
    const otherOccupation = [{ kind: 'VQ', name: '电工', occupationCode: '6-31-01-03', level: 2, certificateNo: 'x', issuedOn: '2019-06-30' }];
    const title = [{ kind: 'TITLE', name: '工程师', titleGrade: '中级', certificateNo: 'y', issuedOn: '2018-01-01' }];
    // when
    const a = await run({ application: application({ qualifications: otherOccupation }) });
    const b = await run({ application: application({ qualifications: title }) });
    // then
    expect(check(a, 'individual-conditions-hint').passed).toBe(false);
    expect(check(b, 'individual-conditions-hint').passed).toBe(true);
  });

  it('tells an applicant with three failures each failed rule, with its clause and a Chinese sentence', async () => {
    // given: a unit accepted in 2024 and still pending, a category-7 occupation, a training ban from an uncollected card
    const recommender = { ...filed, filingStatus: 'APPLIED', filingAcceptedDate: '2024-12-01' };
    const person = { ...cleanPerson, bans: [{ kind: 'TRAINING_REGISTRATION', until: '2026-12-01', permanent: false, clause: 'SC26-45' }] };
    // when
    const r = await run({ application: occupation({ kind: 'OCCUPATION', majorCategory: 7, name: '军人' }), recommender, person });
    // then
    expect(r.decision).toBe('INELIGIBLE');
    const failed = r.checks.filter((c) => c.outcome === 'INELIGIBLE');
    expect(failed.map((c) => c.clause)).toEqual(['SC26-02', 'SC26-03', 'SC26-45']);
    expect(failed.map((c) => c.message)).toEqual([
      '推荐单位备案申请于2024-12-01受理,至2026-03-10已超过一年仍未完成备案,不能推荐(SC26-02)',
      '申报考评的职业(工种)须属于《中华人民共和国职业分类大典(2022版)》第三、四、五、六大类,或为专项职业能力考核项目;所申报的「军人」不在此范围(SC26-03)',
      '申报人处于培训报名限制期内(依据SC26-45,限制至2026-12-01),期间不得报名参加培训:逾期未领取证卡被注销的、累计三次考试(含补考)未通过的,一年内不得再次报名参加培训(SC26-45、SC26-32)',
    ]);
    // the failed conditions are there too, with the values found
    const category = check(r, 'occupation-in-scope').conditions.find((c) => c.path === '$.targetOccupation.majorCategory');
    expect(category).toMatchObject({ actual: 7, expected: [3, 4, 5, 6], passed: false, clause: 'SC26-03', message: '职业属于第三、四、五、六大类(所填大类:7)' });
    expect(r.ambiguities).toEqual(['AMB-22']);
  });

  it('allows a unit accepted exactly one year before asOf and refuses one day more (「超过一年」 excludes the number, SC26-02)', async () => {
    // when
    const exactly = await run({ recommender: { ...filed, filingStatus: 'APPLIED', filingAcceptedDate: '2025-03-10' } });
    const dayMore = await run({ recommender: { ...filed, filingStatus: 'APPLIED', filingAcceptedDate: '2025-03-09' } });
    // then
    expect(check(exactly, 'recommender-pending-within-a-year')).toMatchObject({ applicable: true, passed: true, outcome: 'PASS' });
    expect(exactly.decision).toBe('REFER');
    expect(check(dayMore, 'recommender-pending-within-a-year')).toMatchObject({ passed: false, outcome: 'INELIGIBLE', ambiguities: ['AMB-22'] });
    expect(dayMore.decision).toBe('INELIGIBLE');
    expect(dayMore.ambiguities).toEqual(['AMB-22']);
  });

  it('applies the one-year limit only to units whose filing is accepted and pending (SC26-02)', async () => {
    // when
    const r = await run({});
    // then
    expect(check(r, 'recommender-pending-within-a-year')).toMatchObject({ applicable: false, outcome: 'PASS' });
    expect(check(r, 'recommender-pending-within-a-year').message).toContain('不涉及一年期限');
  });

  it('refuses a unit that only submitted materials without formal acceptance (SC26-01)', async () => {
    // when
    const submitted = await run({ recommender: { ...filed, filingStatus: 'SUBMITTED', filingAcceptedDate: null } });
    const none = await run({ recommender: { ...filed, filingStatus: 'NONE', filingAcceptedDate: null } });
    const accepted = await run({ recommender: { ...filed, filingStatus: 'APPLIED', filingAcceptedDate: '2026-01-15' } });
    // then
    expect(check(submitted, 'recommender-filed')).toMatchObject({ outcome: 'INELIGIBLE' });
    expect(check(submitted, 'recommender-filed').message).toContain('未被人社部门正式受理');
    expect(check(none, 'recommender-filed').outcome).toBe('INELIGIBLE');
    expect(check(accepted, 'recommender-filed').outcome).toBe('PASS');
    expect(submitted.checks.filter((c) => c.outcome === 'INELIGIBLE').map((c) => c.clause)).toEqual(['SC26-01']);
  });

  it('accepts major categories 3–6, not 2 or 7, in the 2022 edition only (SC26-03)', async () => {
    // when
    const passed = async (o: Record<string, unknown>) => check(await run({ application: occupation(o) }), 'occupation-in-scope').passed;
    // then
    expect(await passed({ kind: 'OCCUPATION', majorCategory: 2 })).toBe(false);
    expect(await passed({ kind: 'OCCUPATION', majorCategory: 3 })).toBe(true);
    expect(await passed({ kind: 'OCCUPATION', majorCategory: 6 })).toBe(true);
    expect(await passed({ kind: 'OCCUPATION', majorCategory: 7 })).toBe(false);
    expect(await passed({ kind: 'OCCUPATION', majorCategory: 4, classificationEdition: '2015' })).toBe(false);
  });

  it('accepts a 专项职业能力考核 project without a major category (SC26-03)', async () => {
    // when
    const r = await run({ application: occupation({ kind: 'SPECIAL_ABILITY', name: '中式面点制作' }) });
    // then
    expect(check(r, 'occupation-in-scope')).toMatchObject({ passed: true, outcome: 'PASS' });
    expect(check(r, 'occupation-in-scope').message).toContain('「中式面点制作」');
  });

  it('refuses a recommender suspended after cheating through the last day of the suspension (SC26-52)', async () => {
    // given
    const recommender = { ...filed, recommendationSuspendedUntil: '2026-06-30' };
    // when
    const during = await run({ recommender });
    const lastDay = await run({ recommender }, '2026-06-30');
    const after = await run({ recommender }, '2026-07-01');
    // then
    expect(check(during, 'recommender-not-suspended').message).toBe('推荐单位因所推荐人员考试作弊,推荐资格被暂停至2026-06-30,暂停期间不能推荐(SC26-52)');
    expect(check(lastDay, 'recommender-not-suspended').outcome).toBe('INELIGIBLE');
    expect(check(after, 'recommender-not-suspended').outcome).toBe('PASS');
  });

  it('ignores expired bans and bans of other kinds, and counts permanent ones', async () => {
    // given
    const expired = { ...cleanPerson, bans: [{ kind: 'TRAINING_REGISTRATION', until: '2026-03-09', clause: 'SC26-45' }] };
    const lastDay = { ...cleanPerson, bans: [{ kind: 'TRAINING_REGISTRATION', until: '2026-03-10', clause: 'SC26-32' }] };
    const permanent = { ...cleanPerson, bans: [{ kind: 'EXAMINER_APPLICATION', until: null, permanent: true, clause: 'SC21-31' }] };
    // when
    const a = await run({ person: expired });
    const b = await run({ person: lastDay });
    const c = await run({ person: permanent });
    // then
    expect(check(a, 'no-training-ban').passed).toBe(true);
    expect(check(b, 'no-training-ban').message).toContain('依据SC26-32,限制至2026-03-10');
    expect(check(c, 'no-training-ban').passed).toBe(true);
    expect(check(c, 'no-examiner-application-ban')).toMatchObject({ outcome: 'INELIGIBLE', message: '申报人的考评员申报资格已被取消(依据SC21-31,期限:永久),不能申报考评员' });
  });

  it('refuses an applicant who has not made every declaration (binding)', async () => {
    // when
    const r = await run({ application: application({ declarations: { policyFamiliar: true, integrity: false, truthful: true } }) });
    // then
    const d = check(r, 'declarations');
    expect(d.outcome).toBe('INELIGIBLE');
    expect(d.conditions.filter((c) => !c.passed).map((c) => c.clause)).toEqual(['SC21-06']);
    expect(r.decision).toBe('INELIGIBLE');
  });

  it('treats missing facts as failed conditions that say what is missing, never as a pass or a crash', async () => {
    // when
    const r = await evaluateRuleSet(ruleSet, { application: {}, recommender: null }, { asOf });
    // then
    expect(r.decision).toBe('INELIGIBLE');
    expect(r.missingFacts).toEqual(['person', 'recommender']);
    expect(check(r, 'recommender-filed').message).toMatch(/^未取得推荐单位信息,无法判定。/);
    // would pass on its own (no suspension date), but there is no recommender to check
    expect(check(r, 'recommender-not-suspended')).toMatchObject({ passed: false, outcome: 'INELIGIBLE' });
    expect(check(r, 'recommender-not-suspended').conditions[0]).toMatchObject({ missing: true, passed: false });
    expect(check(r, 'recommender-pending-within-a-year')).toMatchObject({ applicable: true, passed: false });
    expect(check(r, 'no-training-ban').message).toMatch(/^未取得申报人登记信息\(限制措施、证卡\),无法判定。/);
    const edition = check(r, 'occupation-in-scope').conditions[0];
    expect(edition).toMatchObject({ missing: true, passed: false, actual: undefined, message: '按《职业分类大典(2022版)》申报(所填版本:未填写)' });
    expect(check(r, 'declarations').outcome).toBe('INELIGIBLE');
  });

  it('refers a senior applicant, whether or not the 2021 senior threshold is met (SC21-08 as a hint)', async () => {
    // given
    const senior = (over: Record<string, unknown>) =>
      application({ applicantType: 'SENIOR_EXAMINER', examinerCardNo: '510700202300001', assessmentExperienceYears: 2, workSummary: '……', qualifications: [{ kind: 'VQ', name: '汽车维修工', occupationCode: '4-12-01-01', level: 1, certificateNo: 'x', issuedOn: '2015-06-30' }], ...over });
    const card = { number: '510700202300001', kind: 'EXAMINER', occupationCode: '4-12-01-01', status: 'COLLECTED', validTo: '2026-06-30', issuerRegionCode: '510700' };
    // when
    const meets = await run({ application: senior({}), person: { ...cleanPerson, cards: [card] } });
    const expiredCard = await run({ application: senior({}), person: { ...cleanPerson, cards: [{ ...card, validTo: '2026-03-09' }] } });
    const halfYear = await run({ application: senior({ assessmentExperienceYears: 0.5 }), person: { ...cleanPerson, cards: [card] } });
    // then
    expect(check(meets, 'senior-conditions-hint')).toMatchObject({ applicable: true, passed: true, outcome: 'REFER' });
    expect(check(expiredCard, 'senior-conditions-hint')).toMatchObject({ passed: false, outcome: 'REFER' });
    expect(check(halfYear, 'senior-conditions-hint').conditions.find((c) => c.path === '$.assessmentExperienceYears')).toMatchObject({ passed: false, message: '一年以上实际考评工作经历(填报:0.5年)' });
    for (const r of [meets, expiredCard, halfYear]) expect(r.decision).toBe('REFER');
    expect(meets.ambiguities).toEqual(expect.arrayContaining(['AMB-07', 'AMB-20', 'A-1']));
  });
});
