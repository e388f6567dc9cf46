import type { Knex } from 'knex';
import type { ProcessEngine } from '../../port/ProcessEngine.ts';

export interface InstanceContext {
  applicationId: string | null;
  packageHash: string | null;
  packageId: string | null;
  regionCode: string | null;
}

/**
 * The region an incident belongs to: that of the package version its process instance runs
 * (found through the application it was started for, the instance's own `packageHash` variable, or
 * its parent instance for a called process). Admins see and resolve only their region's incidents.
 */
export class IncidentRegions {
  constructor(
    private readonly knex: Knex,
    private readonly engine: Pick<ProcessEngine, 'getInstance'>,
  ) {}

  /** Null for an unknown incident key as for one whose region cannot be found: both are out of everyone's scope. */
  async regionOfIncident(incidentKey: string): Promise<string | null> {
    const row = (await this.knex('engine_incidents').where({ key: incidentKey }).first('instance_key')) as { instance_key: string } | undefined;
    return row ? this.regionOfInstance(row.instance_key) : null;
  }

  async regionOfInstance(processInstanceKey: string): Promise<string | null> {
    return (await this.contextOfInstance(processInstanceKey)).regionCode;
  }

  /** What an admin needs to place an instance: its application, package version and region (each null when not found). */
  async contextOfInstance(processInstanceKey: string): Promise<InstanceContext> {
    const { packageHash, applicationId } = await this.packageHashOf(processInstanceKey);
    if (!packageHash) return { applicationId, packageHash: null, packageId: null, regionCode: null };
    const row = (await this.knex('package_versions').where({ hash: packageHash }).first('region_code', 'package_id')) as { region_code: string; package_id: string } | undefined;
    return { applicationId, packageHash, packageId: row?.package_id ?? null, regionCode: row?.region_code ?? null };
  }

  private async packageHashOf(instanceKey: string): Promise<{ packageHash: string | null; applicationId: string | null }> {
    let key: string | null = instanceKey;
    let applicationId: string | null = null;
    // A called process may sit a few levels below the application's instance; the depth bounds a bad parent chain.
    for (let depth = 0; key && depth < 8; depth++) {
      const app = (await this.knex('applications').where({ process_instance_key: key }).first('id', 'package_hash')) as { id: string; package_hash: string } | undefined;
      if (app) return { packageHash: app.package_hash, applicationId: app.id };
      const vars = (await this.engine.getInstance(key))?.variables as { packageHash?: unknown; applicationId?: unknown } | undefined;
      if (!applicationId && typeof vars?.applicationId === 'string') applicationId = vars.applicationId;
      if (typeof vars?.packageHash === 'string') return { packageHash: vars.packageHash, applicationId };
      const parent = (await this.knex('engine_instances').where({ key }).first('parent_key')) as { parent_key: string | null } | undefined;
      key = parent?.parent_key ?? null;
    }
    return { packageHash: null, applicationId };
  }
}
