import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { App, Button, DatePicker, Dropdown, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api, data } from '../../api/client.ts';
import { messageOf } from '../../api/ApiError.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../components/formatDate.ts';
import { fileNameOf, saveFile } from '../../components/saveFile.ts';
import { statusColor } from '../../components/statusColor.ts';
import { zh } from '../../i18n/zhCN.ts';
import { hasReviewFilters, parseReviewFilters, reviewApiFilters, reviewSearch, type ReviewFilters } from './reviewQuery.ts';

const PAGE_SIZE = 20;
const t = zh.review;
const c = t.columns;

/**
 * `/inbox/applications` (申报查询): every submitted application in the reviewer's scope, searchable
 * and filtered in the URL, and the notice's 汇总表 of the chosen 事项 exported with the same filters.
 */
export function ReviewApplicationsPage() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseReviewFilters(params), [params]);
  const setFilters = (f: ReviewFilters) => setParams(reviewSearch(f));
  const { message } = App.useApp();
  const [q, setQ] = useState(filters.q ?? '');
  const [exporting, setExporting] = useState(false);

  const packages = useQuery({ queryKey: ['review-packages'], queryFn: () => data(api.GET('/api/review/packages')) });
  const list = useQuery({
    queryKey: ['review-applications', filters],
    queryFn: () => data(api.GET('/api/review/applications', { params: { query: { ...reviewApiFilters(filters), page: filters.page, pageSize: PAGE_SIZE } } })),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
  const chosen = packages.data?.find((p) => p.packageHash === filters.package);

  const exportTable = async (exportId: string) => {
    if (!chosen) return;
    setExporting(true);
    try {
      const r = await api.GET('/api/review/exports/{exportId}.xlsx', {
        params: { path: { exportId }, query: { ...reviewApiFilters(filters), package: chosen.packageHash } },
        parseAs: 'blob',
      });
      const name = fileNameOf(r.response.headers.get('Content-Disposition'), `${exportId}.xlsx`);
      saveFile(r.data as unknown as Blob, name);
      message.success(t.exported(name));
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setExporting(false);
    }
  };

  if (list.isError) return <LoadError error={list.error} onRetry={() => list.refetch()} />;
  const exportButton = (
    <Button icon={<DownloadOutlined />} loading={exporting} disabled={!chosen?.exports.length} data-testid="export-open">
      {t.export}
    </Button>
  );
  return (
    <>
      <PageHeader title={t.title} intro={t.intro} extra={list.data ? <Typography.Text type="secondary" data-testid="review-total">{t.total(list.data.total)}</Typography.Text> : null} />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          aria-label={t.search}
          placeholder={t.search}
          style={{ width: 220 }}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(v) => setFilters({ ...filters, q: v.trim() || undefined, page: 1 })}
        />
        <Select
          data-testid="filter-package"
          style={{ width: 300 }}
          allowClear
          placeholder={t.allPackages}
          value={filters.package}
          loading={packages.isLoading}
          options={(packages.data ?? []).map((p) => ({ value: p.packageHash, label: `${p.year} · ${p.title}` }))}
          onChange={(v?: string) => setFilters({ ...filters, package: v, page: 1 })}
        />
        <Select
          data-testid="filter-status"
          style={{ width: 160 }}
          allowClear
          placeholder={t.status}
          value={filters.status}
          options={Object.entries(t.statuses).map(([value, label]) => ({ value, label }))}
          onChange={(v?: string) => setFilters({ ...filters, status: v, page: 1 })}
        />
        <DatePicker.RangePicker
          aria-label={t.submitted}
          placeholder={[t.submitted, t.submitted]}
          value={filters.submittedFrom && filters.submittedTo ? [dayjs(filters.submittedFrom), dayjs(filters.submittedTo)] : null}
          onChange={(v) => setFilters({ ...filters, submittedFrom: v?.[0]?.format('YYYY-MM-DD'), submittedTo: v?.[1]?.format('YYYY-MM-DD'), page: 1 })}
        />
        {hasReviewFilters(filters) ? (
          <Button
            onClick={() => {
              setQ('');
              setFilters({ page: 1 });
            }}
          >
            {t.reset}
          </Button>
        ) : null}
        {chosen?.exports.length ? (
          <Dropdown menu={{ items: chosen.exports.map((e) => ({ key: e.id, label: e.title })), onClick: ({ key }) => void exportTable(key) }}>{exportButton}</Dropdown>
        ) : (
          <Tooltip title={chosen ? t.exportNone : t.exportPickPackage}>{exportButton}</Tooltip>
        )}
      </Space>
      <Table
        rowKey="id"
        data-testid="review-table"
        loading={list.isFetching && !list.data}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t.empty }}
        scroll={{ x: 1100 }}
        pagination={
          list.data && list.data.total > PAGE_SIZE
            ? { current: filters.page, pageSize: PAGE_SIZE, total: list.data.total, showSizeChanger: false, onChange: (page) => setFilters({ ...filters, page }) }
            : false
        }
        columns={[
          { title: c.id, dataIndex: 'id', width: 110, render: (v: string) => <Typography.Text code>{v.slice(0, 8)}</Typography.Text> },
          { title: c.applicant, dataIndex: 'applicantName', width: 100, render: (v: string | null) => v ?? '—' },
          { title: c.idNumber, dataIndex: 'idNumberMasked', width: 190, render: (v: string | null) => v ?? '—' },
          { title: c.packageTitle, dataIndex: 'packageTitle', width: 240, ellipsis: true },
          { title: c.recommender, dataIndex: 'recommenderOrgName', width: 200, ellipsis: true, render: (v: string | null) => v ?? '—' },
          { title: c.city, dataIndex: 'cityCode', width: 90, render: (v: string | null) => v ?? '—' },
          { title: c.status, dataIndex: 'statusLabel', width: 150, render: (v: string, r) => <Tag color={statusColor(r.status)}>{v}</Tag> },
          { title: c.submittedAt, dataIndex: 'submittedAt', width: 170, render: (v: string | null) => formatDateTime(v) },
        ]}
      />
    </>
  );
}
