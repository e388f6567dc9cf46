import { useState } from 'react';
import { Alert, App, Button, Checkbox, Form, Input, Modal, Radio, Space, Table, Tag, Typography } from 'antd';
import { api, data } from '../../api/client.ts';
import { messageOf } from '../../api/ApiError.ts';
import type { Task } from '../../api/types.ts';
import { zh } from '../../i18n/zhCN.ts';
import { RuleTag } from '../RuleTag.tsx';

type Decision = 'approve' | 'reject' | 'return';
type ItemResult = { taskId: string; ok: boolean; result: string; reason: string | null };
const t = zh.inbox.batch;

/** Only what the rules passed is decided in bulk by default; ✘, 需人工 and unchecked items wait for a ticked box. */
const includedByDefault = (r: Task) => r.ruleDecision === 'ELIGIBLE';

/**
 * 批量审批: the selected tasks with their rule results first; those the rules did not pass are
 * left out unless ticked; one decision and opinion for all; then a result per item.
 */
export function BatchDecisionDialog({ tasks, open, onClose, onDone }: { tasks: Task[]; open: boolean; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ decision: Decision; opinion?: string }>();
  const decision = Form.useWatch('decision', form) ?? 'approve';
  const [included, setIncluded] = useState<Set<string>>(() => new Set(tasks.filter(includedByDefault).map((x) => x.id)));
  const [results, setResults] = useState<Map<string, ItemResult> | null>(null);
  const [sending, setSending] = useState(false);
  const chosen = tasks.filter((x) => included.has(x.id));

  const send = async () => {
    const v = await form.validateFields();
    setSending(true);
    try {
      const r = await data(api.POST('/api/tasks/batch-complete', { body: { taskIds: chosen.map((x) => x.id), decision: v.decision, opinion: v.opinion!.trim() } }));
      setResults(new Map(r.results.map((x) => [x.taskId, x])));
      message.info(t.summary(r.succeeded, r.failed));
      onDone();
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <Modal
      open={open}
      width={860}
      title={t.title(tasks.length)}
      onCancel={onClose}
      destroyOnHidden
      footer={
        results ? (
          <Button type="primary" onClick={onClose}>
            {zh.common.close}
          </Button>
        ) : (
          <Space>
            <Button onClick={onClose}>{zh.common.cancel}</Button>
            <Button type="primary" disabled={!chosen.length} loading={sending} onClick={() => void send().catch(() => undefined)} data-testid="batch-submit">
              {t.submit(chosen.length)}
            </Button>
          </Space>
        )
      }
    >
      {!results && tasks.some((x) => !includedByDefault(x)) ? <Alert type="warning" showIcon title={t.leftOut} style={{ marginBottom: 12 }} /> : null}
      <Table<Task>
        rowKey="id"
        size="small"
        pagination={false}
        data-testid="batch-items"
        dataSource={tasks}
        scroll={{ y: 320 }}
        columns={[
          {
            title: t.include,
            key: 'include',
            width: 70,
            render: (_: unknown, r) => (
              <Checkbox
                aria-label={t.includeOne(r.applicantName ?? r.id)}
                disabled={!!results}
                checked={included.has(r.id)}
                onChange={(e) => setIncluded((s) => {
                  const n = new Set(s);
                  if (e.target.checked) n.add(r.id);
                  else n.delete(r.id);
                  return n;
                })}
              />
            ),
          },
          { title: zh.inbox.columns.applicant, dataIndex: 'applicantName', width: 100, render: (v: string | null) => v ?? '—' },
          { title: zh.inbox.columns.name, dataIndex: 'name', width: 160, ellipsis: true },
          {
            title: zh.inbox.columns.rule,
            dataIndex: 'ruleDecision',
            width: 100,
            render: (v: string | null, r) => (v ? <RuleTag decision={v}>{r.ruleDecisionLabel ?? v}</RuleTag> : <Tag>{t.notChecked}</Tag>),
          },
          {
            title: t.result,
            key: 'result',
            render: (_: unknown, r) => {
              const x = results?.get(r.id);
              if (!results) return included.has(r.id) ? <Typography.Text type="secondary">{t.willDecide}</Typography.Text> : <Typography.Text type="secondary">{t.leftOutOne}</Typography.Text>;
              if (!x) return <Tag>{t.notSent}</Tag>;
              return (
                <Space size={4} wrap data-testid="batch-result">
                  <Tag color={x.ok ? 'success' : 'error'}>{x.result}</Tag>
                  {x.reason ? <Typography.Text type="danger">{x.reason}</Typography.Text> : null}
                </Space>
              );
            },
          },
        ]}
      />
      {!results ? (
        <Form form={form} layout="vertical" initialValues={{ decision: 'approve' }} style={{ marginTop: 16 }}>
          <Form.Item name="decision" label={zh.task.decide.decision} rules={[{ required: true, message: zh.task.decide.decisionRequired }]}>
            <Radio.Group optionType="button" buttonStyle="solid" options={(['approve', 'reject', 'return'] as const).map((value) => ({ value, label: zh.task.decisionLabels[value] }))} />
          </Form.Item>
          <Form.Item name="opinion" label={zh.task.decide.opinion} rules={[{ required: true, whitespace: true, message: zh.task.decide.opinionRequired }]}>
            <Input.TextArea rows={3} maxLength={2000} placeholder={zh.task.decide.opinionPlaceholder} data-testid="batch-opinion" />
          </Form.Item>
          <Space size={[4, 8]} wrap>
            <Typography.Text type="secondary">{`${zh.task.decide.phrases}:`}</Typography.Text>
            {(zh.task.phrases[decision] ?? []).map((p) => (
              <Tag key={p} style={{ cursor: 'pointer' }} onClick={() => form.setFieldValue('opinion', p)}>
                {p}
              </Tag>
            ))}
          </Space>
        </Form>
      ) : null}
    </Modal>
  );
}
