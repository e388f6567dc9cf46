import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Space, Spin, Table, Tag, Typography } from 'antd';
import { dt } from '../designerText.ts';
import { PathDiagram, PathLegend } from './PathDiagram.tsx';
import { pathMarks } from './tryoutModel.ts';
import type { TryoutResult, TryoutStep } from './tryoutTypes.ts';
import { useMemo } from 'react';

const t = dt.tryout;

/** One try-out's result: the path on the diagram, each step with its decision, the rule checks with their reasons. */
export function TryoutResultView({ result, readXml }: { result: TryoutResult; readXml(file: string): Promise<string> }) {
  const file = result.diagram.file;
  const xml = useQuery({ queryKey: ['tryout-xml', file, result.startedAt], enabled: !!file, staleTime: Infinity, queryFn: () => readXml(file!) });
  const marks = useMemo(() => pathMarks(result), [result]);
  const checks = (result.eligibility?.checks as Array<{ rule?: string; clause: string; outcome: string; message: string; title?: string }> | undefined) ?? [];
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="tryout-result">
      <Descriptions size="small" bordered column={2}>
        <Descriptions.Item label={t.scenario}>{result.scenario.name}</Descriptions.Item>
        <Descriptions.Item label={t.status}>
          <Space size={6}>
            <Tag color="blue" data-testid="tryout-status">
              {result.statusLabel}
            </Tag>
            {result.matched === null ? <Tag>{t.noExpectation}</Tag> : result.matched ? <Tag color="green">{t.matched}</Tag> : <Tag color="red">{t.mismatched}</Tag>}
          </Space>
        </Descriptions.Item>
        {result.reason ? (
          <Descriptions.Item label={t.reason} span={2}>
            {t.outcomes[result.reason] ?? result.reason}
          </Descriptions.Item>
        ) : null}
        {result.waitingAt.length ? (
          <Descriptions.Item label={t.waiting} span={2}>
            {result.waitingAt.map((w) => w.name ?? w.elementId).join('、')}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      {result.error ? <Alert type="error" showIcon title={result.error} /> : null}
      {result.mismatches.length ? <Alert type="warning" showIcon title={t.mismatches} description={<ul style={{ margin: 0 }}>{result.mismatches.map((m) => <li key={m}>{m}</li>)}</ul>} /> : null}
      <Card size="small" title={file ? t.diagramFile(file) : t.noDiagram} extra={<PathLegend kinds={['visited', 'end', 'waiting']} />}>
        {file ? xml.data ? <PathDiagram xml={xml.data} marks={marks} testId="tryout-diagram" /> : <Spin /> : null}
      </Card>
      <Card size="small" title={t.steps}>
        <Table<TryoutStep>
          size="small"
          rowKey="index"
          pagination={false}
          data-testid="tryout-steps"
          dataSource={result.steps}
          columns={[
            { title: t.stepColumns.index, width: 60, render: (_, s) => s.index + 1 },
            { title: t.stepColumns.at, dataIndex: 'at', width: 110 },
            { title: t.stepColumns.what, render: (_, s) => s.note ?? stepText(s.step) },
            { title: t.stepColumns.result, width: 90, render: (_, s) => (s.ok ? <Tag color="green">{t.stepOk}</Tag> : <Tag color="red">{t.stepFailed}</Tag>) },
          ]}
        />
      </Card>
      {checks.length ? (
        <Card size="small" title={t.checks}>
          <Table
            size="small"
            rowKey={(c) => `${c.rule ?? ''}:${c.clause}:${c.message}`}
            pagination={false}
            data-testid="tryout-checks"
            dataSource={checks}
            columns={[
              { title: t.checkColumns.clause, dataIndex: 'clause', width: 110, render: (c: string) => <Typography.Text code>{c}</Typography.Text> },
              { title: t.checkColumns.outcome, dataIndex: 'outcome', width: 90, render: (o: string) => <Tag color={o === 'PASS' ? 'green' : o === 'REFER' ? 'gold' : 'red'}>{t.outcomes[o] ?? o}</Tag> },
              { title: t.checkColumns.message, dataIndex: 'message' },
            ]}
          />
        </Card>
      ) : null}
    </Space>
  );
}

/** A step the run did not describe (an expectation step): what it asked for, in words. */
function stepText(step: Record<string, unknown>): string {
  if (step.expectStatus) return `等待状态 ${String(step.expectStatus)}`;
  if (Array.isArray(step.expectWaitingAt)) return `等待环节 ${step.expectWaitingAt.join('、')}`;
  return Object.keys(step).join('、');
}
