import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { PrinterOutlined } from '@ant-design/icons';
import { zh } from '../i18n/zhCN.ts';
import { Alert, App, Button, Card, Descriptions, Grid, Modal, Popconfirm, Space, Spin, Steps, Tag, Typography } from 'antd';
import type { StepsProps } from 'antd';
import { api, data } from '../api/client.ts';
import { messageOf } from '../api/ApiError.ts';
import { LoadError } from '../components/LoadError.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { formatDate, formatDateTime } from '../components/formatDate.ts';
import { CaseTimeline, entryLabel, roleLabel } from '../components/timeline/CaseTimeline.tsx';
import { useCallForm } from '../components/form/useCallForm.ts';
import { PackageForm } from '../components/form/PackageForm.tsx';
import type { Application, ApplicationStatus, TimelineEntry } from './portalTypes.ts';
import { portalText as t } from './portalText.ts';
import { statusColor } from '../components/statusColor.ts';

type StepItem = NonNullable<StepsProps['items']>[number];
type Detail = { name?: string; task?: string; decision?: string; decisionLabel?: string; opinion?: string };
const detailOf = (e: TimelineEntry) => (e.detail ?? {}) as Detail;

type OpenStep = ApplicationStatus['currentSteps'][number];

/** The step the case waits at: since when, and its deadline in working days (暂定 while the year's holidays are unpublished). */
function CurrentStep({ since, due }: { since: string; due: OpenStep | undefined }) {
  return (
    <div data-testid="step-current">
      <div>{`${t.stepInProgress} · ${formatDateTime(since)}`}</div>
      {due?.dueAt ? (
        <div data-testid="step-due">
          {`${t.dueBy(formatDate(due.dueAt))}`}
          {due.overdue ? <Tag color="red" style={{ marginInlineStart: 6 }}>{t.overdue}</Tag> : due.workingDaysLeft !== null ? <Tag style={{ marginInlineStart: 6 }}>{t.daysLeft(due.workingDaysLeft)}</Tag> : null}
          {due.provisional ? <Tag color="gold" title={t.provisionalHint}>{t.provisional}</Tag> : null}
        </div>
      ) : null}
    </div>
  );
}

/**
 * The steps so far: 提交, then every review step the process opened (单位初审, 市(州)审核, 省复核 …)
 * with its decision, opinion, who and when; the step still open is the current one.
 */
function stepsOf(status: ApplicationStatus): StepItem[] {
  const entries = status.timeline;
  const submitted = entries.find((e) => e.action === 'application.submitted');
  const items: StepItem[] = [
    {
      title: t.stepSubmit,
      status: submitted ? 'finish' : 'process',
      content: submitted ? formatDateTime(submitted.at) : t.stepPending,
    },
  ];
  entries.forEach((e, i) => {
    if (e.action !== 'task.created') return;
    const name = detailOf(e).name ?? '';
    const later = entries.slice(i + 1);
    const done = later.find((c) => c.action === 'task.completed' && detailOf(c).task === name);
    if (!done) {
      // A step the applicant finishes (补正) ends with the resubmission; any step ends when a later one begins.
      const next = later.find((c) => c.action === 'application.resubmitted' || c.action === 'task.created');
      items.push(
        next
          ? { title: name, status: 'finish', content: `${next.action === 'application.resubmitted' ? entryLabel(next) : t.stepDone} · ${formatDateTime(next.at)}` }
          : { title: name, status: 'process', content: <CurrentStep since={e.at} due={status.currentSteps.find((s) => s.name === name)} /> },
      );
      return;
    }
    const d = detailOf(done);
    items.push({
      title: name,
      status: d.decision === 'reject' ? 'error' : 'finish',
      content: (
        <div data-testid="step-decision">
          <div>
            <Tag color={d.decision === 'approve' ? 'green' : d.decision === 'return' ? 'orange' : 'red'}>{d.decisionLabel ?? d.decision}</Tag>
            <Typography.Text type="secondary">{`${roleLabel(done.actorRole)} · ${formatDateTime(done.at)}`}</Typography.Text>
          </div>
          {d.opinion ? <div data-testid="step-opinion">{`${t.opinion}:${d.opinion}`}</div> : null}
        </div>
      ),
    });
  });
  return items;
}

function ActionButton({ application, action, onDone }: { application: Application; action: Application['actions'][number]; onDone: () => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [formData, setFormData] = useState<Record<string, unknown>>({});
  const form = useCallForm(open ? application.packageHash : undefined, action.form);
  const schema = (form.data?.schema ?? {}) as Record<string, unknown>;
  const send = async (d: Record<string, unknown>) => {
    try {
      await api.POST('/api/applications/{id}/actions/{actionId}', { params: { path: { id: application.id, actionId: action.id } }, body: { data: d } });
      message.success(t.actionDone(action.title));
      setOpen(false);
      onDone();
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  return (
    <>
      <Button onClick={() => setOpen(true)}>{action.title}</Button>
      <Modal open={open} title={action.title} footer={null} onCancel={() => setOpen(false)} destroyOnHidden>
        {form.data ? (
          <>
            {typeof schema.description === 'string' ? <Typography.Paragraph type="secondary">{schema.description}</Typography.Paragraph> : null}
            <PackageForm schema={schema} ui={form.data.ui as Record<string, unknown> | null} formData={formData} submitText={t.ok} onChange={setFormData} onSubmit={(d) => void send(d)} />
          </>
        ) : (
          <Spin />
        )}
      </Modal>
    </>
  );
}

/** `/portal/applications/:id`: where the application stands, why, and what the applicant can do now. */
export function CasePage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const narrow = !Grid.useBreakpoint().md;
  // The case moves on without the applicant (reviews, timers): always read afresh.
  const status = useQuery({ queryKey: ['application-status', id], staleTime: 0, queryFn: () => data(api.GET('/api/applications/{id}/status', { params: { path: { id } } })) });
  if (status.isError) return <LoadError error={status.error} onRetry={() => status.refetch()} />;
  if (!status.data) return <Spin />;
  const { application, reasons, timeline } = status.data;
  const steps = stepsOf(status.data);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['application-status', id] });
    void queryClient.invalidateQueries({ queryKey: ['application', id] });
    void queryClient.invalidateQueries({ queryKey: ['my-applications'] });
  };
  const withdraw = async () => {
    try {
      await api.POST('/api/applications/{id}/withdraw', { params: { path: { id } } });
      message.success(t.withdrawn);
      refresh();
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  const reviewed = timeline.some((e) => e.action === 'task.completed');
  const mayWithdraw = ['SUBMITTED', 'IN_REVIEW'].includes(application.status) && !reviewed;
  const returned = application.status === 'RETURNED';
  const lastReturn = [...timeline].reverse().find((e) => e.action === 'task.completed' && detailOf(e).decision === 'return');

  return (
    <>
      <PageHeader title={t.caseTitle} intro={`${t.applicationNo}:${application.id}`} />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {returned && lastReturn ? (
          <Alert
            type="warning"
            showIcon
            data-testid="return-opinion"
            title={`${detailOf(lastReturn).task ?? ''}退回补正`}
            description={`${t.opinion}:${detailOf(lastReturn).opinion ?? ''}(${roleLabel(lastReturn.actorRole)},${formatDateTime(lastReturn.at)})`}
          />
        ) : null}
        <Card>
          <Descriptions column={narrow ? 1 : 2} size="small">
            <Descriptions.Item label={t.status}>
              <Tag color={statusColor(application.status)} data-testid="case-status">
                {application.statusLabel}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t.submittedAt}>{formatDateTime(application.submittedAt)}</Descriptions.Item>
          </Descriptions>
          <Space wrap style={{ marginTop: 12 }}>
            {application.status === 'DRAFT' ? (
              <Button type="primary" onClick={() => navigate(`/portal/applications/${id}/form`)}>
                {t.editDraft}
              </Button>
            ) : null}
            {returned ? (
              <Button type="primary" onClick={() => navigate(`/portal/applications/${id}/form`)}>
                {t.correct}
              </Button>
            ) : null}
            {mayWithdraw ? (
              <Popconfirm title={t.withdrawConfirm} okText={t.ok} cancelText={t.cancel} onConfirm={withdraw}>
                <Button danger>{t.withdraw}</Button>
              </Popconfirm>
            ) : null}
            <Button icon={<PrinterOutlined />} onClick={() => navigate(`/portal/applications/${id}/print`)} data-testid="print-open">
              {zh.print.button}
            </Button>
            {application.actions.map((a) => (
              <ActionButton key={a.id} application={application} action={a} onDone={refresh} />
            ))}
          </Space>
        </Card>
        <Card title={t.steps} data-testid="case-steps">
          {/* Side by side while they fit; a phone, or a long way (单位 → 市(州) → 省 …), lists them downwards. */}
          <Steps orientation={narrow || steps.length > 4 ? 'vertical' : 'horizontal'} size="small" items={steps} />
        </Card>
        {reasons.length ? (
          <Card title={t.reasons} data-testid="case-reasons">
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {reasons.map((r, i) => (
                <li key={i}>
                  <span>{r.message}</span>
                  {r.clause ? <Tag style={{ marginInlineStart: 8 }}>{`${t.clause} ${r.clause}`}</Tag> : null}
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
        <Card title={t.timeline} data-testid="case-timeline">
          <CaseTimeline entries={timeline} />
        </Card>
      </Space>
    </>
  );
}
