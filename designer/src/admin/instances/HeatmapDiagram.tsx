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
        const canvas = viewer.get<{ zoom(l: 'fit-viewport', c: 'auto'): void; viewbox(): { scale: number }; scrollToElement?(e: unknown): void }>('canvas');
        const registry = viewer.get<{ get(id: string): Shape | undefined }>('elementRegistry');
        const overlays = viewer.get<{ add(id: string, type: string, o: { position: Record<string, number>; html: HTMLElement }): void }>('overlays');
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
          overlays.add(c.elementId, 'heat', { position: { bottom: -6, left: 0 }, html: badge });
        }
        canvas.zoom('fit-viewport', 'auto');
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
