import { useState } from 'react';
import { Button, Card, Empty, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, data } from '../../api/client.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate } from '../../components/formatDate.ts';
import { instancesText } from './instancesText.ts';
import { VersionSelect } from './VersionSelect.tsx';
import { useChosenVersion } from './useChosenVersion.ts';

const t = instancesText.instances;
type InstanceRow = Awaited<ReturnType<typeof loadPage>>['items'][number];
type Query = { package: string; status?: string; step?: string; cityCode?: string; due?: 'overdue' | 'open'; q?: string; page?: number; pageSize?: number; after?: string };

function loadPage(query: Query) {
  return data(api.GET('/api/admin/instances', { params: { query } }));
}

/** `/admin/instances`: one version's instances — counts by status and step, filters in the URL, a paged table. */
export function InstancesPage() {
  const [params, setParams] = useSearchParams();
  const [pkg, choose] = useChosenVersion();
  const query: Query | null = pkg
    ? {
        package: pkg,
        status: params.get('status') ?? undefined,
        step: params.get('step') ?? undefined,
        cityCode: params.get('cityCode') ?? undefined,
        due: (params.get('due') as Query['due']) ?? undefined,
        q: params.get('q') ?? undefined,
        page: Number(params.get('page') ?? 1),
        pageSize: 20,
        // The next page by its cursor (keyset, one index range however deep); a jumped-to page is an offset.
        after: params.get('after') ?? undefined,
      }
    : null;
  const page = useQuery({ queryKey: ['admin-instances', query], queryFn: () => loadPage(query!), enabled: !!query });
  const [city, setCity] = useState(params.get('cityCode') ?? '');
  const [name, setName] = useState(params.get('q') ?? '');
  const set = (changes: Record<string, string | undefined>) => {
    const next = { ...Object.fromEntries(params), ...changes, page: changes.page ?? '1', after: changes.after };
    setParams(Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined && v !== '')) as Record<string, string>);
  };
  const body = page.data;

  return (
    <>
      <PageHeader title={t.title} intro={t.intro} />
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Text>{instancesText.version}</Typography.Text>
        <VersionSelect value={pkg} onChange={choose} testId="instances-version" />
      </Space>
      {!pkg ? <Empty description={instancesText.noVersion} /> : null}
      {page.isError ? <LoadError error={page.error} onRetry={() => page.refetch()} /> : null}
      {body ? (
        <>
          <Space align="start" wrap style={{ marginBottom: 12 }}>
            <Card size="small" title={t.byStatus} data-testid="counts-by-status" style={{ minWidth: 280 }}>
              <Space wrap>
                {body.byStatus.map((s) => (
                  <Tag.CheckableTag key={s.status} checked={query?.status === s.status} onChange={(on) => set({ status: on ? s.status : undefined })}>
                    {s.label} {s.count}
                  </Tag.CheckableTag>
                ))}
              </Space>
            </Card>
            <Card size="small" title={t.byStep} data-testid="counts-by-step" style={{ minWidth: 320 }}>
              {body.byStep.length ? (
                <Space wrap>
                  {body.byStep.map((s) => (
                    <Tag.CheckableTag key={s.elementId} checked={query?.step === s.elementId} onChange={(on) => set({ step: on ? s.elementId : undefined })} data-testid={`step-count-${s.elementId}`}>
                      {s.name} {s.count}
                    </Tag.CheckableTag>
                  ))}
                </Space>
              ) : (
                <Typography.Text type="secondary">{t.noWaiting}</Typography.Text>
              )}
            </Card>
          </Space>
          <Space style={{ marginBottom: 12 }} wrap data-testid="instance-filters">
            <Select allowClear style={{ width: 160 }} placeholder={t.filters.status} value={query?.status} onChange={(v) => set({ status: v })} options={body.byStatus.map((s) => ({ value: s.status, label: s.label }))} />
            <Select allowClear style={{ width: 200 }} placeholder={t.filters.step} value={query?.step} onChange={(v) => set({ step: v })} options={body.byStep.map((s) => ({ value: s.elementId, label: s.name }))} data-testid="filter-step" />
            <Select allowClear style={{ width: 120 }} placeholder={t.filters.due} value={query?.due} onChange={(v) => set({ due: v })} options={Object.entries(t.due).map(([value, label]) => ({ value, label }))} />
            <Input style={{ width: 140 }} placeholder={t.filters.city} value={city} maxLength={6} onChange={(e) => setCity(e.target.value.replace(/\D/g, ''))} />
            <Input style={{ width: 140 }} placeholder={t.filters.q} value={name} maxLength={64} onChange={(e) => setName(e.target.value)} />
            <Button type="primary" onClick={() => set({ cityCode: city.length === 6 ? city : undefined, q: name.trim() || undefined })}>{t.search}</Button>
            <Button
              onClick={() => {
                setCity('');
                setName('');
                setParams({ package: pkg! });
              }}
            >
              {t.reset}
            </Button>
            <Typography.Text type="secondary" data-testid="instances-total">{t.total(body.total)}</Typography.Text>
          </Space>
          <Table<InstanceRow>
            rowKey="applicationId"
            size="middle"
            data-testid="instance-table"
            loading={page.isFetching}
            dataSource={body.items}
            locale={{ emptyText: t.empty }}
            pagination={{ current: body.page, pageSize: body.pageSize, total: body.total, showSizeChanger: false, onChange: (p) => set({ page: String(p), after: p === body.page + 1 ? (body.nextCursor ?? undefined) : undefined }) }}
            columns={[
              { title: t.columns.number, dataIndex: 'number', width: 110, render: (v: string) => <Link to={`/admin/instances/${v}`} data-testid={`open-instance-${v}`}>{v.slice(0, 8)}</Link> },
              {
                title: t.columns.applicant,
                key: 'applicant',
                width: 190,
                render: (_: unknown, r) => (
                  <Space orientation="vertical" size={0}>
                    <span>{r.applicantName ?? instancesText.none}</span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.idNumberMasked ?? ''}</Typography.Text>
                  </Space>
                ),
              },
              { title: t.columns.region, key: 'region', width: 170, render: (_: unknown, r) => <span>{r.cityCode ?? instancesText.none}{r.orgName ? ` · ${r.orgName}` : ''}</span> },
              { title: t.columns.status, dataIndex: 'statusLabel', width: 110, render: (v: string) => <Tag>{v}</Tag> },
              { title: t.columns.step, key: 'step', render: (_: unknown, r) => (r.steps.length ? r.steps.map((s) => s.name).join('、') : instancesText.none) },
              { title: t.columns.waited, key: 'waited', width: 100, render: (_: unknown, r) => (r.steps.length ? t.waited(Math.max(...r.steps.map((s) => s.workingDaysWaited))) : instancesText.none) },
              {
                title: t.columns.due,
                key: 'due',
                width: 140,
                render: (_: unknown, r) => {
                  const s = r.steps.find((x) => x.dueAt);
                  if (!r.steps.length) return instancesText.none;
                  if (!s) return <Typography.Text type="secondary">{t.noDue}</Typography.Text>;
                  return s.overdue ? <Tag color="red">{t.overdue}</Tag> : <span>{t.dueOn(formatDate(s.dueAt))}</span>;
                },
              },
            ]}
          />
        </>
      ) : null}
    </>
  );
}
