import { AutoComplete, Alert, Button, Card, DatePicker, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useSearchParams } from 'react-router';
import { api, data } from '../api/client.ts';
import { LoadError } from '../components/LoadError.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { formatDateTime } from '../components/formatDate.ts';
import { zh } from '../i18n/zhCN.ts';
import { adminText } from './adminText.ts';
import type { AuditEntry } from './adminTypes.ts';

const t = adminText.audit;
const PAGE = 50;

interface Filters {
  applicationId?: string;
  actorUsername?: string;
  action?: string;
  from?: string;
  to?: string;
}
const FILTER_KEYS = ['applicationId', 'actorUsername', 'action', 'from', 'to'] as const;

/** `/admin/audit`: the region's audit trail filtered by application, actor, action and time (in the URL), and the hash chain's verification. */
export function AuditPage() {
  const [params, setParams] = useSearchParams();
  const filters: Filters = Object.fromEntries(FILTER_KEYS.flatMap((k) => (params.get(k) ? [[k, params.get(k)!]] : [])));
  const [form] = Form.useForm<{ applicationId?: string; actorUsername?: string; action?: string; range?: [Dayjs | null, Dayjs | null] | null }>();
  const log = useInfiniteQuery({
    queryKey: ['audit', filters],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) => data(api.GET('/api/audit', { params: { query: { ...filters, limit: PAGE, ...(pageParam !== undefined ? { afterId: pageParam } : {}) } } })),
    getNextPageParam: (last) => last.nextAfterId ?? undefined,
  });
  const items = log.data?.pages.flatMap((p) => p.items) ?? [];

  const search = (v: { applicationId?: string; actorUsername?: string; action?: string; range?: [Dayjs | null, Dayjs | null] | null }) => {
    const next: Record<string, string> = {};
    if (v.applicationId?.trim()) next.applicationId = v.applicationId.trim();
    if (v.actorUsername?.trim()) next.actorUsername = v.actorUsername.trim();
    if (v.action?.trim()) next.action = v.action.trim();
    if (v.range?.[0]) next.from = v.range[0].startOf('day').toISOString();
    if (v.range?.[1]) next.to = v.range[1].add(1, 'day').startOf('day').toISOString();
    setParams(next);
  };

  return (
    <>
      <PageHeader title={t.title} intro={t.intro} />
      <ChainCard />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form
          form={form}
          layout="inline"
          data-testid="audit-filters"
          initialValues={{ ...filters, range: filters.from || filters.to ? [filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to).subtract(1, 'day') : null] : null }}
          onFinish={search}
          style={{ rowGap: 12 }}
        >
          <Form.Item name="applicationId" label={t.filters.application}>
            <Input allowClear style={{ width: 200 }} data-testid="filter-application" />
          </Form.Item>
          <Form.Item name="actorUsername" label={t.filters.actor}>
            <Input allowClear style={{ width: 150 }} data-testid="filter-actor" />
          </Form.Item>
          <Form.Item name="action" label={t.filters.action}>
            <AutoComplete
              allowClear
              style={{ width: 240 }}
              placeholder={t.actionPlaceholder}
              options={Object.entries(t.actions).map(([value, label]) => ({ value, label: `${label}(${value})` }))}
              filterOption={(input, option) => String(option?.label ?? '').toLowerCase().includes(input.toLowerCase())}
              data-testid="filter-action"
            />
          </Form.Item>
          <Form.Item name="range" label={t.filters.time}>
            <DatePicker.RangePicker allowEmpty={[true, true]} data-testid="filter-range" />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" data-testid="audit-search">
                {adminText.common.search}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  form.setFieldsValue({ applicationId: undefined, actorUsername: undefined, action: undefined, range: null });
                  setParams({});
                }}
              >
                {adminText.common.reset}
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      {log.isError ? (
        <LoadError error={log.error} onRetry={() => log.refetch()} />
      ) : (
        <>
          <Table<AuditEntry>
            rowKey="id"
            size="small"
            data-testid="audit-table"
            loading={log.isPending}
            dataSource={items}
            pagination={false}
            locale={{ emptyText: t.empty }}
            columns={[
              { title: t.columns.at, dataIndex: 'at', width: 120, render: (v: string) => formatDateTime(v) },
              {
                title: t.columns.actor,
                key: 'actor',
                width: 120,
                render: (_: unknown, e) => (
                  <Space orientation="vertical" size={0}>
                    <Typography.Text>{e.actorUsername ?? (e.actorRole === 'system' ? '系统' : adminText.common.none)}</Typography.Text>
                    {e.actorRole && e.actorRole !== 'system' ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{zh.roles[e.actorRole] ?? e.actorRole}</Typography.Text> : null}
                  </Space>
                ),
              },
              {
                title: t.columns.action,
                dataIndex: 'action',
                width: 160,
                render: (v: string) => (
                  <Space orientation="vertical" size={0}>
                    <Typography.Text>{t.actions[v] ?? v}</Typography.Text>
                    {t.actions[v] ? <Typography.Text type="secondary" code style={{ fontSize: 11 }}>{v}</Typography.Text> : null}
                  </Space>
                ),
              },
              { title: t.columns.entity, key: 'entity', width: 160, render: (_: unknown, e) => <Typography.Text ellipsis={{ tooltip: `${e.entityType}:${e.entityId}` }} style={{ maxWidth: 150 }}>{`${e.entityType}:${e.entityId}`}</Typography.Text> },
              { title: t.columns.application, dataIndex: 'applicationId', width: 100, render: (v: string | null) => (v ? <Typography.Text copyable={{ text: v }}>{v.slice(0, 8)}</Typography.Text> : adminText.common.none) },
              { title: t.columns.region, dataIndex: 'regionCode', width: 80, render: (v: string | null) => v ?? adminText.common.none },
              {
                title: t.columns.detail,
                dataIndex: 'detail',
                render: (v: unknown) =>
                  v === null || v === undefined ? (
                    adminText.common.none
                  ) : (
                    <Typography.Paragraph ellipsis={{ rows: 2, expandable: true, symbol: '展开' }} style={{ margin: 0, fontFamily: 'ui-monospace, Menlo, Consolas, monospace', fontSize: 12 }}>
                      {JSON.stringify(v)}
                    </Typography.Paragraph>
                  ),
              },
            ]}
          />
          {log.hasNextPage ? (
            <div style={{ textAlign: 'center', marginTop: 12 }}>
              <Button onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
                {t.more}
              </Button>
            </div>
          ) : null}
        </>
      )}
    </>
  );
}

function ChainCard() {
  const check = useQuery({ queryKey: ['audit-verification'], queryFn: () => data(api.GET('/api/audit/verification')), staleTime: 0 });
  const r = check.data;
  return (
    <Card size="small" title={t.chain} style={{ marginBottom: 16 }} loading={check.isPending} extra={<Button size="small" onClick={() => void check.refetch()} loading={check.isFetching}>{t.verify}</Button>} data-testid="audit-chain">
      {check.isError ? (
        <LoadError error={check.error} onRetry={() => check.refetch()} />
      ) : r ? (
        <Alert type={r.ok ? 'success' : 'error'} showIcon title={r.ok ? t.chainOk(r.checked) : t.chainBroken} description={[r.problem?.message, t.verifiedAt(formatDateTime(r.verifiedAt))].filter(Boolean).join(';')} />
      ) : null}
    </Card>
  );
}
