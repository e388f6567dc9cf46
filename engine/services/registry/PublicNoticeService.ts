import type { Db } from '../../store/createDb.ts';
import { assertRole, type Actor } from '../actor.ts';
import { regionCovers } from '../actorScope.ts';
import type { RegistryService } from './RegistryService.ts';
import type { NoticeReason, NoticeScope } from './PublicNotices.ts';

export interface PublicNoticeView {
  id: number;
  year: number;
  name: string;
  idNumberMasked: string;
  orgId: string | null;
  orgName: string | null;
  cityCode: string | null;
  reason: NoticeReason;
  scope: NoticeScope;
  clause: string;
  opinion: string | null;
  decidedBy: string | null;
  decidedAt: string;
}

/**
 * The 通报 list of persons (SC26-54) as the centres read it: administrators and province reviewers see
 * their province; a city reviewer the persons of the city's units, and what the province made known
 * province-wide (scope PROVINCE). ID numbers only masked.
 */
export class PublicNoticeService {
  constructor(
    private readonly db: Db,
    private readonly registry: RegistryService,
  ) {}

  async list(actor: Actor, q: { year?: number } = {}): Promise<PublicNoticeView[]> {
    assertRole(actor, 'admin', 'province_reviewer', 'city_reviewer');
    const notices = (await this.registry.publicNotices.list({ year: q.year })).filter(
      (n) => regionCovers(actor.regionCode, n.cityCode ?? n.provinceCode) || (n.scope === 'PROVINCE' && regionCovers(actor.regionCode, n.provinceCode)),
    );
    const orgIds = [...new Set(notices.map((n) => n.orgId).filter((x): x is string => !!x))];
    const names = new Map<string, string>(orgIds.length ? ((await this.db.knex('organisations').whereIn('id', orgIds).select('id', 'name')) as Array<{ id: string; name: string }>).map((o) => [o.id, o.name]) : []);
    return notices.map((n) => ({
      id: n.id,
      year: n.year,
      name: n.name,
      idNumberMasked: n.idNumberMasked,
      orgId: n.orgId,
      orgName: n.orgId ? (names.get(n.orgId) ?? null) : null,
      cityCode: n.cityCode,
      reason: n.reason,
      scope: n.scope,
      clause: n.clause,
      opinion: n.opinion,
      decidedBy: n.decidedBy,
      decidedAt: n.createdAt,
    }));
  }
}
