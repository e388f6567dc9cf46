import { useState } from 'react';
import { App, Button, Card, Progress, Space, Tag, Typography, Upload } from 'antd';
import type { UploadFile, UploadProps } from 'antd';
import { DeleteOutlined, SwapOutlined, UploadOutlined } from '@ant-design/icons';
import { api } from '../api/client.ts';
import { csrfToken } from '../api/csrfToken.ts';
import { messageOf } from '../api/ApiError.ts';
import type { Application, Attachment, AttachmentSpec } from './portalTypes.ts';
import { formatBytes, typeNames } from '../components/formatBytes.ts';
import { portalText as t } from './portalText.ts';

const clauseText = (c: AttachmentSpec['clause']) => (Array.isArray(c) ? c.join('、') : c);

/** The server's Chinese problem title from an upload's XHR answer, when it sent one. */
function uploadError(file: UploadFile): string {
  const r = file.response as { title?: string; detail?: string } | undefined;
  return r?.title ? [r.title, r.detail].filter(Boolean).join(':') : t.uploadFailed(file.name);
}

function requirementTag(spec: AttachmentSpec) {
  if (spec.oneOf && spec.required === true) return <Tag color="orange">{t.oneOfGroup}</Tag>;
  if (spec.required === true) return <Tag color="red">{t.required}</Tag>;
  if (spec.required === false) return <Tag>{t.optional}</Tag>;
  return <Tag color="gold">{t.requiredWhen}</Tag>;
}

/**
 * One row per attachment kind of the form's x-attachments: label, whether required, accepted types
 * and size limit; files go to POST /api/applications/{id}/attachments as multipart through antd's
 * XHR upload (progress, the session cookie and the CSRF header), never as base64 in the form data.
 */
export function AttachmentsPanel({ application, specs, editable, onChanged }: { application: Application; specs: AttachmentSpec[]; editable: boolean; onChanged: () => Promise<unknown> }) {
  return (
    <Card title={t.attachments} data-testid="attachments">
      <Typography.Paragraph type="secondary">{t.attachmentsIntro}</Typography.Paragraph>
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {specs.map((spec) => (
          <KindRow key={spec.kind} application={application} spec={spec} editable={editable} onChanged={onChanged} files={application.attachments.filter((a) => a.kind === spec.kind)} />
        ))}
      </Space>
    </Card>
  );
}

function KindRow({ application, spec, files, editable, onChanged }: { application: Application; spec: AttachmentSpec; files: Attachment[]; editable: boolean; onChanged: () => Promise<unknown> }) {
  const { message } = App.useApp();
  // Files being sent: shown with their progress until the server's list has them.
  const [sending, setSending] = useState<UploadFile[]>([]);
  const types = typeNames(spec.accept);

  const remove = async (a: Attachment) => {
    try {
      await api.DELETE('/api/applications/{id}/attachments/{attachmentId}', { params: { path: { id: application.id, attachmentId: a.id } } });
      await onChanged();
    } catch (e) {
      message.error(messageOf(e));
    }
  };

  /** Upload props for a new file; `replacing` is removed once the new one is stored. */
  const uploadProps = (replacing?: Attachment): UploadProps => ({
    name: 'file',
    action: `/api/applications/${application.id}/attachments`,
    data: { kind: spec.kind },
    headers: { 'X-CSRF-Token': csrfToken.get() ?? '' },
    withCredentials: true,
    accept: spec.accept?.join(','),
    showUploadList: false,
    beforeUpload: (file) => {
      if (spec.accept?.length && !spec.accept.includes(file.type)) {
        message.error(t.wrongType(spec.label, types));
        return Upload.LIST_IGNORE;
      }
      if (spec.maxBytes && file.size > spec.maxBytes) {
        message.error(t.tooLarge(spec.label, formatBytes(spec.maxBytes)));
        return Upload.LIST_IGNORE;
      }
      return true;
    },
    onChange: async ({ file }) => {
      if (file.status === 'uploading') {
        setSending((s) => [...s.filter((f) => f.uid !== file.uid), file]);
        return;
      }
      if (file.status === 'done') {
        if (replacing) await api.DELETE('/api/applications/{id}/attachments/{attachmentId}', { params: { path: { id: application.id, attachmentId: replacing.id } } }).catch(() => undefined);
        // The file appearing in its row is the confirmation; a toast per file would cover the rows below.
        await onChanged();
      }
      if (file.status === 'error') message.error(uploadError(file));
      setSending((s) => s.filter((f) => f.uid !== file.uid));
    },
  });

  return (
    <div data-testid={`attachment-${spec.kind}`} style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 12 }}>
      <Space size={[8, 4]} wrap>
        <Typography.Text strong>{spec.label}</Typography.Text>
        {requirementTag(spec)}
      </Space>
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {[types && `${t.accepts}:${types}`, spec.maxBytes && `${t.maxSize}:${formatBytes(spec.maxBytes)}`, spec.clause && `${t.clause}:${clauseText(spec.clause)}`].filter(Boolean).join(' · ')}
        </Typography.Text>
      </div>
      {spec.description ? <Typography.Text type="secondary" style={{ fontSize: 13 }}>{spec.description}</Typography.Text> : null}
      {/* Plain blocks, not a Space: a Space keys its items by position, so a progress line added above
          the upload button would remount the button's uploader and abort the request it just began. */}
      <div style={{ marginTop: 6, display: 'flex', flexDirection: 'column', gap: 4 }}>
        {files.map((a) => (
          <Space key={a.id} size={8} wrap data-testid="attachment-file">
            <Typography.Link href={`/api/applications/${application.id}/attachments/${a.id}`} target="_blank">
              {a.fileName}
            </Typography.Link>
            <Typography.Text type="secondary">{formatBytes(a.size)}</Typography.Text>
            {editable ? (
              <Upload {...uploadProps(a)}>
                <Button size="small" icon={<SwapOutlined />}>
                  {t.replace}
                </Button>
              </Upload>
            ) : null}
            {editable ? (
              <Button size="small" danger icon={<DeleteOutlined />} onClick={() => remove(a)}>
                {t.remove}
              </Button>
            ) : null}
          </Space>
        ))}
        {sending.map((f) => (
          <Progress key={f.uid} percent={Math.round(f.percent ?? 0)} size="small" format={(p) => `${f.name} ${p}%`} data-testid="upload-progress" />
        ))}
        {editable ? (
          <div key="upload">
            <Upload {...uploadProps()}>
              <Button icon={<UploadOutlined />}>{t.upload}</Button>
            </Upload>
          </div>
        ) : null}
      </div>
    </div>
  );
}
