import { Navigate, Outlet, useLocation } from 'react-router';
import { Spin } from 'antd';
import { useSession } from './SessionContext.tsx';
import { homeOf, mayEnter } from './areas.tsx';
import { LoadError } from './LoadError.tsx';
import { zh } from '../i18n/zhCN.ts';

/** Pages behind sign-in: no session → the sign-in page with the way back; another role's area → own home. */
export function RequireSession() {
  const { session, status, error, ended, reload } = useSession();
  const location = useLocation();
  if (status === 'loading') return <Spin fullscreen description={zh.common.loading} />;
  if (status === 'error') return <LoadError error={error} onRetry={reload} />;
  if (!session) {
    if (ended === 'signedOut') return <Navigate to="/?signedOut=1" replace />;
    const back = location.pathname + location.search;
    return <Navigate to={`/?return=${encodeURIComponent(back)}${ended === 'expired' ? '&expired=1' : ''}`} replace />;
  }
  if (!mayEnter(session.actor.role, location.pathname)) return <Navigate to={homeOf(session.actor.role)} replace />;
  return <Outlet />;
}
