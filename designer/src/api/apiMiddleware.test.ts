import createClient from 'openapi-fetch';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { paths } from './schema';
import { apiMiddleware, UNAUTHORIZED_EVENT } from './apiMiddleware.ts';
import { ApiError } from './ApiError.ts';
import { csrfToken } from './csrfToken.ts';

const problem = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/problem+json', ...headers } });

describe('API client middleware (CSRF header, problem+json → ApiError, 401 → sign-in)', () => {
  let seen: Request[];
  let answer: () => Response | Promise<Response>;
  let unauthorized: number;
  const client = () => {
    const c = createClient<paths>({ baseUrl: 'http://app.test', fetch: async (req: Request) => (seen.push(req), answer()) });
    c.use(apiMiddleware);
    return c;
  };

  beforeEach(() => {
    seen = [];
    unauthorized = 0;
    // The middleware signals a lost session on window; in Node an EventTarget stands in for it.
    const target = new EventTarget();
    target.addEventListener(UNAUTHORIZED_EVENT, () => (unauthorized += 1));
    (globalThis as unknown as { window: EventTarget }).window = target;
  });
  afterEach(() => csrfToken.set(null));

  it('sends X-CSRF-Token on state-changing requests only', async () => {
    // given a session token in memory
    csrfToken.set('tok-123');
    answer = () => new Response(null, { status: 204 });
    // when a DELETE and a GET are made
    await client().DELETE('/api/session');
    answer = () => Response.json({ items: [], nextCursor: null });
    await client().GET('/api/tasks');
    // then only the DELETE carries the header
    expect(seen[0].headers.get('X-CSRF-Token')).toBe('tok-123');
    expect(seen[1].headers.get('X-CSRF-Token')).toBeNull();
  });

  it('turns a 429 problem into an ApiError with its Chinese title and when to retry', async () => {
    // given a throttled sign-in
    answer = () => problem(429, { type: 't', title: '登录尝试过于频繁', status: 429 }, { 'Retry-After': '60' });
    // when signing in
    const err = await client()
      .POST('/api/session', { body: { username: 'a', password: 'b' } })
      .catch((e: unknown) => e);
    // then the error says so in Chinese, and a failed sign-in is not a lost session
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(429);
    expect((err as ApiError).userMessage).toBe('登录尝试过于频繁:请在 60 秒后重试');
    expect(unauthorized).toBe(0);
  });

  it('signals a lost session on a 401 of any other request', async () => {
    // given an expired session
    answer = () => problem(401, { type: 't', title: '请先登录', status: 401 });
    // when a page loads its data
    const err = await client().GET('/api/tasks').catch((e: unknown) => e);
    // then the app is told to show the sign-in page
    expect((err as ApiError).title).toBe('请先登录');
    expect(unauthorized).toBe(1);
  });

  it('reports a network failure in Chinese', async () => {
    // given no server
    answer = () => Promise.reject(new TypeError('fetch failed'));
    // when a request is made
    const err = await client().GET('/api/calls').catch((e: unknown) => e);
    // then the error is the Chinese network message
    expect((err as ApiError).userMessage).toBe('无法连接服务器,请检查网络后重试');
  });

  it('falls back to a Chinese message when the error body is not problem+json', async () => {
    answer = () => new Response('<html>502</html>', { status: 502, headers: { 'Content-Type': 'text/html' } });
    const err = await client().GET('/api/calls').catch((e: unknown) => e);
    expect((err as ApiError).status).toBe(502);
    expect((err as ApiError).userMessage).toBe('操作失败,请稍后重试');
  });
});
