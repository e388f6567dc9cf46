import { Alert } from 'antd';
import { fitReadably, type ZoomableCanvas } from '../../components/diagram/fitReadably.ts';
import { useBpmnViewer } from '../../components/diagram/useBpmnViewer.ts';
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
  const { host, state } = useBpmnViewer(
    xml,
    (viewer) => {
      const canvas = viewer.get<ZoomableCanvas>('canvas');
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
      // The whole diagram when readable; otherwise a readable zoom on the busiest elements first.
      const busiestFirst = [...cells].sort((x, y) => y.waiting - x.waiting);
      fitReadably(canvas, busiestFirst.map((c) => registry.get(c.elementId)).filter((x): x is Shape => !!x));
      if (onPick) events.on('element.click', ({ element }) => cells.some((c) => c.elementId === element.id) && onPick(element.id));
    },
    [cells, onPick],
  );
  if (state === 'failed') return <Alert type="error" showIcon title={zh.diagram.failed} />;
  return <div ref={host} className="heatmap-diagram" data-testid="heatmap-diagram" style={{ height }} />;
}
