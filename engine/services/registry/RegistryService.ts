import type { Knex } from 'knex';
import type { Db } from '../../store/createDb.ts';
import { fromJson, toJson } from '../../store/createDb.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.ts';
import { checkIdCard, ID_CARD_MESSAGES } from '../../../forms/index.ts';
import type { PersonalData } from '../privacy/index.ts';
import type { SanctionKind } from '../../packages/sanctionKinds.ts';
import { PersonRecords, type Certificate, type EvaluationRecord, type ExamSitting, type Title } from './PersonRecords.ts';
import { ProvincialClassCities } from './ProvincialClassCities.ts';
import { PublicNotices } from './PublicNotices.ts';
import { UnitYearTally } from './UnitYearTally.ts';
import { byColumns, inList, readFactParts, type FactPart } from './readFactParts.ts';

export type FilingStatus = 'FILED' | 'APPLIED' | 'SUBMITTED' | 'NONE';
export type CardStatus = 'ISSUED' | 'COLLECTED' | 'CANCELLED' | 'VOID';
export type SanctionSubjectType = 'person' | 'org';

export interface Organisation {
  id: string;
  name: string;
  /** County/district or city code (GB/T 2260). */
  regionCode: string;
  /** 市(州) code. */
  cityCode: string;
  provinceCode: string;
  level: 'province' | 'city' | 'county' | null;
  filingStatus: FilingStatus;
  /** Date the filing application was formally accepted (正式受理), SC26-01/02. */
  filingAcceptedDate: string | null;
  filedDate: string | null;
  /** Master-data flag kept by the province (the list in SC26-06 ends in 「等」, so it cannot be derived). */
  isUndelegatedProvincialInChengdu: boolean;
  /** Suspension entered as master data; sanctions recorded through recordSanction are added in getRecommenderFacts. */
  recommendationSuspendedUntil: string | null;
  occupations: string[];
  /** The levels filed for each occupation (1 = 一级/高级技师 … 5 = 五级/初级工), GS24-01; null where not recorded. */
  filedLevels: Record<string, number[]> | null;
}

export type OrganisationInput = Omit<Organisation, 'occupations' | 'level' | 'filingAcceptedDate' | 'filedDate' | 'recommendationSuspendedUntil' | 'filedLevels'> & {
  filedLevels?: Record<string, number[]> | null;
  level?: Organisation['level'];
  filingAcceptedDate?: string | null;
  filedDate?: string | null;
  recommendationSuspendedUntil?: string | null;
  occupations?: string[];
};

/** The recommending unit as eligibility rules and the BPMN routing read it. */
export interface RecommenderFacts {
  id: string;
  name: string;
  level: Organisation['level'];
  regionCode: string;
  cityCode: string;
  filingStatus: FilingStatus;
  filingAcceptedDate: string | null;
  isUndelegatedProvincialInChengdu: boolean;
  /** Last day of a suspension in force at asOf (SC26-50/52), or null; PERMANENT_UNTIL when it has no end. */
  recommendationSuspendedUntil: string | null;
  /** Years the unit's city joined the province's classes (SC26-08): its applicants train, sit and get cards there. */
  provincialClassYears: number[];
}

export interface Card {
  number: string;
  idNumber: string;
  kind: string;
  occupationCode: string | null;
  occupationName: string | null;
  issuerRegionCode: string;
  /** SC26-42: a card is valid only where it was issued. */
  validRegionCode: string;
  validFrom: string;
  validTo: string | null;
  status: CardStatus;
  level: number | null;
  collectionDeadline: string | null;
  applicationId: string | null;
  collectedAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
}

export interface IssueCardInput {
  applicationId: string;
  idNumber: string;
  kind: string;
  occupationCode: string | null;
  occupationName: string | null;
  /** The centre that generates the number and issues the card (SC26-39/40). */
  issuerRegionCode: string;
  validRegionCode: string;
  /** Issue date; its year is the year in the card number. */
  validFrom: string;
  validTo?: string | null;
  collectionDeadline?: string | null;
  packageHash: string;
}

export interface Ban {
  kind: string;
  /** Last day in force; null when permanent or without a stated end. */
  until: string | null;
  permanent: boolean;
  clause: string;
}

export interface PersonFacts {
  idNumber: string;
  /** Only bans in force at asOf. */
  bans: Ban[];
  cards: Card[];
  certificates: Certificate[];
  titles: Title[];
  examSittings: ExamSitting[];
  evaluationRecords: EvaluationRecord[];
}

/** A card issued before the platform (or by another system), entered with its printed number. */
export type ExistingCardInput = Pick<Card, 'number' | 'idNumber' | 'kind' | 'issuerRegionCode' | 'validFrom'> &
  Partial<Pick<Card, 'occupationCode' | 'occupationName' | 'validRegionCode' | 'validTo' | 'status' | 'collectedAt'>> & { level?: number | null };

export interface Sanction {
  id: number;
  subjectType: SanctionSubjectType;
  subjectId: string;
  kind: string;
  clause: string;
  startsOn: string;
  until: string | null;
  permanent: boolean;
  reason: string;
  applicationId: string | null;
  createdAt: string;
}

export interface SanctionInput {
  subjectType: SanctionSubjectType;
  subjectId: string;
  kind: string;
  clause: string;
  startsOn: string;
  /** Last day in force (inclusive). */
  until?: string | null;
  permanent?: boolean;
  reason: string;
  applicationId?: string;
  /** A repeated job passes the same key and gets the first row back. */
  idempotencyKey: string;
}

/** Organisation sanction kinds that stop a unit from recommending: SC26-52 (one year after cheating), SC26-50 (no end). */
export const RECOMMENDATION_SUSPENSION_KINDS = ['RECOMMENDATION_SUSPENDED', 'RECOMMENDATION_REVOKED'] as const satisfies readonly SanctionKind[];
/** Reported as the end of a suspension that has none, so date comparisons in rules keep failing closed. */
export const PERMANENT_UNTIL = '9999-12-31';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const REGION = /^\d{6}$/;

type Row = Record<string, any>;

const ORG_COLUMNS = ['id', 'name', 'region_code', 'city_code', 'province_code', 'level', 'filing_status', 'filing_accepted_date', 'filed_date', 'is_undelegated_provincial_in_chengdu', 'recommendation_suspended_until', 'occupations', 'filed_levels'];
const BAN_COLUMNS = ['id', 'kind', 'clause', 'starts_on', 'until', 'permanent'];
/** The condition of activeSanctions, for the one-statement fact reads: subject type, subject key, asOf, asOf. */
const ACTIVE_SANCTION = '`subject_type` = ? AND `subject_id` = ? AND `starts_on` <= ? AND (`permanent` = 1 OR `until` IS NULL OR `until` >= ?)';
const CARD_COLUMNS = ['id', 'number', 'person_id_number', 'person_id_sealed', 'kind', 'occupation_code', 'occupation_name', 'issuer_region_code', 'valid_region_code', 'valid_from', 'valid_to', 'status', 'level', 'collection_deadline', 'application_id', 'collected_at', 'cancelled_at', 'cancel_reason'];

const toOrg = (r: Row): Organisation => ({
  id: r.id,
  name: r.name,
  regionCode: r.region_code,
  cityCode: r.city_code,
  provinceCode: r.province_code,
  level: r.level ?? null,
  filingStatus: r.filing_status,
  filingAcceptedDate: r.filing_accepted_date ?? null,
  filedDate: r.filed_date ?? null,
  isUndelegatedProvincialInChengdu: !!r.is_undelegated_provincial_in_chengdu,
  recommendationSuspendedUntil: r.recommendation_suspended_until ?? null,
  occupations: fromJson<string[]>(r.occupations) ?? [],
  filedLevels: fromJson<Record<string, number[]>>(r.filed_levels ?? null) ?? null,
});
// The card's holder is kept as a keyed hash (look-up) and sealed (the number itself).
const toCard = (r: Row, personal: PersonalData): Card => ({
  number: r.number,
  idNumber: personal.decrypt(r.person_id_sealed ?? r.person_id_number),
  kind: r.kind,
  occupationCode: r.occupation_code ?? null,
  occupationName: r.occupation_name ?? null,
  issuerRegionCode: r.issuer_region_code,
  validRegionCode: r.valid_region_code,
  validFrom: r.valid_from,
  validTo: r.valid_to ?? null,
  status: r.status,
  level: r.level ?? null,
  collectionDeadline: r.collection_deadline ?? null,
  applicationId: r.application_id ?? null,
  collectedAt: r.collected_at ?? null,
  cancelledAt: r.cancelled_at ?? null,
  cancelReason: r.cancel_reason ?? null,
});
const toSanction = (r: Row, personal: PersonalData): Sanction => ({
  id: Number(r.id),
  subjectType: r.subject_type,
  subjectId: r.subject_sealed ? personal.decrypt(r.subject_sealed) : r.subject_id,
  kind: r.kind,
  clause: r.clause,
  startsOn: r.starts_on,
  until: r.until ?? null,
  permanent: !!r.permanent,
  reason: r.reason,
  applicationId: r.application_id ?? null,
  createdAt: r.created_at,
});

/**
 * The person and organisation registry: filing status, cards, sanctions. Rules read it through
 * fact providers; task workers write to it idempotently (a job may run twice).
 */
export class RegistryService {
  private readonly knex: Knex;
  private readonly personal: PersonalData;
  /** Certificates, titles, exam sittings and evaluation work. */
  readonly records: PersonRecords;
  /** Recommending units' yearly tallies and the province's quota decisions (the penalties rules). */
  readonly unitYears: UnitYearTally;
  /** 通报 of persons decided by the province (SC26-54). */
  readonly publicNotices: PublicNotices;
  /** Cities the province let join its classes of a year (SC26-08). */
  readonly provincialClasses: ProvincialClassCities;

  constructor(
    db: Db,
    private readonly now: () => number = Date.now,
  ) {
    this.knex = db.knex;
    this.personal = db.personal;
    this.records = new PersonRecords(db.knex, db.personal);
    this.unitYears = new UnitYearTally(db.knex, now);
    this.publicNotices = new PublicNotices(db.knex, db.personal, now);
    this.provincialClasses = new ProvincialClassCities(db.knex, now);
  }

  async upsertOrganisation(o: OrganisationInput): Promise<Organisation> {
    if (!o.id || o.id.length > 64) throw new ValidationError('机构编号不正确', o.id);
    if (!o.name?.trim()) throw new ValidationError('机构名称不能为空', o.id);
    for (const [label, code] of [['所在地区划代码', o.regionCode], ['市(州)代码', o.cityCode], ['省级代码', o.provinceCode]] as const) {
      if (!REGION.test(code ?? '')) throw new ValidationError(`${label}应为 6 位数字`, `${o.id}: ${code}`);
    }
    if (!['FILED', 'APPLIED', 'SUBMITTED', 'NONE'].includes(o.filingStatus)) throw new ValidationError('备案状态不正确', o.filingStatus);
    for (const d of [o.filingAcceptedDate, o.filedDate, o.recommendationSuspendedUntil]) assertOptionalDate(d);
    for (const [code, levels] of Object.entries(o.filedLevels ?? {})) {
      if (!(o.occupations ?? []).includes(code)) throw new ValidationError('备案级别所属的职业(工种)不在备案职业中', `${o.id}: ${code}`);
      if (!Array.isArray(levels) || !levels.length || levels.some((l) => !Number.isInteger(l) || l < 1 || l > 5) || new Set(levels).size !== levels.length) {
        throw new ValidationError('备案级别应为 1–5 级且不重复', `${o.id}: ${code}`);
      }
    }
    const row = {
      id: o.id,
      name: o.name.trim(),
      region_code: o.regionCode,
      city_code: o.cityCode,
      province_code: o.provinceCode,
      level: o.level ?? null,
      filing_status: o.filingStatus,
      filing_accepted_date: o.filingAcceptedDate ?? null,
      filed_date: o.filedDate ?? null,
      is_undelegated_provincial_in_chengdu: o.isUndelegatedProvincialInChengdu,
      recommendation_suspended_until: o.recommendationSuspendedUntil ?? null,
      occupations: toJson(o.occupations ?? []),
      filed_levels: o.filedLevels ? toJson(Object.fromEntries(Object.entries(o.filedLevels).map(([k, v]) => [k, [...v].sort((a, b) => a - b)]))) : null,
    };
    // One statement on both stores (ON CONFLICT / ON DUPLICATE KEY), so two starts seeding at once do not clash.
    await this.knex('organisations').insert(row).onConflict('id').merge();
    return this.getOrganisation(o.id);
  }

  async getOrganisation(id: string): Promise<Organisation> {
    const r = await this.knex('organisations').where({ id }).first();
    if (!r) throw new NotFoundError('机构', id);
    return toOrg(r);
  }

  async listOrganisations(q: { cityCode?: string } = {}): Promise<Organisation[]> {
    const query = this.knex('organisations').orderBy('id');
    if (q.cityCode) query.where({ city_code: q.cityCode });
    return (await query).map(toOrg);
  }

  async upsertPerson(p: { idNumber: string; name: string; gender?: string | null }): Promise<void> {
    assertIdNumber(p.idNumber);
    if (!p.name?.trim()) throw new ValidationError('姓名不能为空', p.idNumber);
    await this.knex('persons')
      .insert({ id_number: this.personal.lookupKey(p.idNumber), id_number_sealed: this.personal.encrypt(p.idNumber), name: p.name.trim(), gender: p.gender ?? null, created_at: this.nowIso() })
      .onConflict('id_number')
      .merge(['name', 'gender']);
  }

  /** Facts about the recommending unit at asOf (SC26-01/02/06/14/52): one statement. */
  async getRecommenderFacts(orgId: string, asOf: string): Promise<RecommenderFacts> {
    assertDate(asOf, '查询日期');
    const parts = await readFactParts(this.knex, this.orgParts(orgId, asOf, RECOMMENDATION_SUSPENSION_KINDS));
    return this.recommenderFrom(orgId, parts);
  }

  /** An applying organisation as rules read it: master data plus any recommendation suspension in force at asOf; one statement. */
  async getOrganisationFacts(orgId: string, asOf: string): Promise<Organisation & { delistedSince: string | null; delistings: Array<{ since: string; clause: string }> }> {
    assertDate(asOf, '查询日期');
    const parts = await readFactParts(this.knex, this.orgParts(orgId, asOf, [...RECOMMENDATION_SUSPENSION_KINDS, 'EVALUATION_DELISTED']), { sanction: byColumns('starts_on', 'id') });
    const facts = this.recommenderFrom(orgId, parts);
    // Removed from the evaluation catalogue (LC20-37): the first delisting in force at asOf, or null.
    const delistings = parts
      .get('sanction')!
      .filter((r) => r.kind === 'EVALUATION_DELISTED')
      .map((r) => ({ since: String(r.starts_on).slice(0, 10), clause: r.clause as string }));
    return { ...toOrg(parts.get('org')![0]), recommendationSuspendedUntil: facts.recommendationSuspendedUntil, delistedSince: delistings[0]?.since ?? null, delistings };
  }

  /** The organisation row, its sanctions of these kinds in force at asOf, and the years its city joined the province's classes. */
  private orgParts(orgId: string, asOf: string, kinds: readonly string[]): FactPart[] {
    return [
      { part: 'org', table: 'organisations', columns: ORG_COLUMNS, where: '`id` = ?', bindings: [orgId] },
      { part: 'sanction', table: 'sanctions', columns: BAN_COLUMNS, where: `${ACTIVE_SANCTION} AND ${inList('kind', kinds.length)}`, bindings: [...this.activeSanctionBindings('org', orgId, asOf), ...kinds] },
      { part: 'class', table: 'provincial_class_cities', columns: ['year'], where: '`city_code` = (SELECT `city_code` FROM `organisations` WHERE `id` = ?)', bindings: [orgId] },
    ];
  }

  private recommenderFrom(orgId: string, parts: Map<string, Row[]>): RecommenderFacts {
    const r = parts.get('org')![0];
    if (!r) throw new NotFoundError('机构', orgId);
    const org = toOrg(r);
    let until = org.recommendationSuspendedUntil;
    for (const s of parts.get('sanction')!) {
      if (!(RECOMMENDATION_SUSPENSION_KINDS as readonly string[]).includes(s.kind)) continue;
      const end = s.permanent || !s.until ? PERMANENT_UNTIL : (s.until as string);
      if (!until || end > until) until = end;
    }
    return {
      id: org.id,
      name: org.name,
      regionCode: org.regionCode,
      cityCode: org.cityCode,
      level: org.level,
      filingStatus: org.filingStatus,
      filingAcceptedDate: org.filingAcceptedDate,
      isUndelegatedProvincialInChengdu: org.isUndelegatedProvincialInChengdu,
      recommendationSuspendedUntil: until,
      provincialClassYears: [...new Set(parts.get('class')!.map((c) => Number(c.year)))].sort((a, b) => a - b),
    };
  }

  /** Facts about a person: bans in force at asOf, all cards, certificates, titles, sittings and evaluation work; one statement. An unknown person simply has none. */
  async getPersonFacts(idNumber: string, asOf: string): Promise<PersonFacts> {
    assertDate(asOf, '查询日期');
    const key = this.personal.lookupKey(idNumber);
    const parts = await readFactParts(
      this.knex,
      [
        { part: 'ban', table: 'sanctions', columns: BAN_COLUMNS, where: ACTIVE_SANCTION, bindings: this.activeSanctionBindings('person', idNumber, asOf) },
        { part: 'card', table: 'cards', columns: CARD_COLUMNS, where: '`person_id_number` = ?', bindings: [key] },
        ...this.records.parts(key),
      ],
      { ban: byColumns('id'), card: byColumns('id'), ...PersonRecords.ORDER },
    );
    const bans = parts.get('ban')!.map((s) => ({ kind: s.kind as string, until: s.permanent ? null : ((s.until ?? null) as string | null), permanent: !!s.permanent, clause: s.clause as string }));
    const cards = parts.get('card')!.map((r) => toCard(r, this.personal));
    return { idNumber, bans, cards, ...PersonRecords.from(parts) };
  }

  /** Enters a card that exists already (e.g. a 2021 card that the 2024 renewal reads); the same number twice is one card. */
  async importCard(c: ExistingCardInput): Promise<Card> {
    assertIdNumber(c.idNumber);
    if (!c.number?.trim() || c.number.length > 32) throw new ValidationError('证卡编号不正确', String(c.number));
    assertDate(c.validFrom, '证卡生效日期');
    assertOptionalDate(c.validTo);
    if (!REGION.test(c.issuerRegionCode ?? '')) throw new ValidationError('发证机构区划代码应为 6 位数字', String(c.issuerRegionCode));
    await this.knex('cards')
      .insert({
        number: c.number.trim(),
        person_id_number: this.personal.lookupKey(c.idNumber),
        person_id_sealed: this.personal.encrypt(c.idNumber),
        kind: c.kind,
        occupation_code: c.occupationCode ?? null,
        occupation_name: c.occupationName ?? null,
        level: c.level ?? null,
        issuer_region_code: c.issuerRegionCode,
        valid_region_code: c.validRegionCode ?? c.issuerRegionCode,
        valid_from: c.validFrom,
        valid_to: c.validTo ?? null,
        status: c.status ?? 'COLLECTED',
        // A card held before the platform was collected; without the date, its validity start stands for it.
        collected_at: c.collectedAt ?? ((c.status ?? 'COLLECTED') === 'COLLECTED' ? c.validFrom : null),
        created_at: this.nowIso(),
      })
      .onConflict('number')
      .ignore();
    const card = await this.getCard(c.number.trim());
    // The same card entered again is fine; the number of someone else's card is not.
    if (card.idNumber !== c.idNumber || card.issuerRegionCode !== c.issuerRegionCode) throw new ConflictError('证卡编号已登记在他人名下或由其他机构核发', `证卡 ${card.number}`);
    return card;
  }

  async getCard(number: string): Promise<Card> {
    const r = await this.knex('cards').where({ number }).first();
    if (!r) throw new NotFoundError('证卡', number);
    return toCard(r, this.personal);
  }

  /**
   * Issues a card; the number `<issuer>-<year>-<6-digit sequence>` comes from the issuing centre's
   * yearly sequence (SC26-39/40). Idempotent per application: a retried job gets the same card back.
   */
  async issueCard(input: IssueCardInput): Promise<Card> {
    validateIssue(input);
    // Fast path for a retried job: no sequence is touched.
    const existing = await this.knex('cards').where({ application_id: input.applicationId }).first();
    if (existing) return toCard(existing, this.personal);
    const seqKey = `${input.issuerRegionCode}-${input.validFrom.slice(0, 4)}`;
    // The sequence row exists before any transaction locks it: locking an absent row on MySQL takes a
    // gap lock, and two such transactions deadlock on their inserts.
    await this.knex('card_sequences').insert({ issuer_year: seqKey, next_value: 1 }).onConflict('issuer_year').ignore();
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.issueCardOnce(input, seqKey);
      } catch (err) {
        // A racing duplicate of the same job loses on the unique application_id and, retrying, reads the winner's card.
        if (attempt < 5 && (isDuplicateKey(err) || isDeadlock(err))) continue;
        throw err;
      }
    }
  }

  private issueCardOnce(input: IssueCardInput, seqKey: string): Promise<Card> {
    return this.knex.transaction(async (trx) => {
      // Lock first, then look: the look then sees any card committed by whoever held the lock before us.
      const seq = await trx('card_sequences').where({ issuer_year: seqKey }).forUpdate().first();
      const existing = await trx('cards').where({ application_id: input.applicationId }).first();
      if (existing) return toCard(existing, this.personal);
      const value = Number(seq.next_value);
      if (value > 999_999) throw new ConflictError('证卡号已用尽', `${seqKey} 的年度序号已超过 999999`);
      await trx('card_sequences').where({ issuer_year: seqKey }).update({ next_value: value + 1 });
      const row = {
        number: `${seqKey}-${String(value).padStart(6, '0')}`,
        person_id_number: this.personal.lookupKey(input.idNumber),
        person_id_sealed: this.personal.encrypt(input.idNumber),
        kind: input.kind,
        occupation_code: input.occupationCode ?? null,
        occupation_name: input.occupationName ?? null,
        issuer_region_code: input.issuerRegionCode,
        valid_region_code: input.validRegionCode,
        valid_from: input.validFrom,
        valid_to: input.validTo ?? null,
        status: 'ISSUED',
        collection_deadline: input.collectionDeadline ?? null,
        application_id: input.applicationId,
        package_hash: input.packageHash,
        created_at: this.nowIso(),
      };
      await trx('cards').insert(row);
      return toCard(row, this.personal);
    });
  }

  /** The card was collected (SC26-43). Repeating it is harmless; a cancelled card cannot be collected. */
  async markCardCollected(number: string): Promise<Card> {
    const card = await this.getCard(number);
    if (card.status === 'COLLECTED') return card;
    if (card.status !== 'ISSUED') throw new ConflictError('证卡已注销或作废,不能领取', `证卡 ${number} 当前状态:${card.status}`);
    await this.knex('cards').where({ number, status: 'ISSUED' }).update({ status: 'COLLECTED', collected_at: this.nowIso() });
    return this.getCard(number);
  }

  /**
   * Cancels (注销) an uncollected card, e.g. not collected within a month of the notice (SC26-45).
   * Repeating it is harmless and keeps the first reason; a collected card is not cancelled this way.
   */
  /**
   * CANCELLED (注销): an issued card nobody collected (SC26-45). VOID (作废): an issued or collected card
   * that no longer counts (SC21-30 uncollected, SC24-16/29 renewal failed or superseded). Idempotent.
   */
  async cancelCard(number: string, reason: string, status: 'CANCELLED' | 'VOID' = 'CANCELLED'): Promise<Card> {
    if (!reason?.trim()) throw new ValidationError('注销原因不能为空', number);
    const card = await this.getCard(number);
    if (card.status === status) return card;
    const from: CardStatus[] = status === 'CANCELLED' ? ['ISSUED'] : ['ISSUED', 'COLLECTED'];
    const refuse = (c: Card) => new ConflictError(status === 'CANCELLED' ? '证卡已领取或已作废,不能注销' : '证卡已注销或已作废,不能再作废', `证卡 ${number} 当前状态:${c.status}`);
    if (!from.includes(card.status)) throw refuse(card);
    // The status guard makes a concurrent collect-or-cancel a clean either/or.
    const n = await this.knex('cards').where({ number }).whereIn('status', from).update({ status, cancelled_at: this.nowIso(), cancel_reason: reason.trim() });
    const after = await this.getCard(number);
    if (!n && after.status !== status) throw refuse(after);
    return after;
  }

  /** Records a sanction once per idempotency key; a duplicate returns the row already there. */
  async recordSanction(s: SanctionInput): Promise<Sanction> {
    validateSanction(s);
    const existing = await this.knex('sanctions').where({ idempotency_key: s.idempotencyKey }).first();
    if (existing) return toSanction(existing, this.personal);
    try {
      await this.knex('sanctions').insert({
        subject_type: s.subjectType,
        subject_id: this.subjectKey(s.subjectType, s.subjectId),
        subject_sealed: s.subjectType === 'person' ? this.personal.encrypt(s.subjectId) : null,
        kind: s.kind,
        clause: s.clause,
        starts_on: s.startsOn,
        until: s.permanent ? null : (s.until ?? null),
        permanent: !!s.permanent,
        reason: s.reason,
        application_id: s.applicationId ?? null,
        idempotency_key: s.idempotencyKey,
        created_at: this.nowIso(),
      });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    return toSanction(await this.knex('sanctions').where({ idempotency_key: s.idempotencyKey }).first(), this.personal);
  }

  async listSanctions(subject: { subjectType: SanctionSubjectType; subjectId: string }): Promise<Sanction[]> {
    return (await this.knex('sanctions').where({ subject_type: subject.subjectType, subject_id: this.subjectKey(subject.subjectType, subject.subjectId) }).orderBy('id')).map((r: Row) => toSanction(r, this.personal));
  }

  /** Sanctions in force at asOf: begun, and permanent, open-ended (fail closed) or not yet past their last day. */
  private activeSanctions(subjectType: SanctionSubjectType, subjectId: string, asOf: string): Knex.QueryBuilder {
    return this.knex('sanctions')
      .where({ subject_type: subjectType, subject_id: this.subjectKey(subjectType, subjectId) })
      .andWhere('starts_on', '<=', asOf)
      .andWhere((q) => q.where('permanent', true).orWhereNull('until').orWhere('until', '>=', asOf));
  }

  /** activeSanctions as plain SQL for one-statement fact reads (ACTIVE_SANCTION). */
  private activeSanctionBindings(subjectType: SanctionSubjectType, subjectId: string, asOf: string): unknown[] {
    return [subjectType, this.subjectKey(subjectType, subjectId), asOf, asOf];
  }

  /** A person is looked up by the keyed hash of the ID number, an organisation by its id. */
  private subjectKey(type: SanctionSubjectType, id: string): string {
    return type === 'person' ? this.personal.lookupKey(id) : id;
  }

  private nowIso(): string {
    return new Date(this.now()).toISOString();
  }
}

function assertDate(value: unknown, label: string): asserts value is string {
  if (typeof value !== 'string' || !DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new ValidationError(`${label}应为 YYYY-MM-DD 格式的日期`, String(value));
  }
}
function assertOptionalDate(value: string | null | undefined): void {
  if (value != null) assertDate(value, '日期');
}
function assertIdNumber(id: string): void {
  const check = checkIdCard(id);
  if (!check.ok) throw new ValidationError(ID_CARD_MESSAGES[check.reason!], id);
}

function validateIssue(i: IssueCardInput): void {
  if (!i.applicationId) throw new ValidationError('制证缺少申报编号');
  assertIdNumber(i.idNumber);
  if (!i.kind) throw new ValidationError('制证缺少证卡类别', i.applicationId);
  if (!REGION.test(i.issuerRegionCode ?? '')) throw new ValidationError('发证机构区划代码应为 6 位数字', i.issuerRegionCode);
  if (!REGION.test(i.validRegionCode ?? '')) throw new ValidationError('证卡使用地区划代码应为 6 位数字', i.validRegionCode);
  assertDate(i.validFrom, '证卡生效日期');
  assertOptionalDate(i.validTo);
  assertOptionalDate(i.collectionDeadline);
  if (i.validTo && i.validTo < i.validFrom) throw new ValidationError('证卡有效期截止日期早于生效日期', `${i.validFrom} ~ ${i.validTo}`);
}

function validateSanction(s: SanctionInput): void {
  if (s.subjectType !== 'person' && s.subjectType !== 'org') throw new ValidationError('惩戒对象类型不正确', String(s.subjectType));
  if (!s.subjectId) throw new ValidationError('惩戒对象不能为空');
  if (!s.kind || s.kind.length > 48) throw new ValidationError('惩戒类别不正确', s.kind);
  if (!s.clause || s.clause.length > 16) throw new ValidationError('惩戒依据条款不正确', s.clause);
  if (!s.reason?.trim()) throw new ValidationError('惩戒原因不能为空');
  if (!s.idempotencyKey || s.idempotencyKey.length > 128) throw new ValidationError('惩戒记录缺少幂等键');
  assertDate(s.startsOn, '惩戒起始日期');
  assertOptionalDate(s.until);
  if (s.until && s.until < s.startsOn) throw new ValidationError('惩戒截止日期早于起始日期', `${s.startsOn} ~ ${s.until}`);
  if (s.subjectType === 'person') assertIdNumber(s.subjectId);
}

export function isDuplicateKey(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | undefined;
  return e?.code === 'ER_DUP_ENTRY' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || /UNIQUE constraint failed/.test(e?.message ?? '');
}

function isDeadlock(err: unknown): boolean {
  const e = err as { code?: string } | undefined;
  return e?.code === 'ER_LOCK_DEADLOCK' || e?.code === 'ER_LOCK_WAIT_TIMEOUT' || e?.code === 'SQLITE_BUSY';
}
