import { describe, expect, it } from 'vitest';
import { checkFormDefinition } from './checkFormDefinition.ts';

const schema = {
  type: 'object',
  properties: { name: { type: 'string', title: '姓名' }, applicantType: { type: 'string', enum: ['A', 'B'] } },
  'x-attachments': [{ kind: 'photo', label: '照片', required: false }],
};
const problems = (print: unknown) => checkFormDefinition('f.schema.json', schema, 'f.ui.json', { 'ui:print': print }).map((p) => `${p.pointer} ${p.message}`);

describe('ui:print, the 申报表 print layout of a form', () => {
  it('accepts a layout with title per applicant type, photo, signature blocks and notes', () => {
    // when / then
    expect(
      problems({
        title: '申报表',
        titleBy: { field: 'applicantType', values: { A: '甲申报表', B: '乙申报表' } },
        annex: '附件2',
        photo: 'photo',
        signatures: [{ label: '申报人签字' }, { label: '推荐单位意见', text: '考评工作履职情况:', stamp: true }],
        notes: ['证卡编号为考评员证卡编号。'],
      }),
    ).toEqual([]);
  });

  it('names each mistake with its pointer, in Chinese', () => {
    // when
    const out = problems({ titel: 'x', photo: 'idCard', titleBy: { field: 'type', values: { A: '甲' } }, signatures: [{ text: '无标题' }, { label: '单位意见', stamp: 'yes' }], notes: [1] });
    // then
    expect(out).toEqual([
      '/ui:print/titel ui:print 不认识「titel」(可用 title、titleBy、annex、photo、signatures、notes)',
      '/ui:print/titleBy/field ui:print.titleBy.field「type」不是表单中的字段',
      '/ui:print/photo ui:print.photo 应为表单 x-attachments 中的附件类别(photo)',
      '/ui:print/signatures/0 签字盖章栏应有 label(如「推荐单位意见」)',
      '/ui:print/signatures/1/stamp 签字盖章栏的 stamp 应为 true 或 false',
      '/ui:print/notes ui:print.notes 应为文字数组(填表说明)',
    ]);
  });
});
