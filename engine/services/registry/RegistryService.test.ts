import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../store/createDb.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.ts';
import { openStore, storeTargets, type StoreTarget } from '../../../test/support/stores.ts';
import { PERMANENT_UNTIL, RegistryService, type IssueCardInput, type OrganisationInput } from './RegistryService.ts';

const PERSON = '11010519491231002X';
const OTHER_PERSON = '510703198503120017';
const UNKNOWN_PERSON = '510104199001011230';

const org = (over: Partial<OrganisationInput> = {}): OrganisationInput => ({
  id: 'org-test',
  name: '绵阳某评价机构',
  regionCode: '510703',
  cityCode: '510700',
  provinceCode: '510000',
  level: 'city',
  filingStatus: 'FILED',
  filingAcceptedDate: '2023-03-01',
  filedDate: '2023-05-10',
  isUndelegatedProvincialInChengdu: false,
  recommendationSuspendedUntil: null,
  ...over,
});

describe.each(storeTargets())('RegistryService on $name', (target: StoreTarget) => {
  let db: Db;
  let close: () => Promise<void>;
  const now = () => Date.parse('2026-04-01T02:00:00Z');
  let registry: RegistryService;
  const cardFor = (applicationId: string, over: Partial<IssueCardInput> = {}): IssueCardInput => ({
    applicationId,
    idNumber: PERSON,
    kind: 'EXAMINER',
    occupationCode: '4-12-01-01',
    occupationName: '汽车维修工',
    issuerRegionCode: '510700',
    validRegionCode: '510700',
    validFrom: '2026-04-01',
    validTo: '2029-04-01',
    collectionDeadline: '2026-05-01',
    packageHash: 'a'.repeat(64),
    ...over,
  });

  beforeAll(async () => {
    ({ db, close } = await openStore(target));
    registry = new RegistryService(db, now);
  });
  afterAll(async () => close?.());

  describe('organisations', () => {
    it('upserts an organisation by id and lists by city', async () => {
      // given
      await registry.upsertOrganisation(org());
      await registry.upsertOrganisation(org({ id: 'org-dy', name: '德阳某公司', regionCode: '510603', cityCode: '510600' }));
      // when
      const updated = await registry.upsertOrganisation(org({ filingStatus: 'APPLIED', filedDate: null, occupations: ['4-12-01-01'] }));
      // then
      expect(updated).toMatchObject({ id: 'org-test', filingStatus: 'APPLIED', filedDate: null, occupations: ['4-12-01-01'], isUndelegatedProvincialInChengdu: false });
      expect((await registry.listOrganisations({ cityCode: '510700' })).map((o) => o.id)).toEqual(['org-test']);
      expect(await registry.listOrganisations()).toHaveLength(2);
      await expect(registry.getOrganisation('org-none')).rejects.toBeInstanceOf(NotFoundError);
    });

    it('rejects an organisation with a malformed region code', async () => {
      // when / then
      await expect(registry.upsertOrganisation(org({ id: 'org-bad', cityCode: '5107' }))).rejects.toBeInstanceOf(ValidationError);
    });
  });

  describe('recommender facts', () => {
    it('returns what the eligibility rules read, and nothing more', async () => {
      // given
      await registry.upsertOrganisation(org({ id: 'org-cd-uni', name: '四川某大学', regionCode: '510107', cityCode: '510100', level: 'province', isUndelegatedProvincialInChengdu: true }));
      // when
      const facts = await registry.getRecommenderFacts('org-cd-uni', '2026-03-10');
      // then
      expect(facts).toEqual({
        id: 'org-cd-uni',
        name: '四川某大学',
        regionCode: '510107',
        cityCode: '510100',
        level: 'province',
        filingStatus: 'FILED',
        filingAcceptedDate: '2023-03-01',
        isUndelegatedProvincialInChengdu: true,
        recommendationSuspendedUntil: null,
        provincialClassYears: [],
      });
    });

    it('throws NotFoundError for an unknown unit', async () => {
      // when
      const err = await registry.getRecommenderFacts('org-none', '2026-03-10').catch((e: unknown) => e);
      // then
      expect(err).toBeInstanceOf(NotFoundError);
      expect(err).toMatchObject({ status: 404, title: '机构不存在' });
    });

    it('reports a suspension recorded as a sanction while it is in force (SC26-52), and a revocation without end (SC26-50)', async () => {
      // given
      await registry.upsertOrganisation(org({ id: 'org-cheat' }));
      await registry.upsertOrganisation(org({ id: 'org-revoked' }));
      await registry.recordSanction({ subjectType: 'org', subjectId: 'org-cheat', kind: 'RECOMMENDATION_SUSPENDED', clause: 'SC26-52', startsOn: '2026-04-10', until: '2027-04-10', reason: '所推荐人员考试作弊', idempotencyKey: 'susp-1' });
      await registry.recordSanction({ subjectType: 'org', subjectId: 'org-revoked', kind: 'RECOMMENDATION_REVOKED', clause: 'SC26-50', startsOn: '2026-04-10', permanent: true, reason: '多次推荐被退回', idempotencyKey: 'revoke-1' });
      // when
      const before = await registry.getRecommenderFacts('org-cheat', '2026-04-09');
      const during = await registry.getRecommenderFacts('org-cheat', '2027-04-10');
      const after = await registry.getRecommenderFacts('org-cheat', '2027-04-11');
      const revoked = await registry.getRecommenderFacts('org-revoked', '2030-01-01');
      // then
      expect(before.recommendationSuspendedUntil).toBeNull();
      expect(during.recommendationSuspendedUntil).toBe('2027-04-10');
      expect(after.recommendationSuspendedUntil).toBeNull();
      expect(revoked.recommendationSuspendedUntil).toBe(PERMANENT_UNTIL);
    });
  });

  describe('cards', () => {
    it('gives the same card to the same application twice', async () => {
      // when
      const first = await registry.issueCard(cardFor('app-1'));
      const second = await registry.issueCard(cardFor('app-1', { validFrom: '2026-04-02' }));
      // then
      expect(first.number).toBe('510700-2026-000001');
      expect(second).toEqual(first);
      expect(first).toMatchObject({ status: 'ISSUED', idNumber: PERSON, applicationId: 'app-1', validRegionCode: '510700', collectionDeadline: '2026-05-01' });
      expect(await db.knex('cards').where({ application_id: 'app-1' })).toHaveLength(1);
    });

    it('numbers cards per issuing centre and year from its own sequence', async () => {
      // when
      const next = await registry.issueCard(cardFor('app-2'));
      const province = await registry.issueCard(cardFor('app-3', { issuerRegionCode: '510000', validRegionCode: '510000' }));
      const nextYear = await registry.issueCard(cardFor('app-4', { validFrom: '2027-01-05', validTo: '2030-01-05' }));
      // then
      expect(next.number).toBe('510700-2026-000002');
      expect(province.number).toBe('510000-2026-000001');
      expect(nextYear.number).toBe('510700-2027-000001');
    });

    it('hands out each number once when jobs for several applications run concurrently, each twice', async () => {
      // given
      const ids = ['c-1', 'c-2', 'c-3', 'c-4', 'c-5', 'c-6'];
      const input = (id: string) => cardFor(id, { issuerRegionCode: '510600', validRegionCode: '510600' });
      // when
      const cards = await Promise.all([...ids, ...ids].map((id) => registry.issueCard(input(id))));
      // then
      const byApp = new Map<string, Set<string>>();
      for (const c of cards) byApp.set(c.applicationId!, (byApp.get(c.applicationId!) ?? new Set()).add(c.number));
      expect([...byApp.values()].every((numbers) => numbers.size === 1)).toBe(true);
      const numbers = [...byApp.values()].map((s) => [...s][0]).sort();
      expect(numbers).toEqual(ids.map((_, i) => `510600-2026-${String(i + 1).padStart(6, '0')}`));
      expect(await db.knex('cards').where({ issuer_region_code: '510600' })).toHaveLength(ids.length);
      expect(Number((await db.knex('card_sequences').where({ issuer_year: '510600-2026' }).first()).next_value)).toBe(ids.length + 1);
    });

    it('refuses to issue a card for an invalid ID number or an inverted validity', async () => {
      // when / then
      await expect(registry.issueCard(cardFor('bad-1', { idNumber: '110105194912310021' }))).rejects.toBeInstanceOf(ValidationError);
      await expect(registry.issueCard(cardFor('bad-2', { validTo: '2026-03-01' }))).rejects.toBeInstanceOf(ValidationError);
      expect(await db.knex('cards').whereIn('application_id', ['bad-1', 'bad-2'])).toHaveLength(0);
    });

    it('marks a card collected once, and then refuses to cancel it', async () => {
      // given
      const card = await registry.issueCard(cardFor('app-collect'));
      // when
      const collected = await registry.markCardCollected(card.number);
      const again = await registry.markCardCollected(card.number);
      const cancel = await registry.cancelCard(card.number, '逾期未领取').catch((e: unknown) => e);
      // then
      expect(collected).toMatchObject({ status: 'COLLECTED', collectedAt: '2026-04-01T02:00:00.000Z' });
      expect(again).toEqual(collected);
      expect(cancel).toBeInstanceOf(ConflictError);
    });

    it('cancels an uncollected card with its reason (SC26-45), keeps the first reason, and refuses to collect it afterwards', async () => {
      // given
      const card = await registry.issueCard(cardFor('app-cancel', { idNumber: OTHER_PERSON }));
      // when
      const cancelled = await registry.cancelCard(card.number, 'SC26-45 逾期未领取');
      const repeated = await registry.cancelCard(card.number, '另一个原因');
      const collect = await registry.markCardCollected(card.number).catch((e: unknown) => e);
      // then
      expect(cancelled).toMatchObject({ status: 'CANCELLED', cancelReason: 'SC26-45 逾期未领取', cancelledAt: '2026-04-01T02:00:00.000Z' });
      expect(repeated.cancelReason).toBe('SC26-45 逾期未领取');
      expect(collect).toBeInstanceOf(ConflictError);
      await expect(registry.cancelCard('510700-2026-999999', '无')).rejects.toBeInstanceOf(NotFoundError);
      expect((await registry.getPersonFacts(OTHER_PERSON, '2026-06-01')).cards.map((c) => c.status)).toEqual(['CANCELLED']);
    });
  });

  describe('sanctions and person facts', () => {
    const ban = {
      subjectType: 'person' as const,
      subjectId: PERSON,
      kind: 'TRAINING_REGISTRATION',
      clause: 'SC26-45',
      startsOn: '2026-05-01',
      until: '2027-05-01',
      reason: '逾期未领取证卡,一年内不得再次报名参加培训',
      applicationId: 'app-1',
      idempotencyKey: 'inst-1:Task_BanTraining',
    };

    it('records a sanction once per idempotency key, also when the job runs twice at once', async () => {
      // when
      const [a, b] = await Promise.all([registry.recordSanction(ban), registry.recordSanction(ban)]);
      const c = await registry.recordSanction({ ...ban, reason: '重试' });
      // then
      expect(a.id).toBe(b.id);
      expect(c).toEqual(a);
      expect(a).toMatchObject({ subjectType: 'person', subjectId: PERSON, kind: 'TRAINING_REGISTRATION', until: '2027-05-01', permanent: false, applicationId: 'app-1' });
      expect(await registry.listSanctions({ subjectType: 'person', subjectId: PERSON })).toHaveLength(1);
    });

    it('lists only bans in force at asOf; the until date is the last day', async () => {
      // given
      await registry.recordSanction({ ...ban, kind: 'EXAM_WORK', clause: 'SC26-56', startsOn: '2026-06-01', until: null, permanent: true, reason: '考试中使用手机作弊', idempotencyKey: 'inst-2:Task_Ban' });
      // when
      const facts = async (asOf: string) => (await registry.getPersonFacts(PERSON, asOf)).bans.map((b) => b.kind);
      // then
      expect(await facts('2026-04-30')).toEqual([]);
      expect(await facts('2026-05-01')).toEqual(['TRAINING_REGISTRATION']);
      expect(await facts('2027-05-01')).toEqual(['TRAINING_REGISTRATION', 'EXAM_WORK']);
      expect(await facts('2027-05-02')).toEqual(['EXAM_WORK']);
      expect((await registry.getPersonFacts(PERSON, '2030-01-01')).bans).toEqual([{ kind: 'EXAM_WORK', until: null, permanent: true, clause: 'SC26-56' }]);
    });

    it('returns the person facts shape with cards, and empty facts for someone unknown', async () => {
      // when
      const facts = await registry.getPersonFacts(PERSON, '2026-04-15');
      const nobody = await registry.getPersonFacts(UNKNOWN_PERSON, '2026-04-15');
      // then
      expect(facts.idNumber).toBe(PERSON);
      expect(facts.cards[0]).toMatchObject({ number: '510700-2026-000001', kind: 'EXAMINER', occupationCode: '4-12-01-01', status: 'ISSUED', validTo: '2029-04-01', issuerRegionCode: '510700' });
      expect(nobody.bans).toEqual([]);
      expect(nobody.cards).toEqual([]);
    });

    it('rejects a sanction without reason or with an end before its start', async () => {
      // when / then
      await expect(registry.recordSanction({ ...ban, reason: ' ', idempotencyKey: 'x-1' })).rejects.toBeInstanceOf(ValidationError);
      await expect(registry.recordSanction({ ...ban, until: '2026-04-01', idempotencyKey: 'x-2' })).rejects.toBeInstanceOf(ValidationError);
      expect(await db.knex('sanctions').whereIn('idempotency_key', ['x-1', 'x-2'])).toHaveLength(0);
    });
  });
});
