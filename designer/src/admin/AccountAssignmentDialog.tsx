import { useState } from 'react';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, data } from '../api/client.ts';
import { messageOf } from '../api/ApiError.ts';
import { useSession } from '../components/SessionContext.tsx';
import { adminText } from './adminText.ts';
import type { StaffAccount } from './adminTypes.ts';

const t = adminText.accounts;
type Role = 'unit_reviewer' | 'city_reviewer' | 'province_reviewer' | 'policy_editor' | 'admin';
const ROLES: Role[] = ['unit_reviewer', 'city_reviewer', 'province_reviewer', 'policy_editor', 'admin'];

/** Change a staff account's role and its unit or region (the server keeps it within the admin's region and ends its sessions on a role change). */
export function AccountAssignmentDialog({ account, onClose, onSaved }: { account: StaffAccount; onClose: () => void; onSaved: () => void }) {
  const { message } = App.useApp();
  const myRegion = useSession().session!.actor.regionCode ?? '';
  const [form] = Form.useForm<{ role: Role; orgId?: string; regionCode?: string }>();
  const role = Form.useWatch('role', form) ?? (account.role as Role);
  const [saving, setSaving] = useState(false);
  // The admin's own region's organisations only: a unit elsewhere does not exist for him.
  const orgs = useQuery({ queryKey: ['admin-organisations'], queryFn: () => data(api.GET('/api/admin/organisations')) });

  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const body = {
        role: v.role,
        ...(v.role === 'unit_reviewer' && v.orgId ? { orgId: v.orgId } : {}),
        ...((v.role === 'city_reviewer' || v.role === 'policy_editor' || v.role === 'admin') && v.regionCode ? { regionCode: v.regionCode.trim() } : {}),
      };
      const r = await data(api.PUT('/api/admin/accounts/{username}/assignment', { params: { path: { username: account.username } }, body }));
      message.success(t.assigned(r.username, r.sessionsEnded));
      onSaved();
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open title={t.assignTitle(account.username)} onCancel={onClose} onOk={() => void save().catch(() => undefined)} okText={adminText.common.save} confirmLoading={saving} destroyOnHidden>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t.assignIntro} />
      <Form form={form} layout="vertical" initialValues={{ role: account.role, orgId: account.orgId ?? undefined, regionCode: account.regionCode ?? myRegion }} data-testid="assignment-form">
        <Form.Item name="role" label={t.role} rules={[{ required: true }]}>
          <Select options={ROLES.map((r) => ({ value: r, label: t.assignRoles[r] }))} />
        </Form.Item>
        {role === 'unit_reviewer' ? (
          <Form.Item name="orgId" label={t.org} rules={[{ required: true, message: t.orgRequired }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} loading={orgs.isPending} options={(orgs.data ?? []).map((o) => ({ value: o.id, label: `${o.name}(${o.regionCode})` }))} />
          </Form.Item>
        ) : null}
        {role === 'city_reviewer' ? (
          <Form.Item name="regionCode" label={t.city} rules={[{ required: true, pattern: /^\d{4}00$/, message: t.cityRequired }]}>
            <Input maxLength={6} placeholder="510700" />
          </Form.Item>
        ) : null}
        {role === 'policy_editor' || role === 'admin' ? (
          <Form.Item name="regionCode" label={t.region} extra={t.regionExtra} rules={[{ required: true, pattern: /^\d{6}$/, message: t.regionRequired }]}>
            <Input maxLength={6} placeholder={myRegion} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
