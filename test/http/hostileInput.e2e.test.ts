import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type request from 'supertest';
import { loadConfig } from '../../engine/config.ts';
import { DEMO_ACCOUNTS } from '../../engine/services/demo/demoData.ts';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform.ts';
import { fillPath, operations, validSample, type OpenApiOperation } from '../support/openapiSamples.ts';
import { JPEG, minimalPdf, PDF, PNG_FILE } from '../support/uploadFixtures.ts';
import { waitFor } from '../support/waitFor.ts';

type Agent = request.Agent;
const PKG_DIR = 'sichuan/2026-examiner-training';
const applicants = DEMO_ACCOUNTS.filter((a) => a.role === 'applicant');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Files anywhere under a directory (the upload temp dir and the storage's own temp dir). */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile());
}

describe('hostile input over HTTP (issue 8, defects 8–12)', () => {
  let t: TestPlatform;
  let packageHash: string;
  let own: Agent;
  let draftId: string;
  const tempFiles = () => [...filesUnder(t.config.uploadTmpDir), ...filesUnder(path.join(t.config.attachmentsDir, 'tmp'))];
  const draftData = async (id: string) => t.platform.db.personal.fromJson((await t.platform.db.knex('applications').where({ id }).first()).data) as Record<string, unknown>;

  beforeAll(async () => {
    t = await startTestPlatform({
      config: { quotas: { ...loadConfig({}).quotas, maxDraftsPerApplicant: 3, maxAttachmentsPerKind: 2, maxAttachmentsPerApplication: 3, maxDraftDataBytes: 16 * 1024 } },
    });
    const admin = await t.login('admin');
    packageHash = (await admin.post('/api/packages').send({ source: PKG_DIR })).body.hash;
    await admin.post(`/api/packages/${packageHash}/activate`);
    own = await t.login(applicants[0]!.username);
    draftId = (await own.post('/api/applications').send({ packageHash, data: { name: '张伟' } })).body.id;
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  describe('defect 8: an upload that is refused leaves no file behind', () => {
    it('writes nothing for anonymous, bad-id, unknown, foreign and closed applications, nor for a refused file', async () => {
      // given
      const other = await t.login(applicants[2]!.username);
      const foreign = (await other.post('/api/applications').send({ packageHash, data: {} })).body.id;
      const closed = (await other.post('/api/applications').send({ packageHash, data: {} })).body.id;
      await t.platform.db.knex('applications').where({ id: closed }).update({ status: 'SUBMITTED' });
      const up = (agent: Agent, id: string, kind = 'photo', file: Buffer = JPEG, name = 'a.jpg') => agent.post(`/api/applications/${id}/attachments`).field('kind', kind).attach('file', file, name);
      const before = tempFiles();
      // when
      const answers = {
        anonymous: await up(t.agent(), draftId),
        badToken: await up(t.agent().set('Authorization', 'Bearer nope'), draftId),
        badId: await up(own, 'not-a-uuid'),
        unknown: await up(own, randomUUID()),
        foreign: await up(own, foreign),
        closed: await up(other, closed),
        noKind: await own.post(`/api/applications/${draftId}/attachments`).attach('file', JPEG, 'a.jpg'),
        unknownKind: await up(own, draftId, 'nothing-like-this'),
        wrongType: await up(own, draftId, 'photo', PDF, 'a.pdf'),
        tooLarge: await up(own, draftId, 'photo', Buffer.alloc(t.config.maxUploadBytes + 10, 0xff), 'big.jpg'),
        extraField: await own.post(`/api/applications/${draftId}/attachments`).field('kind', 'photo').field('evil', 'x').attach('file', JPEG, 'a.jpg'),
      };
      // then
      expect(Object.fromEntries(Object.entries(answers).map(([k, r]) => [k, r.status]))).toEqual({
        anonymous: 401,
        badToken: 401,
        badId: 400,
        unknown: 404,
        foreign: 404,
        closed: 409,
        noKind: 400,
        unknownKind: 400,
        wrongType: 415,
        tooLarge: 413,
        extraField: 400,
      });
      for (const r of Object.values(answers)) expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(before).toEqual([]);
      expect(tempFiles()).toEqual([]);
      expect(await t.platform.db.knex('attachments').whereIn('application_id', [draftId, foreign, closed])).toEqual([]);
    });

    it('leaves no temp file when the client breaks off in the middle of the file', async () => {
      // given: a signed-in applicant's upload that announces 600 KB and sends 200 KB of it
      const server = t.platform.app.listen(0, '127.0.0.1');
      await new Promise((r) => server.once('listening', r));
      const port = (server.address() as { port: number }).port;
      const login = await t.agent().post('/api/session').send({ username: applicants[0]!.username, password: 'Demo@2026' });
      // Bearer token when the login body has one; otherwise the session cookie with its CSRF token.
      const auth: Record<string, string> = login.body.token
        ? { Authorization: `Bearer ${login.body.token}` }
        : { Cookie: ([] as string[]).concat(login.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; '), 'X-CSRF-Token': String(login.body.csrfToken ?? '') };
      expect((await t.agent().get('/api/me').set(auth)).status).toBe(200);
      const boundary = 'CUTOFF';
      const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nphoto\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`);
      // when
      await new Promise<void>((resolve) => {
        const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: `/api/applications/${draftId}/attachments`, headers: { ...auth, 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': String(head.length + 600_000) } });
        req.on('error', () => resolve());
        req.write(head);
        req.write(Buffer.alloc(200_000, 0xff), () => setTimeout(() => {
          req.destroy();
          resolve();
        }, 200));
      });
      // then
      await waitFor(async () => (tempFiles().length === 0 ? true : null), 5_000, 'temp dir emptied');
      server.close();
      expect(await t.platform.db.knex('attachments').where({ application_id: draftId })).toEqual([]);
    });

    it('leaves no temp file after a successful upload either', async () => {
      // when
      const res = await own.post(`/api/applications/${draftId}/attachments`).field('kind', 'idCardScan').attach('file', PDF, 'id.pdf');
      // then
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(tempFiles()).toEqual([]);
      await own.delete(`/api/applications/${draftId}/attachments/${res.body.id}`).expect(204);
    });
  });

  describe('defect 9: a body of the wrong content type is 415 and changes nothing', () => {
    it('keeps the draft when PUT …/data is sent as text/plain or form-urlencoded', async () => {
      // given
      await own.put(`/api/applications/${draftId}/data`).send({ name: '张伟', mobile: '13800000000' }).expect(200);
      // when
      const plain = await own.put(`/api/applications/${draftId}/data`).set('Content-Type', 'text/plain').send('{"name":"x"}');
      const form = await own.put(`/api/applications/${draftId}/data`).type('form').send({ name: 'x' });
      const empty = await own.put(`/api/applications/${draftId}/data`);
      // then
      expect(plain.status).toBe(415);
      expect(form.status).toBe(415);
      expect(plain.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(plain.body.title).toBe('不支持的请求格式');
      expect(empty.status).toBe(400);
      expect(await draftData(draftId)).toEqual({ name: '张伟', mobile: '13800000000' });
    });

    it('answers 415 on every route of the OpenAPI document that takes a body', async () => {
      // given: every write operation, signed in as an admin (the type is checked before any role check)
      const doc = (await t.agent().get('/api/openapi.json')).body;
      const admin = await t.login('admin');
      const withBody = operations(doc).filter((op: OpenApiOperation) => op.requestBody);
      expect(withBody.length).toBeGreaterThan(8);
      const answers: Record<string, number> = {};
      for (const op of withBody) {
        const url = fillPath(op.path, Object.fromEntries(op.parameters.filter((p) => p.in === 'path').map((p) => [p.name, validSample(p.schema)])));
        // when
        const res = await (admin as unknown as Record<string, (u: string) => request.Test>)[op.method]!(url).set('Content-Type', 'text/plain').send('{"a":1}');
        answers[`${op.method} ${op.path}`] = res.status;
        expect(res.headers['content-type'], `${op.method} ${op.path}`).toMatch(/application\/problem\+json/);
      }
      // then
      expect(Object.values(answers).every((s) => s === 415), JSON.stringify(answers)).toBe(true);
    });
  });

  describe('defect 10: hostile bodies and parameters are 4xx, never 500', () => {
    it('refuses JSON nested 100,000 deep with a Chinese title and keeps the draft', async () => {
      // given
      const before = await draftData(draftId);
      const deep = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
      // when
      const res = await own.put(`/api/applications/${draftId}/data`).set('Content-Type', 'application/json').send(deep);
      const created = await own.post('/api/applications').set('Content-Type', 'application/json').send(`{"packageHash":"${packageHash}","data":${deep}}`);
      // then
      expect(res.status).toBe(400);
      expect(res.body.title).toBe('请求体嵌套层级过深');
      expect(created.status).toBe(400);
      expect(await draftData(draftId)).toEqual(before);
    });

    it('answers a garbage cursor with 400', async () => {
      // when
      const answers = await Promise.all(['garbage', '|', 'x|y', '2026-01-01T00:00:00.000Z', "'; drop table applications; --|1"].map((cursor) => own.get('/api/applications').query({ cursor })));
      // then
      expect(answers.map((r) => r.status)).toEqual([400, 400, 400, 400, 400]);
      for (const r of answers) expect(r.body.title).toBe('分页游标无效');
    });

    it('answers an unknown incident key with 404', async () => {
      // given
      const admin = await t.login('admin');
      // when
      const res = await admin.post('/api/incidents/999999999999/resolve').send({ retries: 1 });
      // then
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    });

    it('answers a body that claims gzip but is not with 400', async () => {
      // when
      const res = await own.put(`/api/applications/${draftId}/data`).set('Content-Type', 'application/json').set('Content-Encoding', 'gzip').send('{"name":"x"}');
      const unknownEncoding = await own.put(`/api/applications/${draftId}/data`).set('Content-Type', 'application/json').set('Content-Encoding', 'rot13').send('{"name":"x"}');
      // then
      expect(res.status).toBe(400);
      expect(res.body.title).toMatch(/压缩/);
      expect(unknownEncoding.status).toBe(415);
      expect((await draftData(draftId)).name).toBe('张伟');
    });

    it('answers a path that does not decode with 400', async () => {
      // when
      const res = await own.get('/api/applications/%E0%A4%A');
      // then
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    });
  });

  describe('defect 11: quotas with clear Chinese errors', () => {
    it('refuses draft data over the size limit', async () => {
      // when
      const res = await own.put(`/api/applications/${draftId}/data`).send({ name: '张伟', note: '长'.repeat(10_000) });
      // then
      expect(res.status).toBe(413);
      expect(res.body.title).toBe('申报表单数据过大');
      expect(res.body.detail).toContain('16 KB');
      expect((await draftData(draftId)).note).toBeUndefined();
    });

    it('refuses a draft over the number an applicant may hold', async () => {
      // given: applicant 4 holds the maximum of 3 drafts
      const agent = await t.login(applicants[3]!.username);
      for (let i = 0; i < 3; i++) await agent.post('/api/applications').send({ packageHash, data: {} }).expect(201);
      // when
      const res = await agent.post('/api/applications').send({ packageHash, data: {} });
      // then
      expect(res.status).toBe(422);
      expect(res.body.title).toBe('草稿数量已达上限');
      expect(res.body.detail).toContain('3');
      expect(await t.platform.db.knex('applications').where({ applicant_account_id: (await agent.get('/api/me')).body.id })).toHaveLength(3);
    });

    it('refuses attachments over the limit per kind and per application, before writing the file', async () => {
      // given
      const agent = await t.login(applicants[1]!.username);
      const id = (await agent.post('/api/applications').send({ packageHash, data: {} })).body.id;
      const up = (kind: string, n: number) => agent.post(`/api/applications/${id}/attachments`).field('kind', kind).attach('file', minimalPdf(`${kind}${n}`), `${kind}${n}.pdf`);
      expect((await up('idCardScan', 1)).status).toBe(201);
      expect((await up('idCardScan', 2)).status).toBe(201);
      // when
      const thirdOfKind = await up('idCardScan', 3);
      expect((await up('socialInsurance', 1)).status).toBe(201);
      const fourthInAll = await up('employmentAgreement', 1);
      // then
      expect(thirdOfKind.status).toBe(422);
      expect(thirdOfKind.body.title).toBe('该类附件数量已达上限');
      expect(thirdOfKind.body.detail).toContain('身份证扫描件');
      expect(fourthInAll.status).toBe(422);
      expect(fourthInAll.body.title).toBe('附件数量已达上限');
      expect(await t.platform.db.knex('attachments').where({ application_id: id })).toHaveLength(3);
      expect(tempFiles()).toEqual([]);
    });
  });

  describe('defect 12: uploads are checked by their whole structure; answers are not sniffed or cached', () => {
    it('refuses a PDF header followed by HTML and a PNG signature followed by SVG', async () => {
      // given
      const htmlPdf = Buffer.from('%PDF-1.4\n<html><body><script>fetch("/api/me")</script></body></html>\n');
      const svgPng = Buffer.concat([PNG_SIGNATURE, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')]);
      // when
      const pdf = await own.post(`/api/applications/${draftId}/attachments`).field('kind', 'idCardScan').attach('file', htmlPdf, { filename: 'x.pdf', contentType: 'application/pdf' });
      const png = await own.post(`/api/applications/${draftId}/attachments`).field('kind', 'photo').attach('file', svgPng, { filename: 'x.png', contentType: 'image/png' });
      // then
      expect(pdf.status).toBe(415);
      expect(png.status).toBe(415);
      expect(pdf.body.title).toBe('文件类型不符合要求');
      expect(await t.platform.db.knex('attachments').where({ application_id: draftId })).toEqual([]);
    });

    it('stores a name without control characters and downloads it as an attachment, never sniffed nor cached', async () => {
      // given
      const boundary = 'XBOUNDARYX';
      const body = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nphoto\r\n`),
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''${encodeURIComponent('photo\u0007\u001b[2J\u202egnp.exe')}\r\nContent-Type: image/png\r\n\r\n`),
        PNG_FILE,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const up = await own.post(`/api/applications/${draftId}/attachments`).set('Content-Type', `multipart/form-data; boundary=${boundary}`).send(body);
      expect(up.status, JSON.stringify(up.body)).toBe(201);
      // when
      const down = await own.get(`/api/applications/${draftId}/attachments/${up.body.id}`);
      const json = await own.get(`/api/applications/${draftId}`);
      const problem = await own.get(`/api/applications/${randomUUID()}`);
      // then
      expect(up.body.fileName).toBe('photo[2Jgnp.exe');
      expect((await t.platform.db.knex('attachments').where({ id: up.body.id }).first()).file_name).toBe('photo[2Jgnp.exe');
      expect(down.status).toBe(200);
      expect(down.headers['content-disposition']).toMatch(/^attachment; /);
      expect(down.headers['content-type']).toBe('image/png');
      for (const r of [down, json, problem]) {
        expect(r.headers['x-content-type-options']).toBe('nosniff');
        expect(r.headers['cache-control']).toBe('no-store');
      }
      await own.delete(`/api/applications/${draftId}/attachments/${up.body.id}`).expect(204);
    });

    it('strips control characters from a name stored before the fix when it is downloaded', async () => {
      // given: a row written by an older version
      const up = await own.post(`/api/applications/${draftId}/attachments`).field('kind', 'photo').attach('file', PNG_FILE, 'ok.png');
      await t.platform.db.knex('attachments').where({ id: up.body.id }).update({ file_name: 'evil\r\nX-Injected: 1.png' });
      // when
      const down = await own.get(`/api/applications/${draftId}/attachments/${up.body.id}`);
      // then
      expect(down.status).toBe(200);
      expect(down.headers['x-injected']).toBeUndefined();
      expect(down.headers['content-disposition']).toContain(encodeURIComponent('evilX-Injected: 1.png'));
      await own.delete(`/api/applications/${draftId}/attachments/${up.body.id}`).expect(204);
    });
  });
});
