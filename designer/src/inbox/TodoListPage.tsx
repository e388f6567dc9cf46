import { Button, Space, Table, Tag, Typography } from 'antd';
import { useInfiniteQuery } from '@tanstack/react-query';
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
  const q = useInfiniteQuery({
    queryKey: ['tasks', 'todo'],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => data(api.GET('/api/tasks', { params: { query: { limit: PAGE, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = q.data?.pages.flatMap((p) => p.items) ?? [];
  const now = Date.now();
  if (q.isError) return <LoadError error={q.error} onRetry={() => q.refetch()} />;
  return (
    <>
      <PageHeader title={zh.inbox.title} extra={q.data ? <Typography.Text type="secondary" data-testid="todo-total">{zh.inbox.total(rows.length, q.hasNextPage)}</Typography.Text> : null} />
      <Table<Task>
        rowKey="id"
        loading={q.isPending}
        dataSource={rows}
        pagination={false}
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
      {q.hasNextPage ? (
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          <Button onClick={() => q.fetchNextPage()} loading={q.isFetchingNextPage}>
            {zh.inbox.loadMore}
          </Button>
        </div>
      ) : null}
    </>
  );
}
