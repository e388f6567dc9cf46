import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, App as AntdApp, Button, Card, List, Result, Space, Spin, Steps, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, data } from '../../api/client.ts';
import { ApiError, messageOf } from '../../api/ApiError.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useSession } from '../../components/SessionContext.tsx';
import { formatDateTime } from '../../components/formatDate.ts';
import { dt } from '../designerText.ts';
import { previousVersion } from '../compare/compareModel.ts';
import { ReplayCard } from '../compare/ReplayCard.tsx';
import { CoverageView } from '../tryout/CoverageCard.tsx';
import { scenarioFiles } from '../tryout/tryoutModel.ts';
import { scenariosGreen } from './activationChecks.ts';

const t = dt.activation;

/**
 * `/designer/activation/:hash` (admins): before 部署与启用, the diff from the previous version, the
 * replay of past applicants, every scenario's result and what happens to running applications.
 * 启用 stays refused until every scenario has run and passed.
 */
export function ActivationPage() {
  const { hash = '' } = useParams();
  const role = useSession().session!.actor.role;
  if (role !== 'admin')
    return (
      <Result
        status="403"
        title={t.adminOnly}
        data-testid="activation-admin-only"
        extra={
          <Link to="/designer">
            <Button type="primary">{t.back}</Button>
          </Link>
        }
      />
    );
  return <Activation hash={hash} />;
}

function Activation({ hash }: { hash: string }) {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message, modal } = AntdApp.useApp();
  const [replayed, setReplayed] = useState(false);
  const detail = useQuery({ queryKey: ['package', hash], staleTime: Infinity, queryFn: () => data(api.GET('/api/packages/{hash}', { params: { path: { hash } } })) });
  const versions = useQuery({ queryKey: ['packages'], queryFn: () => data(api.GET('/api/packages')) });
  const preview = useQuery({ queryKey: ['activation', hash], queryFn: () => data(api.GET('/api/packages/{hash}/activation', { params: { path: { hash } } })) });
  const version = versions.data?.find((v) => v.hash === hash);
  const previous = version ? previousVersion(versions.data ?? [], version) : undefined;
  const diff = useQuery({
    queryKey: ['package-diff', previous?.hash, hash],
    enabled: !!previous,
    staleTime: Infinity,
    queryFn: () => data(api.GET('/api/package-diffs', { params: { query: { from: previous!.hash, to: hash } } })),
  });
  // Every process scenario of the version (the rule checks aside), one after another on the server.
  const scenarios = useMutation({ mutationFn: () => data(api.POST('/api/packages/{hash}/tryout-coverage', { params: { path: { hash } }, body: { scenarioFiles: scenarioFiles(detail.data!.files) } })) });
  const activate = useMutation({
    mutationFn: () => data(api.POST('/api/packages/{hash}/activate', { params: { path: { hash } } })),
    onSuccess: async (v) => {
      message.success(t.activated(v.title));
      await Promise.all([qc.invalidateQueries({ queryKey: ['packages'] }), qc.invalidateQueries({ queryKey: ['activation', hash] })]);
      navigate('/designer');
    },
    onError: (err) => message.error(messageOf(err)),
  });

  const error = detail.error ?? versions.error ?? preview.error;
  if (error) {
    if (error instanceof ApiError && error.status === 404) return <Result status="404" title={dt.compare.notFoundTitle} subTitle={dt.compare.notFound} data-testid="activation-not-found" />;
    return <LoadError error={error} onRetry={() => void detail.refetch()} />;
  }
  if (!detail.data || !versions.data || !preview.data) return <Spin />;
  const title = detail.data.manifest.title;
  const toRun = scenarioFiles(detail.data.files);
  // A version without process scenarios has nothing to run (the checklist says so); otherwise all must pass.
  const green = toRun.length === 0 || scenariosGreen(scenarios.data);
  const readXml = (path: string) => data(api.GET('/api/packages/{hash}/files/{path}', { params: { path: { hash, path } } })).then((f) => f.content);

  return (
    <div data-testid="activation-page">
      <PageHeader
        title={t.title(title)}
        intro={t.intro}
        extra={
          <Link to="/designer">
            <Button>{t.back}</Button>
          </Link>
        }
      />
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card size="small" title={t.checklist}>
          <Steps
            size="small"
            data-testid="activation-checklist"
            items={[
              { title: t.diff, status: previous ? (diff.data ? 'finish' : 'process') : 'finish' },
              { title: t.replay, status: !previous || replayed ? 'finish' : 'wait' },
              { title: t.scenarios, status: scenarios.isPending ? 'process' : scenarios.data ? (green ? 'finish' : 'error') : 'wait' },
              { title: t.activate, status: preview.data.active ? 'finish' : 'wait' },
            ]}
          />
        </Card>
        <Card size="small" title={t.diff} data-testid="activation-diff" extra={previous ? <Link to={`/designer/compare?from=${previous.hash}&to=${hash}`}>{t.openCompare}</Link> : null}>
          {!previous ? <Typography.Text type="secondary">{t.diffNone}</Typography.Text> : diff.data ? <Typography.Text data-testid="activation-diff-counts">{`${previous.title} → ${title}:${t.diffCounts(diff.data.counts)}`}</Typography.Text> : <Spin />}
        </Card>
        {previous ? <ReplayCard fromHash={previous.hash} toHash={hash} onReport={() => setReplayed(true)} /> : null}
        <Card
          size="small"
          title={t.scenarios}
          data-testid="activation-scenarios"
          extra={
            <Button onClick={() => scenarios.mutate()} loading={scenarios.isPending} disabled={toRun.length === 0} data-testid="activation-run-scenarios">
              {dt.tryout.coverageRun}
            </Button>
          }
        >
          {toRun.length === 0 ? <Typography.Text type="secondary">{dt.tryout.noScenarios}</Typography.Text> : null}
          {scenarios.isPending ? <Spin tip={t.scenariosRunning}><div style={{ height: 40 }} /></Spin> : null}
          {scenarios.isError ? <Alert type="error" showIcon title={messageOf(scenarios.error)} /> : null}
          {scenarios.data ? (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Text strong data-testid="activation-scenarios-summary">
                {t.scenariosAll(scenarios.data.scenarios.filter((s) => s.matched !== false && s.status !== 'ERROR').length, scenarios.data.scenarios.length)}
              </Typography.Text>
              <CoverageView report={scenarios.data} readXml={readXml} />
            </Space>
          ) : null}
        </Card>
        <Card size="small" title={t.running} data-testid="activation-running">
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text>{preview.data.current ? `${t.current(preview.data.current.title)}(${formatDateTime(preview.data.current.activatedAt)})` : t.currentNone}</Typography.Text>
            {preview.data.running.length ? <List size="small" dataSource={preview.data.running} renderItem={(r) => <List.Item>{t.runningRow(r.title, r.count)}</List.Item>} /> : <Typography.Text type="secondary">{t.runningNone}</Typography.Text>}
            <Alert type="info" showIcon title={t.runningStay} />
          </Space>
        </Card>
        <Space>
          {preview.data.active ? (
            <Alert type="success" showIcon title={t.alreadyActive} />
          ) : (
            <Button
              type="primary"
              size="large"
              disabled={!green}
              title={green ? undefined : t.refused}
              loading={activate.isPending}
              data-testid="activation-activate"
              onClick={() => modal.confirm({ title: t.activate, content: t.confirm(title), okText: dt.packages.ok, cancelText: dt.packages.cancel, onOk: () => activate.mutateAsync().catch(() => undefined) })}
            >
              {t.activate}
            </Button>
          )}
          {!preview.data.active && !green ? <Typography.Text type="secondary">{t.refused}</Typography.Text> : null}
        </Space>
      </Space>
    </div>
  );
}
