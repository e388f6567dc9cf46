import { describe, expect, it } from 'vitest';
import { groupPackages } from './packageRows.ts';

const version = (hash: string, year: number, active: boolean, procedure = 'examiner-training', regionCode = '510000') =>
  ({ hash, packageId: `p-${year}`, regionCode, procedure, year, title: `${year} 考评员`, deployedAt: `${year}-01-01T00:00:00Z`, active, processes: {} }) as never;
const draft = (id: string, year: number, status: 'DRAFT' | 'PUBLISHED' = 'DRAFT') =>
  ({ id, packageId: `p-${year}`, procedure: 'examiner-training', regionCode: '510000', year, title: `${year} 草稿`, status, updatedAt: '2026-12-01T00:00:00Z' }) as never;

describe('groupPackages', () => {
  it('groups by region and procedure, newest year first, a draft before the versions of its year; published drafts are their versions', () => {
    const groups = groupPackages([version('a', 2021, true), version('b', 2026, false), version('c', 2024, true, 'renewal')], [draft('d1', 2026), draft('d2', 2026, 'PUBLISHED')]);
    expect(groups.map((g) => g.key)).toEqual(['510000|examiner-training', '510000|renewal']);
    expect(groups[0]!.rows.map((r) => [r.key, r.status])).toEqual([
      ['d:d1', 'DRAFT'],
      ['v:b', 'PUBLISHED'],
      ['v:a', 'ACTIVE'],
    ]);
  });
});
