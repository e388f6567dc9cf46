import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createFormValidator, schemaAtPointer, validateForm } from './createFormValidator.ts';

const SC26 = 'deployments/sichuan/2026-examiner-training/forms';
const schema = JSON.parse(readFileSync(`${SC26}/application.schema.json`, 'utf8'));
const ui = JSON.parse(readFileSync(`${SC26}/application.ui.json`, 'utf8'));
const form = createFormValidator(schema);

function validApplication(overrides: Record<string, unknown> = {}) {
  return {
    applicantType: 'EXAMINER',
    name: '王小丽',
    gender: '女',
    idNumber: '11010519491231002X',
    mobile: '13800138000',
    education: '大学本科',
    employer: '成都市演示职业技能培训学校',
    address: '四川省成都市武侯区演示路1号',
    recommenderOrgId: 'org-cd-001',
    trainingPlanId: 'plan-2026-03',
    targetOccupation: { classificationEdition: '2022', kind: 'OCCUPATION', majorCategory: 4, code: '4-01-02-01', name: '汽车维修工' },
    qualifications: [{ kind: 'VQ', name: '汽车维修工', occupationCode: '4-01-02-01', level: 3, certificateNo: 'S000051000000001', issuedOn: '2019-06-30' }],
    experience: '2018年起从事汽车维修工职业技能培训与考核工作。',
    declarations: { policyFamiliar: true, integrity: true, truthful: true },
    ...overrides,
  };
}

function byPointer(data: unknown) {
  return Object.fromEntries(form.validate(data).errors.map((e) => [e.pointer, e]));
}

describe('createFormValidator', () => {
  it('returns pointer, Chinese label, Chinese message, keyword and clause for each error', () => {
    // given
    const s = {
      type: 'object',
      required: ['idNumber', 'mobile', 'birth'],
      properties: {
        idNumber: { type: 'string', title: '身份证号码', format: 'cn-id-card', 'x-clause': 'SC26-12' },
        mobile: { type: 'string', title: '联系电话', format: 'cn-mobile', 'x-clause': ['SC26-15', 'SC21-39'] },
        birth: { type: 'string', title: '出生日期', format: 'yyyy-mm-dd' },
      },
    };
    // when
    const r = createFormValidator(s).validate({ idNumber: '110105194912310021', mobile: '12345' });
    // then
    expect(r.valid).toBe(false);
    expect(r.errors).toEqual([
      { pointer: '/birth', field: '出生日期', message: '请填写「出生日期」', keyword: 'required' },
      { pointer: '/idNumber', field: '身份证号码', message: '身份证号码校验位错误,请核对后重新填写', keyword: 'format', clause: 'SC26-12', clauses: ['SC26-12'] },
      { pointer: '/mobile', field: '联系电话', message: '「联系电话」应为11位手机号码:以1开头,第二位为3至9', keyword: 'format', clause: 'SC26-15,SC21-39', clauses: ['SC26-15', 'SC21-39'] },
    ]);
  });

  it('says which part of an ID number is wrong', () => {
    // given
    const v = createFormValidator({ type: 'object', properties: { id: { type: 'string', title: '身份证号码', format: 'cn-id-card' } } });
    const message = (id: string) => v.validate({ id }).errors[0]?.message;
    // then
    expect(message('1101051949123100')).toBe('身份证号码应为18位,请检查是否多填或漏填');
    expect(message('11010519491231002x')).toContain('大写字母X');
    expect(message('110105194902300021')).toContain('出生日期');
    expect(message('110105194912310021')).toContain('校验位错误');
    expect(message('11010519491231002X')).toBeUndefined();
  });

  it('valid data has no errors', () => {
    // then
    expect(form.validate(validApplication())).toEqual({ valid: true, errors: [] });
  });

  it('escapes JSON pointer segments and resolves titles through $ref and items', () => {
    // given
    const s = {
      type: 'object',
      definitions: { day: { type: 'string', title: '日期', format: 'yyyy-mm-dd', 'x-clause': 'SC26-30' } },
      properties: { 'a/b': { type: 'array', items: { $ref: '#/definitions/day' } } },
    };
    // when
    const r = createFormValidator(s).validate({ 'a/b': ['2026-06-01', '2026-06-31'] });
    // then
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ pointer: '/a~1b/1', field: '日期', clause: 'SC26-30' });
    expect(r.errors[0].message).toBe('「日期」应为真实存在的日期,格式为 YYYY-MM-DD(例如 2026-03-01)');
    expect(schemaAtPointer(s, '/a~1b/0')?.title).toBe('日期');
  });

  it('throws on a broken schema so the package loader can report it', () => {
    // then
    expect(() => createFormValidator({ type: 'object', properties: { a: { type: 'strin' } } })).toThrow();
    expect(() => createFormValidator({ type: 'object', properties: { a: { type: 'string', titel: '姓名' } } })).toThrow(/titel/);
  });

  it('validateForm caches the compiled validator per schema object', () => {
    // given
    const s = { type: 'object', required: ['a'], properties: { a: { type: 'string', title: '甲' } } };
    // when / then
    expect(validateForm(s, {}).errors[0].message).toBe('请填写「甲」');
    expect(validateForm(s, { a: 'x' }).valid).toBe(true);
  });
});

describe('the SC26 examiner application form', () => {
  it('is annotated: AMB-20 at the top and an x-clause on every field', () => {
    // given
    const missing: string[] = [];
    const walk = (s: Record<string, any>, at: string) => {
      for (const [k, p] of Object.entries<Record<string, any>>(s.properties ?? {})) {
        if (!p['x-clause']) missing.push(`${at}/${k}`);
        if (typeof p.title !== 'string') missing.push(`${at}/${k} (title)`);
        walk(p, `${at}/${k}`);
        if (p.items) walk(p.items, `${at}/${k}/items`);
      }
    };
    // when
    walk(schema, '');
    // then
    expect(schema['x-ambiguities']).toEqual(['AMB-20']);
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(missing).toEqual([]);
  });

  it('reports missing fields with Chinese labels and the clause of each', () => {
    // when
    const e = byPointer({});
    // then
    expect(e['/name']).toMatchObject({ message: '请填写「姓名」', field: '姓名', clause: 'SC26-15', keyword: 'required' });
    expect(e['/recommenderOrgId'].clauses).toContain('SC26-01');
    expect(e['/qualifications'].field).toBe('现职业资格(专业技术职务)');
    expect(e['/trainingPlanId']).toMatchObject({ message: '请填写「培训计划」', keyword: 'required' });
    expect(Object.keys(e)).toHaveLength(14);
    for (const err of Object.values(e)) expect(err.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('names the options of an enum with their Chinese names', () => {
    // when
    const e = byPointer(validApplication({ applicantType: 'CHIEF' }));
    // then
    expect(e['/applicantType'].message).toBe('「申报类别」应为以下选项之一:考评员、高级考评员、专项职业能力考核考评员');
  });

  it('requires the major category for an occupation but not for a special-ability project (SC26-03)', () => {
    // when
    const occupation = byPointer(validApplication({ targetOccupation: { classificationEdition: '2022', kind: 'OCCUPATION', name: '电工' } }));
    const special = form.validate(validApplication({ targetOccupation: { classificationEdition: '2022', kind: 'SPECIAL_ABILITY', name: '客房服务' } }));
    const oldEdition = byPointer(validApplication({ targetOccupation: { classificationEdition: '2015', kind: 'SPECIAL_ABILITY', name: '客房服务' } }));
    // then
    expect(occupation['/targetOccupation/majorCategory']).toMatchObject({ field: '大类', message: '请填写「大类」', clause: 'SC26-03' });
    expect(special.valid).toBe(true);
    expect(oldEdition['/targetOccupation/classificationEdition'].message).toBe('「职业分类大典版本」只能为 2022');
  });

  it('requires a level for a certificate and a grade for a title', () => {
    // when
    const e = byPointer(
      validApplication({
        qualifications: [
          { kind: 'VQ', name: '电工', certificateNo: '1', issuedOn: '2020-01-01' },
          { kind: 'TITLE', name: '工程师', certificateNo: '2', issuedOn: '2021-01-01' },
          { kind: 'VQ', name: '电工', level: 6, certificateNo: '3', issuedOn: '2021-01-01' },
        ],
      }),
    );
    // then
    expect(e['/qualifications/0/level'].message).toBe('请填写「等级」');
    expect(e['/qualifications/1/titleGrade'].message).toBe('请填写「职称级别」');
    expect(e['/qualifications/2/level'].message).toContain('三级/高级工');
    expect(byPointer(validApplication({ qualifications: [] }))['/qualifications'].message).toBe('「现职业资格(专业技术职务)」至少需要填写 1 项');
  });

  it('requires card number, experience years and work summary only for senior examiners (SC26-13)', () => {
    // when
    const senior = byPointer(validApplication({ applicantType: 'SENIOR_EXAMINER' }));
    const examiner = form.validate(validApplication({ applicantType: 'EXAMINER' }));
    const shortSummary = form.validate(validApplication({ applicantType: 'SENIOR_EXAMINER', examinerCardNo: 'K51000001', assessmentExperienceYears: 0, workSummary: '好' }));
    // then
    expect(Object.keys(senior).sort()).toEqual(['/assessmentExperienceYears', '/examinerCardNo', '/workSummary']);
    expect(senior['/workSummary'].clause).toBe('SC26-13');
    expect(examiner.valid).toBe(true);
    expect(shortSummary.valid).toBe(true); // SC26 sets no minimum length
    expect(byPointer(validApplication({ assessmentExperienceYears: -1 }))['/assessmentExperienceYears'].message).toBe('「实际考评工作年限」不能小于 0');
  });

  it('rejects invalid calendar dates, bad mobiles, wrong types and unknown fields', () => {
    // when
    const e = byPointer(
      validApplication({
        mobile: '23800138000',
        qualifications: [{ kind: 'VQ', name: 'x', level: 3, certificateNo: '1', issuedOn: '2023-02-30' }],
        targetOccupation: { classificationEdition: '2022', kind: 'OCCUPATION', majorCategory: '4', name: '电工' },
        extra: 1,
      }),
    );
    // then
    expect(Object.keys(e).sort()).toEqual(['/extra', '/mobile', '/qualifications/0/issuedOn', '/targetOccupation/majorCategory']);
    expect(e['/qualifications/0/issuedOn']).toMatchObject({ field: '发证日期', keyword: 'format' });
    expect(e['/targetOccupation/majorCategory'].message).toBe('「大类」应为整数');
    expect(e['/extra'].message).toBe('不允许填写表单中未定义的字段「extra」');
  });

  it('asks for each declaration to be ticked', () => {
    // when
    const e = byPointer(validApplication({ declarations: { policyFamiliar: true, integrity: false, truthful: true } }));
    // then
    expect(e['/declarations/integrity'].message).toBe('请阅读并勾选确认:「本人遵守考评人员守则,廉洁自律、秉公执裁」');
    expect(e['/declarations/integrity'].clause).toBe('SC21-06');
  });

  it('has a ui:order that lists exactly the schema properties, as rjsf requires', () => {
    // then
    expect([...ui['ui:order']].sort()).toEqual(Object.keys(schema.properties).sort());
    expect([...ui.targetOccupation['ui:order']].sort()).toEqual(Object.keys(schema.properties.targetOccupation.properties).sort());
    expect([...ui.qualifications.items['ui:order']].sort()).toEqual(Object.keys(schema.properties.qualifications.items.properties).sort());
  });
});
