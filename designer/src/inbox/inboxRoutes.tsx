import type { RouteObject } from 'react-router';
import { TaskListPage } from './list/TaskListPage.tsx';

/** Pages under /inbox (unit, city and province reviewers). */
export const inboxRoutes: RouteObject[] = [
  { path: '/inbox', element: <TaskListPage tab="todo" /> },
  { path: '/inbox/done', element: <TaskListPage tab="done" /> },
];
