import type { ReactNode } from 'react';
import { AuditOutlined, CheckSquareOutlined, FileDoneOutlined, FileSearchOutlined, FileTextOutlined, ProfileOutlined } from '@ant-design/icons';
import { adminMenu } from '../admin/adminMenu.tsx';
import type { Role } from '../api/session.ts';
import { zh } from '../i18n/zhCN.ts';

export interface MenuEntry {
  path: string;
  label: string;
  icon: ReactNode;
  /** Shows the 待办 count badge. */
  todoBadge?: boolean;
}

export interface Area {
  key: 'portal' | 'inbox' | 'designer' | 'admin';
  path: string;
  roles: Role[];
  menu: MenuEntry[];
}

const REVIEWERS: Role[] = ['unit_reviewer', 'city_reviewer', 'province_reviewer'];

/** The app's areas: who may enter each and its left-menu entries. A new page adds its entry here. */
export const AREAS: Area[] = [
  {
    key: 'portal',
    path: '/portal',
    roles: ['applicant'],
    menu: [
      { path: '/portal', label: zh.menu.portal, icon: <ProfileOutlined /> },
      { path: '/portal/applications', label: zh.menu.myApplications, icon: <FileTextOutlined /> },
    ],
  },
  {
    key: 'inbox',
    path: '/inbox',
    roles: REVIEWERS,
    menu: [
      { path: '/inbox', label: zh.menu.todo, icon: <CheckSquareOutlined />, todoBadge: true },
      { path: '/inbox/done', label: zh.menu.done, icon: <FileDoneOutlined /> },
      { path: '/inbox/applications', label: zh.menu.reviewApplications, icon: <FileSearchOutlined /> },
    ],
  },
  // Admins land on 运维管理 (their first area) and also enter the designer to deploy and activate.
  { key: 'admin', path: '/admin', roles: ['admin'], menu: adminMenu },
  { key: 'designer', path: '/designer', roles: ['policy_editor', 'admin'], menu: [{ path: '/designer', label: zh.menu.designer, icon: <AuditOutlined /> }] },
];

export function areasOf(role: string): Area[] {
  return AREAS.filter((a) => a.roles.includes(role as Role));
}

/** Where a role lands after signing in. */
export function homeOf(role: string): string {
  return areasOf(role)[0]?.path ?? '/';
}

export function mayEnter(role: string, pathname: string): boolean {
  return areasOf(role).some((a) => pathname === a.path || pathname.startsWith(a.path + '/'));
}
