import type { PackageVersion } from '../../api/types.ts';
import type { DraftView } from '../draftTypes.ts';

export interface Notice {
  docNo?: string | null;
  title?: string;
  published?: string | null;
  signed?: string;
}

/** One line of the packages page: a deployed version or a draft still being written. */
export type PackageRow =
  | { kind: 'version'; key: string; year: number; title: string; status: 'PUBLISHED' | 'ACTIVE'; version: PackageVersion }
  | { kind: 'draft'; key: string; year: number; title: string; status: 'DRAFT'; draft: DraftView };

export interface ProcedureGroup {
  key: string;
  regionCode: string;
  procedure: string;
  rows: PackageRow[];
}

/**
 * Versions and unpublished drafts grouped by region › procedure, each group's rows by year (newest
 * first), drafts before versions of the same year. A published draft is shown by the version it became.
 */
export function groupPackages(versions: PackageVersion[], drafts: DraftView[]): ProcedureGroup[] {
  const rows: Array<PackageRow & { regionCode: string; procedure: string }> = [
    ...versions.map((v) => ({ kind: 'version' as const, key: `v:${v.hash}`, year: v.year, title: v.title, status: v.active ? ('ACTIVE' as const) : ('PUBLISHED' as const), version: v, regionCode: v.regionCode, procedure: v.procedure })),
    ...drafts.filter((d) => d.status === 'DRAFT').map((d) => ({ kind: 'draft' as const, key: `d:${d.id}`, year: d.year, title: d.title, status: 'DRAFT' as const, draft: d, regionCode: d.regionCode, procedure: d.procedure })),
  ];
  const groups = new Map<string, ProcedureGroup>();
  for (const r of rows) {
    const key = `${r.regionCode}|${r.procedure}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, regionCode: r.regionCode, procedure: r.procedure, rows: [] }));
    g.rows.push(r);
  }
  const at = (r: PackageRow) => (r.kind === 'draft' ? r.draft.updatedAt : r.version.deployedAt);
  for (const g of groups.values()) g.rows.sort((a, b) => b.year - a.year || (a.kind === b.kind ? at(b).localeCompare(at(a)) : a.kind === 'draft' ? -1 : 1));
  return [...groups.values()].sort((a, b) => a.regionCode.localeCompare(b.regionCode) || a.procedure.localeCompare(b.procedure));
}
