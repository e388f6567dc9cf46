import { lazy, Suspense } from 'react';
import type { RouteObject } from 'react-router';
import { Spin } from 'antd';
import { PackagesPage } from './packages/PackagesPage.tsx';

// The workspace brings the editors (CodeMirror; bpmn-js and the properties panel load with a diagram).
const ComparePage = lazy(() => import('./compare/ComparePage.tsx').then((m) => ({ default: m.ComparePage })));
const ActivationPage = lazy(() => import('./activation/ActivationPage.tsx').then((m) => ({ default: m.ActivationPage })));
const loadWorkspace = () => import('./workspace/DraftWorkspacePage.tsx');
const DraftWorkspacePage = lazy(() => loadWorkspace().then((m) => ({ default: m.DraftWorkspacePage })));

// A draft opened by its address (a link, a reload) fetches its page, and the modeler when a diagram
// will show, while the session is still being checked, instead of one after the other.
if (typeof window !== 'undefined' && window.location.pathname.startsWith('/designer/drafts/')) {
  void loadWorkspace();
  const file = new URLSearchParams(window.location.search).get('file');
  if (!file || file.endsWith('.bpmn')) void import('./modeler/BpmnModeler.tsx');
}

/** Pages under /designer (policy editors of a region; its admins read, publish and activate). */
export const designerRoutes: RouteObject[] = [
  { path: '/designer', element: <PackagesPage /> },
  {
    path: '/designer/compare',
    element: (
      <Suspense fallback={<Spin />}>
        <ComparePage />
      </Suspense>
    ),
  },
  {
    path: '/designer/activation/:hash',
    element: (
      <Suspense fallback={<Spin />}>
        <ActivationPage />
      </Suspense>
    ),
  },
  {
    path: '/designer/drafts/:id',
    element: (
      <Suspense fallback={<Spin />}>
        <DraftWorkspacePage />
      </Suspense>
    ),
  },
];
