import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { App as AntdApp, Button, Card, Empty, Space, Spin, Table, Tag, Tooltip, Typography } from 'antd';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, data } from '../../api/client.ts';
import { messageOf } from '../../api/ApiError.ts';
import type { PackageVersion } from '../../api/types.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useSession } from '../../components/SessionContext.tsx';
import { formatDate, formatDateTime } from '../../components/formatDate.ts';
import { dt } from '../designerText.ts';
import type { DraftView } from '../draftTypes.ts';
import { CloneDialog } from './CloneDialog.tsx';
import { previousVersion } from '../compare/compareModel.ts';
import { groupPackages, type Notice, type PackageRow } from './packageRows.ts';
import { afterPaint } from '../modeler/afterPaint.ts';
import { LazyWorkspace } from '../workspace/lazyWorkspace.ts';
import { LazyBpmnModeler } from '../modeler/lazyModeler.ts';

const t = dt.packages;
const STATUS_COLOR = { DRAFT: 'gold', PUBLISHED: 'blue', ACTIVE: 'green' } as const;

/** The notice a manifest's text names, if it parses and has one (a draft's manifest may be mid-edit). */
function noticeOf(manifest: string): Notice | undefined {
  try {
    const n = (JSON.parse(manifest) as { notice?: unknown }).notice;
    return n && typeof n === 'object' ? (n as Notice) : undefined;
  } catch {
    return undefined;
  }
}

/** `/designer`: deployed versions and drafts by region › procedure › year, with what each role may do. */
export function PackagesPage() {
  const role = useSession().session!.actor.role;
  const editor = role === 'policy_editor';
  const admin = role === 'admin';
  const qc = useQueryClient();
  const { message, modal } = AntdApp.useApp();
  const [cloning, setCloning] = useState<PackageVersion | null>(null);
  // An editor opens a draft from here: its page and the modeler are fetched while this page is idle,
  // so 编辑 shows the diagram without waiting for their code (and for React's Suspense hold-back).
  useEffect(() => {
    if (!editor) return;
    afterPaint(() => {
      void LazyWorkspace.preload().catch(() => undefined);
      void LazyBpmnModeler.preload().catch(() => undefined);
    }, 2000);
  }, [editor]);

  const versions = useQuery({ queryKey: ['packages'], queryFn: () => data(api.GET('/api/packages')) });
  const drafts = useQuery({ queryKey: ['drafts'], queryFn: () => data(api.GET('/api/drafts')) });
  // The notice and the region's name come from each version's manifest.
  const details = useQueries({
    queries: (versions.data ?? []).map((v) => ({
      queryKey: ['package', v.hash],
      staleTime: Infinity,
      queryFn: () => data(api.GET('/api/packages/{hash}', { params: { path: { hash: v.hash } } })),
    })),
  });
  // A draft's notice is the one its own manifest names (a clone keeps last year's until it is edited).
  const draftManifests = useQueries({
    queries: (drafts.data ?? [])
      .filter((d) => d.status === 'DRAFT')
      .map((d) => ({
        queryKey: ['draft-manifest', d.id, d.revision],
        staleTime: Infinity,
        queryFn: async () => {
          const f = await data(api.GET('/api/drafts/{id}/files/{path}', { params: { path: { id: d.id, path: 'manifest.json' } } }));
          return { id: d.id, notice: noticeOf(f.content) };
        },
      })),
  });
  const draftNotices = new Map(draftManifests.flatMap((q) => (q.data ? [[q.data.id, q.data.notice] as const] : [])));
  const manifests = new Map(details.flatMap((d) => (d.data ? [[d.data.hash, d.data.manifest] as const] : [])));
  const regionNames = new Map([...manifests.values()].map((m) => [m.region.code, m.region.name]));
  const groups = useMemo(() => groupPackages(versions.data ?? [], drafts.data ?? []), [versions.data, drafts.data]);

  const refresh = () => Promise.all([qc.invalidateQueries({ queryKey: ['packages'] }), qc.invalidateQueries({ queryKey: ['drafts'] })]);
  const publish = useMutation({
    mutationFn: (d: DraftView) => data(api.POST('/api/drafts/{id}/publish', { params: { path: { id: d.id } }, body: { revision: d.revision } })),
    onSuccess: (r) => {
      message.success(t.published(r.version.hash.slice(0, 12)));
      return refresh();
    },
    onError: (err) => message.error(messageOf(err)),
  });
  const remove = useMutation({
    mutationFn: async (d: DraftView) => {
      await api.DELETE('/api/drafts/{id}', { params: { path: { id: d.id } } });
    },
    onSuccess: () => {
      message.success(t.deleted);
      return refresh();
    },
    onError: (err) => message.error(messageOf(err)),
  });

  const error = versions.error ?? drafts.error;
  if (error) return <LoadError error={error} onRetry={() => void refresh()} />;

  const notice = (r: PackageRow): Notice | undefined => (r.kind === 'version' ? (manifests.get(r.version.hash)?.notice as Notice | undefined) : draftNotices.get(r.draft.id));

  const actions = (r: PackageRow) => {
    if (r.kind === 'version') {
      const v = r.version;
      if (!editor && !admin) return <Typography.Text type="secondary">—</Typography.Text>;
      const previous = previousVersion(versions.data ?? [], v);
      return (
        <Space size={4} wrap>
          <Tooltip title={previous ? undefined : t.compareNone}>
            {previous ? (
              <Link to={`/designer/compare?from=${previous.hash}&to=${v.hash}`}>
                <Button size="small" data-testid="compare-version">
                  {t.actions.compare}
                </Button>
              </Link>
            ) : (
              <Button size="small" disabled data-testid="compare-version">
                {t.actions.compare}
              </Button>
            )}
          </Tooltip>
          {editor ? (
            <Button size="small" onClick={() => setCloning(v)} data-testid="clone-version">
              {t.actions.clone}
            </Button>
          ) : null}
          {admin && !v.active ? (
            // Activation goes through its page: the diff, the replay and the scenario results first.
            <Link to={`/designer/activation/${v.hash}`}>
              <Button size="small" type="primary" data-testid="activate-version">
                {t.actions.activate}
              </Button>
            </Link>
          ) : null}
        </Space>
      );
    }
    const d = r.draft;
    return (
      <Space size={4} wrap>
        <Link to={`/designer/drafts/${d.id}`}>
          <Button size="small" type={editor ? 'primary' : 'default'} data-testid="edit-draft">
            {editor ? t.actions.edit : t.actions.view}
          </Button>
        </Link>
        <Tooltip title={d.errorCount ? t.publishNeedsNoErrors : undefined}>
          <Button
            size="small"
            disabled={d.errorCount > 0}
            data-testid="publish-draft"
            loading={publish.isPending && publish.variables?.id === d.id}
            onClick={() => modal.confirm({ title: t.actions.publish, content: dt.workspace.publishConfirm, okText: t.actions.publish, cancelText: t.cancel, onOk: () => publish.mutateAsync(d).catch(() => undefined) })}
          >
            {t.actions.publish}
          </Button>
        </Tooltip>
        {editor ? (
          <Button
            size="small"
            danger
            data-testid="delete-draft"
            onClick={() => modal.confirm({ title: t.actions.delete, content: t.confirmDelete, okText: t.ok, okButtonProps: { danger: true }, cancelText: t.cancel, onOk: () => remove.mutateAsync(d).catch(() => undefined) })}
          >
            {t.actions.delete}
          </Button>
        ) : null}
      </Space>
    );
  };

  const loading = versions.isPending || drafts.isPending;
  return (
    <>
      <PageHeader title={t.title} intro={t.intro} />
      {loading ? <Spin /> : null}
      {!loading && groups.length === 0 ? <Empty description={t.empty} /> : null}
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        {groups.map((g) => (
          <Card
            key={g.key}
            size="small"
            data-testid="package-group"
            title={
              <Space size={8}>
                <span>{regionNames.get(g.regionCode) ?? g.regionCode}</span>
                <Typography.Text type="secondary">›</Typography.Text>
                <span>{dt.procedures[g.procedure] ?? g.procedure}</span>
                <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
                  {g.procedure}
                </Typography.Text>
              </Space>
            }
          >
            <Table<PackageRow>
              rowKey="key"
              size="small"
              pagination={false}
              dataSource={g.rows}
              scroll={{ x: 980 }}
              onRow={(r) => ({ 'data-testid': r.kind === 'draft' ? 'draft-row' : 'version-row', 'data-year': r.year }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { title: t.columns.year, dataIndex: 'year', width: 72, render: (y: number) => <Typography.Text strong>{y}</Typography.Text> },
                {
                  title: t.columns.item,
                  key: 'title',
                  width: 280,
                  render: (_, r) => (
                    <div>
                      <div>{r.title}</div>
                      <Space size={8} wrap style={{ fontSize: 12 }}>
                        {r.kind === 'draft' ? (
                          <Typography.Text type={r.draft.errorCount ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                            {t.problems(r.draft.errorCount, r.draft.warningCount)}
                          </Typography.Text>
                        ) : null}
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {r.kind === 'draft' ? t.by(r.draft.updatedBy.name, formatDateTime(r.draft.updatedAt)) : t.deployed(formatDateTime(r.version.deployedAt))}
                        </Typography.Text>
                      </Space>
                    </div>
                  ),
                },
                {
                  title: t.columns.hash,
                  key: 'hash',
                  width: 130,
                  render: (_, r) => (r.kind === 'version' ? <Typography.Text code title={r.version.hash}>{r.version.hash.slice(0, 12)}</Typography.Text> : <Typography.Text type="secondary">—</Typography.Text>),
                },
                { title: t.columns.status, dataIndex: 'status', width: 90, render: (s: PackageRow['status']) => <Tag color={STATUS_COLOR[s]} data-testid="row-status">{t.status[s]}</Tag> },
                {
                  title: t.columns.notice,
                  key: 'notice',
                  width: 200,
                  render: (_, r) => {
                    const n = notice(r);
                    if (!n) return <Typography.Text type="secondary">—</Typography.Text>;
                    const date = n.published ?? n.signed;
                    return (
                      <div title={n.title}>
                        <div>{n.docNo ?? n.title}</div>
                        {date ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t.noticeDate(formatDate(date))}</Typography.Text> : null}
                      </div>
                    );
                  },
                },
                { title: t.columns.actions, key: 'actions', width: 220, fixed: 'right', render: (_, r) => actions(r) },
              ]}
            />
          </Card>
        ))}
      </Space>
      <CloneDialog source={cloning} onClose={() => setCloning(null)} />
    </>
  );
}
