import { AlertOutlined, AuditOutlined, BankOutlined, CalendarOutlined, DashboardOutlined, ScheduleOutlined, TeamOutlined } from '@ant-design/icons';
import type { MenuEntry } from '../components/areas.tsx';
import { adminText } from './adminText.ts';
import { instanceMenu } from './instances/instanceMenu.tsx';

/** The left menu of /admin. */
export const adminMenu: MenuEntry[] = [
  { path: '/admin', label: adminText.menu.home, icon: <DashboardOutlined /> },
  ...instanceMenu,
  { path: '/admin/incidents', label: adminText.menu.incidents, icon: <AlertOutlined /> },
  { path: '/admin/calendar', label: adminText.menu.calendar, icon: <CalendarOutlined /> },
  { path: '/admin/jobs', label: adminText.menu.jobs, icon: <ScheduleOutlined /> },
  { path: '/admin/audit', label: adminText.menu.audit, icon: <AuditOutlined /> },
  { path: '/admin/accounts', label: adminText.menu.accounts, icon: <TeamOutlined /> },
  { path: '/admin/organisations', label: adminText.menu.organisations, icon: <BankOutlined /> },
];
