import { describe, expect, it } from 'vitest';
import schemaFile from '../../../../deployments/sichuan/2026-examiner-training/forms/application.schema.json';
import uiFile from '../../../../deployments/sichuan/2026-examiner-training/forms/application.ui.json';
import renewalUi from '../../../../deployments/sichuan/2024-renewal/forms/application.ui.json';
import { validApplication } from '../../../../test/support/fixtures.ts';
import { fieldsOf, printLayoutOf, printTitle } from './printLayout.ts';

const schema = schemaFile as Record<string, unknown>;
const ui = uiFile as Record<string, unknown>;
const data = validApplication({ name: '张伟', idNumber: '51070319850312001X', recommenderOrgId: 'org-my-filed' }) as Record<string, unknown>;

describe('the 申报表 print of an application', () => {
  it('prints the fields in the form order with option labels, organisation names and a table for the certificates', () => {
    // when
    const fields = fieldsOf(schema, ui, data, { 'org-my-filed': '绵阳市技师学院' });
    const byKey = Object.fromEntries(fields.map((f) => [f.key, f]));
    // then
    expect(fields[0]!.key).toBe('applicantType');
    expect(byKey.applicantType!.value).toEqual({ text: '考评员' });
    expect(byKey.name!.value).toEqual({ text: '张伟' });
    expect(byKey.recommenderOrgId!.value).toEqual({ text: '绵阳市技师学院' });
    const certs = byKey.qualifications!.value as { table: { columns: string[]; rows: string[][] } };
    expect(certs.table.columns).toContain('证书编号');
    expect(certs.table.rows.length).toBe((data.qualifications as unknown[]).length);
    expect(certs.table.rows[0]!.join(' ')).toContain('职业技能等级证书');
    // a pledge prints each statement ticked
    expect((byKey.declarations!.value as { text: string }).text).toMatch(/^☑ /);
    // a hidden field is not printed, nor inside a group
    expect(fields.some((f) => f.key === 'classificationEdition')).toBe(false);
    expect((byKey.targetOccupation!.value as { text: string }).text).not.toContain('2022');
    expect((byKey.targetOccupation!.value as { text: string }).text).toContain('汽车维修工');
  });

  it('takes the title, annex and signature blocks from the package, by applicant type where it names several', () => {
    // when
    const layout = printLayoutOf(ui);
    const renewal = printLayoutOf(renewalUi as Record<string, unknown>);
    // then
    expect(printTitle(layout, data, 'x')).toBe('四川省技能人才评价考评员申报表');
    expect(layout.annex).toBe('附件2');
    expect(layout.signatures.map((s) => s.label)).toEqual(['申报人签字', '推荐单位意见']);
    expect(printTitle(renewal, { applicantType: 'SUPERVISOR' }, 'x')).toBe('四川省技能人才评价质量督导员复核换证申报表');
    expect(printTitle(renewal, { applicantType: 'EXAMINER' }, 'x')).toBe('四川省技能人才评价考评员资格复核换证申报表');
  });

  it('gives a form without a layout the applicant signature and the recommender stamp', () => {
    // when
    const layout = printLayoutOf({});
    // then
    expect(layout.signatures).toEqual([{ label: '申报人签字' }, { label: '推荐单位意见', stamp: true }]);
    expect(printTitle(layout, {}, '申报表')).toBe('申报表');
  });
});
