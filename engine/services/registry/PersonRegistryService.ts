import type { Db } from '../../store/createDb.ts';
import { ValidationError } from '../../errors.ts';
import { assertRole, type Actor } from '../actor.ts';
import type { AuditLog } from '../audit/AuditLog.ts';
import { shanghaiDate } from '../time/clock.ts';
import { RegistryService, type ExistingCardInput, type PersonFacts } from './RegistryService.ts';
import type { Certificate, EvaluationRecord, ExamSitting, Title } from './PersonRecords.ts';

export interface PersonRecordsInput {
  name: string;
  cards?: Array<Omit<ExistingCardInput, 'idNumber'>>;
  certificates?: Array<Partial<Certificate>>;
  titles?: Array<Partial<Title>>;
  examSittings?: Array<Partial<ExamSitting>>;
  evaluationRecords?: Array<Partial<EvaluationRecord>>;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The person registry as staff use it: a centre enters what happened before the platform (cards,
 * certificates, titles, sittings, evaluation work) so rules of later packages can read it. Everything
 * of one request is written in one transaction, or nothing is; every import is audited.
 */
export class PersonRegistryService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly now: () => number = Date.now,
  ) {}

  /** A person's registry facts as rules read them on a date (staff of the review chain and administrators). */
  async person(actor: Actor, idNumber: string, asOf: string = shanghaiDate(this.now())): Promise<PersonFacts> {
    assertRole(actor, 'admin', 'policy_editor', 'province_reviewer', 'city_reviewer');
    if (!DATE.test(asOf)) throw new ValidationError('查询日期应为 YYYY-MM-DD 格式', asOf);
    return new RegistryService(this.db, this.now).getPersonFacts(idNumber, asOf);
  }

  async importRecords(actor: Actor, idNumber: string, input: PersonRecordsInput): Promise<PersonFacts> {
    assertRole(actor, 'admin');
    const counts = { cards: input.cards?.length ?? 0, certificates: input.certificates?.length ?? 0, titles: input.titles?.length ?? 0, examSittings: input.examSittings?.length ?? 0, evaluationRecords: input.evaluationRecords?.length ?? 0 };
    await this.db.knex.transaction(async (trx) => {
      // The same service on the transaction: a bad record anywhere rolls back the whole import.
      const registry = new RegistryService({ ...this.db, knex: trx }, this.now);
      await registry.upsertPerson({ idNumber, name: input.name });
      for (const c of input.cards ?? []) await registry.importCard({ ...c, idNumber });
      for (const c of input.certificates ?? []) await registry.records.addCertificate(idNumber, c);
      for (const t of input.titles ?? []) await registry.records.addTitle(idNumber, t);
      for (const s of input.examSittings ?? []) await registry.records.recordExamSitting(idNumber, s);
      for (const e of input.evaluationRecords ?? []) await registry.records.recordEvaluation(idNumber, e);
      await this.audit.append({ actorId: actor.id, actorRole: actor.role, action: 'registry.person.imported', entityType: 'person', entityId: idNumber, detail: counts }, trx);
    });
    return new RegistryService(this.db, this.now).getPersonFacts(idNumber, shanghaiDate(this.now()));
  }
}
