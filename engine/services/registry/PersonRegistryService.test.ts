import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../store/createDb.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../errors.ts';
import { openStore, storeTargets, type StoreTarget } from '../../../test/support/stores.ts';
import type { Actor } from '../actor.ts';
import { AuditLog } from '../audit/AuditLog.ts';
import { PersonRegistryService } from './PersonRegistryService.ts';

const actor = (role: Actor['role'], regionCode = '510000'): Actor => ({ id: `${role}-${regionCode}`, username: role, displayName: role, role, orgId: null, regionCode, idNumber: null });
const ADMIN = actor('admin');
const PERSON = '11010519491231002X';

describe.each(storeTargets())('PersonRegistryService on $name', (target: StoreTarget) => {
  let db: Db;
  let close: () => Promise<void>;
  let persons: PersonRegistryService;
  let audit: AuditLog;
  const now = () => Date.parse('2024-04-15T02:00:00Z');

  beforeAll(async () => {
    ({ db, close } = await openStore(target));
    audit = new AuditLog(db, now);
    persons = new PersonRegistryService(db, audit, now);
  });
  afterAll(async () => close?.());

  it('imports a 2021 card with its evaluation work in one request, audited, and rules read it', async () => {
    // when
    const facts = await persons.importRecords(ADMIN, PERSON, {
      name: '赵敏',
      cards: [{ number: '川考评2021-000001', kind: 'EXAMINER', issuerRegionCode: '510000', validFrom: '2021-07-01', validTo: '2024-07-01', level: 3 }],
      certificates: [{ kind: 'VQ', occupationCode: '4-01-02-01', level: 3, issuedOn: '2015-06-30' }],
      evaluationRecords: [{ date: '2022-06-15', role: 'examiner', occupationCode: '4-01-02-01' }],
    });
    // then
    expect(facts.cards).toMatchObject([{ number: '川考评2021-000001', status: 'COLLECTED', collectedAt: '2021-07-01' }]);
    expect(facts.evaluationRecords).toHaveLength(1);
    expect((await persons.person(actor('city_reviewer'), PERSON)).certificates).toHaveLength(1);
    // the import and the reviewer's read of the record are both audited, under the look-up hash, not the number
    const entries = await audit.list({ entityType: 'person', limit: 10 });
    expect(entries.map((e) => e.action)).toEqual(['registry.person.imported', 'personal-data.read']);
    expect(entries[1]).toMatchObject({ actorRole: 'city_reviewer', entityId: db.personal.lookupKey(PERSON) });
    expect(JSON.stringify(entries)).not.toContain(PERSON);
  });

  it('audits each lookup of a person: who read, in which region, under the look-up hash', async () => {
    // given
    const reader = actor('city_reviewer', '510700');
    const before = (await audit.list({ entityType: 'person', limit: 500 })).length;
    // when
    await persons.person(reader, PERSON, '2024-04-01');
    await expect(persons.person(actor('admin', '620000'), PERSON)).rejects.toThrow(NotFoundError);
    // then: one entry for the read that happened, none for the refused one
    const entries = (await audit.list({ entityType: 'person', limit: 500 })).slice(before);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'personal-data.read', actorId: reader.id, actorRole: 'city_reviewer', regionCode: '510700', entityId: db.personal.lookupKey(PERSON), detail: { what: 'registry.person', asOf: '2024-04-01' } });
  });

  it('shows a person only to staff of a region where the person has a card or an application', async () => {
    // given: the Sichuan card imported above (issued and valid in 510000)
    // then: Mianyang's city centre sees the province-wide card; Gansu's staff do not see the person at all
    expect((await persons.person(actor('city_reviewer', '510700'), PERSON)).cards).toHaveLength(1);
    await expect(persons.person(actor('city_reviewer', '620100'), PERSON)).rejects.toThrow(NotFoundError);
    await expect(persons.person(actor('admin', '620000'), PERSON)).rejects.toThrow(NotFoundError);
    await expect(persons.person(actor('admin', '510000'), '510703198503120017')).rejects.toThrow(NotFoundError);
    // and an administrator enters only cards of their own region's centres
    await expect(persons.importRecords(actor('admin', '620000'), PERSON, { name: '赵敏', cards: [{ number: 'X-2', kind: 'EXAMINER', issuerRegionCode: '510000', validFrom: '2021-07-01' }] })).rejects.toThrow(NotFoundError); // a person of another region does not exist for him, before his card is looked at
  });

  it('lets only the region\'s administrators change a person already in the registry, and a retried import adds nothing', async () => {
    // given
    const before = await persons.person(ADMIN, PERSON);
    // when / then: Gansu cannot rename the Sichuan examiner or add sittings the Sichuan rules would read
    await expect(persons.importRecords(actor('admin', '620000'), PERSON, { name: '改名', examSittings: [{ date: '2026-06-20', kind: 'makeup', result: 'ABSENT' }] })).rejects.toThrow(NotFoundError);
    // the same import twice is one import
    const again = { name: '赵敏', certificates: [{ kind: 'VQ' as const, occupationCode: '4-01-02-01', level: 3, issuedOn: '2015-06-30' }], evaluationRecords: [{ date: '2022-06-15', role: 'examiner' as const, occupationCode: '4-01-02-01' }] };
    await persons.importRecords(ADMIN, PERSON, again);
    await persons.importRecords(ADMIN, PERSON, again);
    // then
    expect(await persons.person(ADMIN, PERSON)).toEqual(before);
    // a card number held by someone else is refused, not silently skipped
    await expect(persons.importRecords(ADMIN, '510703198503120017', { name: '张伟', cards: [{ number: '川考评2021-000001', kind: 'EXAMINER', issuerRegionCode: '510000', validFrom: '2021-07-01' }] })).rejects.toThrow(/他人名下/);
  });

  it('writes nothing of a request with one bad record, and only administrators import', async () => {
    // given
    const before = await persons.person(ADMIN, PERSON);
    // when / then: the evaluation record is fine, the sitting's result is not
    await expect(
      persons.importRecords(ADMIN, PERSON, { name: '赵敏', evaluationRecords: [{ date: '2023-01-10', role: 'examiner' }], examSittings: [{ date: '2023-02-01', kind: 'exam', result: 'LATE' as never }] }),
    ).rejects.toThrow(ValidationError);
    await expect(persons.importRecords(actor('policy_editor'), PERSON, { name: '赵敏' })).rejects.toThrow(ForbiddenError);
    await expect(persons.person(actor('applicant'), PERSON)).rejects.toThrow(ForbiddenError);
    // then
    expect(await persons.person(ADMIN, PERSON)).toEqual(before);
  });
});
