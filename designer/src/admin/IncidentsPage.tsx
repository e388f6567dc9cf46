import { useState } from 'react';
import { Alert, App, Button, Modal, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, data } from '../api/client.ts';
import { messageOf } from '../api/ApiError.ts';
import { LoadError } from '../components/LoadError.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { formatDateTime } from '../components/formatDate.ts';
import { adminText } from './adminText.ts';
import type { IncidentRow } from './adminTypes.ts';

const t = adminText.incidents;
type RetryResult = { key: string; ok: boolean; reason: string | null; elementId?: string };

/** Retries one incident; the server's Chinese reason when it cannot work yet. */
export async function retryIncident(key: string): Promise<RetryResult> {
  try {
    await api.POST('/api/incidents/{key}/resolve', { params: { path: { key } }, body: { retries: 1 } });
    return { key, ok: true, reason: null };
  } catch (e) {
    return { key, ok: false, reason: messageOf(e) };
  }
}

/** `/admin/incidents`: the region's incidents; open one to correct its variables, or retry a selection. */
export function IncidentsPage() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [state, setState] = useState<'OPEN' | 'RESOLVED'>('OPEN');
  const [selected, setSelected] = useState<string[]>([]);
  const [retrying, setRetrying] = useState(false);
  const [results, setResults] = useState<RetryResult[] | null>(null);
  const incidents = useQuery({ queryKey: ['incidents', state], queryFn: () => data(api.GET('/api/incidents', { params: { query: { state } } })) });

  const retrySelected = async () => {
    setRetrying(true);
    try {
      const out: RetryResult[] = [];
      for (const key of selected) out.push({ ...(await retryIncident(key)), elementId: byKey.get(key)?.elementId });
      setResults(out);
      setSelected([]);
      const ok = out.filter((r) => r.ok).length;
      message.info(t.batchSummary(ok, out.length - ok));
    } finally {
      setRetrying(false);
      await queryClient.invalidateQueries({ queryKey: ['incidents'] });
    }
  };
  const byKey = new Map((incidents.data ?? []).map((i) => [i.key, i]));

  return (
    <>
      <PageHeader title={t.title} intro={t.intro} />
      <Space style={{ marginBottom: 12 }} wrap>
        <Segmented
          value={state}
          onChange={(v) => {
            setState(v as 'OPEN' | 'RESOLVED');
            setSelected([]);
          }}
          options={[
            { label: t.stateOpen, value: 'OPEN' },
            { label: t.stateResolved, value: 'RESOLVED' },
          ]}
          data-testid="incident-state"
        />
        {state === 'OPEN' ? (
          <Button type="primary" disabled={!selected.length} loading={retrying} onClick={() => void retrySelected()} data-testid="retry-selected">
            {t.retrySelected(selected.length)}
          </Button>
        ) : null}
        <Typography.Text type="secondary">{t.total(incidents.data?.length ?? 0)}</Typography.Text>
      </Space>
      {incidents.isError ? (
        <LoadError error={incidents.error} onRetry={() => incidents.refetch()} />
      ) : (
        <Table<IncidentRow>
          rowKey="key"
          size="middle"
          data-testid="incident-table"
          loading={incidents.isPending}
          dataSource={incidents.data ?? []}
          locale={{ emptyText: t.empty }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          rowSelection={state === 'OPEN' ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) } : undefined}
          columns={[
            { title: t.columns.createdAt, dataIndex: 'createdAt', width: 110, render: (v: string) => formatDateTime(v) },
            { title: t.columns.element, dataIndex: 'elementId', width: 160, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
            {
              title: t.columns.error,
              dataIndex: 'message',
              render: (v: string, r) => (
                <Space orientation="vertical" size={0}>
                  <Tag color="red">{r.errorType}</Tag>
                  <Typography.Paragraph ellipsis={{ rows: 2, tooltip: v }} style={{ margin: 0 }}>
                    {v}
                  </Typography.Paragraph>
                </Space>
              ),
            },
            { title: t.columns.attempts, dataIndex: 'attempts', width: 80, align: 'center' },
            { title: t.columns.application, dataIndex: 'applicationId', width: 100, render: (v: string | null) => (v ? <Typography.Text copyable={{ text: v }}>{v.slice(0, 8)}</Typography.Text> : adminText.common.none) },
            { title: t.columns.package, dataIndex: 'packageId', width: 170, render: (v: string | null, r) => (v ? <Typography.Text title={r.packageHash ?? undefined}>{v}</Typography.Text> : adminText.common.none) },
            { title: t.columns.region, dataIndex: 'regionCode', width: 76, render: (v: string | null) => v ?? adminText.common.none },
            {
              title: t.columns.actions,
              key: 'actions',
              width: 64,
              render: (_: unknown, r) => <Link to={`/admin/incidents/${r.key}`} data-testid={`open-incident-${r.key}`}>{adminText.common.open}</Link>,
            },
          ]}
        />
      )}
      <Modal open={!!results} title={t.batchTitle} onCancel={() => setResults(null)} footer={<Button type="primary" onClick={() => setResults(null)}>{adminText.common.close}</Button>} destroyOnHidden>
        <div data-testid="retry-results">
          {(results ?? []).map((r) => (
            <Alert
              key={r.key}
              style={{ marginBottom: 8 }}
              type={r.ok ? 'success' : 'warning'}
              showIcon
              title={`${r.elementId ?? r.key}:${r.ok ? t.retried : t.notRetried}`}
              description={r.reason ?? undefined}
            />
          ))}
        </div>
      </Modal>
    </>
  );
}
