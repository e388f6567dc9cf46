import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform.ts';

/** GET /api/calls/{hash}/forms/{formId}: what an applicant needs to fill an open call's form. */
describe('an open call’s form over HTTP', () => {
  let t: TestPlatform;
  let openHash: string;
  let inactiveHash: string;

  beforeAll(async () => {
    t = await startTestPlatform();
    const pk = t.platform.services.packages;
    const open = await pk.deployFromDirectory(null, 'sichuan/2026-examiner-training');
    await pk.activate(null, open.version.hash);
    openHash = open.version.hash;
    // A version deployed but never activated: not an open call.
    inactiveHash = (await pk.deployFromDirectory(null, 'sichuan/2024-renewal')).version.hash;
  }, 90_000);
  afterAll(async () => t?.close());

  it('gives an applicant the schema, the ui schema and every attachment kind with its types and size limit', async () => {
    // given a signed-in applicant
    const zhang = await t.login('zhangwei');
    // when they ask for the application form of the open 2026 call
    const res = await zhang.get(`/api/calls/${openHash}/forms/application`);
    // then the form comes with its upload rules, taken from x-attachments
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.title).toBe('四川省技能人才评价考评员申报表');
    expect(res.body.schema.properties.idNumber.format).toBe('cn-id-card');
    expect(res.body.ui['ui:order'][0]).toBe('applicantType');
    const kinds = (res.body.attachments as Array<{ kind: string; accept: string[]; maxBytes: number }>).map((a) => a.kind);
    expect(kinds).toContain('idCardScan');
    expect(res.body.attachments.find((a: { kind: string }) => a.kind === 'photo')).toMatchObject({ accept: ['image/jpeg', 'image/png'], maxBytes: 10485760 });
  });

  it('answers 404 in Chinese for an unknown form, and for a version that is not an open call', async () => {
    // given a signed-in applicant
    const zhang = await t.login('zhangwei');
    // when they ask for a form that does not exist, or a form of a version never opened
    const unknown = await zhang.get(`/api/calls/${openHash}/forms/no-such-form`);
    const closed = await zhang.get(`/api/calls/${inactiveHash}/forms/application`);
    // then both are 404 problems, the second saying nothing about the version
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(closed.status).toBe(404);
  });

  it('needs a session', async () => {
    // when an anonymous caller asks
    const res = await t.agent().get(`/api/calls/${openHash}/forms/application`);
    // then 401
    expect(res.status).toBe(401);
  });
});
