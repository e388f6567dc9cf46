import createClient from 'openapi-fetch';
import type { paths } from './schema';
import { apiMiddleware } from './apiMiddleware.ts';

export { UNAUTHORIZED_EVENT } from './apiMiddleware.ts';

export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });
api.use(apiMiddleware);

/** The body of a successful call (the middleware has already thrown for every failure). */
export async function data<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const r = await call;
  return r.data as T;
}
