import type { RouteObject } from 'react-router';
import { ReviewApplicationsPage } from './applications/ReviewApplicationsPage.tsx';
import { TaskListPage } from './list/TaskListPage.tsx';
import { TaskPage } from './task/TaskPage.tsx';

/** Pages under /inbox (unit, city and province reviewers). */
export const inboxRoutes: RouteObject[] = [
  { path: '/inbox', element: <TaskListPage tab="todo" /> },
  { path: '/inbox/done', element: <TaskListPage tab="done" /> },
  { path: '/inbox/tasks/:id', element: <TaskPage /> },
  { path: '/inbox/applications', element: <ReviewApplicationsPage /> },
];
