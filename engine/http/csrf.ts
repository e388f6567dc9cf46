import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { CsrfRejectedError } from '../errors.ts';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const CSRF_HEADER = 'x-csrf-token';

export interface CsrfOptions {
  cookieName: string;
  /** Whether a presented token belongs to the session of this cookie token. */
  matches(sessionToken: string, presented: string | undefined): boolean;
  /** Writes that carry no token by design (signing in); the Origin check still applies to them. */
  exempt?: Array<{ method: string; path: string }>;
}

/**
 * CSRF defence for cookie sessions: a state-changing request that authenticates with the session
 * cookie must carry `X-CSRF-Token` equal to its session's CSRF token, and an `Origin` header, when
 * present, must name this host. A request with a Bearer token is exempt: a browser never adds one by itself.
 */
export function csrfGuard(opts: CsrfOptions): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (!WRITES.has(req.method) || req.headers.authorization?.startsWith('Bearer ')) return next();
    const origin = req.headers.origin;
    if (origin !== undefined && !sameOrigin(origin, req.get('host'))) return next(new CsrfRejectedError(`请求来源 ${origin} 与本站不符`));
    const cookie = req.cookies?.[opts.cookieName] as string | undefined;
    if (!cookie) return next();
    if (opts.exempt?.some((e) => e.method === req.method && e.path === req.path)) return next();
    const presented = req.headers[CSRF_HEADER];
    if (!opts.matches(cookie, typeof presented === 'string' ? presented : undefined)) return next(new CsrfRejectedError('缺少或错误的 X-CSRF-Token 请求头'));
    next();
  };
}

function sameOrigin(origin: string, host: string | undefined): boolean {
  if (!host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false; // "null" (a sandboxed or file page) and anything unparsable are foreign
  }
}
