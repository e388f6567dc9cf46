import { useRef, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Radio, Space, Tag, Typography } from 'antd';
import { api } from '../../api/client.ts';
import { messageOf } from '../../api/ApiError.ts';
import type { TaskDetail } from '../../api/types.ts';
import { PackageForm, type PackageFormHandle } from '../../components/form/PackageForm.tsx';
import { zh } from '../../i18n/zhCN.ts';
import { opinionFromRules } from './opinionFromRules.ts';

type Decision = TaskDetail['allowedDecisions'][number]['value'];
const t = zh.task.decide;
const OPEN_STATES = ['OPEN', 'CLAIMED'];

/**
 * 审批: 同意 / 不同意 / 退回补正 with a mandatory opinion. Refusing or returning starts from the
 * conditions the rules found unmet; common phrases fill the opinion in one click; the step's own
 * form (e.g. an exam result) is filled here and checked again by the server.
 */
export function DecisionPanel({ detail, me, onDone }: { detail: TaskDetail; me: string | undefined; onDone: (label: string) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ decision?: Decision; opinion?: string }>();
  const decision = Form.useWatch('decision', form);
  const [taskData, setTaskData] = useState<Record<string, unknown>>({});
  const [sending, setSending] = useState(false);
  const prefilled = useRef<string | null>(null);
  const taskForm = useRef<PackageFormHandle>(null);
  const fromRules = opinionFromRules(detail.ruleResult);

  if (!OPEN_STATES.includes(detail.state)) return <Alert type="info" showIcon title={t.readonly} />;
  if (detail.state === 'CLAIMED' && detail.assignee !== me) return <Alert type="warning" showIcon title={t.claimedByOther(detail.row.assigneeName ?? detail.assignee ?? '')} />;

  const pick = (d: Decision) => {
    const opinion = form.getFieldValue('opinion') as string | undefined;
    const untouched = !opinion || opinion === prefilled.current;
    if (!untouched) return;
    // Refusing or returning: the unmet conditions, in the notice's words, are where the opinion starts.
    const next = d !== 'approve' && fromRules ? fromRules : '';
    prefilled.current = next || null;
    form.setFieldValue('opinion', next);
  };

  const submit = async () => {
    const values = await form.validateFields();
    if (detail.form && taskForm.current && !taskForm.current.validateForm()) return;
    setSending(true);
    try {
      await api.POST('/api/tasks/{id}/complete', {
        params: { path: { id: detail.id } },
        body: { decision: values.decision!, opinion: values.opinion!.trim(), ...(detail.form ? { data: taskData } : {}) },
      });
      onDone(detail.allowedDecisions.find((x) => x.value === values.decision)?.label ?? '');
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setSending(false);
    }
  };

  const schema = detail.form?.schema ?? {};
  return (
    <Card title={t.title} data-testid="decision-panel">
      <Form form={form} layout="vertical" requiredMark>
        <Form.Item name="decision" label={t.decision} rules={[{ required: true, message: t.decisionRequired }]}>
          <Radio.Group optionType="button" buttonStyle="solid" onChange={(e) => pick(e.target.value as Decision)}>
            {detail.allowedDecisions.map((x) => (
              <Radio.Button key={x.value} value={x.value}>
                {x.label}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        {detail.form ? (
          <div data-testid="task-form">
            <Typography.Text strong>{detail.form.title || t.taskForm}</Typography.Text>
            <PackageForm ref={taskForm} schema={schema} ui={detail.form.uiSchema} formData={taskData} onChange={setTaskData} />
          </div>
        ) : null}
        <Form.Item
          name="opinion"
          label={t.opinion}
          rules={[{ required: true, whitespace: true, message: t.opinionRequired }]}
          extra={decision && decision !== 'approve' && fromRules && form.getFieldValue('opinion') === prefilled.current ? <Tag color="orange">{t.fromRules}</Tag> : null}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t.opinionPlaceholder} data-testid="opinion" />
        </Form.Item>
        {decision ? (
          <Space size={[4, 8]} wrap style={{ marginBottom: 16 }} data-testid="phrases">
            <Typography.Text type="secondary">{`${t.phrases}:`}</Typography.Text>
            {(zh.task.phrases[decision] ?? []).map((p) => (
              <Tag
                key={p}
                style={{ cursor: 'pointer' }}
                onClick={() => {
                  prefilled.current = null;
                  form.setFieldValue('opinion', p);
                }}
              >
                {p}
              </Tag>
            ))}
          </Space>
        ) : null}
        <Button type="primary" block loading={sending} onClick={() => void submit().catch(() => undefined)} data-testid="decision-submit">
          {t.submit}
        </Button>
      </Form>
    </Card>
  );
}
