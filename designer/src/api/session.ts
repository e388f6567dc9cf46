import type { paths } from './schema';
import { api, data, UNAUTHORIZED_EVENT } from './client.ts';
import { ApiError } from './ApiError.ts';
import { csrfToken } from './csrfToken.ts';

export type Actor = paths['/api/me']['get']['responses'][200]['content']['application/json'];
export type Role = 'applicant' | 'unit_reviewer' | 'city_reviewer' | 'province_reviewer' | 'policy_editor' | 'admin';

/** What GET/POST /api/session return (common convention): the actor, the CSRF token, the expiry. */
export interface SessionInfo {
  actor: Actor;
  csrfToken: string | null;
  expiresAt: string | null;
}

// Whether the page may hold a session cookie (the cookie itself is httpOnly). Only a hint, no secret:
// it spares an anonymous visitor a 401 probe, and a stale hint costs one 401 and is then cleared.
const HINT = 'skills-platform:signed-in';
export const sessionHint = {
  present: () => window.localStorage.getItem(HINT) === '1',
  set: () => window.localStorage.setItem(HINT, '1'),
  clear: () => window.localStorage.removeItem(HINT),
};

function remember(s: { actor: Actor; csrfToken?: string | null; expiresAt?: string | null }): SessionInfo {
  csrfToken.set(s.csrfToken);
  sessionHint.set();
  return { actor: s.actor, csrfToken: s.csrfToken ?? null, expiresAt: s.expiresAt ?? null };
}

// GET /api/session may not exist on an older server: then GET /api/me (no CSRF token) is the fallback.
let sessionEndpoint = true;

/** The current session, or null when not signed in. */
export async function loadSession(): Promise<SessionInfo | null> {
  try {
    if (sessionEndpoint) {
      const res = await fetch('/api/session', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
      if (res.ok) return remember((await res.json()) as SessionInfo);
      if (res.status === 401) window.dispatchEvent(new CustomEvent(UNAUTHORIZED_EVENT)); // as the client does for /api/me
      if (res.status !== 404 && res.status !== 405) throw await ApiError.fromResponse(res);
      sessionEndpoint = false;
    }
    const actor = await data(api.GET('/api/me'));
    return remember({ actor });
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      sessionHint.clear();
      csrfToken.set(null);
      return null;
    }
    if (err instanceof TypeError) throw ApiError.network();
    throw err;
  }
}

export async function signIn(username: string, password: string): Promise<SessionInfo> {
  const body = await data(api.POST('/api/session', { body: { username, password } }));
  return remember(body as typeof body & { csrfToken?: string });
}

export async function signOut(): Promise<void> {
  try {
    await api.DELETE('/api/session');
  } finally {
    csrfToken.set(null);
    sessionHint.clear();
  }
}
