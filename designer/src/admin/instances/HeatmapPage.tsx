import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { Alert, Card, Cascader, DatePicker, Empty, Space, Spin, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import type { Dayjs } from 'dayjs';
import { api, data } from '../../api/client.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { HEAT_STOPS, heatColour } from './heatColour.ts';
import { instancesText } from './instancesText.ts';
import { useChosenVersion } from './useChosenVersion.ts';
import { VersionSelect } from './VersionSelect.tsx';

const t = instancesText.heatmap;
// bpmn-js loads with the diagram, not with the admin pages.
const HeatmapDiagram = lazy(() => import('./HeatmapDiagram.tsx').then((m) => ({ default: m.HeatmapDiagram })));

/** `/admin/heatmap`: where instances of a version wait, on its diagram, by region (unit → city → province) and arrival date. */
export function HeatmapPage() {
  const navigate = useNavigate();
  const [pkg, choose] = useChosenVersion();
  const [region, setRegion] = useState<string[]>([]);
  const [dates, setDates] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const query = pkg
    ? {
        package: pkg,
        cityCode: region[0],
        orgId: region[1],
        from: dates?.[0]?.format('YYYY-MM-DD'),
        to: dates?.[1]?.format('YYYY-MM-DD'),
      }
    : null;
  const heat = useQuery({ queryKey: ['admin-heatmap', query], queryFn: () => data(api.GET('/api/admin/heatmap', { params: { query: query! } })), enabled: !!query });
  // Region options are those of the whole version, kept while a region is chosen.
  const all = useQuery({ queryKey: ['admin-heatmap', { package: pkg }], queryFn: () => data(api.GET('/api/admin/heatmap', { params: { query: { package: pkg! } } })), enabled: !!pkg });
  const h = heat.data;
  const cells = useMemo(() => h?.elements ?? [], [h]);
  const openStep = useCallback((elementId: string) => navigate(`/admin/instances?package=${pkg}&step=${encodeURIComponent(elementId)}${region[0] ? `&cityCode=${region[0]}` : ''}`), [navigate, pkg, region]);
  const max = Math.max(1, ...cells.map((c) => c.waiting));
  const top = cells[0];

  return (
    <>
      <PageHeader title={t.title} intro={t.intro} />
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Text>{instancesText.version}</Typography.Text>
        <VersionSelect
          value={pkg}
          onChange={(v) => {
            setRegion([]);
            choose(v);
          }}
          testId="heatmap-version"
        />
        <Typography.Text>{t.region}</Typography.Text>
        <Cascader
          style={{ width: 260 }}
          changeOnSelect
          placeholder={t.regionPlaceholder}
          value={region}
          onChange={(v) => setRegion((v as string[] | undefined) ?? [])}
          data-testid="heatmap-region"
          options={(all.data?.regions ?? []).map((c) => ({ value: c.cityCode, label: t.cityCount(c.cityCode, c.count), children: c.units.map((u) => ({ value: u.orgId, label: t.unitCount(u.name, u.count) })) }))}
        />
        <Typography.Text>{t.dates}</Typography.Text>
        <DatePicker.RangePicker value={dates} onChange={(v) => setDates(v as [Dayjs | null, Dayjs | null] | null)} data-testid="heatmap-dates" />
      </Space>
      {!pkg ? <Empty description={instancesText.noVersion} /> : null}
      {heat.isError ? <LoadError error={heat.error} onRetry={() => heat.refetch()} /> : null}
      {pkg && !h && !heat.isError ? <Spin /> : null}
      {h ? (
        <>
          <Space style={{ marginBottom: 8 }} wrap>
            {top ? <Alert type="warning" showIcon data-testid="heatmap-top" title={t.mostWaiting(top.name, top.waiting)} /> : <Alert type="info" showIcon title={t.nothing} data-testid="heatmap-nothing" />}
            <span className="heat-legend" data-testid="heatmap-legend">
              {t.legend}:{t.legendLow}
              <span className="heat-scale">
                {HEAT_STOPS.map((s) => (
                  <span key={s} style={{ background: heatColour(s) }} />
                ))}
              </span>
              {t.legendHigh}(最多 {max})
            </span>
            <Typography.Text type="secondary">{t.total(h.totalWaiting)}</Typography.Text>
          </Space>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Suspense fallback={<Spin />}>
              <HeatmapDiagram xml={h.xml} cells={cells} onPick={openStep} />
            </Suspense>
          </Card>
          <Table
            rowKey="elementId"
            size="small"
            data-testid="heatmap-table"
            pagination={false}
            dataSource={cells}
            locale={{ emptyText: t.nothing }}
            columns={[
              {
                title: t.table.element,
                dataIndex: 'name',
                render: (v: string, r) => (
                  <Space>
                    <span style={{ display: 'inline-block', width: 12, height: 12, borderRadius: 2, background: heatColour(r.waiting / max) }} />
                    <Link to={`/admin/instances?package=${pkg}&step=${encodeURIComponent(r.elementId)}${region[0] ? `&cityCode=${region[0]}` : ''}`} data-testid={`heat-row-${r.elementId}`}>
                      {v}
                    </Link>
                  </Space>
                ),
              },
              { title: t.table.waiting, dataIndex: 'waiting', width: 120, align: 'right' },
              { title: t.table.median, dataIndex: 'medianWorkingDays', width: 180, align: 'right', render: (v: number | null) => v ?? instancesText.none },
              { title: t.table.overdue, dataIndex: 'overdue', width: 100, align: 'right', render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : 0) },
            ]}
          />
        </>
      ) : null}
    </>
  );
}
