import { Alert, Button, Card, Space, Spin, Table, Tag, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { api, data } from '../../api/client.ts';
import { messageOf } from '../../api/ApiError.ts';
import { dt } from '../designerText.ts';
import type { ReplayReport } from '../tryout/tryoutTypes.ts';

const t = dt.replay;
const DECISION_COLOR: Record<string, string> = { ELIGIBLE: 'green', INELIGIBLE: 'red', REFER: 'gold' };

/**
 * The replay of past applicants under the newer version (POST /api/package-replays): who changes
 * outcome and why, by city. Run on request — it reads every stored application of the older version.
 */
export function ReplayCard({ fromHash, toHash, onReport }: { fromHash: string; toHash: string; onReport?(r: ReplayReport): void }) {
  const run = useMutation({
    mutationFn: () => data(api.POST('/api/package-replays', { body: { fromHash, toHash } })),
    onSuccess: (r) => onReport?.(r),
  });
  return (
    <Card
      size="small"
      title={t.title}
      data-testid="replay-card"
      extra={
        <Button onClick={() => run.mutate()} loading={run.isPending} data-testid="replay-run">
          {t.run}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t.intro}</Typography.Paragraph>
      {run.isPending ? <Spin tip={t.running}><div style={{ height: 40 }} /></Spin> : null}
      {run.isError ? <Alert type="error" showIcon title={messageOf(run.error)} /> : null}
      {run.data ? <ReplayView report={run.data} /> : null}
    </Card>
  );
}

export function ReplayView({ report }: { report: ReplayReport }) {
  const changed = report.changed.length;
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="replay-result">
      <Space wrap>
        <Typography.Text strong data-testid="replay-summary">
          {changed ? t.summary(report.total, changed) : t.none(report.total)}
        </Typography.Text>
        {Object.entries(report.transitions).map(([k, n]) => (
          <Tag key={k} color="orange">{`${t.transition(k)}:${n}`}</Tag>
        ))}
      </Space>
      {report.byCity.length ? (
        <Table
          size="small"
          rowKey={(c) => c.cityCode ?? '-'}
          pagination={false}
          title={() => t.byCity}
          data-testid="replay-by-city"
          dataSource={report.byCity}
          columns={[
            { title: t.cityColumns.city, dataIndex: 'cityCode', width: 120, render: (c: string | null) => c ?? t.unknownCity },
            { title: t.cityColumns.total, dataIndex: 'total', width: 90 },
            { title: t.cityColumns.changed, dataIndex: 'changed', width: 100, render: (n: number) => (n ? <Typography.Text type="danger">{n}</Typography.Text> : 0) },
            { title: t.cityColumns.transitions, render: (_, c) => Object.entries(c.transitions).map(([k, n]) => <Tag key={k}>{`${t.transition(k)}:${n}`}</Tag>) },
          ]}
        />
      ) : null}
      {changed ? (
        <Table
          size="small"
          rowKey="applicationId"
          data-testid="replay-changed"
          pagination={{ pageSize: 10, showSizeChanger: false }}
          dataSource={report.changed}
          columns={[
            { title: t.columns.name, dataIndex: 'applicantName', width: 100 },
            { title: t.columns.id, dataIndex: 'idNumber', width: 170 },
            { title: t.columns.city, dataIndex: 'cityCode', width: 90 },
            {
              title: t.columns.change,
              width: 170,
              render: (_, c) => (
                <Space size={4}>
                  <Tag color={DECISION_COLOR[c.before]}>{t.decisions[c.before]}</Tag>→<Tag color={DECISION_COLOR[c.after]}>{t.decisions[c.after]}</Tag>
                </Space>
              ),
            },
            {
              title: t.columns.reasons,
              render: (_, c) => (
                <div>
                  {c.reasons.map((r) => (
                    <div key={r.rule}>
                      <Tag bordered={false}>{r.clause}</Tag>
                      {r.message}
                    </div>
                  ))}
                  {c.formProblems.length ? <Typography.Text type="secondary">{t.formProblems(c.formProblems.length)}</Typography.Text> : null}
                </div>
              ),
            },
          ]}
        />
      ) : null}
    </Space>
  );
}
