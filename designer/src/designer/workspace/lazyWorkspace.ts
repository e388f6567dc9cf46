import { preloadable } from '../../components/preloadable.tsx';

/** The draft workspace page, fetched ahead when a draft is about to be opened (see designerRoutes, PackagesPage). */
export const LazyWorkspace = preloadable(() => import('./DraftWorkspacePage.tsx').then((m) => m.DraftWorkspacePage));
