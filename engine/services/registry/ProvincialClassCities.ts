import type { Knex } from 'knex';
import { ValidationError } from '../../errors.ts';
import { insertOnce } from './insertOnce.ts';

export interface ProvincialClassApproval {
  cityCode: string;
  year: number;
  packageId: string;
  opinion?: string | null;
  decidedBy?: string | null;
  idempotencyKey: string;
}

const CITY = /^\d{4}00$/;

/** Cities the province has let join its classes of a year (SC26-08): recorded once per decision. */
export class ProvincialClassCities {
  constructor(
    private readonly knex: Knex,
    private readonly now: () => number,
  ) {}

  async record(a: ProvincialClassApproval): Promise<void> {
    if (!CITY.test(a.cityCode) || a.cityCode.endsWith('0000')) throw new ValidationError('申请参加省级培训班的须为市(州)职鉴中心(6 位市(州)区划代码)', a.cityCode);
    await insertOnce(
      this.knex,
      'provincial_class_cities',
      { city_code: a.cityCode, year: a.year, package_id: a.packageId, opinion: a.opinion ?? null, decided_by: a.decidedBy ?? null, created_at: new Date(this.now()).toISOString() },
      a.idempotencyKey,
    );
  }

  /** The years the city's applicants train in the province's classes, ascending. */
  async yearsOf(cityCode: string): Promise<number[]> {
    const rows = (await this.knex('provincial_class_cities').where({ city_code: cityCode }).distinct('year').orderBy('year')) as Array<{ year: number }>;
    return rows.map((r) => Number(r.year));
  }
}
