import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkAttachments, requiredAttachments } from './attachments.ts';
import { createFormValidator } from './createFormValidator.ts';

const schema = JSON.parse(readFileSync('deployments/sichuan/2026-examiner-training/forms/application.schema.json', 'utf8'));
const form = createFormValidator(schema);

describe('form runtime on the SC26 application form', () => {
  it('returns every error with pointer, Chinese field label, Chinese message and clause', () => {
    // when
    const r = form.validate({ applicantType: 'EXAMINER', idNumber: '110105194912310021', mobile: '12345', targetOccupation: { classificationEdition: '2022', kind: 'OCCUPATION', name: '电工' } });
    // then
    expect(r.valid).toBe(false);
    const byPointer = Object.fromEntries(r.errors.map((e) => [e.pointer, e]));
    expect(byPointer['/idNumber'].message).toBe('身份证号码校验位错误,请核对后重新填写');
    expect(byPointer['/idNumber'].clause).toBe('SC26-12');
    expect(byPointer['/mobile'].message).toContain('手机号码');
    expect(byPointer['/name'].message).toBe('请填写「姓名」');
    expect(byPointer['/targetOccupation/majorCategory'].field).toBe('大类');
    for (const e of r.errors) expect(e.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('requires the senior fields only for senior applicants (SC26-13)', () => {
    // when
    const senior = form.validate({ applicantType: 'SENIOR_EXAMINER' }).errors.map((e) => e.pointer);
    const examiner = form.validate({ applicantType: 'EXAMINER' }).errors.map((e) => e.pointer);
    // then
    expect(senior).toEqual(expect.arrayContaining(['/examinerCardNo', '/workSummary']));
    expect(examiner).not.toContain('/workSummary');
  });

  it('rejects real-looking but invalid dates in yyyy-mm-dd fields and unknown fields', () => {
    // when
    const r = form.validate({ qualifications: [{ kind: 'VQ', name: 'x', level: 3, certificateNo: '1', issuedOn: '2023-02-30' }], extra: 1 });
    // then
    expect(r.errors.map((e) => e.pointer)).toEqual(expect.arrayContaining(['/qualifications/0/issuedOn', '/extra']));
  });

  it('requires the declared uploads, one of a group, the senior ones conditionally, with type checks', () => {
    // given
    const uploaded = [
      { kind: 'declarationForm', mimeType: 'application/pdf', size: 100 },
      { kind: 'titleScan', mimeType: 'image/png', size: 100 },
      { kind: 'idCardScan', mimeType: 'image/jpeg', size: 100 },
      { kind: 'socialInsurance', mimeType: 'application/pdf', size: 100 },
      { kind: 'employmentAgreement', mimeType: 'application/pdf', size: 100 },
      { kind: 'photo', mimeType: 'application/pdf', size: 100 },
    ];
    // when
    const examiner = checkAttachments(schema, { applicantType: 'EXAMINER' }, uploaded);
    const senior = checkAttachments(schema, { applicantType: 'SENIOR_EXAMINER' }, uploaded);
    // then
    expect(examiner.map((p) => p.kind)).toEqual(['photo']); // a PDF is no photo
    expect(senior.map((p) => p.kind).sort()).toEqual(['examinerCardScan', 'photo', 'workSummaryFile']);
    expect(requiredAttachments(schema, { applicantType: 'EXAMINER' }).map((s) => s.kind)).not.toContain('examinerCardScan');
  });
});
