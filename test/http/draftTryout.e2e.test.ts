import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform.ts';

/**
 * Try-outs of a draft (issue 11): policy staff run a draft's scenarios on a scratch platform before
 * publishing it, see the path on the diagram (elements, flows, the end reached) and the map of what
 * no scenario reaches; the admin's activation page reads what activating changes.
 */
describe('draft try-outs and the activation preview', () => {
  let t: TestPlatform;
  let oldHash: string;
  let newHash: string;
  let draftId: string;
  beforeAll(async () => {
    t = await startTestPlatform();
    const pkgs = t.platform.services.packages;
    oldHash = (await pkgs.deployFromDirectory(null, 'sichuan/2021-examiner-training')).version.hash;
    newHash = (await pkgs.deployFromDirectory(null, 'sichuan/2026-examiner-training')).version.hash;
    await pkgs.activate(null, oldHash);
    const editor = await t.login('policy-editor');
    const res = await editor.post('/api/drafts').send({ fromHash: oldHash, year: 2026, packageId: 'sc-tryout-2026' });
    expect(res.status).toBe(201);
    draftId = res.body.id;
  }, 120_000);
  afterAll(async () => t?.close());

  it('runs a scenario file of the draft without publishing it and returns the path on the diagram', async () => {
    // given 四川's policy editor and the draft cloned from 2021
    const editor = await t.login('policy-editor');
    // when he tries out the category-3 refusal
    const res = await editor.post(`/api/drafts/${draftId}/tryouts`).send({ scenarioFile: 'ineligible-category-3.json' });
    // then it ran on the draft's own files, matched its `then`, and says where it went
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ draftId, packageHash: null, matched: true, mismatches: [], error: null, scenario: { file: 'scenarios/ineligible-category-3.json' } });
    expect(res.body.diagram.file).toMatch(/\.bpmn$/);
    expect(res.body.diagram.takenFlowIds.length).toBeGreaterThan(0);
    expect(res.body.diagram.endElementIds).toHaveLength(1);
    expect(res.body.completedElements).toContain(res.body.diagram.endElementIds[0]);
    // and the draft is still a draft, with no version deployed from it
    expect((await editor.get(`/api/drafts/${draftId}`)).body).toMatchObject({ status: 'DRAFT', publishedHash: null });
  }, 90_000);

  it('runs every process scenario of the draft and maps the elements and flows none of them reaches', async () => {
    // given the draft's process scenarios (the rule checks are not run)
    const editor = await t.login('policy-editor');
    const files = (await editor.get(`/api/drafts/${draftId}`)).body.files.map((f: { path: string }) => f.path) as string[];
    // when the editor asks for the coverage map
    const scenarioFiles = files.filter((f) => f.startsWith('scenarios/')).map((f) => f.slice('scenarios/'.length));
    const res = await editor.post(`/api/drafts/${draftId}/tryout-coverage`).send({ scenarioFiles });
    // then each process scenario has its result, none of the checks files is run
    expect(res.status).toBe(200);
    const run = res.body.scenarios.map((s: { file: string }) => `scenarios/${s.file}`);
    expect(run.length).toBeGreaterThan(3);
    expect(run.every((f: string) => files.includes(f) && !f.includes('/checks-'))).toBe(true);
    expect(res.body.scenarios.filter((s: { matched: boolean }) => !s.matched)).toEqual([]);
    // and the main diagram's uncovered elements are some of its elements, not all and not the start
    const main = res.body.diagrams[0];
    expect(main.uncoveredElementIds.length).toBeLessThan(main.elementCount);
    const reached = new Set(res.body.scenarios.flatMap((s: { completedElements: string[] }) => s.completedElements));
    expect(main.uncoveredElementIds.some((id: string) => reached.has(id))).toBe(false);
  }, 400_000);

  it('is not there for another province and refuses the roles it is not for', async () => {
    // given an editor of 甘肃 and a reviewer of 四川
    const gansu = await t.login('policy-editor-gansu');
    const reviewer = await t.login('province-sichuan');
    // when they try the Sichuan draft out, then 404 (out of region) and 403 (wrong role)
    expect((await gansu.post(`/api/drafts/${draftId}/tryouts`).send({ scenarioFile: 'ineligible-category-3.json' })).status).toBe(404);
    expect((await gansu.post(`/api/drafts/${draftId}/tryout-coverage`).send({ scenarioFiles: ['ineligible-category-3.json'] })).status).toBe(404);
    expect((await reviewer.post(`/api/drafts/${draftId}/tryouts`).send({ scenarioFile: 'ineligible-category-3.json' })).status).toBe(403);
  });

  it('refuses a scenario file the draft does not have, and a scenario that is not one', async () => {
    const editor = await t.login('policy-editor');
    expect((await editor.post(`/api/drafts/${draftId}/tryout-coverage`).send({ scenarioFiles: ['ineligible-category-3.json', 'no-such.json'] })).status).toBe(404);
    expect((await editor.post(`/api/drafts/${draftId}/tryout-coverage`).send({ scenarioFiles: [] })).status).toBe(400);
    expect((await editor.post(`/api/drafts/${draftId}/tryouts`).send({ scenarioFile: 'no-such.json' })).status).toBe(404);
    const bad = await editor.post(`/api/drafts/${draftId}/tryouts`).send({ scenario: { name: 'x' } });
    expect(bad.status).toBe(422);
    expect(bad.body.problems.length).toBeGreaterThan(0);
  });

  it('tells the admin what activating changes: the version accepting applications now, and that running ones stay', async () => {
    // given no 2026 version active yet (the 2021 one is active for its own year)
    const admin = await t.login('admin');
    // when the admin reads the activation preview of 2026, then nothing accepts 2026 applications yet
    const before = await admin.get(`/api/packages/${newHash}/activation`);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ hash: newHash, active: false, current: null, running: [] });
    // and once it is activated, the preview says so
    expect((await admin.post(`/api/packages/${newHash}/activate`)).status).toBe(200);
    expect((await admin.get(`/api/packages/${newHash}/activation`)).body).toMatchObject({ active: true, current: { hash: newHash } });
    // and a policy editor may not (403), an admin of another province does not see it (404)
    expect((await (await t.login('policy-editor')).get(`/api/packages/${newHash}/activation`)).status).toBe(403);
    expect((await (await t.login('admin-gansu')).get(`/api/packages/${newHash}/activation`)).status).toBe(404);
    expect((await (await t.login('policy-editor')).post(`/api/packages/${newHash}/activate`)).status).toBe(403);
  });
});
