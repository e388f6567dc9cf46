import { useEffect, useRef, useState } from 'react';
import { Alert, Empty, Spin } from 'antd';
import { useBpmnViewer } from '../../components/diagram/useBpmnViewer.ts';
import './compareDiagram.css';
import { dt } from '../designerText.ts';

const t = dt.compare;

/** Element id → the colour it gets on this side. */
export type CompareMarks = Record<string, 'added' | 'removed' | 'changed'>;

interface Shape {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  waypoints?: Array<{ x: number; y: number }>;
}
interface Canvas {
  addMarker(id: string, marker: string): void;
  zoom(level?: 'fit-viewport' | number, center?: 'auto'): number;
  viewbox(box?: { x: number; y: number; width: number; height: number }): { x: number; y: number; width: number; height: number; scale: number };
}
interface Registry {
  get(id: string): Shape | undefined;
}
interface Selection {
  select(element: Shape | null): void;
}

/** The box of a shape, or of a flow's waypoints. */
function boundsOf(el: Shape): { x: number; y: number; width: number; height: number } {
  if (!el.waypoints?.length) return el;
  const xs = el.waypoints.map((p) => p.x);
  const ys = el.waypoints.map((p) => p.y);
  return { x: Math.min(...xs), y: Math.min(...ys), width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) };
}

/**
 * One side of the comparison: a read-only bpmn-js viewer with the changed elements coloured
 * (canvas markers) and, when `focus` names an element of this diagram, that element selected and
 * zoomed to. A new `focus` object (even for the same id) focuses again.
 */
export function CompareDiagram({ xml, marks, focus, side, height = 480 }: { xml: string | null | undefined; marks: CompareMarks; focus: { id: string } | null; side: 'old' | 'new'; height?: number }) {
  const [absent, setAbsent] = useState(false);
  const focused = useRef<string | null>(null);
  const { host, viewer, state } = useBpmnViewer(
    xml,
    (v) => {
      const canvas = v.get<Canvas>('canvas');
      const registry = v.get<Registry>('elementRegistry');
      for (const [id, kind] of Object.entries(marks)) if (registry.get(id)) canvas.addMarker(id, `compare-${kind}`);
      canvas.zoom('fit-viewport', 'auto');
      focused.current = null;
    },
    [marks],
  );

  useEffect(() => {
    const v = viewer.current;
    if (state !== 'ready' || !v) return;
    const registry = v.get<Registry>('elementRegistry');
    const selection = v.get<Selection>('selection');
    const canvasOf = v.get<Canvas & { removeMarker(id: string, marker: string): void }>('canvas');
    if (focused.current && registry.get(focused.current)) canvasOf.removeMarker(focused.current, 'compare-focus');
    focused.current = null;
    const el = focus ? registry.get(focus.id) : undefined;
    selection.select(el ?? null);
    setAbsent(!!focus && !el);
    if (!el) return;
    canvasOf.addMarker(el.id, 'compare-focus');
    focused.current = el.id;
    // Readable zoom (1:1, or less when the element is larger than the view), centred on the element.
    const canvas = v.get<Canvas>('canvas');
    canvas.zoom(1);
    const vb = canvas.viewbox();
    const b = boundsOf(el);
    const scale = Math.min(1, (vb.width * 0.8) / Math.max(b.width, 1), (vb.height * 0.8) / Math.max(b.height, 1));
    if (scale < 1) canvas.zoom(scale);
    const box = canvas.viewbox();
    canvas.viewbox({ x: b.x + b.width / 2 - box.width / 2, y: b.y + b.height / 2 - box.height / 2, width: box.width, height: box.height });
  }, [focus, state]);

  if (xml === null) return <Empty className="compare-diagram-empty" style={{ height, paddingTop: height / 3 }} description={t.noProcess} data-testid={`compare-diagram-${side}-empty`} />;
  if (state === 'failed') return <Alert type="error" showIcon title={dt.workspace.diagramImportFailed} />;
  return (
    <div style={{ position: 'relative' }}>
      <div ref={host} className="compare-diagram" data-testid={`compare-diagram-${side}`} data-ready={state === 'ready'} style={{ height }} />
      {absent ? (
        <div className="compare-absent" data-testid={`compare-absent-${side}`}>
          {side === 'old' ? t.absentOld : t.absentNew}
        </div>
      ) : null}
      {state === 'loading' ? (
        <div style={{ position: 'absolute', inset: 0, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
          <Spin tip={t.loadingDiagram}>
            <div style={{ width: 160, height: 40 }} />
          </Spin>
        </div>
      ) : null}
    </div>
  );
}
