import { randomUUID } from 'node:crypto';
import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DraftDetailSchema, DraftFileSchema, DraftViewSchema, PublishResultSchema, SaveResultSchema } from '../../engine/http/routes/draftRoutes.ts';
import { DEMO_PASSWORD } from '../../engine/services/demo/demoData.ts';
import { DraftService, MAX_DRAFT_FILE_BYTES } from '../../engine/services/drafts/DraftService.ts';
import { PayloadTooLargeError, UnprocessableError } from '../../engine/errors.ts';
import { storeTargets, type StoreTarget } from '../support/stores.ts';
import { startTestPlatformOn } from '../support/startTestPlatformOn.ts';
import type { TestPlatform } from '../support/testPlatform.ts';

type Agent = request.Agent;

const file = (draftId: string, path: string) => `/api/drafts/${draftId}/files/${encodeURIComponent(path)}`;
const complaints = (schema: TSchema, body: unknown) => [...Value.Errors(schema, body)].map((e) => `${e.path}: ${e.message}`);
const CHINESE = /[\u4e00-\u9fff]/;

/** A refusal: problem+json with a Chinese title (and detail when given). */
function expectProblem(res: request.Response, status: number): { title: string; detail?: string; problems?: Array<Record<string, string>> } {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(res.body.title).toMatch(CHINESE);
  if (res.body.detail !== undefined) expect(res.body.detail).toMatch(CHINESE);
  return res.body;
}

describe.each(storeTargets())('package drafts on the server (issue 11) on $name', (store: StoreTarget) => {
  let t: TestPlatform;
  let editor: Agent;
  let secondEditor: Agent;
  let admin: Agent;
  let sc21Hash: string;
  let draftId: string;
  let editorName: string;

  beforeAll(async () => {
    t = await startTestPlatformOn(store);
    // given: the 2021 Sichuan examiner package deployed, and a second Sichuan policy editor
    const { version } = await t.platform.services.packages.deployFromDirectory(null, 'sichuan/2021-examiner-training');
    sc21Hash = version.hash;
    await t.platform.services.accounts.createAccount({ username: 'policy-editor-2', role: 'policy_editor', displayName: '李编辑', orgId: null, regionCode: '510000', idNumber: null, password: DEMO_PASSWORD });
    [editor, secondEditor, admin] = await Promise.all([t.login('policy-editor'), t.login('policy-editor-2'), t.login('admin')]);
    editorName = (await editor.get('/api/session')).body.actor.displayName;
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('clones the 2021 examiner package into a 2026 draft with the manifest rewritten and nothing else changed', async () => {
    // given the deployed 2021 version
    // when a Sichuan policy editor clones it into 2026
    const res = await editor.post('/api/drafts').send({ fromHash: sc21Hash, year: 2026 });
    // then a valid draft at revision 1 holds every file of the version, the manifest's id, year and title moved to 2026
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(complaints(DraftDetailSchema, res.body)).toEqual([]);
    draftId = res.body.id;
    expect(res.body).toMatchObject({ packageId: 'sichuan-2026-examiner-training', regionCode: '510000', year: 2026, title: '2026年四川省技能人才评价考评员培训考核', status: 'DRAFT', revision: 1, baseHash: sc21Hash, errorCount: 0, createdBy: { name: editorName } });
    const source = (await t.platform.services.packages.version(sc21Hash)).files;
    expect(res.body.files.map((f: { path: string }) => f.path)).toEqual(Object.keys(source).sort());
    const manifest = await editor.get(file(draftId, 'manifest.json'));
    expect(complaints(DraftFileSchema, manifest.body)).toEqual([]);
    const m = JSON.parse(manifest.body.content);
    expect(m).toMatchObject({ id: 'sichuan-2026-examiner-training', year: 2026, region: { code: '510000', name: '四川省' } });
    expect(m.notice).toEqual(JSON.parse(source['manifest.json']!).notice);
    const bpmn = await editor.get(file(draftId, 'process.bpmn'));
    expect(bpmn.body.content).toBe(source['process.bpmn']);
    // and the draft is listed to the region's editors and admins
    for (const who of [editor, admin]) {
      const list = await who.get('/api/drafts');
      expect(list.status).toBe(200);
      expect(list.body.map((d: { id: string }) => d.id)).toContain(draftId);
      for (const d of list.body) expect(complaints(DraftViewSchema, d)).toEqual([]);
    }
  });

  it('saves a file at the revision it was read at, and refuses a stale save (409) saying who saved last and when, keeping their change', async () => {
    // given both editors read the eligibility rules at revision 1
    const read = await editor.get(file(draftId, 'rules/eligibility.json'));
    const read2 = await secondEditor.get(file(draftId, 'rules/eligibility.json'));
    expect([read.body.revision, read2.body.revision]).toEqual([1, 1]);
    const rules = JSON.parse(read.body.content);
    rules.title = `${rules.title}(2026年修订)`;
    const mine = `${JSON.stringify(rules, null, 2)}\n`;
    // when the first saves
    const saved = await editor.put(file(draftId, 'rules/eligibility.json')).send({ content: mine, revision: 1 });
    // then the draft moves to revision 2, still valid
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(complaints(SaveResultSchema, saved.body)).toEqual([]);
    expect(saved.body).toMatchObject({ valid: true, draft: { revision: 2, updatedBy: { name: editorName } }, file: { path: 'rules/eligibility.json', size: Buffer.byteLength(mine) } });
    expect(saved.body.problems.filter((p: { severity: string }) => p.severity === 'error')).toEqual([]);

    // when the second saves what he read at revision 1
    const stale = await secondEditor.put(file(draftId, 'rules/eligibility.json')).send({ content: read2.body.content.replace('"eligibility"', '"eligibility" '), revision: 1 });
    // then nothing is overwritten: 409 naming who saved and when (Beijing time)
    const p = expectProblem(stale, 409);
    expect(p.detail).toContain(editorName);
    const at = new Date(Date.parse(saved.body.draft.updatedAt) + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);
    expect(p.detail).toContain(at);
    expect(stale.body).toMatchObject({ currentRevision: 2, updatedBy: editorName });
    const now = await secondEditor.get(file(draftId, 'rules/eligibility.json'));
    expect(now.body).toMatchObject({ content: mine, revision: 2, updatedBy: { name: editorName }, updatedAt: saved.body.draft.updatedAt });
  });

  it('of two saves from the same revision at the same moment exactly one is stored', async () => {
    // given the draft's current revision
    const { revision } = (await editor.get(`/api/drafts/${draftId}`)).body as { revision: number };
    // when both editors save a note from that revision at once
    const [a, b] = await Promise.all([
      editor.put(file(draftId, 'notes.md')).send({ content: '甲的说明\n', revision }),
      secondEditor.put(file(draftId, 'notes.md')).send({ content: '乙的说明\n', revision }),
    ]);
    // then one wins, the other is told (409), and the stored file is the winner's
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? '甲的说明\n' : '乙的说明\n';
    const stored = await editor.get(file(draftId, 'notes.md'));
    expect(stored.body).toMatchObject({ content: winner, revision: revision + 1 });
  });

  it('reports an invalid save with its file and pointer, and refuses to publish it (422) until it is fixed; then publishes a version GET /api/packages lists', async () => {
    // given the schedule as cloned
    const original = await editor.get(file(draftId, 'schedule.json'));
    const schedule = JSON.parse(original.body.content);
    expect(schedule.windows[1]).toMatchObject({ id: '2021-06-period3-registration', opens: '2021-06-09' });
    schedule.windows[1].closes = '2021-06-01';
    // when a window that closes before it opens is saved
    const bad = await editor.put(file(draftId, 'schedule.json')).send({ content: JSON.stringify(schedule, null, 2), revision: original.body.revision });
    // then it is stored, and the loader's problem names the file and the pointer
    expect(bad.status, JSON.stringify(bad.body)).toBe(200);
    expect(bad.body.valid).toBe(false);
    expect(bad.body.problems).toContainEqual(expect.objectContaining({ file: 'schedule.json', pointer: '/windows/1/closes', severity: 'error', code: 'WINDOW_ORDER' }));
    expect(bad.body.problems.find((p: { code: string }) => p.code === 'WINDOW_ORDER').message).toMatch(CHINESE);
    const detail = await editor.get(`/api/drafts/${draftId}`);
    expect(detail.body.errorCount).toBeGreaterThan(0);
    expect(detail.body.problems).toContainEqual(expect.objectContaining({ file: 'schedule.json', pointer: '/windows/1/closes' }));

    // when it is published
    const refused = await editor.post(`/api/drafts/${draftId}/publish`).send({ revision: bad.body.draft.revision });
    // then 422 with every error, by file and pointer; no version is deployed
    const p = expectProblem(refused, 422);
    expect(p.problems).toContainEqual(expect.objectContaining({ file: 'schedule.json', pointer: '/windows/1/closes' }));
    const before = (await admin.get('/api/packages')).body as Array<{ hash: string }>;
    expect(before.map((v) => v.hash)).toEqual([sc21Hash]);

    // when the window is fixed
    const fixed = await editor.put(file(draftId, 'schedule.json')).send({ content: original.body.content, revision: bad.body.draft.revision });
    expect(fixed.body).toMatchObject({ valid: true });
    // and the draft published by the region's admin
    const published = await admin.post(`/api/drafts/${draftId}/publish`).send({ revision: fixed.body.draft.revision });
    // then it is an immutable version named by its content hash, listed by GET /api/packages, and the draft is marked published
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    expect(complaints(PublishResultSchema, published.body)).toEqual([]);
    const hash = published.body.version.hash as string;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(published.body).toMatchObject({ created: true, draft: { status: 'PUBLISHED', publishedHash: hash }, version: { packageId: 'sichuan-2026-examiner-training', year: 2026, regionCode: '510000', active: false } });
    const listed = (await editor.get('/api/packages')).body as Array<{ hash: string; year: number }>;
    expect(listed).toContainEqual(expect.objectContaining({ hash, year: 2026 }));
    const deployed = (await t.platform.services.packages.version(hash)).files;
    expect(deployed['rules/eligibility.json']).toContain('2026年修订');

    // and a published draft is read-only and is not published twice
    expectProblem(await editor.put(file(draftId, 'notes.md')).send({ content: '再改\n', revision: fixed.body.draft.revision }), 409);
    expect(expectProblem(await editor.post(`/api/drafts/${draftId}/publish`).send({ revision: fixed.body.draft.revision }), 409).detail).toContain(hash);
  });

  it('audits every write with what changed', async () => {
    // given the writes above
    // when the region's admin reads the draft's audit entries
    const res = await admin.get('/api/audit').query({ entityType: 'package-draft', entityId: draftId, limit: 100 });
    // then creation, each stored save and the publication are there, with the revisions before and after
    expect(res.status).toBe(200);
    const entries = res.body.items as Array<{ action: string; actorId: string; regionCode: string; detail: Record<string, any> }>;
    const actions = entries.map((e) => e.action);
    expect(actions[0]).toBe('package-draft.created');
    expect(actions.filter((a) => a === 'package-draft.file-saved')).toHaveLength(4);
    expect(actions.at(-1)).toBe('package-draft.published');
    const firstSave = entries.find((e) => e.action === 'package-draft.file-saved')!;
    expect(firstSave.detail).toMatchObject({ path: 'rules/eligibility.json', revision: { before: 1, after: 2 }, before: { sha256: expect.any(String) }, after: { sha256: expect.any(String) } });
    expect(firstSave.detail.before.sha256).not.toBe(firstSave.detail.after.sha256);
    expect(entries.every((e) => e.regionCode === '510000')).toBe(true);
  });

  it('creates drafts from each template that pass the loader, and deletes a draft', async () => {
    // given the templates
    const templates = (await editor.get('/api/draft-templates')).body as Array<{ id: string; title: string }>;
    expect(templates.map((x) => x.id)).toEqual(['empty', 'eligibility-review']);
    for (const tpl of templates) {
      // when a draft is made from it
      const res = await editor.post('/api/drafts').send({ template: tpl.id, packageId: `sichuan-2027-${tpl.id}`, procedure: 'demo-procedure', region: { code: '510000', name: '四川省' }, year: 2027, title: `2027年${tpl.title}` });
      // then it has no error, and its BPMN carries a diagram layout for the modeler
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ template: tpl.id, errorCount: 0, revision: 1, baseHash: null });
      const bpmn = await editor.get(file(res.body.id, 'process.bpmn'));
      expect(bpmn.body.content).toContain('bpmndi:BPMNDiagram');
      // when it is deleted
      expect((await editor.delete(`/api/drafts/${res.body.id}`)).status).toBe(204);
      // then it is gone, files and all
      expectProblem(await editor.get(`/api/drafts/${res.body.id}`), 404);
      expect(await t.platform.db.knex('package_draft_files').where({ draft_id: res.body.id }).count({ n: '*' }).first()).toMatchObject({ n: 0 });
    }
  });

  it('refuses bad inputs with problem+json in Chinese and stores nothing', async () => {
    // given the published draft's sibling: a fresh clone
    const res = await editor.post('/api/drafts').send({ fromHash: sc21Hash, year: 2027 });
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    const put = (path: string, content = '{}\n', revision = 1) => editor.put(`/api/drafts/${id}/files/${path}`).send({ content, revision });

    // when paths leave the package, are absolute, hidden or of another kind
    for (const [raw, says] of [
      [encodeURIComponent('../manifest.json'), '..'],
      [encodeURIComponent('forms/../../etc/passwd.json'), '..'],
      ['..%2F..%2Fx.json', '..'],
      [encodeURIComponent('/etc/passwd.json'), '绝对路径'],
      [encodeURIComponent('C:\\temp\\x.json'), '绝对路径'],
      [encodeURIComponent('.hidden.json'), '隐藏'],
      [encodeURIComponent('forms//a.json'), '空的'],
      [encodeURIComponent('script.js'), '类型不受支持'],
      [encodeURIComponent('表单.json'), '只能由'],
    ] as const) {
      // then 400 saying why
      const p = expectProblem(await put(raw), 400);
      expect(p.title).toBe('文件路径不合法');
      expect(p.detail, raw).toContain(says);
    }
    // when a file over the limit is saved
    const huge = await put(encodeURIComponent('rules/huge.json'), `"${'x'.repeat(MAX_DRAFT_FILE_BYTES)}"`);
    // then 413 naming the file and the limit
    expect(expectProblem(huge, 413).detail).toContain('rules/huge.json');
    // when a path differs from an existing file only in case
    expect(expectProblem(await put(encodeURIComponent('Manifest.json')), 400).detail).toContain('manifest.json');
    // when the draft does not exist, or its id is not one
    expectProblem(await editor.get(`/api/drafts/${randomUUID()}`), 404);
    expectProblem(await editor.put(file(randomUUID(), 'manifest.json')).send({ content: '{}', revision: 1 }), 404);
    expectProblem(await editor.get('/api/drafts/not-an-id'), 400);
    // when a file does not exist
    expectProblem(await editor.get(file(id, 'rules/missing.json')), 404);
    // when a body lacks its revision, or names an unknown template or an unknown version
    expectProblem(await editor.put(file(id, 'notes.md')).send({ content: 'x' }), 400);
    expectProblem(await editor.post('/api/drafts').send({ template: 'nope', packageId: 'x-2027', procedure: 'x', region: { code: '510000', name: '四川省' }, year: 2027, title: 'x' }), 400);
    expectProblem(await editor.post('/api/drafts').send({ fromHash: '0'.repeat(64), year: 2027 }), 404);
    // when a clone moves to another region without a new id
    expectProblem(await editor.post('/api/drafts').send({ fromHash: sc21Hash, region: { code: '510700', name: '绵阳市' } }), 400);
    // when the manifest is saved naming a province the editor does not govern
    const manifest = JSON.parse((await editor.get(file(id, 'manifest.json'))).body.content);
    manifest.region = { code: '620000', name: '甘肃省' };
    expectProblem(await put(encodeURIComponent('manifest.json'), JSON.stringify(manifest)), 403);

    // then nothing of it was stored: the draft is at revision 1 with the files it was cloned with
    const after = await editor.get(`/api/drafts/${id}`);
    expect(after.body).toMatchObject({ revision: 1, regionCode: '510000' });
    expect(after.body.files.map((f: { path: string }) => f.path)).toEqual(res.body.files.map((f: { path: string }) => f.path));
  });

  it('clones into another region of the province under a new id, and deletes a file at its revision with the loader saying what it leaves missing', async () => {
    // given the 2021 version
    // when it is cloned for 绵阳 under a new id
    const res = await editor.post('/api/drafts').send({ fromHash: sc21Hash, region: { code: '510700', name: '绵阳市' }, year: 2026, packageId: 'mianyang-2026-examiner-training', title: '2026年绵阳市考评员培训考核' });
    // then the draft and its manifest are the city's
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ regionCode: '510700', packageId: 'mianyang-2026-examiner-training', year: 2026, title: '2026年绵阳市考评员培训考核' });
    const id = res.body.id as string;
    expect(JSON.parse((await editor.get(file(id, 'manifest.json'))).body.content)).toMatchObject({ id: 'mianyang-2026-examiner-training', region: { code: '510700', name: '绵阳市' } });

    // when a form's UI file is deleted at a stale revision, then at the current one
    expectProblem(await editor.delete(file(id, 'forms/pledge.ui.json')).query({ revision: 7 }), 409);
    const deleted = await editor.delete(file(id, 'forms/pledge.ui.json')).query({ revision: 1 });
    // then it is gone, the revision moved on, and the manifest's reference to it is an error at its pointer
    expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
    expect(deleted.body).toMatchObject({ revision: 2 });
    expect(deleted.body.errorCount).toBeGreaterThan(0);
    const detail = await editor.get(`/api/drafts/${id}`);
    expect(detail.body.files.map((f: { path: string }) => f.path)).not.toContain('forms/pledge.ui.json');
    expect(detail.body.problems).toContainEqual(expect.objectContaining({ file: 'manifest.json', pointer: '/forms/1/ui', code: 'MISSING_FILE', severity: 'error' }));
    // and the manifest itself cannot be deleted
    expectProblem(await editor.delete(file(id, 'manifest.json')).query({ revision: 2 }), 422);
  });

  it('keeps a draft within its quotas: total size and number of files (service level, small limits)', async () => {
    // given the draft service over this platform's store with small quotas, and a draft of the empty template
    const { db, services } = t.platform;
    const drafts = new DraftService(db, services.packages, services.audit, () => Date.now(), { maxTotalBytes: 40_000, maxFiles: 8 });
    const actor = (await services.accounts.findByUsername('policy-editor'))!;
    const draft = await drafts.create(actor, { template: 'empty', packageId: 'sichuan-2027-quota', procedure: 'quota-check', region: { code: '510000', name: '四川省' }, year: 2027, title: '2027年配额检查' });
    const used = draft.files.reduce((n, f) => n + f.size, 0);
    expect(draft.files).toHaveLength(6);
    // when a note that fits is saved, then one that would pass the total
    const fits = await drafts.saveFile(actor, draft.id, 'a.md', { content: 'x'.repeat(40_000 - used - 10), revision: 1 });
    const tooBig = await drafts.saveFile(actor, draft.id, 'b.md', { content: 'y'.repeat(11), revision: 2 }).catch((e: unknown) => e);
    // then the first is stored and the second refused (413) naming the file, nothing written
    expect(fits.draft.revision).toBe(2);
    expect(tooBig).toBeInstanceOf(PayloadTooLargeError);
    expect((tooBig as PayloadTooLargeError).detail).toContain('b.md');
    // when the note is replaced by a smaller one (its old size no longer counts), and files are added up to the limit
    await drafts.saveFile(actor, draft.id, 'a.md', { content: 'small', revision: 2 });
    await drafts.saveFile(actor, draft.id, 'b.md', { content: 'y'.repeat(11), revision: 3 });
    const ninth = await drafts.saveFile(actor, draft.id, 'c.md', { content: 'z', revision: 4 }).catch((e: unknown) => e);
    // then the ninth file is refused (422), the eighth and the replacement stored
    expect(ninth).toBeInstanceOf(UnprocessableError);
    const after = await drafts.get(actor, draft.id);
    expect(after).toMatchObject({ revision: 4 });
    expect(after.files.map((f) => f.path)).toEqual(expect.arrayContaining(['a.md', 'b.md']));
    expect(after.files.find((f) => f.path === 'a.md')!.size).toBe(5);
  });

  it('refuses to publish what live linting flags in the designer: a job type no worker handles, a rule set the draft lacks, a group no role works', async () => {
    // given a fresh clone whose diagram names a job type without a worker, a rule set that is not there and a group of no role
    const res = await editor.post('/api/drafts').send({ fromHash: sc21Hash, year: 2028 });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const id = res.body.id as string;
    const original = await editor.get(file(id, 'process.bpmn'));
    const broken = (original.body.content as string)
      .replace('<zeebe:taskDefinition type="rules.evaluate" retries="3"/><zeebe:taskHeaders><zeebe:header key="ruleSet" value="registration"/>', '<zeebe:taskDefinition type="rules.evaluate" retries="3"/><zeebe:taskHeaders><zeebe:header key="ruleSet" value="no-such-rules"/>')
      .replace(/(<bpmn:serviceTask id="(?!Task_CheckRegistration)[^"]+"[^>]*><bpmn:extensionElements><zeebe:taskDefinition type=")[^"]+"/, '$1nobody.handles"')
      .replace(/candidateGroups='=\["unit:"/, `candidateGroups='=["bureau:"`);
    expect(broken).not.toBe(original.body.content);
    // when it is saved
    const saved = await editor.put(file(id, 'process.bpmn')).send({ content: broken, revision: original.body.revision });
    // then the save reports each on its element, in Chinese, as errors
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const codes = (saved.body.problems as Array<{ code: string; severity: string; pointer: string; message: string }>).filter((p) => p.severity === 'error').map((p) => p.code);
    expect(codes).toEqual(expect.arrayContaining(['RULE_SET_UNKNOWN', 'JOB_TYPE_UNKNOWN', 'CANDIDATE_GROUP_UNKNOWN']));
    expect(saved.body.problems.find((p: { code: string }) => p.code === 'RULE_SET_UNKNOWN')).toMatchObject({ file: 'process.bpmn', pointer: '#Task_CheckRegistration', message: expect.stringContaining('no-such-rules') });
    // and publishing is refused by the server (not only by the page's button)
    const refused = expectProblem(await editor.post(`/api/drafts/${id}/publish`).send({ revision: saved.body.draft.revision }), 422);
    expect(refused.problems!.map((p) => p.code)).toEqual(expect.arrayContaining(['RULE_SET_UNKNOWN', 'JOB_TYPE_UNKNOWN', 'CANDIDATE_GROUP_UNKNOWN']));
    expect((await editor.delete(`/api/drafts/${id}`)).status).toBe(204);
  });

  it('lets only the region policy editors write and its admins read and publish; another province does not see the draft', async () => {
    // given a Sichuan draft
    const res = await editor.post('/api/drafts').send({ template: 'empty', packageId: 'sichuan-2027-access', procedure: 'access-check', region: { code: '510000', name: '四川省' }, year: 2027, title: '2027年权限检查' });
    const id = res.body.id as string;
    const gansuEditor = await t.login('policy-editor-gansu');
    const reviewer = await t.login('province-sichuan');
    // then the admin reads but may not write or delete (403), another province's editor is told it does not exist (404), a reviewer is refused (403), anonymous 401
    expect((await admin.get(file(id, 'manifest.json'))).status).toBe(200);
    expectProblem(await admin.put(file(id, 'notes.md')).send({ content: 'x', revision: 1 }), 403);
    expectProblem(await admin.delete(`/api/drafts/${id}`), 403);
    expectProblem(await gansuEditor.get(`/api/drafts/${id}`), 404);
    expectProblem(await gansuEditor.put(file(id, 'notes.md')).send({ content: 'x', revision: 1 }), 404);
    expect(((await gansuEditor.get('/api/drafts')).body as Array<{ id: string }>).map((d) => d.id)).not.toContain(id);
    expectProblem(await reviewer.get(`/api/drafts/${id}`), 403);
    expectProblem(await t.agent().get(`/api/drafts/${id}`), 401);
    // and a cookie write without the CSRF token is refused
    const noToken = await t.login('policy-editor');
    noToken.set('X-CSRF-Token', '');
    expectProblem(await noToken.put(file(id, 'notes.md')).send({ content: 'x', revision: 1 }), 403);
    // and none of it changed the draft
    expect((await editor.get(`/api/drafts/${id}`)).body).toMatchObject({ revision: 1 });
  });
});

