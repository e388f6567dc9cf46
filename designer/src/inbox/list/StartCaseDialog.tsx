import { useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Modal, Select, Space } from 'antd';
import type { ErrorSchema } from '@rjsf/utils';
import { api, data } from '../../api/client.ts';
import { ApiError, messageOf } from '../../api/ApiError.ts';
import { PackageForm, type PackageFormHandle } from '../../components/form/PackageForm.tsx';
import { zh } from '../../i18n/zhCN.ts';

const t = zh.inbox.startCase;

/** Server problems (pointer /field) under their fields. */
function errorsOf(e: unknown): ErrorSchema | undefined {
  if (!(e instanceof ApiError) || !e.problems.length) return undefined;
  const out: Record<string, { __errors: string[] }> = {};
  for (const p of e.problems) {
    const field = (p.pointer ?? '').split('/').filter(Boolean)[0] ?? p.field;
    if (!field) continue;
    (out[field] ??= { __errors: [] }).__errors.push(p.message);
  }
  return out as ErrorSchema;
}

/**
 * 发起申请: a reviewer starts a request of the active packages (e.g. the city reporting an evaluation
 * organisation to the province); shown only when there is something the reviewer may start.
 */
export function StartCaseButton() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const startable = useQuery({ queryKey: ['cases', 'startable'], staleTime: 60_000, queryFn: () => data(api.GET('/api/cases/startable')) });
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<string>();
  const [formData, setFormData] = useState<Record<string, unknown>>({});
  // One id per filling: a retried submission of the same request starts one case.
  const [requestId, setRequestId] = useState(() => crypto.randomUUID());
  const formRef = useRef<PackageFormHandle>(null);
  const items = startable.data ?? [];
  const keyOf = (c: (typeof items)[number]) => `${c.packageHash}:${c.bpmnProcessId}`;
  const current = items.find((c) => keyOf(c) === chosen) ?? (items.length === 1 ? items[0] : undefined);
  const start = useMutation({
    mutationFn: () => data(api.POST('/api/cases', { body: { packageHash: current!.packageHash, bpmnProcessId: current!.bpmnProcessId, data: formData, requestId } })),
    onSuccess: (r) => {
      message.success(t.done(r.title));
      setOpen(false);
      setFormData({});
      setRequestId(crypto.randomUUID());
      void qc.invalidateQueries({ queryKey: ['tasks'] });
    },
    onError: (e) => message.error(t.failed(messageOf(e))),
  });
  if (!items.length) return null;
  const submit = () => {
    if (!current || !formRef.current?.validateForm()) return;
    start.mutate();
  };
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="start-case-open">
        {t.button}
      </Button>
      <Modal
        open={open}
        title={current ? current.title : t.title}
        width={760}
        onCancel={() => setOpen(false)}
        destroyOnHidden
        footer={
          <Space>
            <Button onClick={() => setOpen(false)}>{t.cancel}</Button>
            <Button type="primary" loading={start.isPending} disabled={!current} onClick={submit} data-testid="start-case-submit">
              {t.submit}
            </Button>
          </Space>
        }
      >
        {items.length > 1 ? (
          <Form layout="vertical">
            <Form.Item label={t.choose}>
              <Select
                data-testid="start-case-choose"
                placeholder={t.choosePlaceholder}
                value={chosen}
                onChange={(v) => {
                  setChosen(v);
                  setFormData({});
                }}
                options={items.map((c) => ({ value: keyOf(c), label: `${c.title}(${c.packageTitle})` }))}
              />
            </Form.Item>
          </Form>
        ) : null}
        {current ? (
          <PackageForm
            key={keyOf(current)}
            ref={formRef}
            schema={current.form.schema as Record<string, unknown>}
            ui={current.form.ui as Record<string, unknown>}
            formData={formData}
            onChange={setFormData}
            extraErrors={errorsOf(start.error)}
          />
        ) : null}
      </Modal>
    </>
  );
}
