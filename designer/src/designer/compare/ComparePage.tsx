import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, Card, Col, Empty, Input, Result, Row, Segmented, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { useQueries, useQuery } from '@tanstack/react-query';
import { api, data } from '../../api/client.ts';
import { ApiError } from '../../api/ApiError.ts';
import type { PackageVersion } from '../../api/types.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { dt } from '../designerText.ts';
import { CompareDiagram } from './CompareDiagram.tsx';
import { ReplayCard } from './ReplayCard.tsx';
import { comparable, elementOf, idsOf, marksOf, type Change, type ChangeType } from './compareModel.ts';

const t = dt.compare;
const HASH = /^[0-9a-f]{64}$/;
const TYPES: ChangeType[] = ['rule', 'form', 'flow', 'schedule'];
const TYPE_COLOR: Record<ChangeType, string> = { rule: 'purple', form: 'cyan', flow: 'blue', schedule: 'magenta' };
const KIND_COLOR = { added: 'green', removed: 'red', changed: 'gold' } as const;

interface ProcessRef {
  file: string;
  role?: string;
}

function processesOf(manifest: unknown): ProcessRef[] {
  const p = (manifest as { processes?: unknown }).processes;
  return Array.isArray(p) ? (p as ProcessRef[]).filter((x) => typeof x?.file === 'string') : [];
}

function NotFound() {
  return (
    <Result
      status="404"
      title={t.notFoundTitle}
      subTitle={t.notFound}
      data-testid="compare-not-found"
      extra={
        <Link to="/designer">
          <Button type="primary">{t.back}</Button>
        </Link>
      }
    />
  );
}

/**
 * `/designer/compare?from=&to=`: two versions side by side, the changed elements coloured on both
 * diagrams, and the list of rule / form / flow / schedule changes with the clauses of both sides.
 */
export function ComparePage() {
  const [search, setSearch] = useSearchParams();
  const from = search.get('from') ?? '';
  const to = search.get('to') ?? '';
  const valid = HASH.test(from) && HASH.test(to);
  const [filter, setFilter] = useState<ChangeType | 'all'>('all');
  const [query, setQuery] = useState('');
  const [file, setFile] = useState<string | null>(null);
  const [focus, setFocus] = useState<{ id: string; key: string } | null>(null);

  const detail = (hash: string) => ({
    queryKey: ['package', hash],
    staleTime: Infinity,
    enabled: valid,
    queryFn: () => data(api.GET('/api/packages/{hash}', { params: { path: { hash } } })),
  });
  const [older, newer] = useQueries({ queries: [detail(from), detail(to)] });
  const found = !!older.data && !!newer.data;
  const diff = useQuery({
    queryKey: ['package-diff', from, to],
    staleTime: Infinity,
    enabled: found,
    queryFn: () => data(api.GET('/api/package-diffs', { params: { query: { from, to } } })),
  });
  const versions = useQuery({ queryKey: ['packages'], enabled: found, queryFn: () => data(api.GET('/api/packages')) });

  // Process files of both sides, paired by file name (the main process first).
  const files = useMemo(() => {
    const out: Array<{ file: string; role?: string; old: boolean; new: boolean }> = [];
    for (const [side, d] of [['new', newer.data], ['old', older.data]] as const) {
      for (const p of d ? processesOf(d.manifest) : []) {
        let f = out.find((x) => x.file === p.file);
        if (!f) out.push((f = { file: p.file, role: p.role, old: false, new: false }));
        f[side] = true;
      }
    }
    return out.sort((a, b) => Number(b.role === 'main') - Number(a.role === 'main'));
  }, [older.data, newer.data]);
  const bpmn = useQueries({
    queries: files.flatMap((f) =>
      (['old', 'new'] as const)
        .filter((side) => f[side])
        .map((side) => {
          const hash = side === 'old' ? from : to;
          return {
            queryKey: ['package-file', hash, f.file],
            staleTime: Infinity,
            queryFn: async () => ({ side, file: f.file, xml: (await data(api.GET('/api/packages/{hash}/files/{path}', { params: { path: { hash, path: f.file } } }))).content }),
          };
        }),
    ),
  });
  const xmlOf = (side: 'old' | 'new', name: string): string | null | undefined => {
    const entry = files.find((f) => f.file === name);
    if (!entry?.[side]) return null;
    return bpmn.find((q) => q.data?.side === side && q.data.file === name)?.data?.xml;
  };
  const current = file ?? files[0]?.file ?? null;

  const changes = (diff.data?.changes ?? []) as Change[];
  const marks = useMemo(() => marksOf(changes), [changes]);
  // Which process file holds an element, on either side.
  const fileOfElement = (id: string, prefer: 'old' | 'new'): string | undefined => {
    const order = prefer === 'old' ? (['old', 'new'] as const) : (['new', 'old'] as const);
    for (const side of order) for (const f of files) if (idsOf(xmlOf(side, f.file) ?? '').has(id)) return f.file;
    return undefined;
  };

  if (!valid) return <Result status="info" title={t.title} subTitle={t.missingParams} />;
  const error = older.error ?? newer.error ?? diff.error;
  if (error instanceof ApiError && error.status === 404) return <NotFound />;
  if (error) return <LoadError error={error} onRetry={() => void Promise.all([older.refetch(), newer.refetch(), diff.refetch()])} />;
  if (!older.data || !newer.data) return <Spin />;

  const others = versions.data ? comparable(versions.data, newer.data as PackageVersion) : [];
  const label = (v: { year: number; hash: string; active: boolean }) => t.versionLabel(v.year, v.hash.slice(0, 12), v.active);
  const q = query.trim().toLowerCase();
  const shown = changes.filter((c) => (filter === 'all' || c.type === filter) && (!q || [c.message, c.subject, ...c.clauses].some((x) => x.toLowerCase().includes(q))));
  const counts = diff.data?.counts;

  const locate = (c: Change, key: string) => {
    const id = elementOf(c);
    if (!id) return;
    const f = fileOfElement(id, c.change === 'removed' ? 'old' : 'new');
    if (f) setFile(f);
    setFocus({ id, key });
  };

  const header = (side: 'old' | 'new') => {
    const d = side === 'old' ? older.data! : newer.data!;
    return (
      <Space size={8} wrap>
        <Typography.Text type="secondary">{side === 'old' ? t.from : t.to}</Typography.Text>
        {side === 'old' ? (
          <Select
            size="small"
            data-testid="compare-from-select"
            style={{ minWidth: 260 }}
            value={from}
            options={[...(others.some((o) => o.hash === from) ? [] : [{ value: from, label: label(d) }]), ...others.map((o) => ({ value: o.hash, label: label(o) }))]}
            onChange={(hash: string) => {
              setFocus(null);
              setSearch({ from: hash, to });
            }}
          />
        ) : (
          <Typography.Text strong>{label(d)}</Typography.Text>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {d.title}
        </Typography.Text>
      </Space>
    );
  };

  return (
    <div data-testid="compare-page">
      <PageHeader
        title={t.title}
        intro={t.intro}
        extra={
          <Link to="/designer">
            <Button>{t.back}</Button>
          </Link>
        }
      />
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card size="small">
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            <Space size={16} wrap style={{ justifyContent: 'space-between', width: '100%' }}>
              {files.length > 1 ? (
                <Space size={8}>
                  <Typography.Text type="secondary">{t.process}</Typography.Text>
                  <Segmented
                    data-testid="compare-process"
                    value={current ?? undefined}
                    onChange={(v) => setFile(String(v))}
                    options={files.map((f) => ({ value: f.file, label: `${t.roles[f.role ?? ''] ?? f.file}(${f.file})` }))}
                  />
                </Space>
              ) : (
                <span />
              )}
              <div className="compare-legend" data-testid="compare-legend">
                <span data-kind="added">{t.legend.added}</span>
                <span data-kind="removed">{t.legend.removed}</span>
                <span data-kind="changed">{t.legend.changed}</span>
                <span>{t.legendHint}</span>
              </div>
            </Space>
            <Row gutter={12}>
              {(['old', 'new'] as const).map((side) => (
                <Col span={12} key={side}>
                  <div style={{ marginBottom: 8 }}>{header(side)}</div>
                  {current ? <CompareDiagram key={`${side}:${current}`} side={side} xml={xmlOf(side, current)} marks={side === 'old' ? marks.old : marks.new} focus={focus} /> : null}
                </Col>
              ))}
            </Row>
          </Space>
        </Card>
        <Card
          size="small"
          title={t.changesTitle}
          extra={counts ? <Typography.Text type="secondary">{t.total(changes.length)}</Typography.Text> : null}
        >
          {diff.isPending ? (
            <Spin />
          ) : changes.length === 0 ? (
            <Empty description={t.none} />
          ) : (
            <Space direction="vertical" size={12} style={{ width: '100%' }}>
              <Space size={12} wrap>
                <Segmented
                  data-testid="change-filter"
                  value={filter}
                  onChange={(v) => setFilter(v as ChangeType | 'all')}
                  options={[
                    { value: 'all', label: <span data-testid="change-count-all">{`${t.all} ${changes.length}`}</span> },
                    ...TYPES.map((type) => ({ value: type, label: <span data-testid={`change-count-${type}`}>{`${t.types[type]} ${counts?.[type] ?? 0}`}</span> })),
                  ]}
                />
                <Input.Search allowClear data-testid="change-search" placeholder={t.search} style={{ width: 340 }} onChange={(e) => setQuery(e.target.value)} onSearch={setQuery} />
              </Space>
              <Table<Change & { key: string }>
                size="small"
                rowKey="key"
                dataSource={shown.map((c) => ({ ...c, key: `${c.type}|${c.change}|${c.subject}` }))}
                pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (n) => t.total(n) }}
                rowClassName={(r) => (focus?.key === r.key ? 'compare-change-active' : '')}
                onRow={(r) =>
                  ({
                    'data-testid': 'change-row',
                    'data-type': r.type,
                    'data-subject': r.subject,
                    style: elementOf(r) ? { cursor: 'pointer' } : undefined,
                    title: elementOf(r) ? t.locate : undefined,
                    onClick: () => locate(r, r.key),
                  }) as React.HTMLAttributes<HTMLElement>
                }
                columns={[
                  { title: t.columns.type, dataIndex: 'type', width: 70, render: (type: ChangeType) => <Tag color={TYPE_COLOR[type]}>{t.types[type]}</Tag> },
                  { title: t.columns.kind, dataIndex: 'change', width: 70, render: (k: Change['change']) => <Tag color={KIND_COLOR[k]}>{t.kinds[k]}</Tag> },
                  {
                    title: t.columns.message,
                    key: 'message',
                    render: (_, c) => (
                      <div>
                        <div>{c.message}</div>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {c.subject}
                        </Typography.Text>
                      </div>
                    ),
                  },
                  {
                    title: t.columns.clauses,
                    dataIndex: 'clauses',
                    width: 260,
                    render: (cs: string[]) =>
                      cs.length ? (
                        <Space size={[4, 4]} wrap data-testid="change-clauses">
                          {cs.map((c) => (
                            <Tag key={c} bordered={false}>
                              {c}
                            </Tag>
                          ))}
                        </Space>
                      ) : (
                        <Typography.Text type="secondary">{t.noClause}</Typography.Text>
                      ),
                  },
                ]}
              />
            </Space>
          )}
        </Card>
        {found ? <ReplayCard fromHash={from} toHash={to} /> : null}
      </Space>
    </div>
  );
}
