import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMANENT_UNTIL } from '../../engine/services/registry/RegistryService.ts';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform.ts';

const REPORT = { subjectType: 'org', subjectId: 'org-my-filed', kind: 'RECOMMENDATION_REVOKED', clause: 'SC26-50', startsOn: '2026-02-01', permanent: true, reason: '多次推荐被退回,予以通报并不再接受推荐', reference: '川职鉴〔2026〕通报2号' };

/** Sanctions decided outside the platform, entered by an administrator so the rules apply them (issue 10). */
describe('POST /api/registry/sanctions', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  }, 60_000);
  afterAll(async () => t?.close());

  it('records a 通报 against a unit and a ban on a person not yet in the registry, once, masking the ID number; the rules read them', async () => {
    // given 四川's administrator
    const admin = await t.login('admin');
    const person = { subjectType: 'person', subjectId: '510703198001011232', kind: 'TRAINING_REGISTRATION', clause: 'SC26-32', startsOn: '2026-01-10', until: '2027-01-09', reason: '外省登记:累计三次考试未通过' };
    // when: imported twice
    const first = await admin.post('/api/registry/sanctions').send({ sanctions: [REPORT, person] });
    const again = await admin.post('/api/registry/sanctions').send({ sanctions: [REPORT, person] });
    // then
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body[1].subjectId).toBe('5107**********1232');
    expect(again.body.map((s: { id: number }) => s.id)).toEqual(first.body.map((s: { id: number }) => s.id));
    expect(await t.platform.db.knex('sanctions').where({ kind: 'RECOMMENDATION_REVOKED' })).toHaveLength(1);
    expect((await t.platform.services.registry.getRecommenderFacts('org-my-filed', '2026-06-01'))!.recommendationSuspendedUntil).toBe(PERMANENT_UNTIL);
    expect((await t.platform.services.registry.getPersonFacts('510703198001011232', '2026-06-01')).bans).toEqual([{ kind: 'TRAINING_REGISTRATION', until: '2027-01-09', permanent: false, clause: 'SC26-32' }]);
  });

  it('refuses a kind outside the vocabulary, a kind for the other subject, and another region’s unit, writing nothing', async () => {
    const admin = await t.login('admin');
    const before = (await t.platform.db.knex('sanctions').count({ n: '*' }))[0]!.n;
    // when
    const unknown = await admin.post('/api/registry/sanctions').send({ sanctions: [{ ...REPORT, reference: 'x1', kind: 'SHAME' }] });
    const wrongSubject = await admin.post('/api/registry/sanctions').send({ sanctions: [{ ...REPORT, reference: 'x2', kind: 'TRAINING_REGISTRATION' }] });
    const gansu = await (await t.login('admin-gansu')).post('/api/registry/sanctions').send({ sanctions: [{ ...REPORT, reference: 'x3' }] });
    // and one bad entry among good ones stops them all
    const mixed = await admin.post('/api/registry/sanctions').send({ sanctions: [{ ...REPORT, reference: 'x4', subjectId: 'org-dy-stale' }, { ...REPORT, reference: 'x5', kind: 'SHAME' }] });
    // then
    expect(unknown.status).toBe(400);
    expect(unknown.body.title).toBe('惩戒类别不在平台的惩戒类别表中');
    expect(wrongSubject.status).toBe(400);
    expect(wrongSubject.body.title).toBe('惩戒类别与惩戒对象不符');
    expect(gansu.status).toBe(404);
    expect(mixed.status).toBe(400);
    expect((await t.platform.db.knex('sanctions').count({ n: '*' }))[0]!.n).toBe(before);
  });
});
