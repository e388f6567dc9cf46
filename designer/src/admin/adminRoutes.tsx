import type { RouteObject } from 'react-router';
import { AdminHomePage } from './AdminHomePage.tsx';
import { CalendarPage } from './CalendarPage.tsx';
import { JobsAndPlansPage } from './JobsAndPlansPage.tsx';
import { AccountsPage } from './AccountsPage.tsx';
import { AuditPage } from './AuditPage.tsx';
import { IncidentPage } from './IncidentPage.tsx';
import { IncidentsPage } from './IncidentsPage.tsx';
import { OrganisationsPage } from './organisations/OrganisationsPage.tsx';
import { instanceRoutes } from './instances/instanceRoutes.tsx';

/** Pages under /admin (administrators). */
export const adminRoutes: RouteObject[] = [
  { path: '/admin', element: <AdminHomePage /> },
  { path: '/admin/incidents', element: <IncidentsPage /> },
  { path: '/admin/incidents/:key', element: <IncidentPage /> },
  { path: '/admin/calendar', element: <CalendarPage /> },
  { path: '/admin/jobs', element: <JobsAndPlansPage /> },
  { path: '/admin/audit', element: <AuditPage /> },
  { path: '/admin/accounts', element: <AccountsPage /> },
  { path: '/admin/organisations', element: <OrganisationsPage /> },
  ...instanceRoutes,
];
