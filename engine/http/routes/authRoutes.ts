import { Type } from '@sinclair/typebox';
import type { CookieOptions, Request, Response } from 'express';
import { TooManyRequestsError, UnauthenticatedError } from '../../errors.ts';
import type { AccountsPort } from '../ports.ts';
import { route, type RouteDef } from '../route.ts';
import { ActorSchema } from '../schemas.ts';

export const SESSION_COOKIE = 'sid';

export function sessionToken(req: Request): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim() || null;
  return (req.cookies?.[SESSION_COOKIE] as string | undefined) ?? null;
}

const SessionSchema = Type.Object({ actor: ActorSchema, csrfToken: Type.String({ description: '会话的 CSRF 令牌:以 Cookie 登录时,写操作须带请求头 X-CSRF-Token' }), expiresAt: Type.String({ description: '会话最迟失效时间(闲置超时会更早结束)' }) });
const ApiSessionSchema = Type.Object({ actor: ActorSchema, token: Type.String({ description: '以 Authorization: Bearer 使用的会话令牌' }), expiresAt: Type.String() });
const Password = Type.String({ minLength: 1, maxLength: 256 });

export function authRoutes(accounts: AccountsPort, opts: { secureCookies: boolean }): RouteDef[] {
  const cookieOptions = (expires?: Date): CookieOptions => ({ httpOnly: true, sameSite: 'lax', secure: opts.secureCookies, path: '/', ...(expires ? { expires } : {}) });
  const clearCookie = (res: Response) => res.clearCookie(SESSION_COOKIE, cookieOptions());
  return [
    route({
      method: 'post',
      path: '/api/session',
      summary: '登录(本地账号):浏览器得到会话 Cookie 与 CSRF 令牌;API 客户端以 client: "api" 取得令牌(不设 Cookie)',
      tags: ['账号'],
      auth: 'public',
      body: Type.Object(
        {
          username: Type.String({ minLength: 1, maxLength: 64 }),
          password: Password,
          client: Type.Optional(Type.Literal('api', { description: 'API 客户端:令牌在响应体中返回,以 Bearer 使用,不设 Cookie' })),
        },
        { additionalProperties: false },
      ),
      responses: {
        201: { description: '已登录(浏览器:Cookie + csrfToken;API 客户端:token)', schema: Type.Union([SessionSchema, ApiSessionSchema]) },
        401: { description: '用户名或密码错误' },
        429: { description: '尝试次数过多,暂时锁定(带 Retry-After)' },
      },
      handler: async ({ body, req, res }) => {
        const s = await withRetryAfter(res, () => accounts.login(body.username, body.password, { address: req.ip }));
        if (body.client === 'api') return { status: 201, body: { actor: s.actor, token: s.token, expiresAt: s.expiresAt } };
        // The session token lives only in the httpOnly cookie; script gets the CSRF token instead.
        res.cookie(SESSION_COOKIE, s.token, cookieOptions(new Date(s.expiresAt)));
        return { status: 201, body: { actor: s.actor, csrfToken: s.csrfToken, expiresAt: s.expiresAt } };
      },
    }),
    route({
      method: 'get',
      path: '/api/session',
      summary: '当前会话:账号、CSRF 令牌与失效时间(页面加载时调用)',
      tags: ['账号'],
      responses: { 200: { description: '当前会话', schema: SessionSchema } },
      handler: async ({ req }) => {
        const s = await accounts.session(sessionToken(req) ?? '');
        if (!s) throw new UnauthenticatedError();
        return { body: { actor: s.actor, csrfToken: s.csrfToken, expiresAt: s.expiresAt } };
      },
    }),
    route({
      method: 'delete',
      path: '/api/session',
      summary: '退出登录',
      tags: ['账号'],
      responses: { 204: { description: '已退出' } },
      handler: async ({ req, res }) => {
        const token = sessionToken(req);
        if (token) await accounts.logout(token);
        clearCookie(res);
        return { status: 204 };
      },
    }),
    route({
      method: 'delete',
      path: '/api/sessions',
      summary: '在所有设备上退出(结束本账号的全部会话)',
      tags: ['账号'],
      responses: { 204: { description: '全部会话已结束' } },
      handler: async ({ actor, res }) => {
        await accounts.logoutEverywhere(actor);
        clearCookie(res);
        return { status: 204 };
      },
    }),
    route({
      method: 'get',
      path: '/api/me',
      summary: '当前登录账号',
      tags: ['账号'],
      responses: { 200: { description: '当前账号', schema: ActorSchema } },
      handler: async ({ actor }) => ({ body: actor }),
    }),
    route({
      method: 'put',
      path: '/api/me/password',
      summary: '修改本人密码(须提供当前密码);本账号的其他会话随之结束',
      tags: ['账号'],
      body: Type.Object({ currentPassword: Password, newPassword: Password }, { additionalProperties: false }),
      responses: { 204: { description: '密码已修改' }, 400: { description: '当前密码不正确或新密码不符合要求' }, 429: { description: '尝试次数过多' } },
      handler: async ({ actor, body, req, res }) => {
        await withRetryAfter(res, () => accounts.changePassword(actor, sessionToken(req), body, { address: req.ip }));
        return { status: 204 };
      },
    }),
    route({
      method: 'put',
      path: '/api/admin/accounts/:username/password',
      summary: '管理员重置本地区账号的密码(不填则生成随机密码,仅此一次返回);该账号的会话全部结束',
      tags: ['账号'],
      roles: ['admin'],
      params: Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }) }),
      body: Type.Object({ password: Type.Optional(Password) }, { additionalProperties: false }),
      responses: { 200: { description: '已重置', schema: Type.Object({ username: Type.String(), password: Type.Optional(Type.String({ description: '生成的密码(仅在未指定时返回)' })) }) } },
      handler: async ({ actor, params, body }) => ({ body: await accounts.resetPassword(actor, params.username, body.password) }),
    }),
  ];
}

/** A throttled attempt answers 429 with Retry-After (the problem body says the same in Chinese). */
async function withRetryAfter<T>(res: Response, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof TooManyRequestsError) res.setHeader('Retry-After', String(err.retryAfterSeconds));
    throw err;
  }
}
