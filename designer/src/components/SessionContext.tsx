import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { loadSession, signOut as apiSignOut, type SessionInfo, sessionHint } from '../api/session.ts';
import { UNAUTHORIZED_EVENT } from '../api/client.ts';
import { csrfToken } from '../api/csrfToken.ts';

type Status = 'loading' | 'ready' | 'error';

interface SessionState {
  session: SessionInfo | null;
  status: Status;
  error: unknown;
  /** Why there is no session any more: a 401 while signed in (expired) or the user signed out. */
  ended: 'expired' | 'signedOut' | null;
  setSession(s: SessionInfo | null): void;
  signOut(): Promise<void>;
  reload(): void;
}

const Ctx = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSessionState] = useState<SessionInfo | null>(null);
  const [status, setStatus] = useState<Status>(sessionHint.present() ? 'loading' : 'ready');
  const [error, setError] = useState<unknown>(null);
  const [ended, setEnded] = useState<SessionState['ended']>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!sessionHint.present()) return;
    let live = true;
    setStatus('loading');
    loadSession().then(
      (s) => {
        if (!live) return;
        setSessionState(s);
        setStatus('ready');
      },
      (err) => {
        if (!live) return;
        setError(err);
        setStatus('error');
      },
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  useEffect(() => {
    const onUnauthorized = () => {
      sessionHint.clear();
      csrfToken.set(null);
      setEnded('expired');
      setSessionState(null);
    };
    window.addEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
  }, []);

  const setSession = useCallback((s: SessionInfo | null) => {
    setEnded(null);
    setSessionState(s);
    setStatus('ready');
  }, []);
  const signOut = useCallback(async () => {
    try {
      await apiSignOut();
    } finally {
      setEnded('signedOut');
      setSessionState(null);
    }
  }, []);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  const value = useMemo(() => ({ session, status, error, ended, setSession, signOut, reload }), [session, status, error, ended, setSession, signOut, reload]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSession(): SessionState {
  const v = useContext(Ctx);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}
