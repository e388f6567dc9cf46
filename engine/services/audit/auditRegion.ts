import type { Knex } from 'knex';

/** What an entry says about itself that locates it in a region. */
export interface RegionHints {
  regionCode?: string | null;
  applicationId?: string | null;
  entityType: string;
  entityId: string;
  actorId?: string | null;
}

/**
 * The region an audit entry belongs to, found at append time inside the caller's transaction (so a row
 * written in that transaction counts): given explicitly; else the application's city, or its package's
 * region; else the package the entry is about; else the acting account's region. Null when none is known
 * (such an entry is visible to no regional administrator).
 */
export async function auditRegionOf(k: Knex | Knex.Transaction, e: RegionHints): Promise<string | null> {
  if (e.regionCode) return e.regionCode;
  if (e.applicationId) {
    const app = await k('applications as a')
      .leftJoin('package_versions as v', 'v.hash', 'a.package_hash')
      .where('a.id', e.applicationId)
      .first('a.city_code as city', 'v.region_code as region');
    if (app?.city || app?.region) return (app.city ?? app.region) as string;
  }
  if (e.entityType === 'package') {
    const v = await k('package_versions').where({ hash: e.entityId }).first('region_code');
    if (v?.region_code) return v.region_code as string;
  }
  if (e.actorId) {
    const a = await k('accounts').where({ id: e.actorId }).first('region_code');
    if (a?.region_code) return a.region_code as string;
  }
  return null;
}

/**
 * The SQL LIKE pattern of the region codes an actor's region covers, as `regionCovers` decides:
 * a province (510000) covers 51xxxx, a city (510700) 5107xx, a county only itself.
 */
export function regionPattern(actorRegion: string): string {
  if (actorRegion.endsWith('0000')) return `${actorRegion.slice(0, 2)}____`;
  if (actorRegion.endsWith('00')) return `${actorRegion.slice(0, 4)}__`;
  return actorRegion;
}
