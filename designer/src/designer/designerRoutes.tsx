import type { RouteObject } from 'react-router';
import { PackageListPage } from './PackageListPage.tsx';

/** Pages under /designer (policy editors). */
export const designerRoutes: RouteObject[] = [{ path: '/designer', element: <PackageListPage /> }];
