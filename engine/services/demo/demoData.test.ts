import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../store/createDb.ts';
import { checkIdCard } from '../../../forms/index.ts';
import { openStore, storeTargets, type StoreTarget } from '../../../test/support/stores.ts';
import { ROLES } from '../actor.ts';
import { AccountService } from '../accounts/AccountService.ts';
import { RegistryService } from '../registry/RegistryService.ts';
import { DEMO_ACCOUNTS, DEMO_ORGANISATIONS, DEMO_PASSWORD, seedDemoData } from './demoData.ts';

const count = async (db: Db, table: string) => Number((await db.knex(table).count<{ n: number | string }[]>('* as n'))[0].n);

describe('demo data (static)', () => {
  it('has at least one account for every role, and unique usernames', () => {
    // then
    expect(ROLES.filter((r) => !DEMO_ACCOUNTS.some((a) => a.role === r))).toEqual([]);
    expect(new Set(DEMO_ACCOUNTS.map((a) => a.username)).size).toBe(DEMO_ACCOUNTS.length);
    expect(DEMO_PASSWORD).toBe('Demo@2026');
  });

  it('gives applicants who are persons valid 18-digit ID numbers (GB 11643 check digits), and applying organisations an organisation', () => {
    // given
    const persons = DEMO_ACCOUNTS.filter((a) => a.role === 'applicant' && !a.orgId);
    const organisations = DEMO_ACCOUNTS.filter((a) => a.role === 'applicant' && a.orgId);
    // then
    expect(persons.length).toBeGreaterThanOrEqual(4);
    for (const a of persons) expect(checkIdCard(a.idNumber, '2026-01-01'), `${a.username} ${a.idNumber}`).toEqual({ ok: true });
    expect(organisations.map((a) => a.orgId).sort()).toEqual(['org-gs-city', 'org-gs-provincial', 'org-lc-school']);
    for (const a of organisations) expect(DEMO_ORGANISATIONS.find((o) => o.id === a.orgId)?.cityCode, a.username).toBe(a.regionCode);
  });

  it('has a unit reviewer for every recommending organisation and the reviewers, editor and admin in their regions', () => {
    // then
    for (const o of DEMO_ORGANISATIONS.filter((o) => o.provinceCode === '510000')) expect(DEMO_ACCOUNTS.some((a) => a.role === 'unit_reviewer' && a.orgId === o.id), o.id).toBe(true);
    expect(DEMO_ACCOUNTS.filter((a) => a.role === 'city_reviewer').map((a) => a.regionCode).sort()).toEqual(['371500', '510100', '510600', '510700', '620100']);
    expect(DEMO_ACCOUNTS.filter((a) => a.role === 'province_reviewer').map((a) => a.regionCode).sort()).toEqual(['370000', '510000', '620000']);
    expect(DEMO_ACCOUNTS.filter((a) => a.role === 'policy_editor').map((a) => a.regionCode).sort()).toEqual(['370000', '510000', '620000']);
    expect(DEMO_ACCOUNTS.filter((a) => a.role === 'admin').map((a) => a.regionCode)).toEqual(['510000', '370000', '620000']);
  });

  it('covers every recommender case of SC26-01/02/06', () => {
    // given
    const find = (pred: (o: (typeof DEMO_ORGANISATIONS)[number]) => boolean) => DEMO_ORGANISATIONS.filter(pred);
    // then
    expect(find((o) => o.filingStatus === 'FILED' && o.cityCode === '510700')).toHaveLength(1);
    expect(find((o) => o.filingStatus === 'APPLIED' && o.cityCode === '510700' && o.filingAcceptedDate === '2025-06-01')).toHaveLength(1);
    expect(find((o) => o.filingStatus === 'APPLIED' && o.cityCode === '510600' && !!o.filingAcceptedDate && o.filingAcceptedDate < '2025-01-01')).toHaveLength(1);
    expect(find((o) => o.filingStatus === 'SUBMITTED' && !o.filingAcceptedDate)).toHaveLength(1);
    expect(find((o) => o.cityCode === '510100' && o.isUndelegatedProvincialInChengdu)).toHaveLength(1);
    expect(find((o) => o.cityCode === '510100' && o.filingStatus === 'FILED' && !o.isUndelegatedProvincialInChengdu)).toHaveLength(1);
  });
});

describe.each(storeTargets())('seedDemoData on $name', (target: StoreTarget) => {
  let db: Db;
  let close: () => Promise<void>;
  let accounts: AccountService;
  let registry: RegistryService;

  beforeAll(async () => {
    ({ db, close } = await openStore(target));
    accounts = new AccountService(db);
    registry = new RegistryService(db);
  });
  afterAll(async () => close?.());

  it('runs twice (and twice at once) without duplicates', async () => {
    // when
    await seedDemoData({ accounts, registry });
    await Promise.all([seedDemoData({ accounts, registry }), seedDemoData({ accounts, registry })]);
    // then
    expect(await count(db, 'accounts')).toBe(DEMO_ACCOUNTS.length);
    expect(await count(db, 'organisations')).toBe(DEMO_ORGANISATIONS.length);
    expect(await count(db, 'persons')).toBe(DEMO_ACCOUNTS.filter((a) => a.idNumber).length);
  });

  it('lets every demo account log in with the documented password, with its role and scope', async () => {
    // when / then
    for (const a of DEMO_ACCOUNTS) {
      const { actor } = await accounts.login(a.username, DEMO_PASSWORD);
      expect(actor).toMatchObject({ username: a.username, role: a.role, displayName: a.displayName, orgId: a.orgId, regionCode: a.regionCode, idNumber: a.idNumber });
    }
  });

  it('puts the applicants in the person registry and the organisations in the recommender registry', async () => {
    // given
    const applicant = DEMO_ACCOUNTS.find((a) => a.role === 'applicant')!;
    // when
    const person = await db.knex('persons').where({ id_number: db.personal.lookupKey(applicant.idNumber!) }).first();
    const stale = await registry.getRecommenderFacts('org-dy-stale', '2026-03-01');
    const provincial = await registry.getRecommenderFacts('org-cd-provincial', '2026-03-01');
    // then
    expect(person).toMatchObject({ name: applicant.displayName, gender: '男' });
    expect(stale).toMatchObject({ filingStatus: 'APPLIED', filingAcceptedDate: '2024-12-01', cityCode: '510600' });
    expect(provincial).toMatchObject({ cityCode: '510100', isUndelegatedProvincialInChengdu: true });
  });
});
