import { afterEach, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../createDb.ts';
import { migrationSource } from './index.ts';
import { Keyring } from '../../services/privacy/index.ts';
import { AccountService } from '../../services/accounts/AccountService.ts';
import { RegistryService } from '../../services/registry/RegistryService.ts';
import { AuditLog } from '../../services/audit/AuditLog.ts';
import { freshMysqlDatabase, storeTargets } from '../../../test/support/stores.ts';

const ID = '510702199001011230';
const MOBILE = '13912345678';
const BEFORE = ['001_initial', '002_card_lifecycle', '003_person_records', '004_calendar_years'];
const NOW = '2026-03-01T00:00:00.000Z';

/** A store migrated up to before 006, holding rows written in clear the way the older code wrote them. */
async function legacyStore(target: { name: string; url: string }, keyring: Keyring): Promise<{ db: Db; drop(): Promise<void> }> {
  const fresh = target.name === 'mysql' ? await freshMysqlDatabase(target.url) : null;
  const db = await createDb(fresh?.url ?? target.url, { migrate: false, keyring });
  await db.knex.migrate.latest({ migrationSource: { ...migrationSource, getMigrations: async () => BEFORE } });
  const k = db.knex;
  await k('accounts').insert({ id: 'acc-1', username: 'old', password_hash: 'x', display_name: '张伟', role: 'applicant', id_number: ID, created_at: NOW });
  await k('persons').insert({ id_number: ID, name: '张伟', gender: '男', created_at: NOW });
  await k('cards').insert({ number: 'SC-2021-1', person_id_number: ID, kind: 'EXAMINER', issuer_region_code: '510000', valid_region_code: '510000', valid_from: '2021-07-01', status: 'COLLECTED', created_at: NOW });
  await k('person_certificates').insert({ person_id_number: ID, kind: 'VQ', level: 3 });
  await k('exam_sittings').insert({ person_id_number: ID, date: '2025-06-01', kind: 'exam', result: 'FAIL', idempotency_key: `import:${ID}:2025-06-01:exam:FAIL:` });
  await k('sanctions').insert({ subject_type: 'person', subject_id: ID, kind: 'TRAINING_REGISTRATION', clause: 'SC26-45', starts_on: '2026-01-01', until: '2027-01-01', permanent: false, reason: '逾期未领证', idempotency_key: 's-1', created_at: NOW });
  const data = { idNumber: ID, mobile: MOBILE, name: '张伟' };
  await k('applications').insert({ id: 'app-1', package_hash: 'h', package_id: 'p', applicant_account_id: 'acc-1', applicant_id_number: ID, status: 'IN_REVIEW', data: JSON.stringify(data), eligibility: JSON.stringify({ checks: [{ value: ID }] }), created_at: NOW, updated_at: NOW });
  await k('process_start_queue').insert([
    { application_id: 'app-1', bpmn_process_id: 'P', package_hash: 'h', variables: JSON.stringify({ application: data }), state: 'STARTED', next_attempt_at: NOW, created_at: NOW },
    { application_id: 'app-2', bpmn_process_id: 'P', package_hash: 'h', variables: JSON.stringify({ application: data }), state: 'PENDING', next_attempt_at: NOW, created_at: NOW },
  ]);
  await k('tasks').insert({ id: 't-1', process_instance_key: 'i-1', application_id: 'app-1', element_id: 'T', name: '审核', state: 'OPEN', candidate_groups: '[]', context: JSON.stringify({ applicantName: '张伟', idNumber: ID }), created_at: NOW });
  await k('engine_instances').insert({ key: 'i-1', definition_key: 'd', bpmn_process_id: 'P', status: 'ACTIVE', state: JSON.stringify({ environment: { variables: { application: data } } }), variables: JSON.stringify({ application: data }), trail: '[]', created_at: NOW, updated_at: NOW });
  await k('engine_jobs').insert({ key: 'j-1', instance_key: 'i-1', execution_id: 'e', element_id: 'T', type: 'x', retries: 3, state: 'ACTIVATABLE', custom_headers: '{}', variables: JSON.stringify({ applicant: { mobile: MOBILE } }), created_at: NOW });
  await k('attachments').insert({ id: 'att-1', application_id: 'app-1', kind: 'idCardScan', file_name: `${ID}身份证.pdf`, mime_type: 'application/pdf', size: 1, sha256: 'x', storage_key: 'k', uploaded_by: 'acc-1', created_at: NOW });
  await k('audit_log').insert([
    { at: NOW, action: 'registry.person.imported', entity_type: 'person', entity_id: ID, detail: JSON.stringify({ cards: 1 }) },
    { at: NOW, action: 'application.action', entity_type: 'application', entity_id: 'app-1', application_id: 'app-1', detail: JSON.stringify({ data: { idNumber: ID, note: `电话 ${MOBILE}` } }) },
  ]);
  return {
    db,
    async drop() {
      await db.close();
      await fresh?.drop();
    },
  };
}

async function dumpText(db: Db): Promise<string> {
  const tables = ['attachments', 'accounts', 'persons', 'cards', 'person_certificates', 'exam_sittings', 'sanctions', 'applications', 'process_start_queue', 'tasks', 'engine_instances', 'engine_jobs', 'audit_log'];
  const rows = await Promise.all(tables.map((t) => db.knex(t).select('*')));
  return JSON.stringify(rows);
}

describe.each(storeTargets().map((s) => [s.name, s] as const))('migration 006 on %s', (_name, target) => {
  let store: { db: Db; drop(): Promise<void> } | undefined;
  afterEach(async () => {
    await store?.drop();
    store = undefined;
  });

  it('seals the personal data of existing rows in place, and the services read them as before', async () => {
    // given
    const keyring = Keyring.ephemeral();
    store = await legacyStore(target, keyring);
    const { db } = store;
    expect(await dumpText(db)).toContain(ID);
    // when
    await db.knex.migrate.latest({ migrationSource });
    // then: no number in clear in any of those rows
    const text = await dumpText(db);
    expect(text).not.toContain(ID);
    expect(text).not.toContain(MOBILE);
    const key = db.personal.lookupKey(ID);
    expect(await db.knex('applications').where({ applicant_id_number: key }).first('id')).toMatchObject({ id: 'app-1' });
    expect(await db.knex('audit_log').where({ entity_type: 'person', entity_id: key }).first('id')).toBeTruthy();
    // and each value reads back clear through the store boundary
    const app = await db.knex('applications').where({ id: 'app-1' }).first();
    expect(db.personal.fromJson(app.data)).toEqual({ idNumber: ID, mobile: MOBILE, name: '张伟' });
    expect(db.personal.fromJson(app.eligibility)).toEqual({ checks: [{ value: ID }] });
    const queue = await db.knex('process_start_queue').orderBy('id');
    expect(queue.map((q: { variables: string }) => db.personal.fromJson(q.variables))).toEqual([{}, { application: { idNumber: ID, mobile: MOBILE, name: '张伟' } }]);
    const inst = await db.knex('engine_instances').where({ key: 'i-1' }).first();
    expect(db.personal.fromJson(inst.state)).toEqual({ environment: { variables: { application: { idNumber: ID, mobile: MOBILE, name: '张伟' } } } });
    expect(db.personal.fromJson((await db.knex('engine_jobs').first()).variables)).toEqual({ applicant: { mobile: MOBILE } });
    expect((await db.knex('attachments').first()).file_name).toBe('5107**********1230身份证.pdf');
    expect(db.personal.fromJson((await db.knex('tasks').first()).context)).toEqual({ applicantName: '张伟', idNumber: ID });
    expect((await new AuditLog(db).listForApplication('app-1'))[0]!.detail).toEqual({ data: { idNumber: ID, note: `电话 ${MOBILE}` } });
    expect((await new AccountService(db).getActor('acc-1'))?.idNumber).toBe(ID);
    const facts = await new RegistryService(db).getPersonFacts(ID, '2026-03-01');
    expect(facts.cards).toMatchObject([{ number: 'SC-2021-1', idNumber: ID }]);
    expect(facts.bans).toMatchObject([{ kind: 'TRAINING_REGISTRATION' }]);
    expect(facts.examSittings).toHaveLength(1);
    expect(facts.certificates).toHaveLength(1);
    // a retried import of the same sitting is still recognised by its (rewritten) key
    await new RegistryService(db).records.recordExamSitting(ID, { date: '2025-06-01', kind: 'exam', result: 'FAIL' });
    expect((await new RegistryService(db).getPersonFacts(ID, '2026-03-01')).examSittings).toHaveLength(1);
  });
});
