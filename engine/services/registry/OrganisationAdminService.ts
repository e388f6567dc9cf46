import { NotFoundError, ValidationError } from '../../errors.ts';
import { assertRole, type Actor } from '../actor.ts';
import { regionCovers } from '../actorScope.ts';
import type { AuditLog } from '../audit/AuditLog.ts';
import type { Organisation, OrganisationInput, RegistryService } from './RegistryService.ts';

/**
 * Organisations as administrators keep them (issue 10): level, region, filing status and dates,
 * occupations — the facts the eligibility rules read about a recommending unit or an applying
 * organisation. Within the administrator's region only (another region's organisation does not
 * exist for him), every change audited with what it was before.
 */
export class OrganisationAdminService {
  constructor(
    private readonly registry: Pick<RegistryService, 'getOrganisation' | 'upsertOrganisation' | 'listOrganisations'>,
    private readonly audit: Pick<AuditLog, 'append'>,
  ) {}

  /** The organisations of the admin's region (the directory everyone reads is not scoped; this list is). */
  async list(actor: Actor): Promise<Organisation[]> {
    assertRole(actor, 'admin');
    return (await this.registry.listOrganisations()).filter((o) => regionCovers(actor.regionCode, o.regionCode));
  }

  async save(actor: Actor, id: string, input: Omit<OrganisationInput, 'id'>): Promise<{ organisation: Organisation; created: boolean }> {
    assertRole(actor, 'admin');
    const before = await this.registry.getOrganisation(id).catch((err) => {
      if (err instanceof NotFoundError) return null;
      throw err;
    });
    if (before && !regionCovers(actor.regionCode, before.regionCode)) throw new NotFoundError('机构', id);
    if (!regionCovers(actor.regionCode, input.regionCode)) throw new NotFoundError('行政区划', input.regionCode);
    // The codes must nest: the district in its city, the city in its province.
    if (input.regionCode.slice(0, 4) !== input.cityCode.slice(0, 4) || input.cityCode.slice(0, 2) !== input.provinceCode.slice(0, 2)) {
      throw new ValidationError('行政区划代码不一致', `所在地区 ${input.regionCode}、市(州) ${input.cityCode}、省 ${input.provinceCode} 应逐级对应`, [{ pointer: '/cityCode', message: '所在地区、市(州)与省的代码应逐级对应' }]);
    }
    const organisation = await this.registry.upsertOrganisation({ ...input, id });
    await this.audit.append({
      actorId: actor.id,
      actorRole: actor.role,
      action: before ? 'organisation.updated' : 'organisation.created',
      entityType: 'organisation',
      entityId: id,
      regionCode: organisation.regionCode,
      detail: { before, after: organisation },
    });
    return { organisation, created: !before };
  }
}
