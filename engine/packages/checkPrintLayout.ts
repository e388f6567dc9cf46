import { pointerOf } from './jsonPointer.ts';
import type { Problem } from './packageTypes.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

/**
 * The print layout of a form (`ui:print` in its ui file): the 申报表 the notice prints, as data.
 *   title        the table's title, e.g. 四川省技能人才评价考评员申报表
 *   titleBy      { field, values }: a title per value of one field (one form, several 申报表)
 *   annex        the notice's 附件 number shown top-left, e.g. 附件2
 *   photo        the attachment kind printed in the photo box
 *   signatures   [{ label, text?, stamp? }]: the 签字 / 意见(盖章) blocks, in order
 *   notes        填表说明 lines under the table
 */
export function checkPrintLayout(uiFile: string, print: unknown, attachmentKinds: string[], fields: Set<string>): Problem[] {
  const problems: Problem[] = [];
  const at = (...p: Array<string | number>) => pointerOf('ui:print', ...p);
  const bad = (pointer: string, message: string) => problems.push({ file: uiFile, pointer, message, severity: 'error', code: 'UI_PRINT' });
  if (!isObject(print)) {
    bad(at(), 'ui:print 应为对象(标题、签字盖章栏等打印版式)');
    return problems;
  }
  const known = new Set(['title', 'titleBy', 'annex', 'photo', 'signatures', 'notes']);
  for (const k of Object.keys(print)) if (!known.has(k)) bad(at(k), `ui:print 不认识「${k}」(可用 title、titleBy、annex、photo、signatures、notes)`);
  if (print.title !== undefined && !isText(print.title)) bad(at('title'), 'ui:print.title 应为非空文字');
  if (print.annex !== undefined && !isText(print.annex)) bad(at('annex'), 'ui:print.annex 应为非空文字,如「附件2」');
  if (print.titleBy !== undefined) {
    const by = print.titleBy;
    if (!isObject(by) || !isText(by.field) || !isObject(by.values) || !Object.values(by.values).every(isText)) bad(at('titleBy'), 'ui:print.titleBy 应为 { field: 字段名, values: { 取值: 标题 } }');
    else if (!fields.has(by.field)) bad(at('titleBy', 'field'), `ui:print.titleBy.field「${by.field}」不是表单中的字段`);
  }
  if (print.photo !== undefined && (!isText(print.photo) || !attachmentKinds.includes(print.photo))) bad(at('photo'), `ui:print.photo 应为表单 x-attachments 中的附件类别(${attachmentKinds.join('、') || '无'})`);
  if (print.signatures !== undefined) {
    if (!Array.isArray(print.signatures)) bad(at('signatures'), 'ui:print.signatures 应为数组');
    else
      print.signatures.forEach((s, i) => {
        if (!isObject(s) || !isText(s.label)) return bad(at('signatures', i), '签字盖章栏应有 label(如「推荐单位意见」)');
        for (const k of Object.keys(s)) if (!['label', 'text', 'stamp'].includes(k)) bad(at('signatures', i, k), `签字盖章栏不认识「${k}」(可用 label、text、stamp)`);
        if (s.text !== undefined && typeof s.text !== 'string') bad(at('signatures', i, 'text'), '签字盖章栏的 text 应为文字');
        if (s.stamp !== undefined && typeof s.stamp !== 'boolean') bad(at('signatures', i, 'stamp'), '签字盖章栏的 stamp 应为 true 或 false');
      });
  }
  if (print.notes !== undefined && (!Array.isArray(print.notes) || !print.notes.every(isText))) bad(at('notes'), 'ui:print.notes 应为文字数组(填表说明)');
  return problems;
}
