import { lazy, Suspense } from 'react';
import type { RouteObject } from 'react-router';
import { Spin } from 'antd';
import { PackagesPage } from './packages/PackagesPage.tsx';
import { sessionHint } from '../api/session.ts';
import { readDraftEarly } from './workspace/draftQueries.ts';
import { LazyWorkspace } from './workspace/lazyWorkspace.ts';
import { LazyBpmnModeler } from './modeler/lazyModeler.ts';

// The workspace brings the editors (CodeMirror; bpmn-js and the properties panel load with a diagram).
const ComparePage = lazy(() => import('./compare/ComparePage.tsx').then((m) => ({ default: m.ComparePage })));
const ActivationPage = lazy(() => import('./activation/ActivationPage.tsx').then((m) => ({ default: m.ActivationPage })));
const Workspace = LazyWorkspace;

// A draft opened by its address (a link, a reload) fetches its page, and the modeler when a diagram
// will show, while the session is still being checked, instead of one after the other.
if (typeof window !== 'undefined' && window.location.pathname.startsWith('/designer/drafts/')) {
  void Workspace.preload();
  const file = new URLSearchParams(window.location.search).get('file');
  // The draft and its file are asked for with the session, not after the page has mounted.
  const id = decodeURIComponent(window.location.pathname.split('/')[3] ?? '');
  if (id && sessionHint.present()) readDraftEarly(id, file);
  if (!file || file.endsWith('.bpmn')) void LazyBpmnModeler.preload();
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
        <Workspace.Component />
      </Suspense>
    ),
  },
];
