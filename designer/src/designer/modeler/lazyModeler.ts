import { preloadable } from '../../components/preloadable.tsx';

/** The modeler (bpmn-js, the properties panel), fetched when a diagram will show. */
export const LazyBpmnModeler = preloadable(() => import('./BpmnModeler.tsx').then((m) => m.BpmnModeler));
