import { ApartmentOutlined, HeatMapOutlined, SwapOutlined } from '@ant-design/icons';
import type { MenuEntry } from '../../components/areas.tsx';
import { instancesText } from './instancesText.ts';

/** The admin menu's entries of 流程实例, 热力图 and 实例迁移. */
export const instanceMenu: MenuEntry[] = [
  { path: '/admin/instances', label: instancesText.menu.instances, icon: <ApartmentOutlined /> },
  { path: '/admin/heatmap', label: instancesText.menu.heatmap, icon: <HeatMapOutlined /> },
  { path: '/admin/migrations', label: instancesText.menu.migration, icon: <SwapOutlined /> },
];
