import { afterEach, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../createDb.ts';
import { migrationSource } from './index.ts';
import { Keyring } from '../../services/privacy/index.ts';
import { idSuffixKey } from '../../services/review/applicationSearchColumns.ts';
import { freshMysqlDatabase, storeTargets } from '../../../test/support/stores.ts';

const ID = '510702199001011230';
const NOW = '2026-03-01T00:00:00.000Z';

describe.each(storeTargets().map((s) => [s.name, s] as const))('migration 009 on %s', (_name, target) => {
  let db: Db | undefined;
  let drop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await db?.close();
    await drop?.();
    db = undefined;
    drop = undefined;
  });

  it('fills the search columns of existing applications from their sealed data, the ID suffix only as a keyed hash', async () => {
    // given: a store migrated to just before 009, with an application whose data is sealed
    const fresh = target.name === 'mysql' ? await freshMysqlDatabase(target.url) : null;
    drop = fresh?.drop;
    db = await createDb(fresh?.url ?? target.url, { migrate: false, keyring: Keyring.ephemeral() });
    const all = await migrationSource.getMigrations([]);
    const before = all.filter((m) => m < '009');
    await db.knex.migrate.latest({ migrationSource: { ...migrationSource, getMigrations: async () => before } });
    const base = { package_hash: 'h', package_id: 'p', applicant_account_id: 'acc-1', status: 'IN_REVIEW', created_at: NOW, updated_at: NOW };
    await db.knex('applications').insert([
      { ...base, id: 'app-1', data: db.personal.toJson({ name: ' 张伟 ', idNumber: ID }) },
      { ...base, id: 'app-2', data: db.personal.toJson({ applicantType: 'EXAMINER' }) },
    ]);
    expect((await db.knex('applications').where({ id: 'app-1' }).first('data')).data).not.toContain(ID);

    // when
    await db.knex.migrate.latest({ migrationSource });

    // then
    const rows = await db.knex('applications').orderBy('id').select('id', 'applicant_name', 'applicant_id_suffix');
    expect(rows).toEqual([
      { id: 'app-1', applicant_name: '张伟', applicant_id_suffix: idSuffixKey(db.personal, ID.slice(-4)) },
      { id: 'app-2', applicant_name: null, applicant_id_suffix: null },
    ]);
    expect(rows[0]!.applicant_id_suffix).toMatch(/^[0-9a-f]{64}$/);
    // and it can be rolled back
    // 023's triggers read applications, which SQLite rebuilds when 009's columns are dropped: rolled back first
    await db.knex.migrate.down({ migrationSource, name: '023_instance_counts' });
    await db.knex.migrate.down({ migrationSource, name: '009_application_search' }); // by name: later migrations run after it
    expect(Object.keys(await db.knex('applications').columnInfo())).not.toContain('applicant_id_suffix');
  });
});
