import { Value } from '@sinclair/typebox/value';
import type { TSchema } from '@sinclair/typebox';
import { Type } from '@sinclair/typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as S from '../../engine/http/responseSchemas.ts';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform.ts';
import { submitApplication } from '../browser/support/submitApplication.ts';

const PKG = 'sichuan/2026-examiner-training';

/** The schema's complaints about a real body, as readable lines (empty when it conforms). */
const complaints = (schema: TSchema, body: unknown) => [...Value.Errors(schema, body)].map((e) => `${e.path}: ${e.message}`);

describe('documented response schemas match what the services really return', () => {
  let t: TestPlatform;
  let hash: string;
  let applicationId: string;
  beforeAll(async () => {
    t = await startTestPlatform();
    const { version } = await t.platform.services.packages.deployFromDirectory(null, PKG);
    await t.platform.services.packages.activate(null, version.hash);
    hash = version.hash;
    ({ applicationId } = await submitApplication(t, PKG, 'org-my-filed'));
  }, 120_000);
  afterAll(async () => t?.close());

  it.each([
    ['GET /api/calls', 'zhangwei', '/api/calls', Type.Array(S.OpenCallSchema)],
    ['GET /api/health', 'admin', '/api/health', S.HealthSchema],
    ['GET /api/incidents', 'admin', '/api/incidents', Type.Array(S.IncidentSchema)],
    ['GET /api/audit', 'admin', '/api/audit?limit=50', S.AuditPageSchema],
    ['GET /api/organisations', 'zhangwei', '/api/organisations', Type.Array(S.OrganisationSchema)],
    ['GET /api/admin/calendar', 'admin', '/api/admin/calendar', S.CalendarOverridesSchema],
  ] as const)('%s', async (_name, user, url, schema) => {
    // given a signed-in user of the role the endpoint is for
    const agent = await t.login(user);
    // when the endpoint answers
    const res = await agent.get(url);
    // then its body is what the document says
    expect(res.status).toBe(200);
    expect(complaints(schema, res.body)).toEqual([]);
  });

  it('GET /api/calls carries the notice of the call', async () => {
    const res = await t.agent().get('/api/calls');
    expect(res.body[0].notice.issuer).toBe('四川省职业技能鉴定指导中心');
  });

  it('package detail, schedule, person facts, status and check', async () => {
    // given an admin, the applicant and their submitted application
    const admin = await t.login('admin');
    const applicant = await t.login('zhangwei');
    const idNumber = (await applicant.get('/api/me')).body.idNumber as string;
    const cases: Array<[string, TSchema, { status: number; body: unknown }]> = [
      ['package detail', S.PackageDetailSchema, await admin.get(`/api/packages/${hash}`)],
      ['schedule', S.PackageScheduleViewSchema, await t.agent().get(`/api/packages/${hash}/schedule`)],
      ['person facts', S.PersonFactsSchema, await admin.post('/api/registry/person-lookups').send({ idNumber })],
      ['status', S.ApplicationStatusSchema, await applicant.get(`/api/applications/${applicationId}/status`)],
    ];
    // when each answers, then each body conforms
    for (const [name, schema, res] of cases) {
      expect(res.status, name).toBe(200);
      expect(complaints(schema, res.body), name).toEqual([]);
    }
  });

  it('POST /api/applications/:id/check on a draft', async () => {
    // given a fresh draft with nothing filled in
    const applicant = await t.login('zhangwei');
    const draft = await applicant.post('/api/applications').send({ packageHash: hash, data: {} });
    // when it is checked
    const res = await applicant.post(`/api/applications/${draft.body.id}/check`);
    // then the problems list has the documented shape
    expect(res.status).toBe(200);
    expect(res.body.valid).toBe(false);
    expect(complaints(S.CheckResultSchema, res.body)).toEqual([]);
  });
});
