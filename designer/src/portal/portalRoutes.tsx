import type { RouteObject } from 'react-router';
import { PortalHome } from './PortalHome.tsx';

/** Pages under /portal (applicants). */
export const portalRoutes: RouteObject[] = [{ path: '/portal', element: <PortalHome /> }];
