import { useState } from 'react';
import { Space, Table, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, data } from '../api/client.ts';
import type { Task } from '../api/types.ts';
import { LoadError } from '../components/LoadError.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { formatDateTime } from '../components/formatDate.ts';
import { zh } from '../i18n/zhCN.ts';

const PAGE = 20;
const c = zh.inbox.columns;

/** `/inbox`: the reviewer's open tasks (only their candidate groups; the server scopes them). */
export function TodoListPage() {
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ['tasks', 'todo', page],
    queryFn: () => data(api.GET('/api/tasks', { params: { query: { tab: 'todo', sort: 'due', page, pageSize: PAGE } } })),
    placeholderData: keepPreviousData,
  });
  const rows = q.data?.items ?? [];
  const now = Date.now();
  if (q.isError) return <LoadError error={q.error} onRetry={() => q.refetch()} />;
  return (
    <>
      <PageHeader title={zh.inbox.title} extra={q.data ? <Typography.Text type="secondary" data-testid="todo-total">{zh.inbox.total(q.data.total, false)}</Typography.Text> : null} />
      <Table<Task>
        rowKey="id"
        loading={q.isPending}
        dataSource={rows}
        pagination={q.data && q.data.total > PAGE ? { current: page, pageSize: PAGE, total: q.data.total, showSizeChanger: false, onChange: setPage } : false}
        locale={{ emptyText: zh.inbox.empty }}
        scroll={{ x: 900 }}
        columns={[
          { title: c.name, dataIndex: 'name' },
          { title: c.applicationId, dataIndex: 'applicationId', render: (v: string | null) => (v ? <Typography.Text code>{v.slice(0, 8)}</Typography.Text> : '—') },
          { title: c.city, dataIndex: 'cityCode', render: (v: string | null) => v ?? '—' },
          { title: c.assignee, dataIndex: 'assignee', render: (v: string | null) => (v ? v : <Tag>{zh.inbox.unassigned}</Tag>) },
          {
            title: c.due,
            dataIndex: 'dueAt',
            render: (v: string | null) =>
              v ? (
                <Space size={4}>
                  <span>{formatDateTime(v)}</span>
                  {Date.parse(v) < now ? <Tag color="red">{zh.inbox.overdue}</Tag> : null}
                </Space>
              ) : (
                zh.inbox.noDue
              ),
          },
          { title: c.createdAt, dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
        ]}
      />
    </>
  );
}
