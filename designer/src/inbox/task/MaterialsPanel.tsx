import { lazy, Suspense, useEffect, useState } from 'react';
import { Alert, Button, Empty, Modal, Space, Spin, Table, Typography } from 'antd';
import { api } from '../../api/client.ts';
import { messageOf } from '../../api/ApiError.ts';
import type { TaskDetail } from '../../api/types.ts';
import { formatBytes } from '../../components/formatBytes.ts';
import { zh } from '../../i18n/zhCN.ts';

// PDF.js is large: loaded only when a PDF is previewed.
const PdfPages = lazy(() => import('../../components/preview/PdfPages.tsx').then((m) => ({ default: m.PdfPages })));

type Attachment = TaskDetail['attachments'][number];
const previewable = (mime: string) => mime === 'application/pdf' || mime.startsWith('image/');

/**
 * The scan shown in place: fetched with the session (the file is served as a download, never
 * rendered by URL), then drawn with PDF.js (PDF) or shown from a blob URL (image).
 */
function Preview({ applicationId, file, onClose }: { applicationId: string; file: Attachment; onClose: () => void }) {
  const [bytes, setBytes] = useState<ArrayBuffer | null>(null);
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pdf = file.mimeType === 'application/pdf';
  useEffect(() => {
    let made: string | null = null;
    let alive = true;
    api
      .GET('/api/applications/{id}/attachments/{attachmentId}', { params: { path: { id: applicationId, attachmentId: file.id } }, parseAs: 'arrayBuffer' })
      .then((r) => {
        if (!alive || !r.data) return;
        const body = r.data as unknown as ArrayBuffer;
        if (pdf) return setBytes(body);
        made = URL.createObjectURL(new Blob([body], { type: file.mimeType }));
        setUrl(made);
      })
      .catch((e: unknown) => alive && setError(messageOf(e)));
    return () => {
      alive = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [applicationId, file.id, file.mimeType, pdf]);
  return (
    <Modal open title={zh.task.previewTitle(file.fileName)} width={900} footer={null} onCancel={onClose} destroyOnHidden>
      {error ? (
        <Alert type="error" showIcon title={error} />
      ) : pdf && bytes ? (
        <Suspense fallback={<Spin />}>
          <PdfPages data={bytes} width={820} />
        </Suspense>
      ) : !url ? (
        <Spin />
      ) : (
        <img src={url} alt={file.fileName} data-testid="preview-image" style={{ maxWidth: '100%', maxHeight: '70vh', display: 'block', margin: '0 auto' }} />
      )}
    </Modal>
  );
}

/** 申报材料: each uploaded scan with its size, previewed in place (PDF and images) or downloaded. */
export function MaterialsPanel({ applicationId, attachments, kindLabels }: { applicationId: string; attachments: Attachment[]; kindLabels: Record<string, string> }) {
  const [open, setOpen] = useState<Attachment | null>(null);
  if (!attachments.length) return <Empty description={zh.task.noMaterials} />;
  return (
    <>
      <Table<Attachment>
        rowKey="id"
        size="small"
        pagination={false}
        data-testid="materials"
        dataSource={attachments}
        columns={[
          { title: zh.task.materialKind, dataIndex: 'kind', render: (k: string) => kindLabels[k] ?? k },
          { title: zh.task.fileName, dataIndex: 'fileName', ellipsis: true },
          { title: zh.task.fileSize, dataIndex: 'size', width: 100, render: (n: number) => formatBytes(n) },
          {
            title: zh.inbox.columns.actions,
            key: 'actions',
            width: 150,
            render: (_: unknown, a) => (
              <Space size={4}>
                {previewable(a.mimeType) ? (
                  <Button size="small" type="link" onClick={() => setOpen(a)}>
                    {zh.task.preview}
                  </Button>
                ) : (
                  <Typography.Text type="secondary" title={zh.task.previewUnsupported}>
                    —
                  </Typography.Text>
                )}
                <Button size="small" type="link" href={a.downloadUrl} target="_blank">
                  {zh.task.download}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {open ? <Preview applicationId={applicationId} file={open} onClose={() => setOpen(null)} /> : null}
    </>
  );
}
