import type { Knex } from 'knex';
import { ValidationError } from '../../errors.ts';
import { insertOnce } from './insertOnce.ts';
import { byColumns, readFactParts, type FactPart } from './readFactParts.ts';
import type { PersonalData } from '../privacy/index.ts';

export type CertificateKind = 'VQ' | 'SKILL' | 'SPECIAL';
export type TitleLevel = 'junior' | 'intermediate' | 'deputy-senior' | 'senior';
/** EXCUSED: absent with a leave request approved in time (SC26-55), not a no-show. */
export type SittingResult = 'PASS' | 'FAIL' | 'ABSENT' | 'EXCUSED';

export interface Certificate {
  kind: CertificateKind;
  occupationCode: string | null;
  occupationName: string | null;
  /** 1 (一级/高级技师) … 5 (五级/初级工). */
  level: number | null;
  certificateNo: string | null;
  issuedOn: string | null;
}
export interface Title {
  level: TitleLevel;
  series: string | null;
  issuedOn: string | null;
}
export interface ExamSitting {
  date: string;
  occupationCode: string | null;
  kind: 'exam' | 'makeup';
  result: SittingResult;
}
export interface EvaluationRecord {
  date: string;
  occupationCode: string | null;
  role: 'examiner' | 'supervisor';
  orgId: string | null;
}

const BY_PERSON = '`person_id_number` = ?';
const DATE = /^\d{4}-\d{2}-\d{2}$/;
type Row = Record<string, any>;

function date(value: unknown, label: string): string {
  if (typeof value !== 'string' || !DATE.test(value)) throw new ValidationError(`${label}应为 YYYY-MM-DD 格式的日期`, String(value));
  return value;
}
function oneOf<T extends string>(value: unknown, allowed: readonly T[], label: string): T {
  if (!allowed.includes(value as T)) throw new ValidationError(`${label}应为 ${allowed.join('、')} 之一`, String(value));
  return value as T;
}
/**
 * A person's certificates, titles, exam sittings and evaluation work: what later packages read
 * (a 2021 card's evaluation work decides the 2024 renewal; 2026 sittings decide 2027 make-ups).
 */
export class PersonRecords {
  constructor(
    private readonly knex: Knex,
    private readonly personal: PersonalData,
  ) {}

  /** Rows are keyed by the keyed hash of the ID number, never the number itself. */
  private key(idNumber: string): string {
    return this.personal.lookupKey(idNumber);
  }

  /** Once per certificate: the same certificate entered again (a retried import) is not a second one. */
  async addCertificate(idNumber: string, c: Partial<Certificate>): Promise<void> {
    const row = {
      person_id_number: this.key(idNumber),
      kind: oneOf(c.kind, ['VQ', 'SKILL', 'SPECIAL'] as const, '证书类别'),
      occupation_code: c.occupationCode ?? null,
      occupation_name: c.occupationName ?? null,
      level: c.level ?? null,
      certificate_no: c.certificateNo ?? null,
      issued_on: c.issuedOn == null ? null : date(c.issuedOn, '发证日期'),
    };
    if (!(await this.knex('person_certificates').where(row).first('id'))) await this.knex('person_certificates').insert(row);
  }

  async addTitle(idNumber: string, t: Partial<Title>): Promise<void> {
    const row = {
      person_id_number: this.key(idNumber),
      level: oneOf(t.level, ['junior', 'intermediate', 'deputy-senior', 'senior'] as const, '职称等级'),
      series: t.series ?? null,
      issued_on: t.issuedOn == null ? null : date(t.issuedOn, '取得日期'),
    };
    if (!(await this.knex('person_titles').where(row).first('id'))) await this.knex('person_titles').insert(row);
  }

  /**
   * Once per idempotency key (a job key); an import without one is keyed by the sitting itself, so a retried import adds nothing.
   * Answers the result that stands in the registry: an absence on a day with approved leave stays EXCUSED.
   */
  async recordExamSitting(idNumber: string, s: Partial<ExamSitting> & { applicationId?: string | null }, idempotencyKey: string | null = null): Promise<SittingResult> {
    const row = {
      person_id_number: this.key(idNumber),
      date: date(s.date, '考试日期'),
      occupation_code: s.occupationCode ?? null,
      kind: oneOf(s.kind, ['exam', 'makeup'] as const, '考试类别'),
      result: oneOf(s.result, ['PASS', 'FAIL', 'ABSENT', 'EXCUSED'] as const, '考试结果'),
      application_id: s.applicationId ?? null,
    };
    // An absence on a day with approved leave stays excused: the leave record already stands for that sitting.
    if (row.result === 'ABSENT' && (await this.knex('exam_sittings').where({ person_id_number: row.person_id_number, date: row.date, result: 'EXCUSED' }).first())) return 'EXCUSED';
    await insertOnce(this.knex, 'exam_sittings', row, idempotencyKey ?? `import:${row.person_id_number.slice(0, 32)}:${row.date}:${row.kind}:${row.result}:${row.occupation_code ?? ''}`);
    return row.result;
  }

  async recordEvaluation(idNumber: string, e: Partial<EvaluationRecord>, idempotencyKey: string | null = null): Promise<void> {
    const row = {
      person_id_number: this.key(idNumber),
      date: date(e.date, '评价工作日期'),
      occupation_code: e.occupationCode ?? null,
      role: oneOf(e.role, ['examiner', 'supervisor'] as const, '评价工作角色'),
      org_id: e.orgId ?? null,
    };
    await insertOnce(this.knex, 'evaluation_records', row, idempotencyKey ?? `import:${row.person_id_number.slice(0, 32)}:${row.date}:${row.role}:${row.occupation_code ?? ''}:${row.org_id ?? ''}`);
  }

  async of(idNumber: string): Promise<PersonRecordFacts> {
    return PersonRecords.from(await readFactParts(this.knex, this.parts(this.key(idNumber)), PersonRecords.ORDER));
  }

  /** The four tables of a person's records as parts of one fact read (RegistryService.getPersonFacts adds bans and cards). */
  parts(key: string): FactPart[] {
    return [
      { part: 'certificate', table: 'person_certificates', columns: ['id', 'kind', 'occupation_code', 'occupation_name', 'level', 'certificate_no', 'issued_on'], where: BY_PERSON, bindings: [key] },
      { part: 'title', table: 'person_titles', columns: ['id', 'level', 'series', 'issued_on'], where: BY_PERSON, bindings: [key] },
      { part: 'sitting', table: 'exam_sittings', columns: ['id', 'date', 'occupation_code', 'kind', 'result'], where: BY_PERSON, bindings: [key] },
      { part: 'evaluation', table: 'evaluation_records', columns: ['id', 'date', 'occupation_code', 'role', 'org_id'], where: BY_PERSON, bindings: [key] },
    ];
  }

  static readonly ORDER = { certificate: byColumns('id'), title: byColumns('id'), sitting: byColumns('date', 'id'), evaluation: byColumns('date', 'id') };

  static from(parts: Map<string, Row[]>): PersonRecordFacts {
    return {
      certificates: parts.get('certificate')!.map((r) => ({ kind: r.kind, occupationCode: r.occupation_code, occupationName: r.occupation_name, level: r.level, certificateNo: r.certificate_no, issuedOn: r.issued_on })),
      titles: parts.get('title')!.map((r) => ({ level: r.level, series: r.series, issuedOn: r.issued_on })),
      examSittings: parts.get('sitting')!.map((r) => ({ date: r.date, occupationCode: r.occupation_code, kind: r.kind, result: r.result })),
      evaluationRecords: parts.get('evaluation')!.map((r) => ({ date: r.date, occupationCode: r.occupation_code, role: r.role, orgId: r.org_id })),
    };
  }
}

export interface PersonRecordFacts {
  certificates: Certificate[];
  titles: Title[];
  examSittings: ExamSitting[];
  evaluationRecords: EvaluationRecord[];
}
