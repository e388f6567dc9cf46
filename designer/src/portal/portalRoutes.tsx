import type { RouteObject } from 'react-router';
import { PortalHome } from './PortalHome.tsx';
import { MyApplicationsPage } from './MyApplicationsPage.tsx';
import { ApplicationFormPage } from './ApplicationFormPage.tsx';
import { CasePage } from './CasePage.tsx';
import { ApplicationPrintPage } from './ApplicationPrintPage.tsx';

/** Pages under /portal (applicants). */
export const portalRoutes: RouteObject[] = [
  { path: '/portal', element: <PortalHome /> },
  { path: '/portal/applications', element: <MyApplicationsPage /> },
  { path: '/portal/applications/:id', element: <CasePage /> },
  { path: '/portal/applications/:id/form', element: <ApplicationFormPage /> },
];

/** Printable pages under /portal, shown without the app's frame. */
export const portalPrintRoutes: RouteObject[] = [{ path: '/portal/applications/:id/print', element: <ApplicationPrintPage /> }];
