import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeTargets, type StoreTarget } from '../support/stores.ts';
import { startTestPlatformOn } from '../support/startTestPlatformOn.ts';
import type { TestPlatform } from '../support/testPlatform.ts';

/**
 * Issue 12, accounts: an admin disables an account of their region (it cannot sign in, refused with
 * the same generic message as a wrong password, and its open sessions end at once), enables it again,
 * and ends an account's sessions; never outside the region (404), never their own account (422),
 * never as a reviewer (403).
 */
describe.each(storeTargets())('disabling and enabling accounts, ending sessions on $name', (store: StoreTarget) => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatformOn(store);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const signIn = (username: string, password = 'Demo@2026') => t.agent().post('/api/session').send({ username, password });

  it('a disabled account cannot sign in (as with a wrong password), its old session answers 401, enabling lets it in again', async () => {
    // given: the 德阳 city reviewer is signed in, and the Sichuan admin
    const reviewer = await t.login('city-deyang');
    expect((await reviewer.get('/api/tasks')).status).toBe(200);
    const admin = await t.login('admin');
    const wrongPassword = await signIn('city-deyang', 'Wrong#2026xx');

    // when: the admin disables the account
    const disabled = await admin.post('/api/admin/accounts/city-deyang/disable');

    // then: it is disabled, its session ended in the same step, and the list shows it
    expect(disabled.status, JSON.stringify(disabled.body)).toBe(200);
    expect(disabled.body).toMatchObject({ username: 'city-deyang', sessionsEnded: 1 });
    expect(disabled.body.disabledAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect((await reviewer.get('/api/tasks')).status).toBe(401);
    const listed = ((await admin.get('/api/admin/accounts')).body as Array<{ username: string; disabledAt: string | null; activeSessions: number }>).find((a) => a.username === 'city-deyang');
    expect(listed).toMatchObject({ disabledAt: disabled.body.disabledAt, activeSessions: 0 });
    const row = await t.platform.db.knex('accounts').where({ username: 'city-deyang' }).first('disabled_at', 'disabled_by', 'id');
    const adminId = (await t.platform.db.knex('accounts').where({ username: 'admin' }).first('id')).id;
    expect(row).toMatchObject({ disabled_at: disabled.body.disabledAt, disabled_by: adminId });

    // then: the right password is refused exactly like a wrong one (no hint that the account exists or is disabled)
    const refused = await signIn('city-deyang');
    expect(refused.status).toBe(401);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect({ title: refused.body.title, detail: refused.body.detail, type: refused.body.type }).toEqual({ title: wrongPassword.body.title, detail: wrongPassword.body.detail, type: wrongPassword.body.type });
    expect(refused.body.detail).toBe('用户名或密码错误');
    expect(await t.platform.db.knex('sign_in_throttle').where({ scope: 'account', subject: 'city-deyang' }).first('failures')).toMatchObject({ failures: 2 });

    // when: the admin enables it again
    const enabled = await admin.post('/api/admin/accounts/city-deyang/enable');

    // then: the reviewer signs in with the same password
    expect(enabled.status).toBe(200);
    expect(enabled.body).toEqual({ username: 'city-deyang', disabledAt: null, sessionsEnded: 0 });
    expect((await signIn('city-deyang')).status).toBe(201);

    // and: every step is audited
    const actions = (await t.platform.db.knex('audit_log').where({ entity_id: row.id }).orderBy('id').select('action', 'detail')).map((a: { action: string }) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['account.disabled', 'session.sign-in-failed', 'account.enabled']));
    const failed = await t.platform.db.knex('audit_log').where({ entity_id: row.id, action: 'session.sign-in-failed' }).select('detail');
    expect(failed.map((f: { detail: string }) => JSON.parse(f.detail).reason)).toEqual(['wrong-password', 'disabled']);
  });

  it('ends all sessions of an account', async () => {
    // given: the 绵阳 city reviewer signed in twice
    const one = await t.login('city-mianyang');
    const two = await t.login('city-mianyang');
    const admin = await t.login('admin');
    expect(((await admin.get('/api/admin/accounts')).body as Array<{ username: string; activeSessions: number }>).find((a) => a.username === 'city-mianyang')?.activeSessions).toBe(2);

    // when: the admin ends its sessions
    const ended = await admin.delete('/api/admin/accounts/city-mianyang/sessions');

    // then: both sessions answer 401, and the account can still sign in
    expect(ended.status).toBe(200);
    expect(ended.body).toEqual({ username: 'city-mianyang', sessionsEnded: 2 });
    expect((await one.get('/api/tasks')).status).toBe(401);
    expect((await two.get('/api/tasks')).status).toBe(401);
    expect((await signIn('city-mianyang')).status).toBe(201);
  });

  it('refuses an account of another province (404), the own account (422, in Chinese), a reviewer (403), a request without CSRF token (403)', async () => {
    // given: the admins of Gansu and Sichuan and a reviewer
    const gansu = await t.login('admin-gansu');
    const admin = await t.login('admin');
    const reviewer = await t.login('province-sichuan');

    // when / then: Gansu's admin cannot see Sichuan's account, whatever the action
    for (const [method, path] of [['post', 'disable'], ['post', 'enable'], ['delete', 'sessions']] as const) {
      const r = await gansu[method](`/api/admin/accounts/city-chengdu/${path}`);
      expect(r.status, path).toBe(404);
      expect(r.headers['content-type']).toContain('application/problem+json');
      // an account that does not exist answers the same
      expect((await gansu[method](`/api/admin/accounts/no-such-account/${path}`)).status).toBe(404);
    }
    // when / then: an admin cannot disable themselves
    const own = await admin.post('/api/admin/accounts/admin/disable');
    expect(own.status).toBe(422);
    expect(own.headers['content-type']).toContain('application/problem+json');
    expect(own.body.title).toBe('不能停用自己的账号');
    // when / then: a reviewer is not an admin
    const byReviewer = await reviewer.post('/api/admin/accounts/city-chengdu/disable');
    expect(byReviewer.status).toBe(403);
    // when / then: a cookie without the CSRF token is refused
    const noCsrf = await admin.post('/api/admin/accounts/city-chengdu/disable').set('X-CSRF-Token', '');
    expect(noCsrf.status).toBe(403);
    // then: nothing was disabled
    expect(await t.platform.db.knex('accounts').whereNotNull('disabled_at').select('username')).toEqual([]);
    expect((await signIn('city-chengdu')).status).toBe(201);
    expect((await signIn('admin')).status).toBe(201);
  });
});
