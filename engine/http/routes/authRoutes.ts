import { Type } from '@sinclair/typebox';
import type { Request } from 'express';
import type { AccountsPort } from '../ports.ts';
import { route, type RouteDef } from '../route.ts';
import { ActorSchema } from '../schemas.ts';

export const SESSION_COOKIE = 'sid';

export function sessionToken(req: Request): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim() || null;
  return (req.cookies?.[SESSION_COOKIE] as string | undefined) ?? null;
}

export function authRoutes(accounts: AccountsPort, opts: { secureCookies: boolean }): RouteDef[] {
  return [
    route({
      method: 'post',
      path: '/api/session',
      summary: '登录(本地账号),返回会话 Cookie 与令牌',
      tags: ['账号'],
      auth: 'public',
      body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 256 }) }, { additionalProperties: false }),
      responses: { 201: { description: '已登录', schema: Type.Object({ token: Type.String(), expiresAt: Type.String(), actor: ActorSchema }) } },
      handler: async ({ body, res }) => {
        const s = await accounts.login(body.username, body.password);
        res.cookie(SESSION_COOKIE, s.token, { httpOnly: true, sameSite: 'lax', secure: opts.secureCookies, expires: new Date(s.expiresAt), path: '/' });
        return { status: 201, body: s };
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
        res.clearCookie(SESSION_COOKIE, { path: '/' });
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
  ];
}
