import { Badge, Button, Grid, Layout, Menu, Space, Tag, Typography } from 'antd';
import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useSession } from './SessionContext.tsx';
import { areasOf } from './areas.tsx';
import { useTodoCount } from '../inbox/useTodoCount.ts';
import { zh } from '../i18n/zhCN.ts';

/** The frame of every signed-in page: header with the user, left menu by role, the page. */
export function AppLayout() {
  const { session, signOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const actor = session!.actor;
  // On a phone the header keeps the name and sign-out; role and region move out of the way.
  const narrow = !Grid.useBreakpoint().md;
  const entries = areasOf(actor.role).flatMap((a) => a.menu);
  const todo = useTodoCount(entries.some((e) => e.todoBadge));
  // The longest menu path that prefixes the location is the selected entry (/inbox/done over /inbox).
  const selected = entries
    .map((e) => e.path)
    .filter((p) => location.pathname === p || location.pathname.startsWith(p + '/'))
    .sort((a, b) => b.length - a.length)[0];

  const onSignOut = async () => {
    // Signing out clears the session; RequireSession then shows the sign-in page with 「已退出登录」.
    await signOut().catch(() => undefined);
    queryClient.clear();
  };

  // A phone gets the menu as a row under the header; a wider screen as the left column.
  const menu = (mode: 'inline' | 'horizontal') => (
    <Menu
      mode={mode}
      selectedKeys={selected ? [selected] : []}
      style={{ borderInlineEnd: 0, borderBottom: 0, paddingTop: mode === 'inline' ? 8 : 0 }}
      data-testid="side-menu"
      onClick={(e) => navigate(e.key)}
      items={entries.map((e) => ({
        key: e.path,
        icon: e.icon,
        label:
          e.todoBadge && todo ? (
            <Space size={8}>
              <span>{e.label}</span>
              <Badge count={todo.more ? `${todo.count}+` : todo.count} showZero overflowCount={999} color={todo.count ? undefined : '#bfbfbf'} data-testid="todo-badge" />
            </Space>
          ) : (
            e.label
          ),
      }))}
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: narrow ? 12 : 20, background: '#fff', borderBottom: '1px solid #f0f0f0' }}>
        <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'nowrap' }} data-testid="app-name">
          {narrow ? zh.app.shortName : zh.app.name}
        </Typography.Title>
        <div style={{ flex: 1 }} />
        <Space size="middle" wrap={false} data-testid="current-user">
          <Space size={4}>
            <UserOutlined />
            <Typography.Text strong>{actor.displayName}</Typography.Text>
          </Space>
          {narrow ? null : <Tag color="blue">{zh.roles[actor.role] ?? actor.role}</Tag>}
          {actor.regionCode && !narrow ? <Typography.Text type="secondary">{`${zh.header.region} ${actor.regionCode}`}</Typography.Text> : null}
          <Button icon={<LogoutOutlined />} onClick={onSignOut} aria-label={zh.header.signOut} title={zh.header.signOut}>
            {narrow ? null : zh.header.signOut}
          </Button>
        </Space>
      </Layout.Header>
      {narrow ? <div style={{ background: '#fff', borderBottom: '1px solid #f0f0f0' }}>{menu('horizontal')}</div> : null}
      <Layout>
        {narrow ? null : (
          <Layout.Sider width={200} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
            {menu('inline')}
          </Layout.Sider>
        )}
        <Layout.Content style={{ padding: narrow ? 12 : 24, minWidth: 0 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
