import type { Knex } from 'knex';
import * as m001 from './001_initial.ts';
import * as m002 from './002_card_lifecycle.ts';
import * as m003 from './003_person_records.ts';
import * as m004 from './004_calendar_years.ts';
import * as m005 from './005_crash_safety.ts';
import * as m007 from './007_audit_chain.ts';
import * as m008 from './008_session_security.ts';
import * as m006 from './006_personal_data_sealed.ts';
import * as m009 from './009_application_search.ts';
import * as m010 from './010_task_list.ts';
import * as m011 from './011_scheduled_jobs.ts';
import * as m012 from './012_package_drafts.ts';
import * as m013 from './013_quota_adjustments.ts';
import * as m014 from './014_plan_publications.ts';
import * as m015 from './015_engine_signals.ts';
import * as m016 from './016_organisation_filed_levels.ts';
import * as m017 from './017_account_disabled.ts';
import * as m018 from './018_task_counts.ts';
import * as m021 from './021_person_public_notices.ts';
import * as m022 from './022_provincial_class_cities.ts';
import * as m026 from './026_task_candidate_assignee.ts';
import * as m027 from './027_application_name_prefix.ts';
import * as m019 from './019_instance_migrations.ts';
import * as m023 from './023_instance_counts.ts';

const migrations: Record<string, { up(k: Knex): Promise<void>; down(k: Knex): Promise<void> }> = {
  '001_initial': m001,
  '002_card_lifecycle': m002,
  '003_person_records': m003,
  '004_calendar_years': m004,
  '005_crash_safety': m005,
  '007_audit_chain': m007,
  '008_session_security': m008,
  '006_personal_data_sealed': m006,
  '009_application_search': m009,
  '010_task_list': m010,
  '011_scheduled_jobs': m011,
  '012_package_drafts': m012,
  '013_quota_adjustments': m013,
  '014_plan_publications': m014,
  '015_engine_signals': m015,
  '016_organisation_filed_levels': m016,
  '017_account_disabled': m017,
  '018_task_counts': m018,
  '021_person_public_notices': m021,
  '022_provincial_class_cities': m022,
  '019_instance_migrations': m019,
  '023_instance_counts': m023,
  '026_task_candidate_assignee': m026,
  '027_application_name_prefix': m027,
};

/** Migrations are listed in code so they run the same under tsx, vitest and the CLI. */
export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations).sort(),
  getMigrationName: (name) => name,
  getMigration: async (name) => migrations[name]!,
};
