import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api, data } from '../api/client.ts';
import { messageOf } from '../api/ApiError.ts';
import { LoadError } from '../components/LoadError.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useSession } from '../components/SessionContext.tsx';
import { formatDate, formatDateTime } from '../components/formatDate.ts';
import { adminText } from './adminText.ts';
import type { PackageVersion, Plan, ScheduledJob } from './adminTypes.ts';

const t = adminText.jobs;
const JOB_STATE_COLOR: Record<string, string> = { PENDING: 'default', RUNNING: 'processing', DONE: 'success', FAILED: 'error' };
const PLAN_STATE_COLOR: Record<string, string> = { PUBLISHED: 'success', PUBLISHED_LATE: 'warning', NOT_PUBLISHED: 'default', OVERDUE: 'error' };

const warningOf = (j: ScheduledJob): string | null => (j.kind === 'plans.checkPublished' && typeof j.result?.warning === 'string' ? j.result.warning : null);

/** A job's result in one line of Chinese where it has one, else its fields. */
function resultText(j: ScheduledJob): string {
  if (j.lastError) return j.lastError;
  if (!j.result) return adminText.common.none;
  const w = warningOf(j);
  if (w) return w;
  if (j.kind === 'plans.checkPublished') return j.result.published ? `已按期发布${j.result.reference ? `(${String(j.result.reference)})` : ''}` : adminText.common.none;
  if (j.kind === 'cards.voidUnrenewed') return t.results.voided(Number(j.result.count ?? 0), Number(j.result.notYetExpired ?? 0));
  if (j.kind === 'cards.remindRenewal') return t.results.reminded(Number(j.result.reminded ?? 0));
  return JSON.stringify(j.result);
}

const covers = (region: string | null | undefined, of: string) => !region || of.startsWith(region.replace(/(00)+$/, ''));

/** `/admin/jobs`: the region's scheduled jobs (plan warnings first) and, per package version, the plans to publish by a deadline. */
export function JobsAndPlansPage() {
  const region = useSession().session!.actor.regionCode;
  const jobs = useQuery({ queryKey: ['scheduled-jobs'], queryFn: () => data(api.GET('/api/scheduled-jobs')) });
  const packages = useQuery({ queryKey: ['packages'], queryFn: () => data(api.GET('/api/packages')) });
  const versions = (packages.data ?? []).filter((p) => covers(region, p.regionCode));
  const plans = useQueries({
    queries: versions.map((v) => ({ queryKey: ['plans', v.hash], queryFn: () => data(api.GET('/api/packages/{hash}/plans', { params: { path: { hash: v.hash } } })) })),
  });
  const warnings = (jobs.data ?? []).filter((j) => warningOf(j));
  const withPlans = versions.map((v, n) => ({ version: v, plans: plans[n]?.data ?? [], query: plans[n] })).filter((x) => x.plans.length || x.query?.isError);

  return (
    <>
      <PageHeader title={t.title} intro={t.intro} />
      <Card title={t.warnings} size="small" style={{ marginBottom: 16 }} data-testid="plan-warnings" loading={jobs.isPending}>
        {warnings.length ? (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {warnings.map((j) => (
              <Alert key={j.key} type="error" showIcon title={warningOf(j)} description={`${j.title} · ${j.clause} · ${t.columns.dueOn} ${formatDate(j.dueOn)}`} />
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t.warningsNone}</Typography.Text>
        )}
      </Card>
      <Card title={t.jobsTitle} size="small" style={{ marginBottom: 16 }}>
        {jobs.isError ? (
          <LoadError error={jobs.error} onRetry={() => jobs.refetch()} />
        ) : (
          <Table<ScheduledJob>
            rowKey="key"
            size="small"
            data-testid="job-table"
            loading={jobs.isPending}
            dataSource={jobs.data ?? []}
            locale={{ emptyText: t.empty }}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            rowClassName={(j) => (warningOf(j) ? 'job-warning' : '')}
            columns={[
              { title: t.columns.dueOn, dataIndex: 'dueOn', width: 120, render: (v: string) => formatDate(v) },
              {
                title: t.columns.title,
                dataIndex: 'title',
                width: 320,
                render: (v: string, j) => (
                  <Space orientation="vertical" size={0}>
                    <Typography.Text>{v}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {j.packageId} · {j.clause}
                    </Typography.Text>
                  </Space>
                ),
              },
              { title: t.columns.state, dataIndex: 'state', width: 90, render: (v: string) => <Tag color={JOB_STATE_COLOR[v]}>{t.state[v] ?? v}</Tag> },
              {
                title: t.columns.result,
                key: 'result',
                render: (_: unknown, j) => {
                  const w = warningOf(j);
                  return (
                    <Typography.Paragraph type={w || j.lastError ? 'danger' : undefined} strong={!!w} ellipsis={{ rows: 2, tooltip: resultText(j) }} style={{ margin: 0 }}>
                      {resultText(j)}
                    </Typography.Paragraph>
                  );
                },
              },
              { title: t.columns.finishedAt, dataIndex: 'finishedAt', width: 150, render: (v: string | null) => formatDateTime(v) },
            ]}
          />
        )}
      </Card>
      <Typography.Title level={4}>{t.plansTitle}</Typography.Title>
      {packages.isError ? <LoadError error={packages.error} onRetry={() => packages.refetch()} /> : null}
      {!packages.isPending && !plans.some((p) => p.isPending) && !withPlans.length ? <Typography.Text type="secondary">{t.noPackages}</Typography.Text> : null}
      {withPlans.map(({ version, plans: list, query }) => (
        <PlanTable key={version.hash} version={version} plans={list} error={query?.isError ? query.error : null} />
      ))}
    </>
  );
}

function PlanTable({ version, plans, error }: { version: PackageVersion; plans: Plan[]; error: unknown }) {
  const [recording, setRecording] = useState<Plan | null>(null);
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      data-testid={`plans-${version.packageId}`}
      title={
        <Space>
          <span>{version.title}</span>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {version.packageId} · {version.hash.slice(0, 8)}
          </Typography.Text>
          {version.active ? <Tag color="green">启用中</Tag> : null}
        </Space>
      }
    >
      {error ? (
        <LoadError error={error} />
      ) : (
        <Table<Plan>
          rowKey="windowId"
          size="small"
          pagination={false}
          dataSource={plans}
          columns={[
            { title: t.planColumns.title, dataIndex: 'title' },
            { title: t.planColumns.deadline, dataIndex: 'deadline', width: 140, render: (v: string | null) => formatDate(v) },
            { title: t.planColumns.state, dataIndex: 'state', width: 120, render: (v: string) => <Tag color={PLAN_STATE_COLOR[v]} data-testid="plan-state">{t.planState[v] ?? v}</Tag> },
            { title: t.planColumns.publication, key: 'publication', render: (_: unknown, p) => (p.publication ? t.publishedAs(formatDate(p.publication.publishedOn), p.publication.reference) : adminText.common.none) },
            { title: t.planColumns.clause, dataIndex: 'clause', width: 90, render: (v: string | null) => v ?? adminText.common.none },
            {
              title: t.planColumns.actions,
              key: 'actions',
              width: 100,
              render: (_: unknown, p) => (
                <Button size="small" type={p.state === 'OVERDUE' ? 'primary' : 'default'} onClick={() => setRecording(p)} data-testid={`record-${p.windowId}`}>
                  {t.record}
                </Button>
              ),
            },
          ]}
        />
      )}
      {recording ? <RecordDialog hash={version.hash} plan={recording} onClose={() => setRecording(null)} /> : null}
    </Card>
  );
}

function RecordDialog({ hash, plan, onClose }: { hash: string; plan: Plan; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ publishedOn: Dayjs; reference: string }>();
  const [saving, setSaving] = useState(false);
  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await api.PUT('/api/packages/{hash}/plans/{windowId}/publication', { params: { path: { hash, windowId: plan.windowId } }, body: { publishedOn: v.publishedOn.format('YYYY-MM-DD'), reference: v.reference.trim() } });
      message.success(t.recorded);
      await queryClient.invalidateQueries({ queryKey: ['plans', hash] });
      onClose();
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={t.recordTitle(plan.title)} onCancel={onClose} onOk={() => void save().catch(() => undefined)} okText={adminText.common.save} confirmLoading={saving} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        data-testid="publication-form"
        initialValues={plan.publication ? { publishedOn: dayjs(plan.publication.publishedOn), reference: plan.publication.reference } : {}}
      >
        <Form.Item name="publishedOn" label={t.publishedOn} rules={[{ required: true, message: t.publishedOnRequired }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="reference" label={t.reference} rules={[{ required: true, whitespace: true, message: t.referenceRequired }]}>
          <Input maxLength={255} placeholder={t.referencePlaceholder} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
