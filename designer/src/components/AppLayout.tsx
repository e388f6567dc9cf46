import { Badge, Button, Layout, Menu, Space, Tag, Typography } from 'antd';
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

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: 20, background: '#fff', borderBottom: '1px solid #f0f0f0' }}>
        <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'nowrap' }} data-testid="app-name">
          {zh.app.name}
        </Typography.Title>
        <div style={{ flex: 1 }} />
        <Space size="middle" wrap={false} data-testid="current-user">
          <Space size={4}>
            <UserOutlined />
            <Typography.Text strong>{actor.displayName}</Typography.Text>
          </Space>
          <Tag color="blue">{zh.roles[actor.role] ?? actor.role}</Tag>
          {actor.regionCode ? <Typography.Text type="secondary">{`${zh.header.region} ${actor.regionCode}`}</Typography.Text> : null}
          <Button icon={<LogoutOutlined />} onClick={onSignOut}>
            {zh.header.signOut}
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={200} breakpoint="lg" collapsedWidth={0} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
          <Menu
            mode="inline"
            selectedKeys={selected ? [selected] : []}
            style={{ borderInlineEnd: 0, paddingTop: 8 }}
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
        </Layout.Sider>
        <Layout.Content style={{ padding: 24, minWidth: 0 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
