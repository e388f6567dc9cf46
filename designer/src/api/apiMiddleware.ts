import type { Middleware } from 'openapi-fetch';
import { ApiError } from './ApiError.ts';
import { csrfToken } from './csrfToken.ts';

/** Raised (as a window event) when a request comes back 401: the layout sends the user to sign in. */
export const UNAUTHORIZED_EVENT = 'api:unauthorized';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Adds X-CSRF-Token to every state-changing request and turns every non-2xx answer into an ApiError
 * carrying the server's Chinese problem title, so callers only handle success or ApiError.
 */
export const apiMiddleware: Middleware = {
  onRequest({ request }) {
    const token = csrfToken.get();
    if (token && !SAFE.has(request.method)) request.headers.set('X-CSRF-Token', token);
    return request;
  },
  async onResponse({ request, response }) {
    if (response.ok) return response;
    const err = await ApiError.fromResponse(response);
    const signingIn = request.method === 'POST' && new URL(request.url).pathname === '/api/session';
    if (response.status === 401 && !signingIn) window.dispatchEvent(new CustomEvent(UNAUTHORIZED_EVENT));
    throw err;
  },
  onError() {
    return ApiError.network();
  },
};
