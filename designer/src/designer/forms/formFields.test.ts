import { describe, expect, it } from 'vitest';
import schemaFile from '../../../../deployments/sichuan/2026-examiner-training/forms/application.schema.json';
import uiFile from '../../../../deployments/sichuan/2026-examiner-training/forms/application.ui.json';
import { editField, editUiHelp, fieldRows, optionsText } from './formFields.ts';

const schema = structuredClone(schemaFile) as Record<string, any>;
const ui = structuredClone(uiFile) as Record<string, any>;

describe('form field table', () => {
  it('reads every top-level field in the UI order with label, type, required, options, clause, help and when it is required', () => {
    // given the 2026 examiner application form
    // when its field table is read
    const rows = fieldRows(schema, ui);
    // then it follows ui:order, and each row says what the schema says
    expect(rows.map((r) => r.key).slice(0, 3)).toEqual(['applicantType', 'name', 'gender']);
    expect(rows.map((r) => r.key).sort()).toEqual(Object.keys(schema.properties).sort());
    const type = rows.find((r) => r.key === 'applicantType')!;
    expect(type).toMatchObject({ label: '申报类别', type: 'string', required: true, clause: ['SC26-04', 'SC26-05'] });
    expect(type.options).toEqual([
      { value: 'EXAMINER', label: '考评员' },
      { value: 'SENIOR_EXAMINER', label: '高级考评员' },
      { value: 'SPECIAL_EXAMINER', label: '专项职业能力考核考评员' },
    ]);
    expect(type.uiHelp).toContain('高级考评员');
    expect(rows.find((r) => r.key === 'name')).toMatchObject({ help: '与身份证一致', clause: ['SC26-15'], shownWhen: null });
    expect(rows.find((r) => r.key === 'examinerCardNo')!.shownWhen).toBe('申报类别为「高级考评员」时必填');
  });

  it('writes an edit back into the schema and leaves every other key as it was', () => {
    // given the form
    // when the name is relabelled, made optional, given two clauses, and the options of the type are edited
    let next: Record<string, any> = editField(schema, 'name', { kind: 'label', value: '申报人姓名' });
    next = editField(next, 'name', { kind: 'required', value: false });
    next = editField(next, 'name', { kind: 'clause', value: 'SC26-15, SC26-16' });
    next = editField(next, 'applicantType', { kind: 'options', value: 'EXAMINER=考评员\nSENIOR_EXAMINER=高级考评员' });
    // then exactly those keys changed
    expect(next.properties.name).toEqual({ ...schema.properties.name, title: '申报人姓名', 'x-clause': ['SC26-15', 'SC26-16'] });
    expect(Object.keys(next.properties.name)).toEqual(Object.keys(schema.properties.name));
    expect(next.required).toEqual(schema.required.filter((k: string) => k !== 'name'));
    expect(next.properties.applicantType.enum).toEqual(['EXAMINER', 'SENIOR_EXAMINER']);
    expect(next.properties.applicantType.enumNames).toEqual(['考评员', '高级考评员']);
    const { properties: a, required: ra, ...restA } = next;
    const { properties: b, required: rb, ...restB } = schema;
    expect(restA).toEqual(restB);
    expect(Object.keys(a)).toEqual(Object.keys(b));
    // and the options read back as they were typed
    expect(optionsText(fieldRows(next, ui).find((r) => r.key === 'applicantType')!.options)).toBe('EXAMINER=考评员\nSENIOR_EXAMINER=高级考评员');
  });
  it('sets and removes a field\'s ui:help in the UI schema, leaving everything else', () => {
    // given
    const ui = { 'ui:order': ['name', 'phone'], name: { 'ui:widget': 'text' } };
    // when / then
    expect(editUiHelp(ui, 'name', '与身份证一致')).toEqual({ 'ui:order': ['name', 'phone'], name: { 'ui:widget': 'text', 'ui:help': '与身份证一致' } });
    expect(editUiHelp(editUiHelp(ui, 'phone', '手机'), 'phone', '')).toEqual(ui);
    expect(editUiHelp({ name: { 'ui:help': 'x', 'ui:widget': 'text' } }, 'name', '')).toEqual({ name: { 'ui:widget': 'text' } });
  });
});
