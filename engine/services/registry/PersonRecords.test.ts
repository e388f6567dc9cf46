import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../store/createDb.ts';
import { ValidationError } from '../../errors.ts';
import { openStore, storeTargets, type StoreTarget } from '../../../test/support/stores.ts';
import { RegistryService } from './RegistryService.ts';

const PERSON = '11010519491231002X';

describe.each(storeTargets())('person records on $name', (target: StoreTarget) => {
  let db: Db;
  let close: () => Promise<void>;
  let registry: RegistryService;

  beforeAll(async () => {
    ({ db, close } = await openStore(target));
    registry = new RegistryService(db, () => Date.parse('2026-04-01T02:00:00Z'));
    await registry.upsertPerson({ idNumber: PERSON, name: '赵敏' });
  });
  afterAll(async () => close());

  it('returns certificates, titles, sittings, evaluation work and an imported card as person facts', async () => {
    // given
    await registry.records.addCertificate(PERSON, { kind: 'VQ', occupationCode: '4-01-02-01', level: 3, issuedOn: '2015-06-30' });
    await registry.records.addTitle(PERSON, { level: 'intermediate', series: '工程', issuedOn: '2016-12-01' });
    await registry.records.recordExamSitting(PERSON, { date: '2026-06-20', kind: 'makeup', result: 'FAIL', occupationCode: '4-01-02-01' }, 'job-1');
    await registry.records.recordEvaluation(PERSON, { date: '2022-05-10', role: 'examiner', occupationCode: '4-01-02-01' }, 'job-2');
    await registry.importCard({ number: '川考2021-000123', idNumber: PERSON, kind: 'EXAMINER', issuerRegionCode: '510000', validFrom: '2021-08-01', validTo: '2024-08-01', level: 3 });

    // when
    const facts = await registry.getPersonFacts(PERSON, '2026-07-01');

    // then
    expect(facts.certificates).toEqual([{ kind: 'VQ', occupationCode: '4-01-02-01', occupationName: null, level: 3, certificateNo: null, issuedOn: '2015-06-30' }]);
    expect(facts.titles).toEqual([{ level: 'intermediate', series: '工程', issuedOn: '2016-12-01' }]);
    expect(facts.examSittings).toEqual([{ date: '2026-06-20', occupationCode: '4-01-02-01', kind: 'makeup', result: 'FAIL' }]);
    expect(facts.evaluationRecords).toEqual([{ date: '2022-05-10', occupationCode: '4-01-02-01', role: 'examiner', orgId: null }]);
    expect(facts.cards).toMatchObject([{ number: '川考2021-000123', status: 'COLLECTED', validTo: '2024-08-01', validRegionCode: '510000', level: 3 }]);
  });

  it('records a sitting once when the same job runs twice, and an imported card once', async () => {
    // given
    const sitting = { date: '2026-12-12', kind: 'makeup' as const, result: 'ABSENT' as const };

    // when
    await registry.records.recordExamSitting(PERSON, sitting, 'job-3');
    await registry.records.recordExamSitting(PERSON, sitting, 'job-3');
    await registry.importCard({ number: '川考2021-000123', idNumber: PERSON, kind: 'EXAMINER', issuerRegionCode: '510000', validFrom: '2021-08-01' });

    // then
    const facts = await registry.getPersonFacts(PERSON, '2027-01-01');
    expect(facts.examSittings.filter((s) => s.date === '2026-12-12')).toHaveLength(1);
    expect(facts.cards).toHaveLength(1);
  });

  it('keeps an absence excused when leave was approved for that day (SC26-55)', async () => {
    // given: the leave approved in time for the exam on 2026-10-17
    await registry.records.recordExamSitting(PERSON, { date: '2026-10-17', kind: 'exam', result: 'EXCUSED' }, 'leave-job');
    // when: the exam result entered afterwards says absent
    await registry.records.recordExamSitting(PERSON, { date: '2026-10-17', kind: 'exam', result: 'ABSENT' }, 'exam-job');
    // then
    expect((await registry.getPersonFacts(PERSON, '2026-10-18')).examSittings.filter((s) => s.date === '2026-10-17').map((s) => s.result)).toEqual(['EXCUSED']);
  });

  it('refuses records with a wrong date, result or kind, and writes nothing', async () => {
    // given
    const before = (await registry.getPersonFacts(PERSON, '2027-01-01')).examSittings.length;

    // when / then
    await expect(registry.records.recordExamSitting(PERSON, { date: '2026/12/12', kind: 'makeup', result: 'FAIL' })).rejects.toThrow(ValidationError);
    await expect(registry.records.recordExamSitting(PERSON, { date: '2026-12-12', kind: 'makeup', result: 'LATE' as never })).rejects.toThrow(/考试结果/);
    await expect(registry.records.addTitle(PERSON, { level: 'master' as never })).rejects.toThrow(/职称等级/);
    await expect(registry.importCard({ number: 'X-1', idNumber: '123', kind: 'EXAMINER', issuerRegionCode: '510000', validFrom: '2021-08-01' })).rejects.toThrow(ValidationError);
    expect((await registry.getPersonFacts(PERSON, '2027-01-01')).examSittings).toHaveLength(before);
  });
});
