import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Input, Space, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api, data } from '../api/client.ts';
import { ApiError, messageOf } from '../api/ApiError.ts';
import { LoadError } from '../components/LoadError.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { formatDateTime } from '../components/formatDate.ts';
import { adminText } from './adminText.ts';
import { retryIncident } from './IncidentsPage.tsx';

const t = adminText.incident;
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

type Parsed = { ok: true; value: unknown } | { ok: false; error: string };
function parse(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
const pretty = (v: unknown) => JSON.stringify(v, null, 2) ?? 'null';

/** `/admin/incidents/:key`: one incident, its instance's variables to correct, and 重试. */
export function IncidentPage() {
  const { key = '' } = useParams();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const incident = useQuery({ queryKey: ['incident', key], queryFn: () => data(api.GET('/api/incidents/{key}', { params: { path: { key } } })) });
  const [editing, setEditing] = useState<string | null>(null);
  const [newName, setNewName] = useState('');
  const [text, setText] = useState('');
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const [retryReason, setRetryReason] = useState<string | null>(null);
  const [retrying, setRetrying] = useState(false);

  const vars = incident.data?.variables ?? {};
  const masked = new Set(incident.data?.maskedVariables ?? []);
  const fixed = new Set(incident.data?.protectedVariables ?? []);
  const rows = useMemo(() => Object.keys(vars).sort().map((name) => ({ name, value: vars[name] })), [vars]);
  const name = editing === '' ? newName.trim() : editing;
  const parsed = parse(text);
  const nameOk = !!name && VARIABLE_NAME.test(name);
  const unchanged = editing !== '' && editing !== null && parsed.ok && JSON.stringify(parsed.value) === JSON.stringify(vars[editing]);

  if (incident.isError) return <LoadError error={incident.error} onRetry={() => incident.refetch()} />;
  const i = incident.data;
  const open = i?.state === 'OPEN';

  const startEdit = (n: string | '') => {
    setEditing(n);
    setNewName('');
    setSaveError(null);
    setText(n === '' ? '""' : pretty(vars[n]));
  };
  const save = async () => {
    if (!name || !parsed.ok) return;
    setSaving(true);
    setSaveError(null);
    try {
      const r = await data(api.PUT('/api/incidents/{key}/variables', { params: { path: { key } }, body: { variables: { [name]: parsed.value } } }));
      message.success(t.saved(r.names));
      setEditing(null);
      await incident.refetch();
    } catch (e) {
      if (e instanceof ApiError) setSaveError(e);
      else message.error(messageOf(e));
    } finally {
      setSaving(false);
    }
  };
  const retry = async () => {
    setRetrying(true);
    setRetryReason(null);
    const r = await retryIncident(key);
    setRetrying(false);
    if (r.ok) {
      message.success(t.retried);
      await queryClient.invalidateQueries({ queryKey: ['incidents'] });
      await incident.refetch();
    } else setRetryReason(r.reason);
  };

  return (
    <>
      <PageHeader
        title={t.title(i?.elementId ?? key)}
        intro={<Link to="/admin/incidents">{t.back}</Link>}
        extra={
          open ? (
            <Button type="primary" danger loading={retrying} onClick={() => void retry()} data-testid="incident-retry">
              {t.retry}
            </Button>
          ) : i ? (
            <Tag color="green" data-testid="incident-resolved">{t.resolvedAlready}</Tag>
          ) : null
        }
      />
      {retryReason ? <Alert type="warning" showIcon title={t.cannotRetry} description={retryReason} style={{ marginBottom: 16 }} data-testid="retry-reason" closable onClose={() => setRetryReason(null)} /> : null}
      <Card loading={incident.isPending} style={{ marginBottom: 16 }}>
        {i ? (
          <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small" data-testid="incident-facts">
            <Descriptions.Item label={t.facts.element}>
              <Typography.Text code>{i.elementId}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t.facts.errorType}>
              <Tag color="red">{i.errorType}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t.facts.attempts}>{i.attempts}</Descriptions.Item>
            <Descriptions.Item label={t.facts.application}>{i.applicationId ?? adminText.common.none}</Descriptions.Item>
            <Descriptions.Item label={t.facts.package}>{i.packageId ?? adminText.common.none}</Descriptions.Item>
            <Descriptions.Item label={t.facts.region}>{i.regionCode ?? adminText.common.none}</Descriptions.Item>
            <Descriptions.Item label={t.facts.createdAt}>{formatDateTime(i.createdAt)}</Descriptions.Item>
            <Descriptions.Item label={t.facts.instance}>{i.processInstanceKey}</Descriptions.Item>
            <Descriptions.Item label={t.facts.state}>{adminText.incidents.state[i.state]}</Descriptions.Item>
            <Descriptions.Item label={t.facts.message} span={3}>
              <Typography.Text data-testid="incident-message">{i.message}</Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        ) : null}
      </Card>
      <Card
        title={t.variables}
        extra={
          open ? (
            <Button onClick={() => startEdit('')} data-testid="new-variable">
              {t.newVariable}
            </Button>
          ) : null
        }
      >
        <Typography.Paragraph type="secondary">{t.variablesIntro}</Typography.Paragraph>
        {editing !== null ? (
          <Card type="inner" size="small" title={editing === '' ? t.newVariable : `${t.edit} · ${editing}`} style={{ marginBottom: 16 }} data-testid="variable-editor">
            <Space orientation="vertical" style={{ width: '100%' }}>
              {editing === '' ? (
                <Input
                  value={newName}
                  onChange={(e) => setNewName(e.target.value)}
                  prefix={<Typography.Text type="secondary">{t.newVariableName}</Typography.Text>}
                  status={newName && !nameOk ? 'error' : undefined}
                  placeholder={t.newVariableNameRule}
                  data-testid="variable-name"
                />
              ) : null}
              <Input.TextArea
                value={text}
                onChange={(e) => setText(e.target.value)}
                autoSize={{ minRows: 6, maxRows: 24 }}
                status={parsed.ok ? undefined : 'error'}
                style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 13 }}
                aria-label={t.value}
                data-testid="variable-json"
              />
              <Typography.Text type={parsed.ok ? (unchanged ? 'secondary' : 'success') : 'danger'} data-testid="json-feedback">
                {parsed.ok ? (unchanged ? t.unchanged : t.jsonValid) : t.jsonInvalid(parsed.error)}
              </Typography.Text>
              {saveError ? (
                <Alert
                  type="error"
                  showIcon
                  title={saveError.title}
                  description={saveError.problems.length ? saveError.problems.map((p) => <div key={p.pointer ?? p.message}>{p.message}</div>) : saveError.detail}
                  data-testid="variable-problems"
                />
              ) : null}
              <Space>
                <Button type="primary" disabled={!parsed.ok || !nameOk || unchanged} loading={saving} onClick={() => void save()} data-testid="variable-save">
                  {t.saveVariables}
                </Button>
                <Button onClick={() => setEditing(null)}>{adminText.common.cancel}</Button>
              </Space>
            </Space>
          </Card>
        ) : null}
        <Table
          rowKey="name"
          size="small"
          pagination={false}
          dataSource={rows}
          data-testid="variable-table"
          columns={[
            { title: t.variable, dataIndex: 'name', width: 200, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
            {
              title: t.value,
              dataIndex: 'value',
              render: (v: unknown) => (
                <Typography.Paragraph ellipsis={{ rows: 2, expandable: true, symbol: '展开' }} style={{ margin: 0, fontFamily: 'ui-monospace, Menlo, Consolas, monospace', fontSize: 12 }}>
                  {JSON.stringify(v)}
                </Typography.Paragraph>
              ),
            },
            {
              title: adminText.incidents.columns.actions,
              key: 'edit',
              width: 150,
              render: (_: unknown, r: { name: string }) =>
                masked.has(r.name) || fixed.has(r.name) ? (
                  <Typography.Text type="secondary">{masked.has(r.name) ? t.maskedReadOnly : t.protectedReadOnly}</Typography.Text>
                ) : open ? (
                  <Button size="small" onClick={() => startEdit(r.name)} data-testid={`edit-${r.name}`}>
                    {t.edit}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
    </>
  );
}
