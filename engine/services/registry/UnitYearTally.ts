import type { Knex } from 'knex';
import { ValidationError } from '../../errors.ts';
import { insertOnce } from './insertOnce.ts';

/**
 * A recommending unit's year as the penalties rules read it (fact `unitYear`, SC26-46/50/51):
 * counted from the applications of the region's packages of that year, so it is always what the
 * store says now, never a counter that a crash could leave wrong.
 */
export interface UnitYearFacts {
  orgId: string;
  cityCode: string | null;
  year: number;
  /** Recommended persons who did not complete the training and exam as required: no right to sit, or absent without leave. */
  nonCompletedCount: number;
  /** Times a city or province reviewer returned one of the unit's recommendations for correction. */
  returnedCount: number;
  /** Applications of the unit's city that the city passed and the province then refused (批量不符合条件). */
  cityIneligibleCount: number;
  /** Findings (rule names) the province has already decided for this unit this year: not referred again. */
  decidedFindings: string[];
  /** What the province has cut this year: persons off the unit's and off the city's quota. */
  quotaCut: { unit: number; city: number };
}

export interface QuotaAdjustmentInput {
  orgId: string;
  cityCode: string | null;
  year: number;
  unitCut: number;
  cityCut: number;
  findings: string[];
  clauses: string[];
  /** 通报: the unit goes on the province's public list (SC26-50). */
  publicNotice: boolean;
  opinion?: string | null;
  decidedBy?: string | null;
  packageHash?: string | null;
  idempotencyKey: string;
}

export interface QuotaAdjustment extends Omit<QuotaAdjustmentInput, 'idempotencyKey'> {
  id: number;
  createdAt: string;
}

const CUT_LIMIT = 100_000;

export class UnitYearTally {
  constructor(
    private readonly knex: Knex,
    private readonly now: () => number,
  ) {}

  async facts(orgId: string, year: number, regionCode: string): Promise<UnitYearFacts> {
    const org = (await this.knex('organisations').where({ id: orgId }).first('city_code')) as { city_code: string | null } | undefined;
    const cityCode = org?.city_code ?? null;
    // The applications of the region's packages of the year (a notice's examiner and supervisor packages alike).
    const ofYear = (q: Knex.QueryBuilder) => q.join('package_versions as v', 'v.hash', 'a.package_hash').where('v.year', year).andWhere('v.region_code', regionCode);

    const nonCompleted = (await ofYear(this.knex('applications as a'))
      .where('a.recommender_org_id', orgId)
      .andWhere((q) => q.where('a.status', 'NO_RIGHT_TO_SIT').orWhereExists(this.knex('exam_sittings as s').whereRaw('s.application_id = a.id').andWhere('s.result', 'ABSENT')))
      .countDistinct({ n: 'a.id' })
      .first()) as { n: number | string };

    // A return by the unit itself sends the applicant back; only the centres' returns count against the unit.
    const returned = (await ofYear(this.knex('tasks as t').join('applications as a', 'a.id', 't.application_id'))
      .where('a.recommender_org_id', orgId)
      .andWhere('t.decision', 'return')
      .andWhere((q) => q.where('t.candidate_groups', 'like', '%"city:%').orWhere('t.candidate_groups', 'like', '%"province:%'))
      .count({ n: 't.id' })
      .first()) as { n: number | string };

    let cityIneligible: { n: number | string } = { n: 0 };
    if (cityCode) {
      const decided = (decision: string, group: string) =>
        this.knex('tasks as t').whereRaw('t.application_id = a.id').andWhere('t.decision', decision).andWhere('t.candidate_groups', 'like', `%"${group}:%`);
      cityIneligible = (await ofYear(this.knex('applications as a'))
        .where('a.city_code', cityCode)
        .whereExists(decided('approve', 'city'))
        .whereExists(decided('reject', 'province'))
        .countDistinct({ n: 'a.id' })
        .first()) as { n: number | string };
    }

    const adjustments = await this.list({ orgId, year });
    const cityCuts = cityCode ? ((await this.knex('quota_adjustments').where({ city_code: cityCode, year }).sum({ n: 'city_cut' }).first()) as { n: number | string | null }) : { n: 0 };
    return {
      orgId,
      cityCode,
      year,
      nonCompletedCount: Number(nonCompleted.n),
      returnedCount: Number(returned.n),
      cityIneligibleCount: Number(cityIneligible.n),
      decidedFindings: [...new Set(adjustments.flatMap((a) => a.findings))].sort(),
      quotaCut: { unit: adjustments.reduce((s, a) => s + a.unitCut, 0), city: Number(cityCuts?.n ?? 0) },
    };
  }

  /** The province's decision on a unit's findings, once per idempotency key (a job may run twice). */
  async record(input: QuotaAdjustmentInput): Promise<QuotaAdjustment> {
    for (const [name, v] of [['单位名额削减人数', input.unitCut], ['市(州)名额削减人数', input.cityCut]] as const) {
      if (!Number.isInteger(v) || v < 0 || v > CUT_LIMIT) throw new ValidationError(`${name}须为 0 至 ${CUT_LIMIT} 的整数(所填:${v})`);
    }
    if (!input.findings.length) throw new ValidationError('处罚决定须对应至少一项核查情形');
    await insertOnce(
      this.knex,
      'quota_adjustments',
      {
        org_id: input.orgId,
        city_code: input.cityCode,
        year: input.year,
        unit_cut: input.unitCut,
        city_cut: input.cityCut,
        findings: JSON.stringify([...new Set(input.findings)].sort()),
        clauses: [...new Set(input.clauses)].join(','),
        public_notice: input.publicNotice,
        opinion: input.opinion ?? null,
        decided_by: input.decidedBy ?? null,
        package_hash: input.packageHash ?? null,
        created_at: new Date(this.now()).toISOString(),
      },
      input.idempotencyKey,
    );
    return toAdjustment(await this.knex('quota_adjustments').where({ idempotency_key: input.idempotencyKey }).first());
  }

  async list(q: { orgId?: string; cityCode?: string; year?: number }): Promise<QuotaAdjustment[]> {
    const query = this.knex('quota_adjustments').orderBy('id');
    if (q.orgId) query.where('org_id', q.orgId);
    if (q.cityCode) query.where('city_code', q.cityCode);
    if (q.year !== undefined) query.where('year', q.year);
    return (await query).map(toAdjustment);
  }
}

function toAdjustment(r: Record<string, any>): QuotaAdjustment {
  return {
    id: Number(r.id),
    orgId: r.org_id,
    cityCode: r.city_code,
    year: Number(r.year),
    unitCut: Number(r.unit_cut),
    cityCut: Number(r.city_cut),
    findings: JSON.parse(r.findings) as string[],
    clauses: String(r.clauses).split(',').filter(Boolean),
    publicNotice: !!r.public_notice,
    opinion: r.opinion,
    decidedBy: r.decided_by,
    packageHash: r.package_hash,
    createdAt: r.created_at,
  };
}
