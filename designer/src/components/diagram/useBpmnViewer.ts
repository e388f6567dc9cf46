import { useEffect, useRef, useState, type DependencyList } from 'react';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';

export type ViewerState = 'loading' | 'ready' | 'failed';

/**
 * A read-only bpmn-js viewer (NavigatedViewer: drag to move, wheel to zoom) mounted in `host`: it imports
 * `xml`, lets the caller paint it (markers, overlays, zoom), and is destroyed when `xml` or `deps` change
 * or the component unmounts. The task page, try-out, compare and heatmap diagrams all use it.
 */
export function useBpmnViewer(xml: string | null | undefined, paint: (viewer: NavigatedViewer) => void, deps: DependencyList) {
  const host = useRef<HTMLDivElement>(null);
  const viewer = useRef<NavigatedViewer | null>(null);
  const [state, setState] = useState<ViewerState>('loading');

  useEffect(() => {
    if (!host.current || !xml) return;
    setState('loading');
    const v = new NavigatedViewer({ container: host.current });
    let alive = true;
    v.importXML(xml)
      .then(() => {
        if (!alive) return;
        paint(v);
        viewer.current = v;
        setState('ready');
      })
      .catch(() => alive && setState('failed'));
    return () => {
      alive = false;
      viewer.current = null;
      v.destroy();
    };
    // `paint` is a new closure each render; what it reads is in `deps`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [xml, ...deps]);

  return { host, viewer, state };
}
