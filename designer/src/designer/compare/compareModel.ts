import type { CompareMarks } from './CompareDiagram.tsx';

export type ChangeType = 'rule' | 'form' | 'flow' | 'schedule';
export interface Change {
  type: ChangeType;
  change: 'added' | 'removed' | 'changed';
  subject: string;
  message: string;
  clauses: string[];
  before?: unknown;
  after?: unknown;
}

/** The BPMN element a change is about (flow changes, and timers counted as schedule), if any. */
export function elementOf(c: Pick<Change, 'subject'>): string | null {
  return c.subject.startsWith('element:') ? c.subject.slice('element:'.length) : null;
}

/** The colours of each side: added on the new one, removed on the old one, changed on both. */
export function marksOf(changes: Change[]): { old: CompareMarks; new: CompareMarks } {
  const old: CompareMarks = {};
  const neu: CompareMarks = {};
  for (const c of changes) {
    const id = elementOf(c);
    if (!id) continue;
    if (c.change === 'added') neu[id] = 'added';
    else if (c.change === 'removed') old[id] = 'removed';
    else old[id] = neu[id] = 'changed';
  }
  return { old, new: neu };
}

/** The ids a BPMN text declares (to know which process file holds an element). */
export function idsOf(xml: string): Set<string> {
  return new Set([...xml.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]!));
}

interface VersionLike {
  hash: string;
  regionCode: string;
  procedure: string;
  year: number;
  active: boolean;
  deployedAt: string;
}

/** The versions `to` can be compared with: the same region › procedure, `to` itself excluded, newest first. */
export function comparable<V extends VersionLike>(versions: V[], to: V): V[] {
  return versions
    .filter((v) => v.hash !== to.hash && v.regionCode === to.regionCode && v.procedure === to.procedure)
    .sort((a, b) => b.year - a.year || Number(b.active) - Number(a.active) || b.deployedAt.localeCompare(a.deployedAt));
}

/** The default older side: the latest earlier year's version (its active one first), else any other version. */
export function previousVersion<V extends VersionLike>(versions: V[], to: V): V | undefined {
  const others = comparable(versions, to);
  return others.find((v) => v.year < to.year) ?? others[0];
}
