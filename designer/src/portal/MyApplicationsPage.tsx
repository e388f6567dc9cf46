import { useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Button, Empty, Spin, Table, Tag } from 'antd';
import { api, data } from '../api/client.ts';
import { LoadError } from '../components/LoadError.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { formatDateTime } from '../components/formatDate.ts';
import type { Application } from './portalTypes.ts';
import { portalText as t } from './portalText.ts';
import { statusColor } from '../components/statusColor.ts';

/** `/portal/applications`: the applicant's applications with their status. */
export function MyApplicationsPage() {
  const navigate = useNavigate();
  const list = useQuery({ queryKey: ['my-applications'], staleTime: 0, queryFn: () => data(api.GET('/api/applications', { params: { query: { limit: 100 } } })) });
  const calls = useQuery({ queryKey: ['calls'], queryFn: () => data(api.GET('/api/calls')) });
  const titleOf = (a: Application) => calls.data?.find((c) => c.packageHash === a.packageHash)?.title ?? calls.data?.find((c) => c.packageId === a.packageId)?.title ?? a.packageId;
  const open = (a: Application) => navigate(a.status === 'DRAFT' ? `/portal/applications/${a.id}/form` : `/portal/applications/${a.id}`);
  return (
    <>
      <PageHeader title={t.myApplications} intro={t.myApplicationsIntro} />
      {list.isError ? (
        <LoadError error={list.error} onRetry={() => list.refetch()} />
      ) : !list.data ? (
        <Spin />
      ) : list.data.items.length === 0 ? (
        <Empty description={t.noApplications} />
      ) : (
        <Table<Application>
          rowKey="id"
          data-testid="my-applications"
          dataSource={list.data.items}
          pagination={false}
          scroll={{ x: 'max-content' }}
          onRow={(a) => ({ onClick: () => open(a), style: { cursor: 'pointer' } })}
          columns={[
            { title: t.columns.title, key: 'title', render: (_, a) => titleOf(a) },
            { title: t.columns.status, key: 'status', render: (_, a) => <Tag color={statusColor(a.status)}>{a.statusLabel}</Tag> },
            { title: t.columns.id, key: 'id', render: (_, a) => a.id.slice(0, 8) },
            { title: t.columns.submittedAt, key: 'submittedAt', render: (_, a) => formatDateTime(a.submittedAt) },
            { title: t.columns.updatedAt, key: 'updatedAt', render: (_, a) => formatDateTime(a.updatedAt) },
            { title: t.columns.action, key: 'action', render: (_, a) => <Button type="link" size="small">{a.status === 'DRAFT' ? t.continueEditing : t.view}</Button> },
          ]}
        />
      )}
    </>
  );
}
