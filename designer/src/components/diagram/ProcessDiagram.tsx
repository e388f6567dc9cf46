import { Alert } from 'antd';
import { fitReadably } from './fitReadably.ts';
import { useBpmnViewer } from './useBpmnViewer.ts';
import './processDiagram.css';
import { zh } from '../../i18n/zhCN.ts';

/** What to paint on the diagram: the path taken (green), where the case stands (orange), and what a hover tells. */
export interface DiagramMarks {
  done: string[];
  flows: string[];
  current: string[];
  /** Element id → lines shown when the pointer rests on it (who, when, the opinion). */
  hover?: Record<string, string[]>;
  /** What to keep in view when the whole diagram is too large to read: the first always, the others if they fit too. */
  focus?: string[];
}

interface ViewBox {
  x: number;
  y: number;
  width: number;
  height: number;
  scale: number;
}
interface Canvas {
  addMarker(id: string, marker: string): void;
  zoom(level?: 'fit-viewport' | number, center?: 'auto'): number;
  viewbox(box?: Omit<ViewBox, 'scale'>): ViewBox;
}
interface Shape {
  x: number;
  y: number;
  width: number;
  height: number;
}
interface Overlays {
  add(id: string, type: string, o: { position: { top?: number; left?: number; bottom?: number; right?: number }; html: HTMLElement }): string;
  remove(filter: { type: string }): void;
}
interface EventBus {
  on(event: string, cb: (e: { element: { id: string; width?: number } }) => void): void;
}
interface Registry {
  get(id: string): unknown;
}

/** The hover card, built from text nodes: opinions are people's words, never markup. */
function hoverCard(lines: string[]): HTMLElement {
  const box = document.createElement('div');
  box.className = 'process-diagram-hover';
  box.setAttribute('data-testid', 'diagram-hover');
  for (const line of lines) {
    const p = document.createElement('div');
    p.textContent = line;
    box.appendChild(p);
  }
  return box;
}

/**
 * A read-only BPMN diagram (bpmn-js NavigatedViewer: drag to move, wheel to zoom) with the path
 * painted. Shared by the reviewer's task page and the admin console.
 */
export function ProcessDiagram({ xml, marks, height = 420 }: { xml: string; marks: DiagramMarks; height?: number }) {
  const { host, state } = useBpmnViewer(
    xml,
    (viewer) => {
      const canvas = viewer.get<Canvas>('canvas');
      const registry = viewer.get<Registry>('elementRegistry');
      const mark = (ids: string[], marker: string) => ids.filter((id) => registry.get(id)).forEach((id) => canvas.addMarker(id, marker));
      mark(marks.done, 'diagram-done');
      mark(marks.flows, 'diagram-flow-taken');
      mark(marks.current, 'diagram-current');
      const focus = (marks.focus ?? marks.current).map((id) => registry.get(id) as Shape | undefined).filter((x): x is Shape => !!x);
      fitReadably(canvas, focus);
      const overlays = viewer.get<Overlays>('overlays');
      const events = viewer.get<EventBus>('eventBus');
      events.on('element.hover', ({ element }) => {
        overlays.remove({ type: 'hover' });
        const lines = marks.hover?.[element.id];
        if (lines?.length) overlays.add(element.id, 'hover', { position: { top: 0, left: (element.width ?? 0) + 8 }, html: hoverCard(lines) });
      });
      events.on('element.out', () => overlays.remove({ type: 'hover' }));
    },
    [marks],
  );

  if (state === 'failed') return <Alert type="error" showIcon title={zh.diagram.failed} />;
  return (
    <div>
      <div ref={host} className="process-diagram" data-testid="process-diagram" style={{ height }} />
      <div className="process-diagram-legend">
        <span className="legend-done">{zh.diagram.legendDone}</span>
        <span className="legend-current">{zh.diagram.legendCurrent}</span>
        <span>{zh.diagram.legendHint}</span>
      </div>
    </div>
  );
}
