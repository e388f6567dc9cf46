import type { RouteObject } from 'react-router';
import { ReviewApplicationsPage } from './applications/ReviewApplicationsPage.tsx';
import { TaskListPage } from './list/TaskListPage.tsx';
import { TaskPage } from './task/TaskPage.tsx';
import { TaskPrintPage } from './task/TaskPrintPage.tsx';

/** Pages under /inbox (unit, city and province reviewers). */
export const inboxRoutes: RouteObject[] = [
  { path: '/inbox', element: <TaskListPage tab="todo" /> },
  { path: '/inbox/done', element: <TaskListPage tab="done" /> },
  { path: '/inbox/tasks/:id', element: <TaskPage /> },
  { path: '/inbox/applications', element: <ReviewApplicationsPage /> },
];

/** Printable pages under /inbox, shown without the app's frame. */
export const inboxPrintRoutes: RouteObject[] = [{ path: '/inbox/tasks/:id/print', element: <TaskPrintPage /> }];
