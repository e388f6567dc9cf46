import { useMemo, useState } from 'react';
import { Alert, Card, Input, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, data } from '../../api/client.ts';
import type { DraftDetail } from '../draftTypes.ts';
import { editorText } from '../rules/editorText.ts';

const t = editorText.schedule;
type Json = Record<string, unknown>;

interface Window {
  id: string;
  kind?: string;
  title?: string;
  opens?: string;
  closes?: string;
  month?: string;
  length?: { amount: number; unit: string; counting: string };
  raw?: string;
  clause?: string;
  provenance?: string;
  ambiguity?: string;
}

const UNIT: Record<string, string> = { WD: '个工作日', DAY: '日', MONTH: '个月', YEAR: '年' };
const isDate = (s: unknown): s is string => typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s);

/** The end of a window that is given by its length: counted on the region's calendar by the platform. */
function useComputedEnd(w: Window, region: string | undefined) {
  const len = w.length;
  return useQuery({
    enabled: !!len && isDate(w.opens) && !w.closes,
    queryKey: ['schedule-deadline', w.opens, len?.amount, len?.unit, len?.counting, region],
    staleTime: 60_000,
    queryFn: () =>
      data(api.GET('/api/calendar/deadline', { params: { query: { anchor: w.opens!, amount: len!.amount, unit: len!.unit as 'WD', counting: len!.counting as 'C1', ...(region ? { region } : {}) } } })),
  });
}

function RangeCell({ w, region }: { w: Window; region: string | undefined }) {
  const end = useComputedEnd(w, region);
  if (w.month && !w.opens) return <span>{dayjs(`${w.month}-01`).format('YYYY年M月')}(整月)</span>;
  const to = w.closes ?? end.data?.date;
  return (
    <Space size={4} wrap>
      <span>{w.opens ? dayjs(w.opens).format('YYYY-MM-DD') : '—'}</span>
      <span>至</span>
      <span>{to ?? (w.length ? `${w.length.amount}${UNIT[w.length.unit] ?? w.length.unit}` : '—')}</span>
      {w.length && to ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>({w.length.amount}{UNIT[w.length.unit] ?? w.length.unit})</Typography.Text> : null}
      {end.data?.provisional ? (
        <Tag color="orange" data-testid="provisional">
          {t.provisional}
        </Tag>
      ) : null}
    </Space>
  );
}

/** The working-day calendar of the region around one window, rest days grey, 暂定 where the year is not published. */
function CalendarPreview({ w, region }: { w: Window; region: string | undefined }) {
  const end = useComputedEnd(w, region);
  const start = w.opens ?? (w.month ? `${w.month}-01` : undefined);
  const last = w.closes ?? end.data?.date ?? (w.month ? dayjs(`${w.month}-01`).endOf('month').format('YYYY-MM-DD') : w.opens);
  const from = start ? dayjs(start).startOf('month').format('YYYY-MM-DD') : undefined;
  const to = last ? dayjs(last).endOf('month').format('YYYY-MM-DD') : undefined;
  const days = useQuery({
    enabled: !!from && !!to && dayjs(to).diff(dayjs(from), 'day') < 366,
    queryKey: ['schedule-days', from, to, region],
    staleTime: 60_000,
    queryFn: () => data(api.GET('/api/calendar/days', { params: { query: { from: from!, to: to!, ...(region ? { region } : {}) } } })),
  });
  if (!from || !days.data) return null;
  const months = new Map<string, typeof days.data>();
  for (const d of days.data) months.set(d.date.slice(0, 7), [...(months.get(d.date.slice(0, 7)) ?? []), d]);
  const provisional = days.data.some((d) => d.provisional);
  return (
    <Card size="small" title={`${t.calendar}:${w.title ?? w.id}`} extra={provisional ? <Tag color="orange">{t.provisional}</Tag> : null} data-testid="schedule-calendar">
      <Space wrap align="start" size={16}>
        {[...months.entries()].map(([m, list]) => (
          <div key={m}>
            <Typography.Text strong>{dayjs(`${m}-01`).format('YYYY年M月')}</Typography.Text>
            <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 28px)', gap: 2, marginTop: 4 }}>
              {['一', '二', '三', '四', '五', '六', '日'].map((x) => (
                <Typography.Text key={x} type="secondary" style={{ fontSize: 11, textAlign: 'center' }}>
                  {x}
                </Typography.Text>
              ))}
              {Array.from({ length: (dayjs(`${m}-01`).day() + 6) % 7 }, (_, i) => (
                <span key={`pad${i}`} />
              ))}
              {list.map((d) => {
                const inWindow = start && last && d.date >= start && d.date <= last;
                return (
                  <Tooltip key={d.date} title={`${d.date} ${d.working ? t.workday : t.restday}${d.name ? ` · ${d.name}` : ''}${d.provisional ? ` · ${t.provisional}` : ''}`}>
                    <span
                      data-testid="calendar-day"
                      data-working={d.working}
                      style={{
                        fontSize: 12,
                        textAlign: 'center',
                        lineHeight: '22px',
                        borderRadius: 4,
                        background: inWindow ? (d.working ? '#bae0ff' : '#f0f0f0') : undefined,
                        color: d.working ? undefined : '#aaa',
                        outline: d.provisional ? '1px dashed #fa8c16' : undefined,
                      }}
                    >
                      {Number(d.date.slice(8))}
                    </span>
                  </Tooltip>
                );
              })}
            </div>
          </div>
        ))}
      </Space>
    </Card>
  );
}

/**
 * 日程与参数: the notice's windows as a table (name, from–to, counting convention, the notice's own
 * sentence), the working-day calendar around the chosen window, and the manifest's parameters.
 */
export function ScheduleEditor({ draftId, text, readOnly, onChange }: { draftId: string; text: string; readOnly: boolean; onChange(text: string): void }) {
  const qc = useQueryClient();
  const region = qc.getQueryData<DraftDetail>(['draft', draftId])?.regionCode;
  const schedule = useMemo(() => {
    try {
      const v = JSON.parse(text);
      return v && typeof v === 'object' && Array.isArray(v.windows) ? (v as Json & { windows: Window[] }) : null;
    } catch {
      return null;
    }
  }, [text]);
  const manifest = useQuery({
    queryKey: ['draft-file', draftId, 'manifest.json'],
    staleTime: Infinity,
    gcTime: 0,
    queryFn: () => data(api.GET('/api/drafts/{id}/files/{path}', { params: { path: { id: draftId, path: 'manifest.json' } } })),
  });
  const [selected, setSelected] = useState<string | null>(null);
  if (!schedule) return <Alert type="error" showIcon message={editorText.invalidJson} />;
  const setWindow = (id: string, k: keyof Window, v: string) =>
    onChange(`${JSON.stringify({ ...schedule, windows: schedule.windows.map((w) => (w.id === id ? { ...w, [k]: v } : w)) }, null, 2)}\n`);
  const current = schedule.windows.find((w) => w.id === selected) ?? schedule.windows.find((w) => w.opens || w.month);
  let params: Array<{ name: string; value: unknown; clause?: string; raw?: string }> = [];
  try {
    const m = manifest.data ? (JSON.parse(manifest.data.content) as Json) : {};
    params = Object.entries((m.parameters ?? {}) as Record<string, Json>).map(([name, p]) => ({ name, value: p.value, clause: p.clause as string | undefined, raw: (p.raw ?? p.note) as string | undefined }));
  } catch {
    // The manifest being typed elsewhere: its parameters show once it parses.
  }

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="schedule-editor">
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t.intro}
      </Typography.Paragraph>
      <Table<Window>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={schedule.windows}
        data-testid="schedule-table"
        scroll={{ x: 1000 }}
        onRow={(w) => ({ onClick: () => setSelected(w.id), style: { cursor: 'pointer', background: w.id === current?.id ? '#e6f4ff' : undefined } })}
        columns={[
          { title: t.columns.title, dataIndex: 'title', width: 220, render: (_: unknown, w) => (readOnly ? w.title : <Input size="small" defaultValue={w.title} onBlur={(e) => e.target.value !== w.title && setWindow(w.id, 'title', e.target.value)} data-testid={`window-title-${w.id}`} />) },
          { title: t.columns.kind, dataIndex: 'kind', width: 90, render: (k: string) => <Tag>{t.kinds[k] ?? k}</Tag> },
          { title: t.columns.range, key: 'range', width: 260, render: (_: unknown, w) => <RangeCell w={w} region={region} /> },
          { title: t.columns.counting, key: 'counting', width: 110, render: (_: unknown, w) => (w.length ? <Tag color="geekblue">{t.conventions[w.length.counting] ?? w.length.counting}</Tag> : <Typography.Text type="secondary">{t.none}</Typography.Text>) },
          { title: t.columns.raw, dataIndex: 'raw', render: (v: string) => <Typography.Text style={{ fontSize: 12 }}>{v}</Typography.Text> },
          { title: t.columns.clause, dataIndex: 'clause', width: 90, render: (v: string) => (v ? <Tag color="blue">{v}</Tag> : null) },
          { title: t.columns.provenance, dataIndex: 'provenance', width: 90, render: (v: string, w) => <Space size={2} wrap>{v ? <Tag>{t.provenance[v] ?? v}</Tag> : null}{w.ambiguity ? <Tag color="orange">{w.ambiguity}</Tag> : null}</Space> },
        ]}
      />
      {current ? <CalendarPreview w={current} region={region} /> : null}
      <Card size="small" title={t.parameters} data-testid="schedule-parameters">
        <Table
          size="small"
          rowKey="name"
          pagination={false}
          dataSource={params}
          columns={[
            { title: t.paramColumns.name, dataIndex: 'name', width: 220, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
            { title: t.paramColumns.value, dataIndex: 'value', render: (v: unknown) => <Typography.Text>{typeof v === 'string' ? v : JSON.stringify(v)}</Typography.Text> },
            { title: t.paramColumns.clause, dataIndex: 'clause', width: 100, render: (v: string) => (v ? <Tag color="blue">{v}</Tag> : null) },
          ]}
        />
      </Card>
    </Space>
  );
}
