import { useEffect, useState, type ReactNode } from 'react';
import { Button, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import { zh } from '../../i18n/zhCN.ts';
import { formatDate } from '../formatDate.ts';
import { fieldsOf, printLayoutOf, printTitle, type PrintField } from './printLayout.ts';
import './applicationPrint.css';

type Json = Record<string, unknown>;
const t = zh.print;
const PHOTO_ROWS = 4;

/** The applicant's photo in the photo box, fetched with the session like any scan. */
function Photo({ applicationId, attachmentId }: { applicationId: string; attachmentId: string | undefined }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!attachmentId) return;
    let made: string | null = null;
    let alive = true;
    void api.GET('/api/applications/{id}/attachments/{attachmentId}', { params: { path: { id: applicationId, attachmentId } }, parseAs: 'blob' }).then((r) => {
      if (!alive || !r.data) return;
      made = URL.createObjectURL(r.data as unknown as Blob);
      setUrl(made);
    }, () => undefined);
    return () => {
      alive = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [applicationId, attachmentId]);
  return url ? <img src={url} alt={t.photo} data-testid="print-photo" /> : <span>{t.photo}</span>;
}

function Value({ f }: { f: PrintField }) {
  if ('text' in f.value) return <>{f.value.text}</>;
  const { columns, rows } = f.value.table;
  if (!rows.length) return null;
  return (
    <table className="print-inner">
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c}>{c}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            {r.map((v, j) => (
              <td key={j}>{v}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Lays the fields out like the paper form: two pairs a row (the photo box beside the first rows), long ones across. */
function rowsOf(fields: PrintField[], photo: ReactNode | null): ReactNode[] {
  const rows: ReactNode[] = [];
  let pending: PrintField | null = null;
  const cells = (f: PrintField, span: number) => [
    <th key={`${f.key}-l`}>{f.label}</th>,
    <td key={`${f.key}-v`} colSpan={span} data-testid={`print-${f.key}`}>
      <Value f={f} />
    </td>,
  ];
  const push = (content: ReactNode[]) => {
    const i = rows.length;
    const withPhoto = photo && i === 0 ? [<td key="photo" rowSpan={PHOTO_ROWS} className="print-photo">{photo}</td>] : [];
    rows.push(<tr key={i}>{[...content, ...withPhoto]}</tr>);
  };
  // Beside the photo a pair's value spans one column; below it the last value spans the photo's column too.
  const besidePhoto = () => !!photo && rows.length < PHOTO_ROWS;
  const lastSpan = () => (photo && !besidePhoto() ? 2 : 1);
  const wideSpan = () => (photo && !besidePhoto() ? 4 : 3);
  for (const f of fields) {
    if (f.wide) {
      if (pending) {
        push(cells(pending, wideSpan()));
        pending = null;
      }
      push(cells(f, wideSpan()));
    } else if (pending) {
      push([...cells(pending, 1), ...cells(f, lastSpan())]);
      pending = null;
    } else pending = f;
  }
  if (pending) push(cells(pending, wideSpan()));
  // A short form still gives the photo box its rows.
  while (photo && rows.length < PHOTO_ROWS) push([<td key="pad" colSpan={4} />]);
  return rows;
}

/**
 * An application printed like the notice's 申报表 (A4): the package's title and 附件 number, the
 * fields in the form's order, the photo, and the 签字 / 意见(盖章) blocks the notice asks for.
 */
export function ApplicationPrint(props: {
  applicationId: string;
  schema: Json;
  ui: Json | null;
  data: Json;
  formTitle: string;
  submittedAt: string | null;
  attachments: Array<{ id: string; kind: string }>;
  names: Record<string, string>;
  onBack: () => void;
}) {
  const layout = printLayoutOf(props.ui);
  const fields = fieldsOf(props.schema, props.ui ?? {}, props.data, props.names);
  const photoId = layout.photo ? props.attachments.find((a) => a.kind === layout.photo)?.id : undefined;
  const photo = layout.photo ? <Photo applicationId={props.applicationId} attachmentId={photoId} /> : null;
  return (
    <div className="print-screen">
      <div className="print-toolbar">
        <Button onClick={props.onBack}>{t.back}</Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-button">
          {t.print}
        </Button>
        <Typography.Text type="secondary">{t.hint}</Typography.Text>
      </div>
      <div className="print-sheet" data-testid="print-sheet">
        <div className="print-head">
          <span>{layout.annex ?? ''}</span>
          <span>{t.number(props.applicationId)}</span>
        </div>
        <div className="print-title" data-testid="print-title">
          {printTitle(layout, props.data, props.formTitle)}
        </div>
        <div className="print-sub">
          <span />
          <span>{`${t.filledOn}${props.submittedAt ? formatDate(props.submittedAt) : ''}`}</span>
        </div>
        <table className="print-table">
          <colgroup>
            <col style={{ width: '15%' }} />
            <col />
            <col style={{ width: '15%' }} />
            <col />
            {photo ? <col style={{ width: '30mm' }} /> : null}
          </colgroup>
          <tbody>
            {rowsOf(fields, photo)}
            {layout.signatures.map((s) => (
              <tr key={s.label} className="print-sign" data-testid="print-signature">
                <th>{s.label}</th>
                <td colSpan={photo ? 4 : 3}>
                  {s.text ? <div>{s.text}</div> : null}
                  <div className="print-sign-foot">
                    <div>{s.stamp ? t.stamp : t.sign}</div>
                    <div>{t.date}</div>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {layout.notes?.length ? (
          <div className="print-notes">
            {t.notes}
            {layout.notes.map((n, i) => (
              <div key={i}>{`${i + 1}. ${n}`}</div>
            ))}
          </div>
        ) : null}
        <div className="print-footer">{t.generated}</div>
      </div>
    </div>
  );
}
