import { Alert, Spin } from 'antd';
import './pathDiagram.css';
import { fitReadably, type ShapeBox, type ZoomableCanvas } from '../../components/diagram/fitReadably.ts';
import { useBpmnViewer } from '../../components/diagram/useBpmnViewer.ts';
import { dt } from '../designerText.ts';

/** Element or flow id → how it is painted: on the path, the end reached, waiting there, reached by no scenario. */
export type PathMarks = Record<string, 'visited' | 'end' | 'waiting' | 'uncovered'>;

interface Canvas extends ZoomableCanvas {
  addMarker(id: string, marker: string): void;
}
interface Registry {
  get(id: string): unknown;
}

/** A read-only bpmn-js viewer with a try-out's path (or a coverage map) painted as canvas markers. */
export function PathDiagram({ xml, marks, testId, height = 460 }: { xml: string; marks: PathMarks; testId: string; height?: number }) {
  const { host, state } = useBpmnViewer(
    xml,
    (v) => {
      const canvas = v.get<Canvas>('canvas');
      const registry = v.get<Registry>('elementRegistry');
      for (const [id, kind] of Object.entries(marks)) if (registry.get(id)) canvas.addMarker(id, `path-${kind}`);
      // A run is read where it ended (or waits), at a readable scale; a coverage map shows the whole diagram.
      const focus = Object.entries(marks)
        .filter(([, kind]) => kind === 'end' || kind === 'waiting')
        .map(([id]) => registry.get(id) as ShapeBox | undefined)
        .filter((x): x is ShapeBox => !!x && typeof x.width === 'number');
      if (focus.length) fitReadably(canvas, focus);
      else canvas.zoom('fit-viewport', 'auto');
    },
    [marks],
  );

  if (state === 'failed') return <Alert type="error" showIcon title={dt.workspace.diagramImportFailed} />;
  return (
    <div style={{ position: 'relative' }}>
      <div ref={host} className="path-diagram" data-testid={testId} data-ready={state === 'ready'} style={{ height }} />
      {state === 'loading' ? (
        <div style={{ position: 'absolute', inset: 0, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
          <Spin />
        </div>
      ) : null}
    </div>
  );
}

/** The legend of the colours a PathDiagram uses. */
export function PathLegend({ kinds }: { kinds: Array<keyof typeof dt.tryout.legend> }) {
  return (
    <div className="path-legend">
      {kinds.map((k) => (
        <span key={k} data-kind={k}>
          {dt.tryout.legend[k]}
        </span>
      ))}
    </div>
  );
}
