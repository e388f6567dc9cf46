import type { Knex } from 'knex';
import type { Db } from '../../store/createDb.ts';
import { assertRole, type Actor } from '../actor.ts';
import { regionCovers } from '../actorScope.ts';

export interface UnitPenaltyView {
  id: number;
  year: number;
  orgId: string;
  orgName: string | null;
  cityCode: string | null;
  unitCut: number;
  cityCut: number;
  publicNotice: boolean;
  findings: string[];
  clauses: string[];
  opinion: string | null;
  decidedBy: string | null;
  decidedAt: string;
}

/**
 * The province's decisions on recommending units' penalties (SC26-46/50/51) as the centres read them:
 * quota cuts of the year and the 通报 list. Administrators and province reviewers see their region, a
 * city reviewer the units of the city.
 */
export class UnitPenaltyService {
  private readonly knex: Knex;

  constructor(db: Db) {
    this.knex = db.knex;
  }

  async list(actor: Actor, q: { year?: number; publicNotice?: boolean } = {}): Promise<UnitPenaltyView[]> {
    assertRole(actor, 'admin', 'province_reviewer', 'city_reviewer');
    const query = this.knex('quota_adjustments as q').leftJoin('organisations as o', 'o.id', 'q.org_id').orderBy('q.id').select('q.*', 'o.name as org_name', 'o.region_code as org_region');
    if (q.year !== undefined) query.where('q.year', q.year);
    if (q.publicNotice) query.where('q.public_notice', true);
    const rows = (await query) as Array<Record<string, any>>;
    return rows
      .filter((r) => regionCovers(actor.regionCode, r.city_code ?? r.org_region))
      .map((r) => ({
        id: Number(r.id),
        year: Number(r.year),
        orgId: r.org_id,
        orgName: r.org_name ?? null,
        cityCode: r.city_code ?? null,
        unitCut: Number(r.unit_cut),
        cityCut: Number(r.city_cut),
        publicNotice: !!r.public_notice,
        findings: JSON.parse(r.findings) as string[],
        clauses: String(r.clauses).split(',').filter(Boolean),
        opinion: r.opinion ?? null,
        decidedBy: r.decided_by ?? null,
        decidedAt: r.created_at,
      }));
  }
}
