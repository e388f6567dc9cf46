import type { Actor } from './actor.ts';

/** True when a region code lies within the actor's region (510000 covers 51xxxx; 510700 covers 5107xx). */
export function regionCovers(actorRegion: string | null, region: string | null | undefined): boolean {
  if (!actorRegion || !region) return false;
  if (actorRegion.endsWith('0000')) return region.slice(0, 2) === actorRegion.slice(0, 2);
  if (actorRegion.endsWith('00')) return region.slice(0, 4) === actorRegion.slice(0, 4);
  return region === actorRegion;
}

/**
 * Whether region-scoped things of `region` (package versions, their incidents) exist for the actor:
 * those of its own region and below, and those of the regions above it (a city's staff see the
 * province's packages). Anything else is answered as not found.
 */
export function seesRegion(actor: Actor, region: string | null | undefined): boolean {
  return regionCovers(actor.regionCode, region) || (!!region && regionCovers(region, actor.regionCode));
}

export function isStaff(actor: Actor): boolean {
  return actor.role !== 'applicant';
}
