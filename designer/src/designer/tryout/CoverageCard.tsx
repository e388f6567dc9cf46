import { useMemo } from 'react';
import { Alert, Button, Card, Space, Spin, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, data } from '../../api/client.ts';
import { messageOf } from '../../api/ApiError.ts';
import { dt } from '../designerText.ts';
import { PathDiagram, PathLegend } from './PathDiagram.tsx';
import { coverageMarks } from './tryoutModel.ts';
import type { CoverageReport } from './tryoutTypes.ts';

const t = dt.tryout;

/** The draft's coverage map: every process scenario run, and the elements and flows none of them reaches. */
export function CoverageCard({ draftId, scenarios, readXml }: { draftId: string; scenarios: string[]; readXml(file: string): Promise<string> }) {
  const scenarioCount = scenarios.length;
  const run = useMutation({ mutationFn: () => data(api.POST('/api/drafts/{id}/tryout-coverage', { params: { path: { id: draftId } }, body: { scenarioFiles: scenarios } })) });
  return (
    <Card
      size="small"
      title={t.coverage}
      extra={
        <Button onClick={() => run.mutate()} loading={run.isPending} disabled={scenarioCount === 0} data-testid="coverage-run">
          {t.coverageRun}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t.coverageIntro}</Typography.Paragraph>
      {run.isPending ? <Spin tip={t.coverageRunning(scenarioCount)}><div style={{ height: 60 }} /></Spin> : null}
      {run.isError ? <Alert type="error" showIcon title={messageOf(run.error)} /> : null}
      {run.data ? <CoverageView report={run.data} readXml={readXml} /> : null}
    </Card>
  );
}

/** A coverage report: the summary, each scenario's result, the main diagram with what no scenario reaches. */
export function CoverageView({ report, readXml, showDiagram = true }: { report: CoverageReport; readXml(file: string): Promise<string>; showDiagram?: boolean }) {
  const main = report.diagrams[0];
  const xml = useQuery({ queryKey: ['coverage-xml', main?.file, report], enabled: !!main && showDiagram, staleTime: Infinity, queryFn: () => readXml(main!.file) });
  const marks = useMemo(() => (main ? coverageMarks(report, main.file) : {}), [report, main]);
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="coverage-result">
      {main ? (
        <Space wrap>
          <Typography.Text strong data-testid="coverage-summary">
            {t.coverageSummary(main.uncoveredElementIds.length, main.elementCount, main.uncoveredFlowIds.length, main.flowCount)}
          </Typography.Text>
          {main.uncoveredElementIds.length ? <Tag color="red">{t.uncovered(main.uncoveredElementIds.length)}</Tag> : null}
        </Space>
      ) : null}
      <Table
        size="small"
        rowKey="file"
        pagination={false}
        data-testid="coverage-scenarios"
        dataSource={report.scenarios}
        columns={[
          { title: t.scenarioColumns.file, dataIndex: 'file', width: 260, render: (f: string) => <Typography.Text code>{f}</Typography.Text> },
          { title: t.scenarioColumns.name, dataIndex: 'name' },
          { title: t.scenarioColumns.status, dataIndex: 'statusLabel', width: 140 },
          {
            title: t.scenarioColumns.result,
            width: 100,
            render: (_, s) => (s.error && s.status === 'ERROR' ? <Tag color="red">{t.cannotRun}</Tag> : s.matched === false ? <Tag color="red" title={s.mismatches.join(';')}>{t.failed}</Tag> : <Tag color="green">{t.ok}</Tag>),
          },
        ]}
      />
      {main && showDiagram ? (
        <Card size="small" title={t.diagramFile(main.file)} extra={<PathLegend kinds={['visited', 'uncovered']} />}>
          {xml.data ? <PathDiagram xml={xml.data} marks={marks} testId="coverage-diagram" /> : <Spin />}
        </Card>
      ) : null}
    </Space>
  );
}
