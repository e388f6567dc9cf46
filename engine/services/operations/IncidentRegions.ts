import type { Knex } from 'knex';
import type { ProcessEngine } from '../../port/ProcessEngine.ts';

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
    const hash = await this.packageHashOf(processInstanceKey);
    if (!hash) return null;
    const row = (await this.knex('package_versions').where({ hash }).first('region_code')) as { region_code: string } | undefined;
    return row?.region_code ?? null;
  }

  private async packageHashOf(instanceKey: string): Promise<string | null> {
    let key: string | null = instanceKey;
    // A called process may sit a few levels below the application's instance; the depth bounds a bad parent chain.
    for (let depth = 0; key && depth < 8; depth++) {
      const app = (await this.knex('applications').where({ process_instance_key: key }).first('package_hash')) as { package_hash: string } | undefined;
      if (app) return app.package_hash;
      const vars = (await this.engine.getInstance(key))?.variables as { packageHash?: unknown } | undefined;
      if (typeof vars?.packageHash === 'string') return vars.packageHash;
      const parent = (await this.knex('engine_instances').where({ key }).first('parent_key')) as { parent_key: string | null } | undefined;
      key = parent?.parent_key ?? null;
    }
    return null;
  }
}
