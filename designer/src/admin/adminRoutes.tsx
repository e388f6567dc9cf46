import type { RouteObject } from 'react-router';
import { AdminHomePage } from './AdminHomePage.tsx';

/** Pages under /admin (administrators). */
export const adminRoutes: RouteObject[] = [{ path: '/admin', element: <AdminHomePage /> }];
