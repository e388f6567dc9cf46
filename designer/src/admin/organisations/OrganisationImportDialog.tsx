import { useState } from 'react';
import { Alert, App, Button, Modal, Space, Table, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { api, data } from '../../api/client.ts';
import { ApiError, messageOf } from '../../api/ApiError.ts';
import { adminText } from '../adminText.ts';
import { organisationsText } from './organisationsText.ts';
import type { OrganisationImportReport } from './organisationTypes.ts';

const t = organisationsText.importDialog;
type Problem = OrganisationImportReport['problems'][number];
type ReportRow = OrganisationImportReport['rows'][number];

/** Sends the chosen workbook as multipart form data through the typed client (the CSRF header comes from its middleware). */
function send(file: File, mode: 'preview' | 'apply'): Promise<OrganisationImportReport> {
  return data(
    api.POST('/api/admin/organisation-imports', {
      body: { file: file as unknown as string, mode },
      bodySerializer: () => {
        const form = new FormData();
        form.append('mode', mode);
        form.append('file', file, file.name);
        return form;
      },
    }),
  );
}

/** Choose an .xlsx, 试导入 (what each row creates or changes, every problem by row and column), then 导入 — only a file without problems. */
export function OrganisationImportDialog({ onClose, onApplied }: { onClose: () => void; onApplied: () => void }) {
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<OrganisationImportReport | null>(null);
  const [busy, setBusy] = useState<'preview' | 'apply' | null>(null);

  const run = async (mode: 'preview' | 'apply') => {
    if (!file) return;
    setBusy(mode);
    try {
      const r = await send(file, mode);
      if (mode === 'apply') {
        message.success(t.applied(r.created, r.updated));
        onApplied();
      } else setReport(r);
    } catch (e) {
      message.error(messageOf(e));
      // The apply found problems after all (the registry changed since the dry run): show them as a dry run does.
      if (mode === 'apply' && e instanceof ApiError && e.status === 422) setReport(await send(file, 'preview').catch(() => null));
    } finally {
      setBusy(null);
    }
  };

  const canApply = !!report && !report.problems.length && report.created + report.updated > 0;
  return (
    <Modal
      open
      width={960}
      title={t.title}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>{adminText.common.cancel}</Button>
          <Button onClick={() => void run('preview')} disabled={!file} loading={busy === 'preview'} data-testid="import-preview">
            {t.preview}
          </Button>
          <Button type="primary" onClick={() => void run('apply')} disabled={!canApply} loading={busy === 'apply'} data-testid="import-apply">
            {t.apply}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t.intro}</Typography.Paragraph>
      <Space style={{ marginBottom: 16 }}>
        <Upload
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          showUploadList={false}
          beforeUpload={(f) => {
            setFile(f);
            setReport(null);
            // Kept in the page until 试导入: nothing is sent on choosing.
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} data-testid="import-choose">
            {t.choose}
          </Button>
        </Upload>
        {file ? <Typography.Text data-testid="import-file">{t.chosen(file.name)}</Typography.Text> : null}
      </Space>
      {report ? <ImportReport report={report} /> : null}
    </Modal>
  );
}

function ImportReport({ report }: { report: OrganisationImportReport }) {
  return (
    <div data-testid="import-report">
      {report.problems.length ? (
        <>
          <Alert type="error" showIcon style={{ marginBottom: 12 }} message={t.problemsTitle(report.problems.length)} data-testid="import-problems-title" />
          <Table<Problem>
            size="small"
            rowKey={(p) => `${p.row}-${p.column}-${p.message}`}
            data-testid="import-problems"
            dataSource={report.problems}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            style={{ marginBottom: 16 }}
            columns={[
              { title: t.problemColumns.row, dataIndex: 'row', width: 60 },
              { title: t.problemColumns.column, dataIndex: 'column', width: 60 },
              { title: t.problemColumns.header, dataIndex: 'header', width: 170 },
              { title: t.problemColumns.message, dataIndex: 'message', render: (v: string) => <Typography.Text type="danger">{v}</Typography.Text> },
            ]}
          />
        </>
      ) : (
        <Alert type={report.created + report.updated ? 'info' : 'success'} showIcon style={{ marginBottom: 12 }} message={report.created + report.updated ? t.summary(report.created, report.updated, report.unchanged) : t.nothingToDo} data-testid="import-summary" />
      )}
      {report.rows.length && report.problems.length ? <Typography.Paragraph type="secondary">{t.rowsDespiteProblems}</Typography.Paragraph> : null}
      {report.rows.length ? (
        <Table<ReportRow>
          size="small"
          rowKey="row"
          data-testid="import-rows"
          dataSource={report.rows}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            { title: t.rowColumns.row, dataIndex: 'row', width: 60 },
            { title: t.rowColumns.id, dataIndex: 'id', width: 150, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
            { title: t.rowColumns.name, dataIndex: 'name' },
            { title: t.rowColumns.action, dataIndex: 'action', width: 80, render: (v: string) => <Tag color={t.actionColor[v]}>{t.action[v]}</Tag> },
            {
              title: t.rowColumns.changes,
              key: 'changes',
              render: (_: unknown, r) =>
                r.action === 'update' ? (
                  <Space direction="vertical" size={0}>
                    {r.changes.map((c) => (
                      <span key={c.field}>
                        <Typography.Text strong>{c.label}</Typography.Text>:<Typography.Text delete type="secondary">{c.before || t.empty}</Typography.Text> → {c.after || t.empty}
                      </span>
                    ))}
                  </Space>
                ) : null,
            },
          ]}
        />
      ) : null}
    </div>
  );
}
