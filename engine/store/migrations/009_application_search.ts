import type { Knex } from 'knex';
import type { PersonalData } from '../../services/privacy/index.ts';
import { applicationSearchColumns } from '../../services/review/applicationSearchColumns.ts';

// A reviewer's application list searches by applicant name and by the last 4 characters of the ID
// number. Both get their own indexed columns, so the search needs neither the JSON data nor the ID
// number (sealed since 006); the suffix is kept only as a keyed hash.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('applications', (t) => {
    t.string('applicant_name', 64).nullable();
    t.string('applicant_id_suffix', 64).nullable();
    t.index(['applicant_id_suffix'], 'applications_id_suffix_idx');
    t.index(['applicant_name'], 'applications_applicant_name_idx');
    t.index(['city_code', 'submitted_at'], 'applications_city_submitted_idx');
    t.index(['submitted_at'], 'applications_submitted_idx');
  });
  const rows = (await knex('applications').select('id', 'data')) as Array<{ id: string; data: string }>;
  if (!rows.length) return;
  const personal = (knex.client.config.userParams as { personal?: PersonalData } | undefined)?.personal;
  if (!personal) throw new Error('migration 009 needs the data keys (createDb with a keyring)');
  for (const r of rows) {
    let data: Record<string, unknown> = {};
    try {
      data = personal.fromJson<Record<string, unknown>>(r.data) ?? {};
    } catch {
      // unreadable data keeps empty search columns
    }
    await knex('applications').where({ id: r.id }).update(applicationSearchColumns(personal, data));
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('applications', (t) => {
    t.dropIndex(['applicant_id_suffix'], 'applications_id_suffix_idx');
    t.dropIndex(['applicant_name'], 'applications_applicant_name_idx');
    t.dropIndex(['city_code', 'submitted_at'], 'applications_city_submitted_idx');
    t.dropIndex(['submitted_at'], 'applications_submitted_idx');
    t.dropColumn('applicant_name');
    t.dropColumn('applicant_id_suffix');
  });
}
