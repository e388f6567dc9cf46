import type { Knex } from 'knex';
import { maskInText, type PersonalData } from '../../services/privacy/index.ts';

/**
 * Personal data at rest (issue 8): ID and mobile numbers are sealed (AES-256-GCM) inside the JSON
 * columns, and every column that an ID number was looked up by now holds its keyed hash
 * (HMAC-SHA256, 64 hex) instead; where the number itself is needed back (a person, a card's holder,
 * a person's sanction, an account) it is kept sealed beside the hash. The column names stay
 * (`*_id_number` = the look-up key). Attachment file names keep a number masked. Existing rows are
 * rewritten in place.
 */
const HASH = /^[0-9a-f]{64}$/;
const PAGE = 500;

/** Key columns widened to a hash, with their nullability (MySQL enforces lengths; SQLite does not). */
const KEY_COLUMNS: Array<[table: string, column: string, nullable: boolean]> = [
  ['persons', 'id_number', false],
  ['cards', 'person_id_number', false],
  ['person_certificates', 'person_id_number', false],
  ['person_titles', 'person_id_number', false],
  ['exam_sittings', 'person_id_number', false],
  ['evaluation_records', 'person_id_number', false],
  ['applications', 'applicant_id_number', true],
];

/** JSON columns that may hold personal data, by table and primary key. */
const JSON_COLUMNS: Array<[table: string, pk: string, columns: string[]]> = [
  ['applications', 'id', ['data', 'eligibility', 'outcome']],
  ['process_start_queue', 'id', ['variables']],
  ['tasks', 'id', ['context']],
  ['engine_instances', 'key', ['state', 'variables']],
  ['engine_jobs', 'key', ['variables']],
  ['engine_messages', 'id', ['variables']],
  ['audit_log', 'id', ['detail']],
];

function personalOf(knex: Knex): PersonalData {
  const personal = (knex.client.config.userParams as { personal?: PersonalData } | undefined)?.personal;
  if (!personal) throw new Error('migration 006 needs the data keys (createDb with a keyring)');
  return personal;
}

/** Visits every row of a table in primary-key order, a page at a time. */
async function eachRow(knex: Knex, table: string, pk: string, columns: string[], visit: (row: Record<string, any>) => Promise<void>): Promise<void> {
  let after: unknown = null;
  for (;;) {
    const q = knex(table).select(pk, ...columns).orderBy(pk).limit(PAGE);
    if (after !== null) q.where(pk, '>', after as string);
    const rows = await q;
    for (const r of rows) await visit(r);
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1][pk];
  }
}

export async function up(knex: Knex): Promise<void> {
  const personal = personalOf(knex);
  const mysql = knex.client.config.client === 'mysql2';
  if (mysql) {
    for (const [table, column, nullable] of KEY_COLUMNS) await knex.raw(`ALTER TABLE ?? MODIFY ?? varchar(64) ${nullable ? 'NULL' : 'NOT NULL'}`, [table, column]);
    await knex.raw('ALTER TABLE ?? MODIFY ?? varchar(255) NULL', ['accounts', 'id_number']);
  }
  await knex.schema.alterTable('persons', (t) => t.string('id_number_sealed', 255).nullable());
  await knex.schema.alterTable('cards', (t) => t.string('person_id_sealed', 255).nullable());
  await knex.schema.alterTable('sanctions', (t) => t.string('subject_sealed', 255).nullable());

  // The forms' personal fields (format cn-id-card / cn-mobile) of every deployed version.
  for (const v of await knex('package_versions').select('manifest', 'files')) {
    const manifest = JSON.parse(v.manifest) as { forms?: Array<{ schema: string }> };
    const files = JSON.parse(v.files) as Record<string, string>;
    for (const f of manifest.forms ?? []) if (files[f.schema]) personal.addSchema(JSON.parse(files[f.schema]));
  }
  const key = (id: string) => (HASH.test(id) ? id : personal.lookupKey(id));
  const seal = (id: string) => personal.encrypt(personal.decrypt(id));

  await eachRow(knex, 'accounts', 'id', ['id_number'], async (r) => {
    if (r.id_number) await knex('accounts').where({ id: r.id }).update({ id_number: seal(r.id_number) });
  });
  await eachRow(knex, 'persons', 'id_number', ['id_number_sealed'], async (r) => {
    if (!HASH.test(r.id_number)) await knex('persons').where({ id_number: r.id_number }).update({ id_number: key(r.id_number), id_number_sealed: seal(r.id_number) });
  });
  await eachRow(knex, 'cards', 'id', ['person_id_number'], async (r) => {
    if (!HASH.test(r.person_id_number)) await knex('cards').where({ id: r.id }).update({ person_id_number: key(r.person_id_number), person_id_sealed: seal(r.person_id_number) });
  });
  for (const table of ['person_certificates', 'person_titles', 'exam_sittings', 'evaluation_records']) {
    const withKey = table === 'exam_sittings' || table === 'evaluation_records';
    await eachRow(knex, table, 'id', ['person_id_number', ...(withKey ? ['idempotency_key'] : [])], async (r) => {
      if (HASH.test(r.person_id_number)) return;
      const k = key(r.person_id_number);
      const idem = withKey && typeof r.idempotency_key === 'string' && r.idempotency_key.startsWith(`import:${r.person_id_number}:`)
        ? { idempotency_key: `import:${k.slice(0, 32)}:${r.idempotency_key.slice(`import:${r.person_id_number}:`.length)}` }
        : {};
      await knex(table).where({ id: r.id }).update({ person_id_number: k, ...idem });
    });
  }
  await eachRow(knex, 'sanctions', 'id', ['subject_type', 'subject_id'], async (r) => {
    if (r.subject_type === 'person' && !HASH.test(r.subject_id)) await knex('sanctions').where({ id: r.id }).update({ subject_id: key(r.subject_id), subject_sealed: seal(r.subject_id) });
  });
  await eachRow(knex, 'applications', 'id', ['applicant_id_number'], async (r) => {
    if (r.applicant_id_number && !HASH.test(r.applicant_id_number)) await knex('applications').where({ id: r.id }).update({ applicant_id_number: key(r.applicant_id_number) });
  });
  await eachRow(knex, 'audit_log', 'id', ['entity_type', 'entity_id'], async (r) => {
    if (r.entity_type === 'person' && !HASH.test(r.entity_id)) await knex('audit_log').where({ id: r.id }).update({ entity_id: key(r.entity_id) });
  });
  // A file name is shown in every attachment list: a number in it is kept masked only.
  await eachRow(knex, 'attachments', 'id', ['file_name'], async (r) => {
    const masked = maskInText(r.file_name);
    if (masked !== r.file_name) await knex('attachments').where({ id: r.id }).update({ file_name: masked });
  });
  // A started process has its variables in the engine: the queue keeps no copy.
  await knex('process_start_queue').where({ state: 'STARTED' }).update({ variables: '{}' });
  for (const [table, pk, columns] of JSON_COLUMNS) {
    await eachRow(knex, table, pk, columns, async (r) => {
      const patch: Record<string, string> = {};
      for (const c of columns) if (typeof r[c] === 'string') patch[c] = personal.toJson(personal.fromJson(r[c]));
      if (Object.keys(patch).length) await knex(table).where({ [pk]: r[pk] }).update(patch);
    });
  }
}

export async function down(): Promise<void> {
  // The look-up hashes cannot be turned back into numbers for every table; restore a backup instead.
  throw new Error('migration 006 (sealed personal data) cannot be undone: restore the backup taken before it');
}
