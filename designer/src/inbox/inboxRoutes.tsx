import type { RouteObject } from 'react-router';
import { DoneListPage } from './DoneListPage.tsx';
import { TodoListPage } from './TodoListPage.tsx';

/** Pages under /inbox (unit, city and province reviewers). */
export const inboxRoutes: RouteObject[] = [
  { path: '/inbox', element: <TodoListPage /> },
  { path: '/inbox/done', element: <DoneListPage /> },
];
