import { useEffect, useRef, useState } from 'react';
import { Alert } from 'antd';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import './heatmap.css';
import { zh } from '../../i18n/zhCN.ts';
import { heatColour } from './heatColour.ts';
import { instancesText } from './instancesText.ts';

export interface HeatCell {
  elementId: string;
  waiting: number;
  medianWorkingDays: number | null;
  overdue: number;
}

interface Shape {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Below this scale a task's label cannot be read. */
const MIN_SCALE = 0.8;

/** The whole diagram when it is readable so; otherwise a readable zoom centred on the waiting elements. */
function fitAround(canvas: { zoom(l: 'fit-viewport' | number, c?: 'auto'): void; viewbox(box?: { x: number; y: number; width: number; height: number }): { x: number; y: number; width: number; height: number; scale: number } }, shapes: Shape[]): void {
  canvas.zoom('fit-viewport', 'auto');
  if (canvas.viewbox().scale >= MIN_SCALE || !shapes.length) return;
  canvas.zoom(MIN_SCALE);
  const vb = canvas.viewbox();
  const x0 = Math.min(...shapes.map((s) => s.x));
  const y0 = Math.min(...shapes.map((s) => s.y));
  const x1 = Math.max(...shapes.map((s) => s.x + s.width));
  const y1 = Math.max(...shapes.map((s) => s.y + s.height));
  // Centred on the busiest elements' box; its left edge kept in view when the box is wider than the view.
  const cx = x1 - x0 > vb.width * 0.9 ? x0 - 40 + vb.width / 2 : (x0 + x1) / 2;
  canvas.viewbox({ x: cx - vb.width / 2, y: (y0 + y1) / 2 - vb.height / 2, width: vb.width, height: vb.height });
}

/**
 * The version's diagram with one overlay per waiting element: its shape tinted on the colour scale
 * (share of the busiest element) and a badge with the count, the median working days and the overdue.
 * Built with text nodes only (names come from packages, never markup).
 */
export function HeatmapDiagram({ xml, cells, onPick, height = 520 }: { xml: string; cells: HeatCell[]; onPick?: (elementId: string) => void; height?: number }) {
  const host = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!host.current) return;
    const viewer = new NavigatedViewer({ container: host.current });
    let alive = true;
    viewer
      .importXML(xml)
      .then(() => {
        if (!alive) return;
        const canvas = viewer.get<{ zoom(l: 'fit-viewport' | number, c?: 'auto'): void; viewbox(box?: { x: number; y: number; width: number; height: number }): { x: number; y: number; width: number; height: number; scale: number } }>('canvas');
        const registry = viewer.get<{ get(id: string): Shape | undefined }>('elementRegistry');
        const overlays = viewer.get<{ add(id: string, type: string, o: { position: Record<string, number>; html: HTMLElement; scale?: { min?: number; max?: number } }): void }>('overlays');
        const events = viewer.get<{ on(e: string, cb: (ev: { element: { id: string } }) => void): void }>('eventBus');
        const max = Math.max(1, ...cells.map((c) => c.waiting));
        for (const c of cells) {
          const shape = registry.get(c.elementId);
          if (!shape) continue;
          const tint = document.createElement('div');
          tint.className = 'heat-tint';
          tint.style.width = `${shape.width}px`;
          tint.style.height = `${shape.height}px`;
          tint.style.background = heatColour(c.waiting / max);
          overlays.add(c.elementId, 'heat', { position: { top: 0, left: 0 }, html: tint });
          const badge = document.createElement('div');
          badge.className = c.overdue ? 'heat-badge heat-badge-overdue' : 'heat-badge';
          badge.setAttribute('data-testid', `heat-${c.elementId}`);
          badge.textContent = instancesText.heatmap.badge(c.waiting, c.medianWorkingDays, c.overdue);
          // Badges stay readable however far the diagram is zoomed out.
          overlays.add(c.elementId, 'heat', { position: { bottom: -6, left: 0 }, html: badge, scale: { min: 1 } });
        }
        fitAround(canvas, cells.map((c) => registry.get(c.elementId)).filter((x): x is Shape => !!x));
        if (onPick) events.on('element.click', ({ element }) => cells.some((c) => c.elementId === element.id) && onPick(element.id));
      })
      .catch(() => alive && setFailed(true));
    return () => {
      alive = false;
      viewer.destroy();
    };
  }, [xml, cells, onPick]);
  if (failed) return <Alert type="error" showIcon title={zh.diagram.failed} />;
  return <div ref={host} className="heatmap-diagram" data-testid="heatmap-diagram" style={{ height }} />;
}
