import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../engine/config.ts';
import { DEMO_PASSWORD } from '../../engine/services/demo/demoData.ts';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform.ts';

const PKG_DIR = 'sichuan/2026-examiner-training';
const MINUTE = 60_000;

describe('sessions over HTTP: CSRF, cookies, idle timeout, throttling, passwords', () => {
  let t: TestPlatform;
  let hash: string;
  const active = async () => (await t.platform.db.knex('package_activations').where({ package_hash: hash })).length;
  /** A browser that holds the admin's cookie but not the CSRF token, as a foreign page posting a form would. */
  const cookieOnly = async (username: string) => {
    const agent = t.agent();
    const res = await agent.post('/api/session').send({ username, password: DEMO_PASSWORD });
    expect(res.status).toBe(201);
    return { agent, csrfToken: res.body.csrfToken as string };
  };

  beforeAll(async () => {
    t = await startTestPlatform();
    const admin = await t.login('admin');
    const deployed = await admin.post('/api/packages').send({ source: PKG_DIR });
    expect(deployed.status).toBe(201);
    hash = deployed.body.hash;
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it("refuses a cross-origin form post that carries an admin's cookie, and changes nothing", async () => {
    // given: the admin is signed in in this browser
    const { agent } = await cookieOnly('admin');
    // when: a page on another site posts a form to activate the package
    const res = await agent.post(`/api/packages/${hash}/activate`).set('Origin', 'https://evil.example').type('form').send('confirm=1');
    // then
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 403, title: '请求来源校验未通过,请刷新页面后重试' });
    expect(await active()).toBe(0);
  });

  it('requires the session CSRF token on cookie writes and a matching Origin; Bearer clients are exempt', async () => {
    // given
    const { agent, csrfToken } = await cookieOnly('admin');
    const other = await cookieOnly('admin');
    // when
    const noToken = await agent.post(`/api/packages/${hash}/activate`);
    const foreignToken = await agent.post(`/api/packages/${hash}/activate`).set('X-CSRF-Token', other.csrfToken);
    const sameSiteWrongOrigin = await agent.post(`/api/packages/${hash}/activate`).set('X-CSRF-Token', csrfToken).set('Origin', 'https://evil.example');
    const read = await agent.get(`/api/packages/${hash}`);
    // then
    for (const r of [noToken, foreignToken, sameSiteWrongOrigin]) expect(r.status).toBe(403);
    expect(read.status).toBe(200);
    expect(await active()).toBe(0);
    // when: the right token, from this origin
    const ok = await agent.post(`/api/packages/${hash}/activate`).set('X-CSRF-Token', csrfToken).set('Host', 'platform.example').set('Origin', 'https://platform.example');
    // then
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(await active()).toBe(1);
    // when: an API client signs in for a token and uses it without any CSRF header
    const api = await t.agent().post('/api/session').send({ username: 'admin', password: DEMO_PASSWORD, client: 'api' });
    const bearer = await t.agent().post(`/api/packages/${hash}/activate`).set('Authorization', `Bearer ${api.body.token}`);
    // then
    expect(api.status).toBe(201);
    expect(api.headers['set-cookie']).toBeUndefined();
    expect(api.body.csrfToken).toBeUndefined();
    expect(bearer.status).toBe(200);
  });

  it('keeps the session token out of the login body, sends an httpOnly cookie, and tells the session on GET /api/session', async () => {
    // when
    const agent = t.agent();
    const login = await agent.post('/api/session').send({ username: 'city-mianyang', password: DEMO_PASSWORD });
    const session = await agent.get('/api/session');
    const anonymous = await t.agent().get('/api/session');
    // then
    expect(login.status).toBe(201);
    expect(Object.keys(login.body).sort()).toEqual(['actor', 'csrfToken', 'expiresAt']);
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(/^sid=/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).not.toContain('Secure');
    expect(cookie).toContain('SameSite=Lax');
    expect(JSON.stringify(login.body)).not.toContain(cookie.slice(4, cookie.indexOf(';')));
    expect(session.status).toBe(200);
    expect(session.body).toEqual({ actor: login.body.actor, csrfToken: login.body.csrfToken, expiresAt: login.body.expiresAt });
    expect(anonymous.status).toBe(401);
  });

  it('ends a session after 30 minutes unused, while one in use goes on', async () => {
    // given
    const idle = await t.login('city-deyang');
    const busy = await t.login('city-chengdu');
    // when: the busy one is used every 20 minutes
    for (let i = 0; i < 2; i++) {
      t.clock.advance(20 * MINUTE);
      expect((await busy.get('/api/me')).status).toBe(200);
    }
    // then: 40 minutes on, the idle one is over
    expect((await idle.get('/api/me')).status).toBe(401);
    expect((await busy.get('/api/me')).status).toBe(200);
  });

  it('locks an account after 5 wrong passwords: 429 problem in Chinese with Retry-After, even for the right password', async () => {
    // given
    for (let i = 0; i < 5; i++) expect((await t.agent().post('/api/session').send({ username: 'admin-gansu', password: `Wrong#${i}x` })).status).toBe(401);
    // when
    const res = await t.agent().post('/api/session').send({ username: 'admin-gansu', password: DEMO_PASSWORD });
    // then
    expect(res.status).toBe(429);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.title).toBe('登录尝试次数过多,账号或网络地址已暂时锁定');
    expect(res.body.detail).toBe('请在 15 分钟后重试');
    expect(Number(res.headers['retry-after'])).toBe(15 * 60);
    const audited = await t.platform.db.knex('audit_log').where({ action: 'session.sign-in-failed' });
    expect(audited.filter((r: { detail: string }) => JSON.parse(r.detail).username === 'admin-gansu')).toHaveLength(6);
  });

  it('changes the own password with the current one, with Chinese rules, and signs out everywhere', async () => {
    // given
    const here = await t.login('policy-editor-gansu');
    const elsewhere = await t.login('policy-editor-gansu');
    // when
    const weak = await here.put('/api/me/password').send({ currentPassword: DEMO_PASSWORD, newPassword: 'short' });
    const changed = await here.put('/api/me/password').send({ currentPassword: DEMO_PASSWORD, newPassword: 'Gansu#Editor2027' });
    // then
    expect(weak.status).toBe(400);
    expect(weak.body.title).toBe('密码至少 8 位');
    expect(weak.body.problems.map((p: { message: string }) => p.message)).toContain('密码须包含大写字母、小写字母、数字、符号中的至少三类');
    expect(changed.status).toBe(204);
    expect((await elsewhere.get('/api/me')).status).toBe(401);
    expect((await here.get('/api/me')).status).toBe(200);
    // when: a second session, then sign-out everywhere from the first
    const second = await t.login('policy-editor-gansu', 'Gansu#Editor2027');
    const out = await here.delete('/api/sessions');
    // then
    expect(out.status).toBe(204);
    expect((await here.get('/api/me')).status).toBe(401);
    expect((await second.get('/api/me')).status).toBe(401);
  });

  it("lets an admin reset a password in their region only: another region's account is 404, other roles 403", async () => {
    // given
    const sichuan = await t.login('admin');
    const shandong = await t.login('admin-shandong');
    const reviewer = await t.login('province-sichuan');
    // when
    const foreign = await shandong.put('/api/admin/accounts/city-mianyang/password').send({});
    const unknown = await shandong.put('/api/admin/accounts/no-such-user/password').send({});
    const byReviewer = await reviewer.put('/api/admin/accounts/city-mianyang/password').send({});
    const reset = await sichuan.put('/api/admin/accounts/city-mianyang/password').send({});
    // then
    expect(foreign.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(foreign.body.title).toBe(unknown.body.title);
    expect(byReviewer.status).toBe(403);
    expect(reset.status).toBe(200);
    expect((await t.agent().post('/api/session').send({ username: 'city-mianyang', password: reset.body.password })).status).toBe(201);
    expect((await t.agent().post('/api/session').send({ username: 'city-mianyang', password: DEMO_PASSWORD })).status).toBe(401);
  });
});

describe('Secure cookies by configuration', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform({ config: { cookieSecure: true } });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('marks the session cookie Secure with COOKIE_SECURE (behind TLS)', async () => {
    // when
    const login = await t.agent().post('/api/session').send({ username: 'admin', password: DEMO_PASSWORD });
    // then
    expect(login.status).toBe(201);
    expect(String(login.headers['set-cookie'])).toMatch(/^sid=[^;]+;.*; HttpOnly; Secure; SameSite=Lax$/);
  });
});

describe('demo accounts only where asked for', () => {
  it('seeds them on the SQLite default, not on a MySQL URL unless DEMO_DATA=true', () => {
    // then
    expect(loadConfig({}).loadDemoData).toBe(true);
    expect(loadConfig({ DATABASE_URL: 'sqlite:/tmp/x.sqlite' }).loadDemoData).toBe(true);
    expect(loadConfig({ DATABASE_URL: 'mysql://app@db:3306/skills' }).loadDemoData).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'mysql://app@db:3306/skills', DEMO_DATA: 'true' }).loadDemoData).toBe(true);
    expect(loadConfig({ DEMO_DATA: 'false' }).loadDemoData).toBe(false);
    expect(loadConfig({ COOKIE_SECURE: 'true' }).cookieSecure).toBe(true);
    expect(loadConfig({}).cookieSecure).toBe(false);
    expect(loadConfig({}).sessionIdleMinutes).toBe(30);
  });
});
