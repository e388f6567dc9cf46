import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkAttachments, requiredAttachments } from './checkAttachments.ts';

const schema = JSON.parse(readFileSync('deployments/sichuan/2026-examiner-training/forms/application.schema.json', 'utf8'));

const pdf = (kind: string, size = 100_000) => ({ kind, mimeType: 'application/pdf', size });
const png = (kind: string, size = 100_000) => ({ kind, mimeType: 'image/png', size });
const examinerUploads = [pdf('declarationForm'), png('titleScan'), pdf('idCardScan'), pdf('socialInsurance'), pdf('employmentAgreement'), png('photo')];

describe('requiredAttachments', () => {
  it('lists the SC26-11/12/15 uploads for every applicant and the SC26-13 ones only for seniors', () => {
    // when
    const examiner = requiredAttachments(schema, { applicantType: 'EXAMINER' }).map((s) => s.kind);
    const senior = requiredAttachments(schema, { applicantType: 'SENIOR_EXAMINER' }).map((s) => s.kind);
    // then
    expect(examiner).toEqual(['declarationForm', 'certificateScan', 'titleScan', 'idCardScan', 'socialInsurance', 'employmentAgreement', 'photo']);
    expect(senior).toEqual([...examiner, 'examinerCardScan', 'workSummaryFile']);
  });

  it('reads a condition on a nested field and tolerates a schema without attachments', () => {
    // given
    const s = { 'x-attachments': [{ kind: 'plan', label: '培训计划', required: { when: { field: 'target.kind', in: ['SPECIAL_ABILITY'] } } }] };
    // then
    expect(requiredAttachments(s, { target: { kind: 'SPECIAL_ABILITY' } })).toHaveLength(1);
    expect(requiredAttachments(s, { target: { kind: 'OCCUPATION' } })).toHaveLength(0);
    expect(requiredAttachments({ type: 'object' }, {})).toEqual([]);
  });
});

describe('checkAttachments', () => {
  it('accepts a complete examiner upload set, where a title scan stands in for a certificate scan (SC26-12)', () => {
    // when / then
    expect(checkAttachments(schema, { applicantType: 'EXAMINER' }, examinerUploads)).toEqual([]);
  });

  it('reports each missing upload, and a oneOf group once, with Chinese messages and clauses', () => {
    // when
    const problems = checkAttachments(schema, { applicantType: 'SENIOR_EXAMINER' }, [pdf('declarationForm'), png('photo')]);
    // then
    expect(problems.map((p) => [p.code, p.kind, p.clause])).toEqual([
      ['MISSING', 'idCardScan', 'SC26-12'],
      ['MISSING', 'socialInsurance', 'SC26-12'],
      ['MISSING', 'employmentAgreement', 'SC26-12'],
      ['MISSING', 'examinerCardScan', 'SC26-13'],
      ['MISSING', 'workSummaryFile', 'SC26-13'],
      ['MISSING_ONE_OF', 'certificateScan', 'SC26-12'],
    ]);
    expect(problems[0].message).toBe('缺少必须上传的附件:身份证扫描件');
    expect(problems[5].kinds).toEqual(['certificateScan', 'titleScan']);
    expect(problems[5].message).toBe('请至少上传以下附件中的一项:职业技能等级证书(国家职业资格证书)扫描件 或 专业技术职称证书扫描件');
  });

  it('rejects a PDF as the ID photo and a file over the size limit', () => {
    // given
    const uploads = [...examinerUploads.filter((u) => u.kind !== 'photo'), pdf('photo'), pdf('socialInsurance', 10_485_761)];
    // when
    const problems = checkAttachments(schema, { applicantType: 'EXAMINER' }, uploads);
    // then
    expect(problems.map((p) => [p.code, p.kind])).toEqual([
      ['WRONG_TYPE', 'photo'],
      ['TOO_LARGE', 'socialInsurance'],
    ]);
    expect(problems[0].message).toBe('附件「个人证件照」的文件类型为 PDF,仅接受 JPG、PNG 格式');
    expect(problems[0].clause).toBe('SC26-15');
    expect(problems[1].message).toBe('附件「个人参保证明」大小为 10,485,761 B,超过 10,485,760 B 的上限');
    expect(checkAttachments(schema, {}, [png('photo', 12_800_000)]).find((p) => p.code === 'TOO_LARGE')?.message).toBe('附件「个人证件照」大小为 12.2 MB,超过 10 MB 的上限');
  });

  it('compares MIME types without case or parameters', () => {
    // given
    const uploads = examinerUploads.map((u) => (u.kind === 'photo' ? { ...u, mimeType: 'IMAGE/JPEG; name=photo.jpg' } : u));
    // when / then
    expect(checkAttachments(schema, { applicantType: 'EXAMINER' }, uploads)).toEqual([]);
  });

  it('leaves optional and undeclared kinds alone', () => {
    // given
    const uploads = [...examinerUploads, pdf('otherMaterials'), pdf('somethingElse')];
    // when / then
    expect(checkAttachments(schema, { applicantType: 'EXAMINER' }, uploads)).toEqual([]);
  });
});
