import { useEffect, useRef, useState } from 'react';
import { Alert, Spin, Typography } from 'antd';
import { getDocument, GlobalWorkerOptions } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { zh } from '../../i18n/zhCN.ts';

GlobalWorkerOptions.workerSrc = workerUrl;

/** Pages drawn at most; a longer scan says how many more there are (download to read them). */
const MAX_PAGES = 20;

/**
 * A PDF scan drawn page by page with PDF.js: the browser's own viewer does not show PDFs inside a
 * page on phones, and shows nothing in some desktop set-ups, while a canvas works everywhere.
 */
export function PdfPages({ data, width }: { data: ArrayBuffer; width: number }) {
  const host = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<{ pages: number; drawn: number } | 'failed' | null>(null);
  useEffect(() => {
    const task = getDocument({ data: new Uint8Array(data.slice(0)), isEvalSupported: false });
    let alive = true;
    void (async () => {
      try {
        const doc = await task.promise;
        const count = Math.min(doc.numPages, MAX_PAGES);
        for (let n = 1; n <= count && alive; n++) {
          const page = await doc.getPage(n);
          const base = page.getViewport({ scale: 1 });
          const viewport = page.getViewport({ scale: (width / base.width) * (window.devicePixelRatio || 1) });
          const canvas = document.createElement('canvas');
          canvas.width = viewport.width;
          canvas.height = viewport.height;
          canvas.style.width = '100%';
          canvas.style.border = '1px solid #f0f0f0';
          canvas.style.marginBottom = '8px';
          canvas.setAttribute('data-testid', 'pdf-page');
          await page.render({ canvas, canvasContext: canvas.getContext('2d')!, viewport }).promise;
          if (!alive) return;
          host.current?.appendChild(canvas);
          setState({ pages: doc.numPages, drawn: n });
        }
      } catch {
        if (alive) setState('failed');
      }
    })();
    return () => {
      alive = false;
      void task.destroy();
    };
  }, [data, width]);
  if (state === 'failed') return <Alert type="error" showIcon title={zh.task.previewFailed} />;
  return (
    <div>
      {state === null ? <Spin /> : null}
      <div ref={host} data-testid="preview-pdf" style={{ maxHeight: '70vh', overflowY: 'auto', background: '#fafafa', padding: 8 }} />
      {state && state.pages > state.drawn && state.drawn === MAX_PAGES ? <Typography.Text type="secondary">{zh.task.morePages(state.pages - MAX_PAGES)}</Typography.Text> : null}
    </div>
  );
}
