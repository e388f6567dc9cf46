import { Component, useMemo, useRef, useState, type ReactNode } from 'react';
import { Alert, App as AntdApp, Card, Checkbox, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { messageOf } from '../../api/ApiError.ts';
import type { SaveResult } from '../draftTypes.ts';
import { api, data } from '../../api/client.ts';
import { PackageForm } from '../../components/form/PackageForm.tsx';
import { editorText } from '../rules/editorText.ts';
import { editField, editUiHelp, fieldRows, optionsText, type FieldEdit, type FieldRow } from './formFields.ts';

const t = editorText.forms;
type Json = Record<string, unknown>;

/** A preview that fails (a schema being typed) says so instead of taking the page down. */
class PreviewBoundary extends Component<{ children: ReactNode; resetKey: string }, { error: string | null; key: string }> {
  override state = { error: null as string | null, key: this.props.resetKey };
  static getDerivedStateFromError(err: Error) {
    return { error: err.message };
  }
  static getDerivedStateFromProps(p: { resetKey: string }, s: { key: string }) {
    return p.resetKey !== s.key ? { error: null, key: p.resetKey } : null;
  }
  override render() {
    return this.state.error ? <Alert type="warning" showIcon message={t.previewFailed} description={this.state.error} /> : this.props.children;
  }
}

/** A text cell that writes back when the person leaves it (not on every key). */
function CellInput({ value, onCommit, disabled, textarea, testId }: { value: string; onCommit(v: string): void; disabled: boolean; textarea?: boolean; testId?: string }) {
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    setDraft(value);
  }
  const commit = () => draft !== value && onCommit(draft);
  return textarea ? (
    <Input.TextArea size="small" autoSize={{ minRows: 1, maxRows: 4 }} value={draft} disabled={disabled} onChange={(e) => setDraft(e.target.value)} onBlur={commit} placeholder={t.optionsPlaceholder} data-testid={testId} />
  ) : (
    <Input size="small" value={draft} disabled={disabled} onChange={(e) => setDraft(e.target.value)} onBlur={commit} onPressEnter={commit} data-testid={testId} />
  );
}

/**
 * 字段: the form's fields as a table over its JSON schema (label, type, required, options, clause,
 * help, shown when), edits written back to the schema file, and the form as applicants see it.
 */
export function FormFieldsEditor({ draftId, path, text, readOnly, onChange, revision, onSaved }: { draftId: string; path: string; text: string; readOnly: boolean; onChange(text: string): void; /** The draft's revision, for saving the UI file's help lines. */ revision?: number; onSaved?(result: SaveResult, content: string): void }) {
  const { message } = AntdApp.useApp();
  const schema = useMemo(() => {
    try {
      const v = JSON.parse(text);
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null;
    } catch {
      return null;
    }
  }, [text]);
  const uiPath = path.replace(/\.schema\.json$/, '.ui.json');
  const uiFile = useQuery({
    queryKey: ['draft-file', draftId, uiPath],
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
    queryFn: () => data(api.GET('/api/drafts/{id}/files/{path}', { params: { path: { id: draftId, path: uiPath } } })),
  });
  const ui = useMemo(() => {
    try {
      return uiFile.data ? (JSON.parse(uiFile.data.content) as Json) : null;
    } catch {
      return null;
    }
  }, [uiFile.data]);
  // A field's ui:help lives in the UI file: saved there at once (the schema's edits wait for 保存).
  const saveUi = useMutation({
    mutationFn: async ({ key, help }: { key: string; help: string }) => {
      const content = `${JSON.stringify(editUiHelp(ui ?? {}, key, help), null, 2)}\n`;
      return { result: await data(api.PUT('/api/drafts/{id}/files/{path}', { params: { path: { id: draftId, path: uiPath } }, body: { content, revision: revision! } })), content };
    },
    onSuccess: ({ result, content }) => {
      onSaved?.(result, content);
      message.success(t.uiHelpSaved);
    },
    onError: (err) => {
      lastUiHelp.current = null;
      message.error(messageOf(err));
    },
  });
  // Enter and the blur after it commit the same line once (a second save would carry a stale revision).
  const lastUiHelp = useRef<string | null>(null);
  const commitUiHelp = (key: string, help: string) => {
    const id = `${key}\u0000${help}`;
    if (saveUi.isPending || lastUiHelp.current === id) return;
    lastUiHelp.current = id;
    saveUi.mutate({ key, help });
  };
  const [formData, setFormData] = useState<Json>({});
  if (!schema) return <Alert type="error" showIcon message={editorText.invalidJson} />;
  const rows = fieldRows(schema, ui);
  const edit = (key: string, e: FieldEdit) => onChange(`${JSON.stringify(editField(schema, key, e), null, 2)}\n`);

  const columns = [
    { title: t.columns.key, dataIndex: 'key', width: 130, render: (k: string) => <Typography.Text code>{k}</Typography.Text> },
    { title: t.columns.label, dataIndex: 'label', width: 150, render: (_: unknown, r: FieldRow) => <CellInput value={r.label} disabled={readOnly} onCommit={(v) => edit(r.key, { kind: 'label', value: v })} testId={`field-label-${r.key}`} /> },
    {
      title: t.columns.type,
      dataIndex: 'type',
      width: 100,
      render: (_: unknown, r: FieldRow) =>
        r.type === 'object' || r.type === 'array' ? (
          <Space orientation="vertical" size={0}>
            <Tag>{t.types[r.type]}</Tag>
            {r.nested ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t.nested(r.nested)}</Typography.Text> : null}
          </Space>
        ) : (
          <Select size="small" style={{ width: 90 }} disabled={readOnly} value={r.type} onChange={(v) => edit(r.key, { kind: 'type', value: v })} options={['string', 'integer', 'number', 'boolean', 'date'].map((value) => ({ value, label: t.types[value] }))} />
        ),
    },
    { title: t.columns.required, dataIndex: 'required', width: 56, render: (_: unknown, r: FieldRow) => <Checkbox checked={r.required} disabled={readOnly} onChange={(e) => edit(r.key, { kind: 'required', value: e.target.checked })} data-testid={`field-required-${r.key}`} /> },
    { title: t.columns.options, dataIndex: 'options', width: 170, render: (_: unknown, r: FieldRow) => (r.type === 'object' || r.type === 'array' || r.type === 'boolean' ? null : <CellInput textarea value={optionsText(r.options)} disabled={readOnly} onCommit={(v) => edit(r.key, { kind: 'options', value: v })} testId={`field-options-${r.key}`} />) },
    { title: t.columns.clause, dataIndex: 'clause', width: 110, render: (_: unknown, r: FieldRow) => <CellInput value={r.clause.join(',')} disabled={readOnly} onCommit={(v) => edit(r.key, { kind: 'clause', value: v })} /> },
    {
      title: t.columns.help,
      dataIndex: 'help',
      render: (_: unknown, r: FieldRow) => (
        <Space orientation="vertical" size={2} style={{ width: '100%' }}>
          <CellInput value={r.help} disabled={readOnly} onCommit={(v) => edit(r.key, { kind: 'help', value: v })} testId={`field-help-${r.key}`} />
          {ui && revision !== undefined && onSaved ? (
            <Space.Compact size="small" style={{ width: '100%' }}>
              <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap', paddingRight: 4 }}>
                {t.uiHelp}
              </Typography.Text>
              <CellInput value={r.uiHelp ?? ''} disabled={readOnly} onCommit={(v) => commitUiHelp(r.key, v)} testId={`field-ui-help-${r.key}`} />
            </Space.Compact>
          ) : r.uiHelp ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} title={t.saveUiHint}>
              ui:help:{r.uiHelp}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    { title: t.columns.shownWhen, dataIndex: 'shownWhen', width: 150, render: (v: string | null) => <Typography.Text type={v ? undefined : 'secondary'} style={{ fontSize: 12 }}>{v ?? t.always}</Typography.Text> },
  ];

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="form-fields-editor">
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t.intro}
      </Typography.Paragraph>
      {uiFile.isError ? <Alert type="info" showIcon message={`${t.uiMissing}:${uiPath}`} /> : null}
      <Table<FieldRow> size="small" rowKey="key" pagination={false} columns={columns} dataSource={rows} scroll={{ x: 1000 }} data-testid="field-table" />
      <Card size="small" title={t.preview} data-testid="form-preview" styles={{ body: { maxHeight: 640, overflowY: 'auto' } }}>
        <PreviewBoundary resetKey={text}>
          <PackageForm schema={schema} ui={ui} formData={formData} onChange={setFormData} />
        </PreviewBoundary>
      </Card>
    </Space>
  );
}
