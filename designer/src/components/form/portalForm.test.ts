import { describe, expect, it } from 'vitest';
import type { RJSFValidationError } from '@rjsf/utils';
import { validateForm } from '../../../../forms/createFormValidator.ts';
import { enumNamesToUi } from './enumNamesToUi.ts';
import { prepareSchema } from './prepareSchema.ts';
import { chineseErrors, formValidator } from './formValidator.ts';

import schemaFile from '../../../../deployments/sichuan/2026-examiner-training/forms/application.schema.json';
import uiFile from '../../../../deployments/sichuan/2026-examiner-training/forms/application.ui.json';

const schema = structuredClone(schemaFile) as Record<string, any>;
const ui = structuredClone(uiFile) as Record<string, any>;

function browserErrors(data: Record<string, unknown>) {
  const transform = chineseErrors(schema, () => data) as (e: RJSFValidationError[]) => RJSFValidationError[];
  return formValidator.validateFormData(data, prepareSchema(schema), undefined, transform).errors;
}

describe('the portal form: rjsf gets the Chinese labels, the fixed values and the server’s sentences', () => {
  it('copies every enumNames into ui:enumNames, nested and in array items, keeping the package’s ui settings', () => {
    // when
    const out = enumNamesToUi(schema, ui) as Record<string, any>;
    // then
    expect(out.applicantType['ui:enumNames']).toEqual({ EXAMINER: '考评员', SENIOR_EXAMINER: '高级考评员', SPECIAL_EXAMINER: '专项职业能力考核考评员' });
    expect(out.applicantType['ui:widget']).toBe('radio');
    expect(out.targetOccupation.kind['ui:enumNames']).toEqual({ OCCUPATION: '职业(工种)', SPECIAL_ABILITY: '专项职业能力考核项目' });
    expect(out.qualifications.items.level['ui:enumNames'][3]).toBe('三级/高级工');
    expect(ui.applicantType['ui:enumNames']).toBeUndefined();
  });

  it('fills a fixed value as its default but leaves a pledge (const true) for the applicant to tick', () => {
    // when
    const s = prepareSchema(schema) as Record<string, any>;
    // then
    expect(s.properties.targetOccupation.properties.classificationEdition.default).toBe('2022');
    expect(s.properties.declarations.properties.truthful.default).toBeUndefined();
    expect(s.title).toBeUndefined();
    expect(schema.title).toBe('四川省技能人才评价考评员申报表');
  });

  it('says what the server says for a wrong check digit, a bad mobile number and an impossible date', () => {
    // given data the server refuses on three formats
    const data = { idNumber: '510703198503120011', mobile: '12345', qualifications: [{ kind: 'VQ', issuedOn: '2023-02-30' }] };
    // when the browser and the server validate it
    const browser = browserErrors(data).filter((e) => e.name === 'format');
    const server = validateForm(schema, data).errors.filter((e) => e.keyword === 'format');
    // then both give the same Chinese sentences for the same fields
    const pairs = (list: Array<{ p: string; m: string }>) => list.map((x) => `${x.p} ${x.m}`).sort();
    expect(pairs(browser.map((e) => ({ p: e.property!.replace(/\./g, '/'), m: e.message! })))).toEqual(pairs(server.map((e) => ({ p: e.pointer, m: e.message }))));
    expect(browser.map((e) => e.message)).toContain('身份证号码校验位错误,请核对后重新填写');
  });

  it('names a missing field in Chinese and drops the if/then summaries', () => {
    // when an empty form is validated in the browser
    const errors = browserErrors({});
    // then
    expect(errors.map((e) => e.message)).toContain('请填写「身份证号码」');
    expect(errors.some((e) => e.name === 'if')).toBe(false);
    expect(errors.every((e) => /[\u4e00-\u9fa5]/.test(e.message ?? ''))).toBe(true);
  });
});
