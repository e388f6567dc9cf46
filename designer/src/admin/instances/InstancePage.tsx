import { lazy, Suspense, useMemo } from 'react';
import { Card, Col, Descriptions, Row, Space, Spin, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api, data } from '../../api/client.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { CaseTimeline } from '../../components/timeline/CaseTimeline.tsx';
import { instancesText } from './instancesText.ts';
import { VariableValue } from './VariableValue.tsx';

const t = instancesText.instance;
// bpmn-js loads with the diagram, not with the admin pages.
const ProcessDiagram = lazy(() => import('../../components/diagram/ProcessDiagram.tsx').then((m) => ({ default: m.ProcessDiagram })));

/** `/admin/instances/:id`: one instance — where it stands, its diagram with the path taken, its variables (masked), its timeline. */
export function InstancePage() {
  const { id = '' } = useParams();
  const detail = useQuery({ queryKey: ['admin-instance', id], queryFn: () => data(api.GET('/api/admin/instances/{id}', { params: { path: { id } } })) });
  const d = detail.data;
  const marks = useMemo(() => (d ? { done: d.diagram.completedElementIds, flows: d.diagram.takenFlowIds, current: d.diagram.currentElementIds } : null), [d]);
  const variables = useMemo(() => (d ? Object.entries(d.variables).map(([name, value]) => ({ name, value })) : []), [d]);

  if (detail.isError) return <LoadError error={detail.error} onRetry={() => detail.refetch()} />;
  if (!d || !marks) return <Spin />;
  return (
    <>
      <PageHeader title={t.title(d.number.slice(0, 8))} extra={<Link to={`/admin/instances?package=${d.packageHash}`}>{t.back}</Link>} />
      <Descriptions size="small" bordered column={3} data-testid="instance-facts" style={{ marginBottom: 16 }} styles={{ label: { whiteSpace: "nowrap" }, content: { wordBreak: "keep-all" } }}>
        <Descriptions.Item label={t.facts.number}>
          <Typography.Text copyable>{d.number}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t.facts.applicant}>{d.applicantName ?? instancesText.none}</Descriptions.Item>
        <Descriptions.Item label={t.facts.idNumber}>{d.idNumberMasked ?? instancesText.none}</Descriptions.Item>
        <Descriptions.Item label={t.facts.region}>{d.cityCode ?? instancesText.none}</Descriptions.Item>
        <Descriptions.Item label={t.facts.version}>
          <span title={d.packageHash}>{d.packageTitle} · {d.packageHash.slice(0, 8)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t.facts.status}>
          <Tag>{d.statusLabel}</Tag>
          <Tag color={d.engineStatus === 'ACTIVE' ? 'processing' : 'default'}>{t.engine[d.engineStatus] ?? d.engineStatus}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t.facts.steps} span={3}>
          <span data-testid="instance-steps">
            {d.steps.length ? d.steps.map((s) => `${s.name}(${instancesText.instances.waited(s.workingDaysWaited)}${s.overdue ? `,${instancesText.instances.overdue}` : ''})`).join('、') : instancesText.none}
          </span>
        </Descriptions.Item>
      </Descriptions>
      <Card size="small" title={t.diagram} style={{ marginBottom: 16 }} data-testid="instance-diagram">
        <Suspense fallback={<Spin />}>
          <ProcessDiagram xml={d.diagram.xml} marks={marks} height={440} />
        </Suspense>
      </Card>
      <Row gutter={16}>
        <Col span={14}>
        <Card size="small" title={<Space>{t.variables}<Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 12 }}>{t.maskedNote}</Typography.Text></Space>}>
          <Table
            rowKey="name"
            size="small"
            data-testid="variable-table"
            pagination={false}
            dataSource={variables}
            scroll={{ y: 420 }}
            columns={[
              { title: t.variableName, dataIndex: "name", width: 210, render: (v: string) => <Space size={4}><Typography.Text code>{v}</Typography.Text>{d.maskedVariables.includes(v) ? <Tag color="gold">{t.masked}</Tag> : null}</Space> },
              { title: t.variableValue, dataIndex: 'value', render: (v: unknown, row: { name: string }) => <VariableValue value={v} name={row.name} /> },
            ]}
          />
        </Card>
        </Col>
        <Col span={10}>
        <Card size="small" title={t.timeline} data-testid="instance-timeline">
          <CaseTimeline entries={d.timeline} />
        </Card>
        </Col>
      </Row>
    </>
  );
}
