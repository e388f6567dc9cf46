import { useState } from 'react';
import { App, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, data } from '../api/client.ts';
import { messageOf } from '../api/ApiError.ts';
import { LoadError } from '../components/LoadError.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useSession } from '../components/SessionContext.tsx';
import { formatDateTime } from '../components/formatDate.ts';
import { zh } from '../i18n/zhCN.ts';
import { AccountAssignmentDialog } from './AccountAssignmentDialog.tsx';
import { adminText } from './adminText.ts';
import type { StaffAccount } from './adminTypes.ts';

const t = adminText.accounts;
type Role = 'unit_reviewer' | 'city_reviewer' | 'province_reviewer';

/** `/admin/accounts`: the region's staff accounts; create a reviewer account, reset a password, disable / enable an account, end its sessions. */
export function AccountsPage() {
  const { message } = App.useApp();
  const me = useSession().session!.actor.username;
  const queryClient = useQueryClient();
  const accounts = useQuery({ queryKey: ['admin-accounts'], queryFn: () => data(api.GET('/api/admin/accounts')) });
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<{ username: string; password: string } | null>(null);
  const [assigning, setAssigning] = useState<StaffAccount | null>(null);

  const reset = async (username: string) => {
    try {
      const r = await data(api.PUT('/api/admin/accounts/{username}/password', { params: { path: { username } }, body: {} }));
      message.success(t.reset(username));
      if (r.password) setSecret({ username, password: r.password });
      await queryClient.invalidateQueries({ queryKey: ['admin-accounts'] });
    } catch (e) {
      message.error(messageOf(e));
    }
  };

  /** Runs one of the row actions, says what it did, and reloads the list (state and session counts). */
  const act = async (call: () => Promise<string>) => {
    try {
      message.success(await call());
    } catch (e) {
      message.error(messageOf(e));
    }
    await queryClient.invalidateQueries({ queryKey: ['admin-accounts'] });
  };
  const disable = (username: string) => act(async () => (await data(api.POST('/api/admin/accounts/{username}/disable', { params: { path: { username } } })), t.disabled(username)));
  const enable = (username: string) => act(async () => (await data(api.POST('/api/admin/accounts/{username}/enable', { params: { path: { username } } })), t.enabled(username)));
  const endSessions = (username: string) => act(async () => t.sessionsEnded(username, (await data(api.DELETE('/api/admin/accounts/{username}/sessions', { params: { path: { username } } }))).sessionsEnded));

  return (
    <>
      <PageHeader
        title={t.title}
        intro={t.intro}
        extra={
          <Button type="primary" onClick={() => setCreating(true)} data-testid="create-account">
            {t.create}
          </Button>
        }
      />
      {accounts.isError ? (
        <LoadError error={accounts.error} onRetry={() => accounts.refetch()} />
      ) : (
        <Table<StaffAccount>
          rowKey="username"
          size="middle"
          data-testid="account-table"
          loading={accounts.isPending}
          dataSource={accounts.data ?? []}
          locale={{ emptyText: t.empty }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t.columns.username, dataIndex: 'username', render: (v: string) => <Typography.Text code style={{ whiteSpace: 'nowrap' }}>{v}</Typography.Text> },
            { title: t.columns.displayName, dataIndex: 'displayName' },
            {
              title: t.columns.role,
              dataIndex: 'role',
              render: (v: string, a) => (
                <Space size={0} wrap>
                  <Tag>{zh.roles[v] ?? v}</Tag>
                  {/* Beside the role it changes; one's own role cannot be changed. */}
                  {a.username === me ? null : (
                    <Button type="link" size="small" style={{ paddingInline: 2 }} onClick={() => setAssigning(a)} data-testid={`assign-${a.username}`}>
                      {t.assign}
                    </Button>
                  )}
                </Space>
              ),
            },
            { title: t.columns.scope, key: 'scope', render: (_: unknown, a) => (a.orgName ? `${a.orgName}(${a.regionCode ?? ''})` : (a.regionCode ?? adminText.common.none)) },
            {
              title: t.columns.state,
              dataIndex: 'disabledAt',
              width: 76,
              render: (v: string | null) =>
                v ? (
                  <Tag color="red" title={t.disabledSince(formatDateTime(v))} data-testid="account-disabled">
                    {t.disabledTag}
                  </Tag>
                ) : (
                  <Tag color="green">{t.active}</Tag>
                ),
            },
            { title: t.columns.sessions, dataIndex: 'activeSessions', width: 60, align: 'center' },
            { title: t.columns.createdAt, dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
            {
              title: t.columns.actions,
              key: 'actions',
              width: 200,
              render: (_: unknown, a) =>
                a.username === me ? null : (
                  <Space size={4}>
                    <Popconfirm title={t.resetConfirm(a.username)} onConfirm={() => reset(a.username)} okText={t.resetPassword} cancelText={adminText.common.cancel}>
                      <Button size="small" data-testid={`reset-${a.username}`}>
                        {t.resetPassword}
                      </Button>
                    </Popconfirm>
                    {a.disabledAt ? (
                      <Popconfirm title={t.enableConfirm(a.username)} onConfirm={() => enable(a.username)} okText={t.enable} cancelText={adminText.common.cancel}>
                        <Button size="small" data-testid={`enable-${a.username}`}>
                          {t.enable}
                        </Button>
                      </Popconfirm>
                    ) : (
                      <Popconfirm title={t.disableConfirm(a.username)} onConfirm={() => disable(a.username)} okText={t.disable} okButtonProps={{ danger: true }} cancelText={adminText.common.cancel}>
                        <Button size="small" danger data-testid={`disable-${a.username}`}>
                          {t.disable}
                        </Button>
                      </Popconfirm>
                    )}
                    {a.activeSessions > 0 ? (
                      <Popconfirm title={t.endSessionsConfirm(a.username, a.activeSessions)} onConfirm={() => endSessions(a.username)} okText={t.endSessions} cancelText={adminText.common.cancel}>
                        <Button size="small" data-testid={`end-sessions-${a.username}`}>
                          {t.endSessions}
                        </Button>
                      </Popconfirm>
                    ) : null}
                  </Space>
                ),
            },
          ]}
        />
      )}
      {creating ? (
        <CreateDialog
          onClose={() => setCreating(false)}
          onCreated={(username, password) => {
            setCreating(false);
            if (password) setSecret({ username, password });
            void queryClient.invalidateQueries({ queryKey: ['admin-accounts'] });
          }}
        />
      ) : null}
      {assigning ? (
        <AccountAssignmentDialog
          account={assigning}
          onClose={() => setAssigning(null)}
          onSaved={() => {
            setAssigning(null);
            void queryClient.invalidateQueries({ queryKey: ['admin-accounts'] });
          }}
        />
      ) : null}
      <Modal open={!!secret} destroyOnHidden title={secret ? t.passwordFor(secret.username) : ''} onCancel={() => setSecret(null)} footer={<Button type="primary" onClick={() => setSecret(null)}>{adminText.common.close}</Button>}>
        <Typography.Paragraph>{t.generated}</Typography.Paragraph>
        <Typography.Text code copyable data-testid="generated-password">
          {secret?.password}
        </Typography.Text>
      </Modal>
    </>
  );
}

function CreateDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (username: string, password?: string) => void }) {
  const { message } = App.useApp();
  const region = useSession().session!.actor.regionCode ?? '';
  const [form] = Form.useForm<{ username: string; displayName: string; role: Role; orgId?: string; regionCode?: string; password?: string }>();
  const role = Form.useWatch('role', form) ?? 'unit_reviewer';
  const [saving, setSaving] = useState(false);
  const orgs = useQuery({ queryKey: ['organisations'], queryFn: () => data(api.GET('/api/organisations', { params: { query: {} } })) });
  const prefix = region.replace(/(00)+$/, '');
  const myOrgs = (orgs.data ?? []).filter((o) => o.regionCode.startsWith(prefix));

  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const body = {
        username: v.username.trim(),
        displayName: v.displayName.trim(),
        role: v.role,
        ...(v.role === 'unit_reviewer' && v.orgId ? { orgId: v.orgId } : {}),
        ...(v.role === 'city_reviewer' && v.regionCode ? { regionCode: v.regionCode.trim() } : {}),
        ...(v.password ? { password: v.password } : {}),
      };
      const r = await data(api.POST('/api/admin/accounts', { body }));
      message.success(t.created(r.username));
      onCreated(r.username, r.password);
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open title={t.create} onCancel={onClose} onOk={() => void save().catch(() => undefined)} okText={adminText.common.save} confirmLoading={saving} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ role: 'unit_reviewer' }} data-testid="account-form">
        <Form.Item name="role" label={t.role} rules={[{ required: true }]}>
          <Select options={(['unit_reviewer', 'city_reviewer', 'province_reviewer'] as const).map((r) => ({ value: r, label: t.roles[r] }))} />
        </Form.Item>
        <Form.Item name="username" label={t.username} rules={[{ required: true, pattern: /^[A-Za-z0-9_.-]{3,64}$/, message: t.usernameRule }]}>
          <Input maxLength={64} autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t.displayName} rules={[{ required: true, whitespace: true, message: t.displayNameRequired }]}>
          <Input maxLength={128} />
        </Form.Item>
        {role === 'unit_reviewer' ? (
          <Form.Item name="orgId" label={t.org} rules={[{ required: true, message: t.orgRequired }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} loading={orgs.isPending} options={myOrgs.map((o) => ({ value: o.id, label: `${o.name}(${o.regionCode})` }))} />
          </Form.Item>
        ) : null}
        {role === 'city_reviewer' ? (
          <Form.Item name="regionCode" label={t.city} rules={[{ required: true, pattern: /^\d{4}00$/, message: t.cityRequired }]}>
            <Input maxLength={6} placeholder="510700" />
          </Form.Item>
        ) : null}
        <Form.Item name="password" label={t.password} extra={t.passwordHint}>
          <Input.Password maxLength={256} autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
