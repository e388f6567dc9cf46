import { Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, data } from '../api/client.ts';
import type { PackageVersion } from '../api/types.ts';
import { LoadError } from '../components/LoadError.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { formatDateTime } from '../components/formatDate.ts';
import { zh } from '../i18n/zhCN.ts';

const c = zh.designer.columns;

/** `/designer`: the deployed policy package versions the editor may see. */
export function PackageListPage() {
  const q = useQuery({ queryKey: ['packages'], queryFn: () => data(api.GET('/api/packages')) });
  if (q.isError) return <LoadError error={q.error} onRetry={() => q.refetch()} />;
  return (
    <>
      <PageHeader title={zh.designer.title} intro={zh.designer.intro} />
      <Table<PackageVersion>
        rowKey="hash"
        loading={q.isPending}
        dataSource={q.data ?? []}
        pagination={false}
        locale={{ emptyText: zh.designer.empty }}
        scroll={{ x: 900 }}
        columns={[
          { title: c.title, dataIndex: 'title' },
          { title: c.region, dataIndex: 'regionCode' },
          { title: c.year, dataIndex: 'year' },
          { title: c.hash, dataIndex: 'hash', render: (v: string) => <Typography.Text code>{v.slice(0, 12)}</Typography.Text> },
          { title: c.deployedAt, dataIndex: 'deployedAt', render: (v: string) => formatDateTime(v) },
          { title: c.active, dataIndex: 'active', render: (v: boolean) => (v ? <Tag color="green">{zh.designer.active}</Tag> : <Tag>{zh.designer.inactive}</Tag>) },
        ]}
      />
    </>
  );
}
