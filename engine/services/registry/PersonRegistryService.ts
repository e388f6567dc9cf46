import type { Db } from '../../store/createDb.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../errors.ts';
import { assertRole, type Actor } from '../actor.ts';
import { regionCovers } from '../actorScope.ts';
import type { AuditLog } from '../audit/AuditLog.ts';
import { shanghaiDate } from '../time/clock.ts';
import { maskIdNumber } from '../privacy/index.ts';
import { createHash } from 'node:crypto';
import { SANCTION_KINDS } from '../../packages/sanctionKinds.ts';
import { RegistryService, type ExistingCardInput, type PersonFacts, type Sanction, type SanctionInput } from './RegistryService.ts';
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
    await this.assertInScope(actor, idNumber);
    const facts = await new RegistryService(this.db, this.now).getPersonFacts(idNumber, asOf);
    // Who looked up whose registry record is itself audited, under the look-up hash, not the number.
    await this.audit.recordRead(actor, { entityType: 'person', entityId: this.db.personal.lookupKey(idNumber), detail: { what: 'registry.person', asOf } });
    return facts;
  }

  private async known(idNumber: string): Promise<boolean> {
    const k = this.db.knex;
    const key = this.db.personal.lookupKey(idNumber);
    const rows = await Promise.all([
      k('persons').where({ id_number: key }).first('id_number'),
      k('cards').where({ person_id_number: key }).first('id'),
      k('applications').where({ applicant_id_number: key }).first('id'),
    ]);
    return rows.some(Boolean);
  }

  /**
   * Staff see a person only through their region: an application in it (by the applicant's city or
   * the package's region) or a card issued or valid there. Anyone else's person does not exist for them.
   */
  private async assertInScope(actor: Actor, idNumber: string): Promise<void> {
    const key = this.db.personal.lookupKey(idNumber);
    const apps = await this.db.knex('applications as a')
      .join('package_versions as v', 'v.hash', 'a.package_hash')
      .where('a.applicant_id_number', key)
      .select('a.city_code', 'v.region_code');
    const cards = await this.db.knex('cards').where({ person_id_number: key }).select('issuer_region_code', 'valid_region_code');
    const mine = (r: string | null) => regionCovers(actor.regionCode, r);
    const visible =
      apps.some((a: Record<string, string | null>) => mine(a.city_code) || mine(a.region_code)) ||
      // A card valid province-wide is valid in each of its cities too.
      cards.some((c: Record<string, string>) => mine(c.issuer_region_code) || mine(c.valid_region_code) || regionCovers(c.valid_region_code, actor.regionCode));
    if (!visible) throw new NotFoundError('人员', maskIdNumber(idNumber));
  }

  async importRecords(actor: Actor, idNumber: string, input: PersonRecordsInput): Promise<PersonFacts> {
    assertRole(actor, 'admin');
    // A person already in the registry is changed only by their region's administrators; a new one may be entered.
    const known = await this.known(idNumber);
    if (known) await this.assertInScope(actor, idNumber);
    // Cards of the administrator's own centres; a card issued elsewhere (人社部, an industry body, another
    // province) only when it is valid in the administrator's region or nationwide, or the person is already
    // one of the region's — it then feeds the region's rules without being the region's to issue.
    const foreign = (input.cards ?? []).find((c) => !regionCovers(actor.regionCode, c.issuerRegionCode) && !known && !validIn(c.validRegionCode ?? c.issuerRegionCode, actor.regionCode));
    if (foreign) throw new ForbiddenError(`无权录入其他地区核发且不在本地区有效的证卡(${foreign.number},核发地 ${foreign.issuerRegionCode})`);
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
      await this.audit.append({ actorId: actor.id, actorRole: actor.role, action: 'registry.person.imported', entityType: 'person', entityId: this.db.personal.lookupKey(idNumber), detail: counts }, trx);
    });
    return new RegistryService(this.db, this.now).getPersonFacts(idNumber, shanghaiDate(this.now()));
  }

  /**
   * Sanctions decided outside the platform (a 通报, another centre's list) entered by an administrator:
   * persons of his region or not yet in the registry, organisations of his region; every kind from the
   * platform's vocabulary for its subject, so the rules that read it apply. All or nothing, audited; an
   * entry imported again (same reference, or the same content) is not doubled.
   */
  async importSanctions(actor: Actor, items: SanctionImport[]): Promise<Sanction[]> {
    assertRole(actor, 'admin');
    const registry = new RegistryService(this.db, this.now);
    for (const [i, s] of items.entries()) {
      const kind = SANCTION_KINDS[s.kind as keyof typeof SANCTION_KINDS];
      if (!kind) throw new ValidationError('惩戒类别不在平台的惩戒类别表中', s.kind, [{ pointer: `/sanctions/${i}/kind`, message: `未知的惩戒类别 ${s.kind}` }]);
      if (kind.subject !== s.subjectType) throw new ValidationError('惩戒类别与惩戒对象不符', `${s.kind}(${kind.label})只用于${kind.subject === 'person' ? '人员' : '机构'}`, [{ pointer: `/sanctions/${i}/subjectType`, message: `${kind.label}只用于${kind.subject === 'person' ? '人员' : '机构'}` }]);
      if (s.subjectType === 'person') {
        if (await this.known(s.subjectId)) await this.assertInScope(actor, s.subjectId);
      } else {
        const org = await registry.getOrganisation(s.subjectId);
        if (!regionCovers(actor.regionCode, org.regionCode)) throw new NotFoundError('机构', s.subjectId);
      }
    }
    const saved: Sanction[] = [];
    await this.db.knex.transaction(async (trx) => {
      const r = new RegistryService({ ...this.db, knex: trx }, this.now);
      for (const { reference, ...s } of items) {
        const key = `import:${createHash('sha256').update(reference ? `${s.subjectType}:${s.subjectId}:${reference}` : JSON.stringify(s)).digest('hex').slice(0, 40)}`;
        saved.push(await r.recordSanction({ ...s, idempotencyKey: key }));
      }
      await this.audit.append({ actorId: actor.id, actorRole: actor.role, action: 'registry.sanctions.imported', entityType: 'registry', entityId: 'sanctions', detail: { count: items.length, kinds: [...new Set(items.map((s) => s.kind))] } }, trx);
    });
    return saved;
  }
}

export type SanctionImport = Omit<SanctionInput, 'idempotencyKey' | 'applicationId'> & { /** The issuing document or list entry; the same reference imports once. */ reference?: string };

/** National codes (人社部 cards valid everywhere) cover every region; otherwise the card's region must cover the actor's or lie in it. */
function validIn(cardRegion: string, actorRegion: string | null): boolean {
  if (cardRegion === '000000' || cardRegion === '100000') return true;
  return regionCovers(actorRegion, cardRegion) || regionCovers(cardRegion, actorRegion);
}
