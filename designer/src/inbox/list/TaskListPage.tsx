import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { App, Button, Space, Table, Tag, Typography } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, data } from '../../api/client.ts';
import type { Task } from '../../api/types.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../components/formatDate.ts';
import { useSession } from '../../components/SessionContext.tsx';
import { zh } from '../../i18n/zhCN.ts';
import { DueTag } from '../DueTag.tsx';
import { RuleTag } from '../RuleTag.tsx';
import { BatchDecisionDialog } from './BatchDecisionDialog.tsx';
import { StartCaseButton } from './StartCaseDialog.tsx';
import { TaskFilters } from './TaskFilters.tsx';
import { hasFilters, parseTaskListFilters, taskListApiQuery, taskListSearch, type Sort, type Tab, type TaskListFilters } from './taskListQuery.ts';

const PAGE_SIZE = 20;
const c = zh.inbox.columns;

/** `/inbox` (待办) and `/inbox/done` (已办): the reviewer's tasks, scoped by the server to their groups and region. */
export function TaskListPage({ tab }: { tab: Tab }) {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseTaskListFilters(params), [params]);
  const setFilters = (f: TaskListFilters) => setParams(taskListSearch(f));
  const { session } = useSession();
  const me = session?.actor.id;
  const { message } = App.useApp();
  const qc = useQueryClient();

  const q = useQuery({
    queryKey: ['tasks', tab, filters],
    queryFn: () => data(api.GET('/api/tasks', { params: { query: taskListApiQuery(tab, filters, PAGE_SIZE) } })),
    placeholderData: keepPreviousData,
    // Colleagues decide tasks of the same group: the list is read afresh whenever it is shown.
    staleTime: 0,
    refetchInterval: 60_000,
  });
  const claim = useMutation({
    mutationFn: ({ id, release }: { id: string; release: boolean }) =>
      data(release ? api.POST('/api/tasks/{id}/unclaim', { params: { path: { id } } }) : api.POST('/api/tasks/{id}/claim', { params: { path: { id } } })),
    onSuccess: (_r, v) => {
      message.success(v.release ? zh.inbox.released : zh.inbox.claimed);
      void qc.invalidateQueries({ queryKey: ['tasks'] });
    },
    onError: () => void qc.invalidateQueries({ queryKey: ['tasks'] }),
  });

  const rows = q.data?.items ?? [];
  // Selected tasks are kept as rows, so a selection survives paging and refetches until the dialog uses it.
  const [selected, setSelected] = useState<Task[]>([]);
  const [batchOpen, setBatchOpen] = useState(false);
  const selectable = (r: Task) => !r.assignee || r.assignee === me;
  const labels = { package: rows.find((r) => r.packageHash === filters.package)?.packageTitle ?? undefined };
  const sortOrder = (key: 'due' | 'created' | 'completed') => {
    const s = filters.sort ?? (tab === 'todo' ? 'due' : '-completed');
    return s === key ? ('ascend' as const) : s === `-${key}` ? ('descend' as const) : null;
  };

  if (q.isError) return <LoadError error={q.error} onRetry={() => q.refetch()} />;
  return (
    <>
      <PageHeader
        title={tab === 'todo' ? zh.inbox.title : zh.inbox.doneTitle}
        extra={
          <Space>
            {q.data ? <Typography.Text type="secondary" data-testid={`${tab}-total`}>{zh.inbox.total(q.data.total, false)}</Typography.Text> : null}
            <StartCaseButton />
          </Space>
        }
      />
      <TaskFilters tab={tab} filters={filters} labels={labels} onChange={setFilters} />
      {tab === 'todo' ? (
        <Space style={{ marginBottom: 12 }}>
          <Button type="primary" disabled={!selected.length} onClick={() => setBatchOpen(true)} data-testid="batch-open">
            {zh.inbox.batchButton(selected.length)}
          </Button>
          {!selected.length ? <Typography.Text type="secondary">{zh.inbox.batchHint}</Typography.Text> : null}
        </Space>
      ) : null}
      {batchOpen ? (
        <BatchDecisionDialog
          tasks={selected}
          open
          onClose={() => {
            setBatchOpen(false);
            setSelected([]);
          }}
          onDone={() => void qc.invalidateQueries({ queryKey: ['tasks'] })}
        />
      ) : null}
      <Table<Task>
        rowKey="id"
        rowSelection={
          tab === 'todo'
            ? {
                selectedRowKeys: selected.map((r) => r.id),
                preserveSelectedRowKeys: true,
                getCheckboxProps: (r) => ({ disabled: !selectable(r), 'aria-label': r.applicantName ?? r.id }),
                onChange: (_keys, picked) => setSelected((prev) => {
                  const onPage = new Set(rows.map((r) => r.id));
                  return [...prev.filter((r) => !onPage.has(r.id)), ...picked.filter((r): r is Task => !!r && onPage.has(r.id))];
                }),
              }
            : undefined
        }
        data-testid="task-table"
        loading={q.isFetching && !q.data ? true : q.isFetching ? { delay: 300 } : false}
        dataSource={rows}
        onChange={(_p, _f, sorter) => {
          const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<Task>;
          const key = s.columnKey as 'due' | 'created' | 'completed' | undefined;
          setFilters({ ...filters, page: 1, sort: key && s.order ? ((s.order === 'descend' ? `-${key}` : key) as Sort) : undefined });
        }}
        pagination={
          q.data && q.data.total > PAGE_SIZE
            ? { current: filters.page, pageSize: PAGE_SIZE, total: q.data.total, showSizeChanger: false, onChange: (page) => setFilters({ ...filters, page }) }
            : false
        }
        locale={{ emptyText: hasFilters(filters) ? zh.inbox.emptyFiltered : tab === 'todo' ? zh.inbox.empty : zh.inbox.doneEmpty }}
        scroll={{ x: tab === 'todo' ? 1320 : 1000 }}
        columns={[
          {
            title: c.name,
            dataIndex: 'name',
            width: 130,
            render: (v: string) => (
              <Typography.Link onClick={() => setFilters({ ...filters, page: 1, step: v })} title={zh.inbox.filters.step(v)}>
                {v}
              </Typography.Link>
            ),
          },
          {
            title: c.applicant,
            dataIndex: 'applicantName',
            width: 100,
            render: (v: string | null, r: Task) => (
              <Link to={`/inbox/tasks/${r.id}`} data-testid="open-task">
                {v ?? zh.inbox.open}
              </Link>
            ),
          },
          // The deadline and the rules' verdict right after who: a reviewer reads them first, and they stay in view without scrolling.
          ...(tab === 'todo'
            ? [
                {
                  title: c.due,
                  key: 'due',
                  width: 200,
                  dataIndex: 'dueAt',
                  sorter: true,
                  sortOrder: sortOrder('due'),
                  render: (v: string | null, r: Task) => <DueTag dueAt={v} overdue={r.overdue} workingDaysLeft={r.workingDaysLeft} />,
                },
              ]
            : []),
          {
            title: c.rule,
            dataIndex: 'ruleDecision',
            width: 100,
            render: (v: string | null, r) => (v ? <RuleTag decision={v} testId="rule-tag">{r.ruleDecisionLabel ?? v}</RuleTag> : '—'),
          },
          { title: c.applicationId, dataIndex: 'applicationId', width: 110, render: (v: string | null) => (v ? <Typography.Text code>{v.slice(0, 8)}</Typography.Text> : '—') },
          {
            title: c.packageTitle,
            dataIndex: 'packageTitle',
            width: 220,
            ellipsis: true,
            render: (v: string | null, r) =>
              v && r.packageHash ? <Typography.Link onClick={() => setFilters({ ...filters, page: 1, package: r.packageHash! })}>{v}</Typography.Link> : '—',
          },
          { title: c.city, dataIndex: 'cityCode', width: 90, render: (v: string | null) => v ?? '—' },
          ...(tab === 'todo'
            ? [
                {
                  title: c.assignee,
                  dataIndex: 'assignee',
                  width: 110,
                  render: (v: string | null, r: Task) => (v ? (r.assigneeName ?? v) : <Tag>{zh.inbox.unassigned}</Tag>),
                },
                { title: c.createdAt, key: 'created', width: 170, dataIndex: 'createdAt', sorter: true, sortOrder: sortOrder('created'), render: (v: string) => formatDateTime(v) },
                {
                  title: c.actions,
                  key: 'actions',
                  width: 130,
                  fixed: 'right' as const,
                  render: (_: unknown, r: Task) => (
                    <Space size={4}>
                      <Link to={`/inbox/tasks/${r.id}`}>{zh.inbox.open}</Link>
                      {!r.assignee ? (
                        <Button size="small" type="primary" ghost loading={claim.isPending && claim.variables?.id === r.id} onClick={() => claim.mutate({ id: r.id, release: false })}>
                          {zh.inbox.claim}
                        </Button>
                      ) : r.assignee === me ? (
                        <Button size="small" loading={claim.isPending && claim.variables?.id === r.id} onClick={() => claim.mutate({ id: r.id, release: true })}>
                          {zh.inbox.release}
                        </Button>
                      ) : null}
                    </Space>
                  ),
                },
              ]
            : [
                { title: c.decision, dataIndex: 'decisionLabel', render: (v: string | null, r: Task) => v ?? r.decision ?? '—' },
                { title: c.completedAt, key: 'completed', width: 170, dataIndex: 'completedAt', sorter: true, sortOrder: sortOrder('completed'), render: (v: string | null) => (v ? formatDateTime(v) : '—') },
              ]),
        ]}
      />
    </>
  );
}
