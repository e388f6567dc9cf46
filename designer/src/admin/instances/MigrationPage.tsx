import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { Link } from 'react-router';
import { api, data } from '../../api/client.ts';
import { messageOf } from '../../api/ApiError.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { instancesText } from './instancesText.ts';
import { useVersions, VersionSelect } from './VersionSelect.tsx';

const t = instancesText.migration;
type Report = Awaited<ReturnType<typeof check>>;
type Body = { fromHash: string; toHash: string; mappings: Record<string, string>; applicationIds?: string[] };

function check(body: Body) {
  return data(api.POST('/api/admin/instance-migrations/check', { body }));
}

/**
 * `/admin/migrations?from=&to=`: move waiting instances to another version of the same procedure.
 * 检查 lists where each instance waits; the admin maps those steps to the target's; the report says
 * per instance whether it can move; 迁移 moves those that can and reports each.
 */
export function MigrationPage() {
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const versions = useVersions();
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const source = versions.data?.find((v) => v.hash === from);
  const [mappings, setMappings] = useState<Record<string, string>>({});
  const [report, setReport] = useState<Report | null>(null);
  const [results, setResults] = useState<Report | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const choose = (key: 'from' | 'to', hash: string) => {
    setParams({ ...Object.fromEntries(params), [key]: hash, ...(key === 'from' ? { to: '' } : {}) });
    setReport(null);
    setResults(null);
    setMappings({});
  };
  const run = async (m: Record<string, string>) => {
    if (!from || !to) return;
    setBusy(true);
    setError(null);
    setResults(null);
    try {
      setReport(await check({ fromHash: from, toHash: to, mappings: m }));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const execute = async () => {
    if (!from || !to || !report) return;
    setBusy(true);
    try {
      const ids = report.items.filter((i) => i.ok).map((i) => i.applicationId);
      const out = await data(api.POST('/api/admin/instance-migrations', { body: { fromHash: from, toHash: to, mappings, applicationIds: ids } }));
      setResults(out);
      setReport(null);
      message.success(t.done(out.migrated ?? 0, out.failed ?? 0));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  // The steps instances wait at, each once, with the target chosen (explicitly, or the same id).
  const waitingSteps = report
    ? [...new Map(report.items.flatMap((i) => i.waiting).map((w) => [w.sourceElementId, w])).values()]
    : [];
  const targetOptions = (report?.targetElements ?? []).map((e) => ({ value: e.id, label: `${e.name}(${e.id})` }));
  const shown = results ?? report;

  return (
    <>
      <PageHeader title={t.title} intro={t.intro} />
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Text>{t.from}</Typography.Text>
        <VersionSelect value={from} onChange={(h) => choose('from', h)} testId="migration-from" />
        <Typography.Text>{t.to}</Typography.Text>
        <VersionSelect
          value={to || undefined}
          onChange={(h) => choose('to', h)}
          testId="migration-to"
          filter={(v) => !!source && v.hash !== source.hash && v.procedure === source.procedure && v.regionCode === source.regionCode}
        />
        <Button type="primary" disabled={!from || !to} loading={busy && !report} onClick={() => void run(mappings)} data-testid="migration-check">
          {t.check}
        </Button>
      </Space>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="migration-error" /> : null}
      {report && waitingSteps.length ? (
        <Card size="small" title={t.mapping} style={{ marginBottom: 12 }} data-testid="migration-mapping">
          <Typography.Paragraph type="secondary">{t.mappingIntro}</Typography.Paragraph>
          <Table
            rowKey="sourceElementId"
            size="small"
            pagination={false}
            dataSource={waitingSteps}
            columns={[
              { title: t.source, key: 'source', render: (_: unknown, w) => `${w.sourceName}(${w.sourceElementId})` },
              {
                title: t.target,
                key: 'target',
                render: (_: unknown, w) => (
                  <Select
                    style={{ width: 360 }}
                    showSearch={{ optionFilterProp: 'label' }}
                    allowClear
                    placeholder={t.unmapped}
                    value={mappings[w.sourceElementId] ?? w.targetElementId ?? undefined}
                    onChange={(v) => setMappings((m) => (v ? { ...m, [w.sourceElementId]: v } : Object.fromEntries(Object.entries(m).filter(([k]) => k !== w.sourceElementId))))}
                    options={targetOptions}
                    data-testid={`map-${w.sourceElementId}`}
                  />
                ),
              },
            ]}
          />
          <Button style={{ marginTop: 8 }} loading={busy} onClick={() => void run(mappings)} data-testid="migration-recheck">
            {t.recheck}
          </Button>
        </Card>
      ) : null}
      {shown ? (
        <Card
          size="small"
          title={results ? t.results : t.report}
          extra={
            results ? (
              <Typography.Text data-testid="migration-summary">{t.done(results.migrated ?? 0, results.failed ?? 0)}</Typography.Text>
            ) : (
              <Space>
                <Typography.Text data-testid="migration-summary">{t.ready(report!.ready, report!.blocked)}</Typography.Text>
                <Popconfirm title={t.executeConfirm(report!.ready)} onConfirm={() => void execute()} okText="迁移" cancelText="取消">
                  <Button type="primary" danger disabled={!report!.ready} loading={busy} data-testid="migration-execute">
                    {t.execute(report!.ready)}
                  </Button>
                </Popconfirm>
              </Space>
            )
          }
        >
          {shown.items.length ? (
            <Table
              rowKey="applicationId"
              size="small"
              data-testid="migration-report"
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              dataSource={shown.items}
              columns={[
                { title: t.columns.number, dataIndex: 'applicationId', width: 110, render: (v: string) => <Link to={`/admin/instances/${v}`}>{v.slice(0, 8)}</Link> },
                { title: t.columns.applicant, dataIndex: 'applicantName', width: 110, render: (v: string | null) => v ?? instancesText.none },
                { title: t.columns.waiting, key: 'waiting', render: (_: unknown, i) => i.waiting.map((w) => `${w.sourceName} → ${w.targetName ?? t.unmapped}`).join(';') || instancesText.none },
                { title: t.columns.result, key: 'result', width: 100, render: (_: unknown, i) => <Tag color={i.ok ? 'green' : 'red'}>{i.result ?? (i.ok ? t.ok : t.blocked)}</Tag> },
                { title: t.columns.problems, key: 'problems', render: (_: unknown, i) => (i.problems.length ? i.problems.join(';') : instancesText.none) },
              ]}
            />
          ) : (
            <Empty description={t.none} />
          )}
        </Card>
      ) : null}
    </>
  );
}
