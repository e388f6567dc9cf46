import type { RouteObject } from 'react-router';
import { HeatmapPage } from './HeatmapPage.tsx';
import { InstancePage } from './InstancePage.tsx';
import { InstancesPage } from './InstancesPage.tsx';
import { MigrationPage } from './MigrationPage.tsx';

/** 流程实例, 热力图 and 实例迁移 under /admin. */
export const instanceRoutes: RouteObject[] = [
  { path: '/admin/instances', element: <InstancesPage /> },
  { path: '/admin/instances/:id', element: <InstancePage /> },
  { path: '/admin/heatmap', element: <HeatmapPage /> },
  { path: '/admin/migrations', element: <MigrationPage /> },
];
