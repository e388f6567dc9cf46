import { useEffect } from 'react';
import { App as AntdApp, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, data } from '../../api/client.ts';
import { messageOf } from '../../api/ApiError.ts';
import type { PackageVersion } from '../../api/types.ts';
import { dt } from '../designerText.ts';

const c = dt.clone;

interface Values {
  year: number;
  title: string;
}

/** 复制为新年度草稿: the version cloned into year + 1 (year and title confirmed here), then opened. */
export function CloneDialog({ source, onClose }: { source: PackageVersion | null; onClose(): void }) {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = AntdApp.useApp();

  useEffect(() => {
    if (source) form.setFieldsValue({ year: source.year + 1, title: c.titleFor(source.title, source.year, source.year + 1) });
  }, [source, form]);

  const create = useMutation({
    mutationFn: (v: Values) => data(api.POST('/api/drafts', { body: { fromHash: source!.hash, year: v.year, title: v.title.trim() } })),
    onSuccess: (d) => {
      void qc.invalidateQueries({ queryKey: ['drafts'] });
      message.success(c.created);
      onClose();
      navigate(`/designer/drafts/${d.id}`);
    },
    onError: (err) => message.error(messageOf(err)),
  });

  return (
    <Modal
      open={source !== null}
      title={c.title}
      okText={c.submit}
      cancelText={dt.packages.cancel}
      confirmLoading={create.isPending}
      onOk={() => form.validateFields().then((v) => create.mutate(v), () => undefined)}
      onCancel={onClose}
      destroyOnHidden
      data-testid="clone-dialog"
    >
      {source ? (
        <Form<Values> form={form} layout="vertical" preserve={false}>
          <Form.Item label={c.from}>
            <Typography.Text>
              {source.title} <Typography.Text code>{source.hash.slice(0, 12)}</Typography.Text>
            </Typography.Text>
          </Form.Item>
          <Form.Item name="year" label={c.year} rules={[{ required: true, message: c.yearRequired }]}>
            <InputNumber min={2000} max={2100} precision={0} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="title" label={c.titleLabel} rules={[{ required: true, whitespace: true, message: c.titleRequired }]}>
            <Input maxLength={255} />
          </Form.Item>
        </Form>
      ) : null}
    </Modal>
  );
}
