import { useMemo, useState } from 'react';
import { App, Button, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, data } from '../../api/client.ts';
import { messageOf } from '../../api/ApiError.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { fileNameOf, saveFile } from '../../components/saveFile.ts';
import { OrganisationDialog } from './OrganisationDialog.tsx';
import { OrganisationImportDialog } from './OrganisationImportDialog.tsx';
import { organisationsText as t } from './organisationsText.ts';
import type { AdminOrganisation } from './organisationTypes.ts';

export const ORGANISATIONS_KEY = ['admin-organisations'];

interface Filters {
  q: string;
  status?: string;
  level?: string;
  city?: string;
  occupation: string;
}

/** `/admin/organisations`: the region's organisations with filters; create, edit, import the registry's .xlsx list. */
export function OrganisationsPage() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: ORGANISATIONS_KEY, queryFn: () => data(api.GET('/api/admin/organisations')) });
  const [filters, setFilters] = useState<Filters>({ q: '', occupation: '' });
  const [editing, setEditing] = useState<AdminOrganisation | 'new' | null>(null);
  const [importing, setImporting] = useState(false);

  const cities = useMemo(() => [...new Set((list.data ?? []).map((o) => o.cityCode))].sort(), [list.data]);
  // A region's list is at most a few thousand rows: filtering here keeps every filter instant.
  const shown = useMemo(
    () =>
      (list.data ?? []).filter(
        (o) =>
          (!filters.q || o.name.includes(filters.q.trim()) || o.id.includes(filters.q.trim())) &&
          (!filters.status || o.filingStatus === filters.status) &&
          (!filters.level || (o.level ?? 'none') === filters.level) &&
          (!filters.city || o.cityCode === filters.city) &&
          (!filters.occupation || o.occupations.some((c) => c.startsWith(filters.occupation.trim()))),
      ),
    [list.data, filters],
  );
  const reload = () => queryClient.invalidateQueries({ queryKey: ORGANISATIONS_KEY });

  const downloadTemplate = async () => {
    try {
      const r = await api.GET('/api/admin/organisation-imports/template.xlsx', { parseAs: 'blob' });
      const name = fileNameOf(r.response.headers.get('Content-Disposition'), 'template.xlsx');
      saveFile(r.data as unknown as Blob, name);
      message.success(t.templateSaved(name));
    } catch (e) {
      message.error(messageOf(e));
    }
  };

  return (
    <>
      <PageHeader
        title={t.title}
        intro={t.intro}
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined />} onClick={() => void downloadTemplate()} data-testid="organisation-template">
              {t.template}
            </Button>
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="import-organisations">
              {t.import}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="create-organisation">
              {t.create}
            </Button>
          </Space>
        }
      />
      <Space wrap style={{ marginBottom: 16 }} data-testid="organisation-filters">
        <Input.Search allowClear aria-label={t.filters.search} placeholder={t.filters.search} style={{ width: 220 }} onSearch={(q) => setFilters((f) => ({ ...f, q }))} onChange={(e) => !e.target.value && setFilters((f) => ({ ...f, q: '' }))} />
        <Select allowClear aria-label={t.filters.status} placeholder={t.filters.status} style={{ width: 160 }} value={filters.status} onChange={(status) => setFilters((f) => ({ ...f, status }))} options={Object.entries(t.status).map(([value, label]) => ({ value, label }))} data-testid="filter-status" />
        <Select allowClear aria-label={t.filters.level} placeholder={t.filters.level} style={{ width: 120 }} value={filters.level} onChange={(level) => setFilters((f) => ({ ...f, level }))} options={[...Object.entries(t.level).map(([value, label]) => ({ value, label })), { value: 'none', label: t.levelNone }]} />
        <Select allowClear aria-label={t.filters.city} placeholder={t.filters.city} style={{ width: 120 }} value={filters.city} onChange={(city) => setFilters((f) => ({ ...f, city }))} options={cities.map((c) => ({ value: c, label: c }))} />
        <Input allowClear aria-label={t.filters.occupation} placeholder={t.filters.occupation} style={{ width: 160 }} value={filters.occupation} onChange={(e) => setFilters((f) => ({ ...f, occupation: e.target.value }))} />
        <Typography.Text type="secondary" data-testid="organisation-total">
          {t.total(shown.length)}
        </Typography.Text>
      </Space>
      {list.isError ? (
        <LoadError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Table<AdminOrganisation>
          rowKey="id"
          size="middle"
          data-testid="organisation-table"
          loading={list.isPending}
          dataSource={shown}
          locale={{ emptyText: t.empty }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t.columns.id, dataIndex: 'id', width: 150, render: (v: string) => <Typography.Text code style={{ whiteSpace: 'nowrap' }}>{v}</Typography.Text> },
            {
              title: t.columns.name,
              dataIndex: 'name',
              render: (v: string, o) => (
                <>
                  {v}
                  {o.isUndelegatedProvincialInChengdu ? <Tag style={{ marginLeft: 8 }}>{t.undelegated}</Tag> : null}
                </>
              ),
            },
            { title: t.columns.level, dataIndex: 'level', width: 70, render: (v: string | null) => (v ? t.level[v] : t.levelNone) },
            { title: t.columns.region, key: 'region', width: 130, render: (_: unknown, o) => t.regionLine(o.regionCode, o.cityCode) },
            {
              title: t.columns.status,
              key: 'status',
              width: 170,
              render: (_: unknown, o) => (
                <Space direction="vertical" size={0}>
                  <Tag color={t.statusColor[o.filingStatus]} data-testid="filing-status">
                    {t.status[o.filingStatus] ?? o.filingStatus}
                  </Tag>
                  {o.filingAcceptedDate ? <Typography.Text type="secondary">{t.accepted(o.filingAcceptedDate)}</Typography.Text> : null}
                  {o.filedDate ? <Typography.Text type="secondary">{t.filed(o.filedDate)}</Typography.Text> : null}
                  {o.recommendationSuspendedUntil ? <Typography.Text type="danger">{t.suspended(o.recommendationSuspendedUntil)}</Typography.Text> : null}
                </Space>
              ),
            },
            {
              title: t.columns.occupations,
              key: 'occupations',
              render: (_: unknown, o) =>
                o.occupations.length ? (
                  <Space direction="vertical" size={0}>
                    {o.occupations.map((c) => (
                      <span key={c} style={{ whiteSpace: 'nowrap' }}>
                        <Typography.Text code>{c}</Typography.Text> <Typography.Text type="secondary">{o.filedLevels?.[c] ? t.levels(o.filedLevels[c]!) : t.levelsUnrecorded}</Typography.Text>
                      </span>
                    ))}
                  </Space>
                ) : (
                  <Typography.Text type="secondary">{t.noOccupations}</Typography.Text>
                ),
            },
            {
              title: t.columns.actions,
              key: 'actions',
              width: 80,
              render: (_: unknown, o) => (
                <Button size="small" onClick={() => setEditing(o)} data-testid={`edit-${o.id}`}>
                  {t.edit}
                </Button>
              ),
            },
          ]}
        />
      )}
      {editing ? (
        <OrganisationDialog
          organisation={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void reload();
          }}
        />
      ) : null}
      {importing ? (
        <OrganisationImportDialog
          onClose={() => setImporting(false)}
          onApplied={() => {
            setImporting(false);
            void reload();
          }}
        />
      ) : null}
    </>
  );
}
