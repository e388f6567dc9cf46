import { useState } from 'react';
import { App, Button, Calendar, Card, Col, DatePicker, Descriptions, Empty, Input, InputNumber, Popconfirm, Row, Space, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useSearchParams } from 'react-router';
import { api, data } from '../api/client.ts';
import { messageOf } from '../api/ApiError.ts';
import { LoadError } from '../components/LoadError.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useSession } from '../components/SessionContext.tsx';
import { formatDate } from '../components/formatDate.ts';
import { adminText } from './adminText.ts';
import type { CalendarDay, CalendarOverride } from './adminTypes.ts';

const t = adminText.calendar;
const ISO = 'YYYY-MM-DD';

const COLORS = { holiday: '#cf1322', makeUp: '#d46b08', regionalRest: '#531dab', regionalWork: '#0958d9' };

/** The colour and short mark of a day on the month view. */
function markOf(day: CalendarDay | undefined, override: CalendarOverride | undefined): { label: string; color: string } | null {
  if (override) return override.working ? { label: t.legend.regionalWork, color: COLORS.regionalWork } : { label: t.legend.regionalRest, color: COLORS.regionalRest };
  if (!day) return null;
  if (day.source === 'holiday') return { label: day.name ?? t.legend.holiday, color: COLORS.holiday };
  if (day.source === 'makeUpWorkday') return { label: t.legend.makeUp, color: COLORS.makeUp };
  return null;
}

/** 2004–2026 for a run of years, runs joined by 、. */
function yearRanges(years: number[]): string {
  const sorted = [...years].sort((a, b) => a - b);
  const runs: Array<[number, number]> = [];
  for (const y of sorted) {
    const last = runs[runs.length - 1];
    if (last && y === last[1] + 1) last[1] = y;
    else runs.push([y, y]);
  }
  return runs.map(([a, b]) => (a === b ? String(a) : `${a}–${b}`)).join('、') || t.noYears;
}

/** `/admin/calendar`: the region's working-day calendar by month; a day chosen can be made a regional rest or working day. */
export function CalendarPage() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const region = useSession().session!.actor.regionCode ?? undefined;
  // The month shown is in the URL (?month=2026-10), so a month can be linked and reloaded.
  const [params, setParams] = useSearchParams();
  const fromUrl = /^\d{4}-\d{2}$/.test(params.get('month') ?? '') ? dayjs(`${params.get('month')}-01`) : null;
  const month = fromUrl?.isValid() ? fromUrl : dayjs().startOf('month');
  const setMonth = (d: Dayjs) => setParams({ month: d.format('YYYY-MM') }, { replace: true });
  const [selected, setSelected] = useState<Dayjs | null>(null);
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  // The month view shows six weeks: ask for the days around the month too.
  const from = month.startOf('month').subtract(7, 'day').format(ISO);
  const to = month.endOf('month').add(14, 'day').format(ISO);
  const days = useQuery({ queryKey: ['calendar-days', region, from, to], queryFn: () => data(api.GET('/api/calendar/days', { params: { query: { from, to, ...(region ? { region } : {}) } } })) });
  const year = month.year();
  const overrides = useQuery({ queryKey: ['calendar-overrides', year], queryFn: () => data(api.GET('/api/admin/calendar', { params: { query: { year } } })) });

  const dayMap = new Map((days.data ?? []).map((d) => [d.date, d]));
  // The admin's own entries are editable; a province's entries show on its cities' calendars as the province's.
  const overrideMap = new Map((overrides.data?.overrides ?? []).filter((o) => !region || region.startsWith(o.regionCode.replace(/0+$/, ''))).map((o) => [o.date, o]));
  const sel = selected?.format(ISO);
  const selDay = sel ? dayMap.get(sel) : undefined;
  const selOverride = sel ? overrideMap.get(sel) : undefined;
  const ownOverride = selOverride && selOverride.regionCode === region ? selOverride : undefined;

  const refresh = async () => {
    await Promise.all([queryClient.invalidateQueries({ queryKey: ['calendar-days'] }), queryClient.invalidateQueries({ queryKey: ['calendar-overrides'] }), queryClient.invalidateQueries({ queryKey: ['calendar-deadline'] })]);
  };
  const setDay = async (working: boolean) => {
    if (!sel) return;
    setSaving(true);
    try {
      await api.PUT('/api/admin/calendar/overrides/{date}', { params: { path: { date: sel } }, body: { working, ...(note.trim() ? { note: note.trim() } : {}) } });
      message.success(t.saved);
      await refresh();
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setSaving(false);
    }
  };
  const removeDay = async () => {
    if (!sel) return;
    setSaving(true);
    try {
      await api.DELETE('/api/admin/calendar/overrides/{date}', { params: { path: { date: sel }, query: {} } });
      message.success(t.removed);
      await refresh();
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setSaving(false);
    }
  };

  /** Declares the year shown complete for the admin's region, or withdraws the declaration. */
  const declareYear = async (complete: boolean) => {
    try {
      await data(api.PUT('/api/admin/calendar/published-years/{year}', { params: { path: { year } }, body: { published: complete } }));
      message.success(complete ? t.yearDeclaredDone(year) : t.yearWithdrawn(year));
    } catch (e) {
      message.error(messageOf(e));
    }
    await refresh();
  };

  if (days.isError) return <LoadError error={days.error} onRetry={() => days.refetch()} />;
  const published = (overrides.data?.publishedYears ?? []).map((y) => y.year).sort();
  // The year shown: declared by the admin's own region (which they may withdraw), or by a region above it.
  const ownYear = (overrides.data?.publishedYears ?? []).some((y) => y.year === year && y.regionCode === region);
  const parentYear = (overrides.data?.publishedYears ?? []).find((y) => y.year === year && y.regionCode !== region && (!region || region.startsWith(y.regionCode.replace(/0+$/, ''))));
  const yearDeclared = ownYear || !!parentYear;
  return (
    <>
      <PageHeader title={t.title} intro={t.intro} />
      <Space wrap style={{ marginBottom: 12 }} data-testid="calendar-years">
        <Typography.Text type="secondary">{t.yearsCovered}:</Typography.Text>
        <Tag>{yearRanges(overrides.data?.coveredYears ?? [])}</Tag>
        <Typography.Text type="secondary">{t.yearsComplete}:</Typography.Text>
        {published.length ? published.map((y) => <Tag color="green" key={y}>{y}</Tag>) : <Typography.Text type="secondary">{t.noYears}</Typography.Text>}
      </Space>
      <Space wrap style={{ marginBottom: 12 }} data-testid="calendar-legend">
        <Tag color={COLORS.holiday}>{t.legend.holiday}</Tag>
        <Tag color={COLORS.makeUp}>{t.legend.makeUp}</Tag>
        <Tag color={COLORS.regionalRest}>{t.legend.regionalRest}</Tag>
        <Tag color={COLORS.regionalWork}>{t.legend.regionalWork}</Tag>
        <Tag>{t.legend.provisional}</Tag>
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card size="small" loading={days.isPending && !days.data} data-testid="calendar-month">
            <Calendar
              value={selected ?? month}
              onPanelChange={(d) => setMonth(d.startOf('month'))}
              onSelect={(d, info) => {
                if (info.source === 'date') {
                  setSelected(d);
                  setNote('');
                }
                if (!d.isSame(month, 'month')) setMonth(d.startOf('month'));
              }}
              fullCellRender={(d, info) => {
                if (info.type !== 'date') return info.originNode;
                const iso = d.format(ISO);
                const day = dayMap.get(iso);
                const o = overrideMap.get(iso);
                const mark = markOf(day, o);
                const rest = day ? !day.working : false;
                const inMonth = d.isSame(month, 'month');
                const isSel = iso === sel;
                return (
                  <div
                    data-testid={`day-${iso}`}
                    data-working={day ? String(day.working) : undefined}
                    data-source={day?.source}
                    style={{
                      margin: '0 2px',
                      padding: '2px 6px',
                      height: 72,
                      textAlign: 'left',
                      borderTop: `2px solid ${isSel ? '#1677ff' : o ? (mark?.color ?? '#f0f0f0') : '#f0f0f0'}`,
                      background: isSel ? '#e6f4ff' : rest ? '#fafafa' : undefined,
                      opacity: inMonth ? 1 : 0.45,
                    }}
                  >
                    <div style={{ display: 'flex', justifyContent: 'space-between' }}>
                      <span style={{ color: rest ? '#cf1322' : undefined, fontWeight: isSel ? 600 : undefined }}>{d.date()}</span>
                      {day && !day.working ? <span style={{ fontSize: 12, color: '#cf1322' }}>休</span> : day?.source === 'makeUpWorkday' || (o && o.working) ? <span style={{ fontSize: 12, color: COLORS.makeUp }}>班</span> : null}
                    </div>
                    {mark ? (
                      <div style={{ fontSize: 12, color: mark.color, lineHeight: '16px', overflow: 'hidden', whiteSpace: 'nowrap', textOverflow: 'ellipsis' }} title={o?.note ?? mark.label}>
                        {o ? (o.note ?? mark.label) : mark.label}
                      </div>
                    ) : null}
                    {o ? <div style={{ fontSize: 11, color: mark?.color }}>{t.regionalEntry}</div> : null}
                    {day?.provisional ? <div style={{ fontSize: 11, color: '#8c8c8c' }}>暂定</div> : null}
                  </div>
                );
              }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t.yearTitle(year)} size="small" data-testid="year-panel" data-declared={String(yearDeclared)} style={{ marginBottom: 16 }}>
            <Typography.Paragraph style={{ marginBottom: 8 }} data-testid="year-state">
              {yearDeclared ? t.yearDeclared(year) : t.yearOpen(year)}
              {!ownYear && parentYear ? t.yearByParent(parentYear.regionCode) : null}
            </Typography.Paragraph>
            {ownYear ? (
              <Popconfirm title={t.withdrawConfirm(year)} onConfirm={() => declareYear(false)} okText={t.withdraw} cancelText={adminText.common.cancel}>
                <Button danger loading={overrides.isFetching} data-testid="withdraw-year">
                  {t.withdrawYear(year)}
                </Button>
              </Popconfirm>
            ) : (
              <Popconfirm title={t.declareConfirm(year)} onConfirm={() => declareYear(true)} okText={t.declare} cancelText={adminText.common.cancel}>
                <Button type="primary" loading={overrides.isFetching} data-testid="declare-year">
                  {t.declareYear(year)}
                </Button>
              </Popconfirm>
            )}
          </Card>
          <Card title={sel ? formatDate(sel) : t.title} size="small" data-testid="day-panel" style={{ marginBottom: 16 }}>
            {!sel ? (
              <Empty description="请在月历中点选日期" />
            ) : (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Descriptions column={1} size="small">
                  <Descriptions.Item label="当日">{selDay ? (selDay.working ? t.working : t.rest) : '—'}</Descriptions.Item>
                  <Descriptions.Item label="依据">{selDay ? `${t.source[selDay.source] ?? selDay.source}${selDay.name ? `(${selDay.name})` : ''}` : '—'}</Descriptions.Item>
                  {selOverride ? (
                    <Descriptions.Item label={t.regionalEntry}>
                      {`${selOverride.working ? t.working : t.rest}${selOverride.note ? ` · ${selOverride.note}` : ''}`}
                      {selOverride.regionCode !== region ? `(${t.otherRegion(selOverride.regionCode)})` : ''}
                    </Descriptions.Item>
                  ) : null}
                  {selDay?.provisional ? <Descriptions.Item label="">{t.legend.provisional}</Descriptions.Item> : null}
                </Descriptions>
                <Input value={note} onChange={(e) => setNote(e.target.value)} placeholder={t.notePlaceholder} prefix={<Typography.Text type="secondary">{t.note}</Typography.Text>} maxLength={255} data-testid="override-note" />
                <Space wrap>
                  <Button onClick={() => void setDay(false)} loading={saving} data-testid="set-rest">
                    {t.setRest}
                  </Button>
                  <Button onClick={() => void setDay(true)} loading={saving} data-testid="set-work">
                    {t.setWork}
                  </Button>
                  {ownOverride ? (
                    <Button danger onClick={() => void removeDay()} loading={saving} data-testid="remove-override">
                      {t.remove}
                    </Button>
                  ) : null}
                </Space>
              </Space>
            )}
          </Card>
          <DeadlineCard key={month.format('YYYY-MM')} region={region} defaultAnchor={month.startOf('month')} />
        </Col>
      </Row>
    </>
  );
}

/** 期限试算: a deadline counted on this region's calendar, to see an entry take effect. */
function DeadlineCard({ region, defaultAnchor }: { region?: string; defaultAnchor: Dayjs }) {
  const [anchor, setAnchor] = useState<Dayjs | null>(defaultAnchor);
  const [amount, setAmount] = useState<number | null>(10);
  const args = anchor && amount ? { anchor: anchor.format(ISO), amount, unit: 'WD' as const, counting: 'C1' as const, ...(region ? { region } : {}) } : null;
  const deadline = useQuery({
    queryKey: ['calendar-deadline', args],
    enabled: !!args,
    queryFn: () => data(api.GET('/api/calendar/deadline', { params: { query: args! } })),
  });
  return (
    <Card title={t.deadlineTitle} size="small" data-testid="deadline-card">
      <Typography.Paragraph type="secondary">{t.deadlineIntro}</Typography.Paragraph>
      <Space wrap>
        <DatePicker value={anchor} onChange={setAnchor} allowClear={false} aria-label={t.anchor} data-testid="deadline-anchor" />
        <Space size={4}>
          <InputNumber min={1} max={400} value={amount} onChange={(v) => setAmount(v)} aria-label={t.amount} data-testid="deadline-amount" />
          <Typography.Text>个工作日</Typography.Text>
        </Space>
      </Space>
      <div style={{ marginTop: 12 }} data-testid="deadline-result">
        {deadline.isError ? <Typography.Text type="danger">{messageOf(deadline.error)}</Typography.Text> : deadline.data ? <Typography.Text strong>{t.deadlineResult(formatDate(deadline.data.date), deadline.data.provisional)}</Typography.Text> : null}
      </div>
    </Card>
  );
}
