import { lazy, Suspense, useEffect, useState } from 'react';
import { Link, useBlocker, useNavigate, useParams, useSearchParams } from 'react-router';
import { Alert, App as AntdApp, Badge, Button, Card, Col, Menu, Result, Row, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, CloudUploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, data } from '../../api/client.ts';
import { ApiError, messageOf } from '../../api/ApiError.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useSession } from '../../components/SessionContext.tsx';
import { formatDateTime } from '../../components/formatDate.ts';
import type { DraftDetail, SaveResult } from '../draftTypes.ts';
import { dt } from '../designerText.ts';
import { elementOf, firstFile, groupFiles } from './draftFiles.ts';
import { FilePane } from './FilePane.tsx';
import { draftFileQuery, draftQuery } from './draftQueries.ts';
import { ProblemsPanel, type PanelProblem } from './ProblemsPanel.tsx';
import type { LintReport } from '../modeler/linting/index.ts';
import { PLATFORM_RULE_CODES } from '../../../../engine/bpmn/lint/platformRuleCodes.ts';

/** Problem codes the live linter reports itself: for the diagram being edited its findings replace the last save's. */
const LIVE_CODES = new Set<string>(Object.values(PLATFORM_RULE_CODES));
// The try-out (its own diagram viewer and JSON editor) loads when its tab is opened.
const TryoutTab = lazy(() => import('../tryout/TryoutTab.tsx').then((m) => ({ default: m.TryoutTab })));

const w = dt.workspace;

/** `/designer/drafts/:id`: the draft's files, the diagram and JSON editors, the problems, 发布. */
export function DraftWorkspacePage() {
  const { id = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message, modal } = AntdApp.useApp();
  const role = useSession().session!.actor.role;
  // The detail is read once and then kept by this page: a background refetch would hand the next
  // save someone else's revision and silently defeat the optimistic lock.
  const detail = useQuery({ ...draftQuery(id), staleTime: Infinity, gcTime: 0 });
  // The file the address names is read alongside the draft, not after it.
  const requested = search.get('file');
  useEffect(() => {
    if (requested) void qc.prefetchQuery(draftFileQuery(id, requested));
    // (only the file the page was opened on: later switches read their file as they open it)
  }, [id]);
  const [dirty, setDirty] = useState(false);
  const [reloads, setReloads] = useState(0);
  const [focus, setFocus] = useState<{ elementId: string | null; pointer: string; nonce: number; report?: LintReport } | null>(null);
  // What the live linter finds in the open diagram, as it is edited.
  const [live, setLive] = useState<{ file: string; reports: LintReport[] } | null>(null);

  // Leaving with unsaved work asks first: another page of the app, and closing or reloading the tab.
  // (Switching files is asked in `open`; the ?file= change it makes is not blocked.)
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    modal.confirm({ title: w.unsavedLeave, okText: dt.packages.ok, cancelText: dt.packages.cancel, onOk: () => blocker.proceed(), onCancel: () => blocker.reset() });
  }, [blocker, modal]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const publish = useMutation({
    mutationFn: (revision: number) => data(api.POST('/api/drafts/{id}/publish', { params: { path: { id } }, body: { revision } })),
    onSuccess: (r) => {
      qc.setQueryData<DraftDetail>(['draft', id], (old) => (old ? { ...old, ...r.draft } : old));
      void qc.invalidateQueries({ queryKey: ['packages'] });
      void qc.invalidateQueries({ queryKey: ['drafts'] });
      message.success(w.published(r.version.hash.slice(0, 12)));
    },
    onError: (err) => {
      message.error(messageOf(err));
      // A refusal stored the problems it found: show them.
      if (err instanceof ApiError && err.status === 422) void detail.refetch();
    },
  });

  if (detail.isError) {
    if (detail.error instanceof ApiError && detail.error.status === 404)
      return (
        <Result
          status="404"
          title={w.notFoundTitle}
          subTitle={w.notFound}
          data-testid="draft-not-found"
          extra={
            <Link to="/designer">
              <Button type="primary">{w.back}</Button>
            </Link>
          }
        />
      );
    return <LoadError error={detail.error} onRetry={() => detail.refetch()} />;
  }
  if (!detail.data) return <Spin />;
  const draft = detail.data;
  const path = search.get('file') ?? firstFile(draft.files);
  const tab = search.get('tab') ?? 'files';
  const readOnly = role !== 'policy_editor' || draft.status === 'PUBLISHED';
  const liveProblems: PanelProblem[] =
    live && live.file === path
      ? live.reports.map((r) => ({ file: live.file, pointer: `#${r.id}`, message: r.message, severity: r.category === 'error' ? ('error' as const) : ('warning' as const), code: r.code, live: r }))
      : [];
  const liveSeen = new Set(liveProblems.map((p) => `${p.pointer}|${p.message}`));
  const liveFile = live?.file === path ? path : null;
  const savedProblems = draft.problems.filter((p) => p.file !== liveFile || (!LIVE_CODES.has(p.code) && !liveSeen.has(`${p.pointer}|${p.message}`)));
  // Errors first; live before saved within each (a stable sort keeps the rest in order).
  const problems: PanelProblem[] = [...liveProblems, ...savedProblems].sort((a, b) => Number(b.severity === 'error') - Number(a.severity === 'error'));
  const errors = problems.filter((p) => p.severity === 'error');
  const errorsByFile = new Map<string, number>();
  for (const p of errors) errorsByFile.set(p.file, (errorsByFile.get(p.file) ?? 0) + 1);

  const open = (file: string, then?: () => void) => {
    const go = () => {
      // Another file drops the unsaved edits of this one; the same file (a problem clicked) keeps them.
      if (file !== path) setDirty(false);
      setFocus(null);
      setSearch({ file }, { replace: true });
      then?.();
    };
    if (file === path || !dirty) return go();
    modal.confirm({ title: w.unsavedLeave, okText: dt.packages.ok, cancelText: dt.packages.cancel, onOk: go });
  };

  const onSaved = (r: SaveResult, content: string) => {
    qc.setQueryData<DraftDetail>(['draft', id], (old) => (old ? { ...old, ...r.draft, files: old.files.map((f) => (f.path === r.file.path ? r.file : f)), problems: r.problems } : old));
    qc.setQueryData(['draft-file', id, r.file.path], { ...r.file, content, revision: r.draft.revision });
    // The list shows each draft's problem count and who saved last.
    void qc.invalidateQueries({ queryKey: ['drafts'] });
  };

  const reload = async () => {
    await qc.invalidateQueries({ queryKey: ['draft-file', id] });
    await detail.refetch();
    setDirty(false);
    setFocus(null);
    setReloads((n) => n + 1);
  };

  const onConflict = (err: ApiError) => {
    modal.confirm({
      title: w.conflictTitle,
      content: <span data-testid="conflict-detail">{err.detail ?? err.title}</span>,
      okText: w.conflictReload,
      cancelText: w.conflictKeep,
      onOk: reload,
    });
  };

  const onProblem = (p: PanelProblem) => {
    const elementId = elementOf(p.pointer);
    open(p.file, () => setFocus({ elementId: p.file.endsWith('.bpmn') ? elementId : null, pointer: p.pointer, nonce: Date.now(), report: p.live }));
  };

  const onPublish = () =>
    modal.confirm({
      title: w.publish,
      content: w.publishConfirm,
      okText: w.publish,
      cancelText: dt.packages.cancel,
      onOk: () => publish.mutateAsync(draft.revision).catch(() => undefined),
    });

  const published = draft.status === 'PUBLISHED';
  return (
    <>
      <PageHeader
        title={draft.title}
        intro={
          <Space wrap size={8} data-testid="draft-header">
            <Tag color={published ? 'blue' : 'gold'}>{published ? dt.packages.status.PUBLISHED : dt.packages.status.DRAFT}</Tag>
            <span>{w.revision(draft.revision)}</span>
            <span>{w.lastSaved(draft.updatedBy.name, formatDateTime(draft.updatedAt))}</span>
            {draft.publishedHash ? <Typography.Text code>{draft.publishedHash.slice(0, 12)}</Typography.Text> : null}
          </Space>
        }
        extra={
          <Space>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/designer')}>
              {w.back}
            </Button>
            {published || (role !== 'policy_editor' && role !== 'admin') ? null : (
              <Button type="primary" icon={<CloudUploadOutlined />} disabled={errors.length > 0 || dirty} loading={publish.isPending} onClick={onPublish} data-testid="publish-draft" title={errors.length ? dt.packages.publishNeedsNoErrors : undefined}>
                {w.publish}
              </Button>
            )}
          </Space>
        }
      />
      {published ? <Alert type="info" showIcon message={w.readOnly} style={{ marginBottom: 12 }} /> : null}
      {/* The files stay mounted under another tab, so unsaved edits survive a try-out. */}
      <Tabs
        activeKey={tab}
        onChange={(k) => setSearch(k === 'files' ? (path ? { file: path } : {}) : { ...(path ? { file: path } : {}), tab: k }, { replace: true })}
        items={[
          { key: 'files', label: w.files },
          { key: 'tryout', label: dt.tryout.tab },
        ]}
      />
      {tab === 'tryout' ? (
        <Suspense fallback={<Spin />}>
          <TryoutTab draft={draft} readOnly={readOnly} />
        </Suspense>
      ) : null}
      <Row gutter={12} wrap={false} style={tab === 'files' ? undefined : { display: 'none' }}>
        <Col flex="220px">
          <Card size="small" title={w.files} styles={{ body: { padding: 0, maxHeight: 620, overflowY: 'auto' } }}>
            <Menu
              mode="inline"
              selectedKeys={path ? [path] : []}
              style={{ borderInlineEnd: 0 }}
              data-testid="draft-files"
              onClick={(e) => open(e.key)}
              items={groupFiles(draft.files).map((g) => ({
                type: 'group' as const,
                key: `kind:${g.kind}`,
                label: w.kinds[g.kind],
                children: g.files.map((f) => ({
                  key: f.path,
                  title: f.path,
                  label: (
                    <Space size={6} data-testid="draft-file" data-path={f.path}>
                      {/* A long name ends in … within the column (the full path is its title). */}
                      <span title={f.path} style={{ display: 'inline-block', maxWidth: 150, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', verticalAlign: 'bottom' }}>
                        {f.path.split('/').pop()}
                      </span>
                      {errorsByFile.get(f.path) ? <Badge count={errorsByFile.get(f.path)} size="small" /> : null}
                    </Space>
                  ),
                })),
              }))}
            />
          </Card>
        </Col>
        <Col flex="auto" style={{ minWidth: 0 }}>
          {path ? (
            <FilePane
              key={`${path}:${reloads}`}
              draftId={id}
              path={path}
              revision={draft.revision}
              readOnly={readOnly}
              focus={focus}
              filePaths={draft.files.map((f) => f.path)}
              onLint={(file, reports) => setLive({ file, reports })}
              onDirtyChange={setDirty}
              onSaved={onSaved}
              onConflict={onConflict}
            />
          ) : null}
        </Col>
      </Row>
      <div style={{ marginTop: 12, display: tab === 'files' ? undefined : 'none' }}>
        <ProblemsPanel problems={problems} onOpen={onProblem} />
      </div>
    </>
  );
}
