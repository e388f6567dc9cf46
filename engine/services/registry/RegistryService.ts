import type { Knex } from 'knex';
import type { Db } from '../../store/createDb.ts';
import { fromJson, toJson } from '../../store/createDb.ts';
import { NotFoundError } from '../../errors.ts';

export interface Organisation {
  id: string;
  name: string;
  regionCode: string;
  cityCode: string;
  provinceCode: string;
  level: 'province' | 'city' | 'county' | null;
  filingStatus: 'FILED' | 'APPLIED' | 'SUBMITTED' | 'NONE';
  filingAcceptedDate: string | null;
  filedDate: string | null;
  isUndelegatedProvincialInChengdu: boolean;
  recommendationSuspendedUntil: string | null;
  occupations: string[];
}

export interface Card {
  number: string;
  kind: string;
  occupationCode: string | null;
  occupationName: string | null;
  issuerRegionCode: string;
  validRegionCode: string;
  validFrom: string;
  validTo: string | null;
  status: 'ISSUED' | 'COLLECTED' | 'CANCELLED' | 'VOID';
  collectionDeadline: string | null;
}

export interface Sanction {
  id: number;
  subjectType: 'person' | 'org';
  subjectId: string;
  kind: string;
  clause: string;
  startsOn: string;
  until: string | null;
  permanent: boolean;
  reason: string;
}

const toOrg = (r: Record<string, any>): Organisation => ({
  id: r.id,
  name: r.name,
  regionCode: r.region_code,
  cityCode: r.city_code,
  provinceCode: r.province_code,
  level: r.level,
  filingStatus: r.filing_status,
  filingAcceptedDate: r.filing_accepted_date,
  filedDate: r.filed_date,
  isUndelegatedProvincialInChengdu: !!r.is_undelegated_provincial_in_chengdu,
  recommendationSuspendedUntil: r.recommendation_suspended_until,
  occupations: fromJson<string[]>(r.occupations) ?? [],
});
const toCard = (r: Record<string, any>): Card => ({
  number: r.number,
  kind: r.kind,
  occupationCode: r.occupation_code,
  occupationName: r.occupation_name,
  issuerRegionCode: r.issuer_region_code,
  validRegionCode: r.valid_region_code,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  status: r.status,
  collectionDeadline: r.collection_deadline,
});
const toSanction = (r: Record<string, any>): Sanction => ({
  id: Number(r.id),
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  kind: r.kind,
  clause: r.clause,
  startsOn: r.starts_on,
  until: r.until,
  permanent: !!r.permanent,
  reason: r.reason,
});

/**
 * The person and organisation registry: filing status, cards, sanctions. Rules read it through
 * fact providers; task workers write to it idempotently (a job may run twice).
 */
export class RegistryService {
  private readonly knex: Knex;

  constructor(
    db: Db,
    private readonly now: () => number = Date.now,
  ) {
    this.knex = db.knex;
  }

  async upsertOrganisation(o: Omit<Organisation, 'occupations'> & { occupations?: string[] }): Promise<void> {
    const row = {
      id: o.id,
      name: o.name,
      region_code: o.regionCode,
      city_code: o.cityCode,
      province_code: o.provinceCode,
      level: o.level,
      filing_status: o.filingStatus,
      filing_accepted_date: o.filingAcceptedDate,
      filed_date: o.filedDate,
      is_undelegated_provincial_in_chengdu: o.isUndelegatedProvincialInChengdu,
      recommendation_suspended_until: o.recommendationSuspendedUntil,
      occupations: toJson(o.occupations ?? []),
    };
    const exists = await this.knex('organisations').where({ id: o.id }).first('id');
    if (exists) await this.knex('organisations').where({ id: o.id }).update(row);
    else await this.knex('organisations').insert(row);
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
    const exists = await this.knex('persons').where({ id_number: p.idNumber }).first('id_number');
    if (exists) await this.knex('persons').where({ id_number: p.idNumber }).update({ name: p.name, gender: p.gender ?? null });
    else await this.knex('persons').insert({ id_number: p.idNumber, name: p.name, gender: p.gender ?? null, created_at: new Date(this.now()).toISOString() });
  }

  /** Facts about the recommending unit as the eligibility rules read them. */
  async getRecommenderFacts(orgId: string, _asOf: string): Promise<Organisation> {
    return this.getOrganisation(orgId);
  }

  /** Facts about a person: bans in force at asOf, and cards. */
  async getPersonFacts(idNumber: string, asOf: string): Promise<{ idNumber: string; bans: Array<{ kind: string; until: string | null; permanent: boolean; clause: string }>; cards: Card[] }> {
    const sanctions = (await this.knex('sanctions').where({ subject_type: 'person', subject_id: idNumber })).map(toSanction);
    const bans = sanctions
      .filter((s) => s.startsOn <= asOf && (s.permanent || !s.until || s.until >= asOf))
      .map((s) => ({ kind: s.kind, until: s.until, permanent: s.permanent, clause: s.clause }));
    const cards = (await this.knex('cards').where({ person_id_number: idNumber }).orderBy('id')).map(toCard);
    return { idNumber, bans, cards };
  }

  /** Issue a card; the number comes from the issuing centre's yearly sequence. Idempotent per application. */
  async issueCard(input: {
    applicationId: string;
    idNumber: string;
    kind: string;
    occupationCode: string | null;
    occupationName: string | null;
    issuerRegionCode: string;
    validRegionCode: string;
    validFrom: string;
    validTo?: string | null;
    collectionDeadline?: string | null;
    packageHash: string;
  }): Promise<Card> {
    // Two workers racing on the same job: the loser hits a unique key (or, on MySQL, a gap-lock
    // deadlock on a new sequence row) and retries, reading the winner's card.
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.issueCardOnce(input);
      } catch (err) {
        if (attempt < 5 && (isDuplicateKey(err) || isDeadlock(err))) continue;
        throw err;
      }
    }
  }

  private issueCardOnce(input: Parameters<RegistryService['issueCard']>[0]): Promise<Card> {
    return this.knex.transaction(async (trx) => {
      const existing = await trx('cards').where({ application_id: input.applicationId }).first();
      if (existing) return toCard(existing);
      const year = input.validFrom.slice(0, 4);
      const seqKey = `${input.issuerRegionCode}-${year}`;
      const seq = await trx('card_sequences').where({ issuer_year: seqKey }).forUpdate().first();
      const value = seq ? Number(seq.next_value) : 1;
      if (seq) await trx('card_sequences').where({ issuer_year: seqKey }).update({ next_value: value + 1 });
      else await trx('card_sequences').insert({ issuer_year: seqKey, next_value: value + 1 });
      const number = `${input.issuerRegionCode}-${year}-${String(value).padStart(6, '0')}`;
      const row = {
        number,
        person_id_number: input.idNumber,
        kind: input.kind,
        occupation_code: input.occupationCode,
        occupation_name: input.occupationName,
        issuer_region_code: input.issuerRegionCode,
        valid_region_code: input.validRegionCode,
        valid_from: input.validFrom,
        valid_to: input.validTo ?? null,
        status: 'ISSUED',
        collection_deadline: input.collectionDeadline ?? null,
        application_id: input.applicationId,
        package_hash: input.packageHash,
        created_at: new Date(this.now()).toISOString(),
      };
      await trx('cards').insert(row);
      return toCard(row);
    });
  }

  async markCardCollected(number: string): Promise<void> {
    const n = await this.knex('cards').where({ number }).whereIn('status', ['ISSUED', 'COLLECTED']).update({ status: 'COLLECTED' });
    if (!n) throw new NotFoundError('证卡', number);
  }

  async cancelCard(number: string, _reason: string): Promise<void> {
    const n = await this.knex('cards').where({ number }).whereIn('status', ['ISSUED', 'CANCELLED']).update({ status: 'CANCELLED' });
    if (!n) throw new NotFoundError('证卡', number);
  }

  /** Record a sanction once per idempotency key. */
  async recordSanction(s: {
    subjectType: 'person' | 'org';
    subjectId: string;
    kind: string;
    clause: string;
    startsOn: string;
    until?: string | null;
    permanent?: boolean;
    reason: string;
    applicationId?: string;
    idempotencyKey: string;
  }): Promise<Sanction> {
    const existing = await this.knex('sanctions').where({ idempotency_key: s.idempotencyKey }).first();
    if (existing) return toSanction(existing);
    await this.knex('sanctions')
      .insert({
      subject_type: s.subjectType,
      subject_id: s.subjectId,
      kind: s.kind,
      clause: s.clause,
      starts_on: s.startsOn,
      until: s.until ?? null,
      permanent: !!s.permanent,
      reason: s.reason,
      application_id: s.applicationId ?? null,
      idempotency_key: s.idempotencyKey,
      created_at: new Date(this.now()).toISOString(),
      })
      .catch((err: unknown) => {
        if (!isDuplicateKey(err)) throw err;
      });
    return toSanction(await this.knex('sanctions').where({ idempotency_key: s.idempotencyKey }).first());
  }

  async listSanctions(subject: { subjectType: 'person' | 'org'; subjectId: string }): Promise<Sanction[]> {
    return (await this.knex('sanctions').where({ subject_type: subject.subjectType, subject_id: subject.subjectId }).orderBy('id')).map(toSanction);
  }
}

function isDuplicateKey(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === 'ER_DUP_ENTRY' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || /UNIQUE constraint failed/.test(e?.message ?? '');
}

function isDeadlock(err: unknown): boolean {
  const e = err as { code?: string };
  return e?.code === 'ER_LOCK_DEADLOCK' || e?.code === 'ER_LOCK_WAIT_TIMEOUT' || e?.code === 'SQLITE_BUSY';
}
