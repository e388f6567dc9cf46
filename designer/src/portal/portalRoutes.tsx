import type { RouteObject } from 'react-router';
import { PortalHome } from './PortalHome.tsx';
import { MyApplicationsPage } from './MyApplicationsPage.tsx';
import { ApplicationFormPage } from './ApplicationFormPage.tsx';
import { CasePage } from './CasePage.tsx';

/** Pages under /portal (applicants). */
export const portalRoutes: RouteObject[] = [
  { path: '/portal', element: <PortalHome /> },
  { path: '/portal/applications', element: <MyApplicationsPage /> },
  { path: '/portal/applications/:id', element: <CasePage /> },
  { path: '/portal/applications/:id/form', element: <ApplicationFormPage /> },
];
