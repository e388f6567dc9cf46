import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { api, data } from '../../api/client.ts';
import { messageOf } from '../../api/ApiError.ts';
import { zh } from '../../i18n/zhCN.ts';

const t = zh.task.transfer;

/** 转办: hand the task to a colleague of the same review group, with an opinion saying why. */
export function TransferDialog({ taskId, open, onClose, onDone }: { taskId: string; open: boolean; onClose: () => void; onDone: (name: string) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ toUsername?: string; opinion?: string }>();
  const [sending, setSending] = useState(false);
  const colleagues = useQuery({
    queryKey: ['task-colleagues', taskId],
    enabled: open,
    queryFn: () => data(api.GET('/api/tasks/{id}/colleagues', { params: { path: { id: taskId } } })),
  });
  const send = async () => {
    const v = await form.validateFields();
    setSending(true);
    try {
      await api.POST('/api/tasks/{id}/transfer', { params: { path: { id: taskId } }, body: { toUsername: v.toUsername!, opinion: v.opinion!.trim() } });
      onDone(colleagues.data?.find((c) => c.username === v.toUsername)?.displayName ?? v.toUsername!);
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setSending(false);
    }
  };
  const none = colleagues.data && !colleagues.data.length;
  return (
    <Modal
      open={open}
      title={t.title}
      okText={t.ok}
      cancelText={zh.common.cancel}
      okButtonProps={{ disabled: !!none, loading: sending }}
      onOk={() => void send().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      {none ? <Alert type="info" showIcon title={t.none} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="toUsername" label={t.to} rules={[{ required: true, message: t.toRequired }]}>
          <Select
            data-testid="transfer-to"
            loading={colleagues.isLoading}
            options={(colleagues.data ?? []).map((c) => ({ value: c.username, label: `${c.displayName}(${c.username})` }))}
          />
        </Form.Item>
        <Form.Item name="opinion" label={t.opinion} rules={[{ required: true, whitespace: true, message: t.opinionRequired }]}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="transfer-opinion" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
