import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Descriptions, Grid, Row, Space, Spin, Tabs, Tag } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { api, data } from '../../api/client.ts';
import { messageOf } from '../../api/ApiError.ts';
import type { TaskDetail } from '../../api/types.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../components/formatDate.ts';
import { useSession } from '../../components/SessionContext.tsx';
import { PackageForm } from '../../components/form/PackageForm.tsx';
import { useCallForm } from '../../components/form/useCallForm.ts';
import { CaseTimeline } from '../../components/timeline/CaseTimeline.tsx';
import { zh } from '../../i18n/zhCN.ts';
import { DueTag } from '../DueTag.tsx';
import { RuleTag } from '../RuleTag.tsx';
import { DecisionPanel } from './DecisionPanel.tsx';
import { MaterialsPanel } from './MaterialsPanel.tsx';
import { RuleResultPanel } from './RuleResultPanel.tsx';
import { TaskDiagram } from './TaskDiagram.tsx';
import { TransferDialog } from './TransferDialog.tsx';

const t = zh.task;
const TABS = ['request', 'form', 'materials', 'rules', 'diagram', 'timeline'] as const;
type TabKey = (typeof TABS)[number];

/** 申报表 as the applicant filled it, in the package's own form. */
function ApplicationTab({ application }: { application: NonNullable<TaskDetail['application']> }) {
  const form = useCallForm(application.packageHash, 'application');
  if (form.isError) return <LoadError error={form.error} onRetry={() => form.refetch()} />;
  if (!form.data) return <Spin />;
  return <PackageForm readOnly schema={form.data.schema as Record<string, unknown>} ui={form.data.ui as Record<string, unknown> | null} formData={application.data} />;
}

/** 申请内容: what a reviewer asked in a case they started (e.g. a city's report to the province), read-only in its own form. */
function RequestTab({ request }: { request: NonNullable<TaskDetail['request']> }) {
  return (
    <div data-testid="request-tab">
      <Descriptions size="small" column={1} style={{ marginBottom: 12 }} data-testid="request-meta">
        <Descriptions.Item label={t.requestForm}>{request.form.title}</Descriptions.Item>
        <Descriptions.Item label={t.requester}>{request.requester?.displayName ?? '—'}</Descriptions.Item>
      </Descriptions>
      <PackageForm readOnly schema={request.form.schema as Record<string, unknown>} ui={request.form.uiSchema as Record<string, unknown>} formData={request.data as Record<string, unknown>} />
    </div>
  );
}

/** The material labels of the package's form (e.g. 身份证, 学历证书), keyed by attachment kind. */
function useKindLabels(hash: string | undefined): Record<string, string> {
  const form = useCallForm(hash, 'application');
  return Object.fromEntries((form.data?.attachments ?? []).map((a) => [a.kind, a.label]));
}

/**
 * `/inbox/tasks/:id`: one task as its reviewer works it: who and what, the application read-only,
 * its scans, the rule result, the process diagram and the record, with the decision beside them.
 */
export function TaskPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const asked = TABS.includes(params.get('tab') as TabKey) ? (params.get('tab') as TabKey) : null;
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { session } = useSession();
  const me = session?.actor.id;
  const wide = Grid.useBreakpoint().lg;
  const [transferring, setTransferring] = useState(false);
  // Colleagues of the same group may claim or decide it meanwhile: always read afresh.
  const q = useQuery({ queryKey: ['task', id], staleTime: 0, queryFn: () => data(api.GET('/api/tasks/{id}', { params: { path: { id } } })) });
  const kindLabels = useKindLabels(q.data?.application?.packageHash);
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['task', id] });
    void qc.invalidateQueries({ queryKey: ['tasks'] });
  };
  const claim = useMutation({
    mutationFn: (release: boolean) => data(release ? api.POST('/api/tasks/{id}/unclaim', { params: { path: { id } } }) : api.POST('/api/tasks/{id}/claim', { params: { path: { id } } })),
    onSuccess: (_r, release) => message.success(release ? zh.inbox.released : zh.inbox.claimed),
    onError: (e) => message.error(messageOf(e)),
    onSettled: refresh,
  });

  if (q.isError) return <LoadError error={q.error} onRetry={() => q.refetch()} />;
  if (!q.data) return <Spin />;
  const detail = q.data;
  const app = detail.application;
  const open = detail.state === 'OPEN' || detail.state === 'CLAIMED';
  const mine = detail.state === 'CLAIMED' && detail.assignee === me;
  const rule = detail.ruleResult;
  // A case without an application (a unit's penalties) opens on what was found.
  const request = detail.request;
  const tab: TabKey = asked ?? (app ? 'form' : request ? 'request' : 'rules');
  const subject = app?.applicantName ?? detail.row.applicantName ?? detail.row.recommenderName ?? request?.requester?.displayName ?? '';

  // A reviewer's request has no application, materials or (unless a rule ran) rule result: those tabs would be empty.
  const requestOnly = !!request && !app;
  const allTabs = [
    ...(request ? [{ key: 'request', label: t.tabs.request, children: <RequestTab request={request} /> }] : []),
    { key: 'form', label: t.tabs.form, children: app ? <ApplicationTab application={app} /> : t.noApplication },
    { key: 'materials', label: `${t.tabs.materials}(${detail.attachments.length})`, children: app ? <MaterialsPanel applicationId={app.id} attachments={detail.attachments} kindLabels={kindLabels} /> : null },
    {
      key: 'rules',
      label: (
        <Space size={4}>
          {t.tabs.rules}
          {rule ? <RuleTag decision={rule.decision}>{rule.decisionLabel}</RuleTag> : null}
        </Space>
      ),
      children: <RuleResultPanel result={rule} />,
    },
    { key: 'diagram', label: t.tabs.diagram, children: <TaskDiagram taskId={id} /> },
    { key: 'timeline', label: t.tabs.timeline, children: <CaseTimeline entries={detail.timeline} /> },
  ];
  const tabs = requestOnly ? allTabs.filter((x) => x.key !== 'form' && x.key !== 'materials' && (x.key !== 'rules' || rule)) : allTabs;

  return (
    <>
      <PageHeader
        title={`${detail.name} · ${subject}`}
        intro={app ? `${t.number}:${app.number}` : undefined}
        extra={
          <Space wrap>
            <Button onClick={() => navigate('/inbox')}>{t.back}</Button>
            {app ? (
              <Button icon={<PrinterOutlined />} onClick={() => navigate(`/inbox/tasks/${id}/print`)} data-testid="print-open">
                {zh.print.button}
              </Button>
            ) : null}
            {open && !detail.assignee ? (
              <Button loading={claim.isPending} onClick={() => claim.mutate(false)}>
                {t.claim}
              </Button>
            ) : null}
            {mine ? (
              <Button loading={claim.isPending} onClick={() => claim.mutate(true)}>
                {t.release}
              </Button>
            ) : null}
            {open && (!detail.assignee || mine) ? (
              <Button onClick={() => setTransferring(true)} data-testid="transfer">
                {t.transfer.button}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }} data-testid="task-header">
        <Descriptions size="small" column={wide ? 3 : 1}>
          {requestOnly ? (
            <Descriptions.Item label={t.requester}>{request.requester?.displayName ?? '—'}</Descriptions.Item>
          ) : (
            <Descriptions.Item label={t.applicant}>{app?.applicantName ?? detail.row.applicantName ?? '—'}</Descriptions.Item>
          )}
          <Descriptions.Item label={t.packageTitle}>{app?.packageTitle ?? detail.row.packageTitle ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t.step}>{detail.name}</Descriptions.Item>
          <Descriptions.Item label={t.status}>{app ? <Tag data-testid="task-app-status">{app.statusLabel}</Tag> : '—'}</Descriptions.Item>
          <Descriptions.Item label={t.submittedAt}>{formatDateTime(app?.submittedAt)}</Descriptions.Item>
          <Descriptions.Item label={t.due}>
            <DueTag dueAt={detail.row.dueAt} overdue={detail.row.overdue} workingDaysLeft={detail.row.workingDaysLeft} />
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card>
            <Tabs activeKey={tab} onChange={(k) => setParams({ tab: k }, { replace: true })} items={tabs} destroyOnHidden />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <div style={wide ? { position: 'sticky', top: 16 } : undefined}>
            <DecisionPanel
              detail={detail}
              me={me}
              onDone={(label) => {
                message.success(t.decide.done(label));
                refresh();
                navigate('/inbox');
              }}
            />
          </div>
        </Col>
      </Row>
      <TransferDialog
        taskId={id}
        open={transferring}
        onClose={() => setTransferring(false)}
        onDone={(name) => {
          setTransferring(false);
          message.success(t.transfer.done(name));
          refresh();
          navigate('/inbox');
        }}
      />
    </>
  );
}
