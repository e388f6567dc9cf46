import { createBrowserRouter, RouterProvider } from 'react-router';
import { App as AntdApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { QueryClientProvider } from '@tanstack/react-query';
import { SessionProvider } from './components/SessionContext.tsx';
import { RequireSession } from './components/RequireSession.tsx';
import { AppLayout } from './components/AppLayout.tsx';
import { NotFoundPage } from './components/NotFoundPage.tsx';
import { queryClient } from './api/queryClient.ts';
import { SignInPage } from './signin/SignInPage.tsx';
import { portalPrintRoutes, portalRoutes } from './portal/portalRoutes.tsx';
import { inboxPrintRoutes, inboxRoutes } from './inbox/inboxRoutes.tsx';
import { designerRoutes } from './designer/designerRoutes.tsx';
import { adminRoutes } from './admin/adminRoutes.tsx';

const router = createBrowserRouter([
  { path: '/', element: <SignInPage /> },
  {
    element: <RequireSession />,
    children: [{ element: <AppLayout />, children: [...portalRoutes, ...inboxRoutes, ...designerRoutes, ...adminRoutes] }, ...portalPrintRoutes, ...inboxPrintRoutes],
  },
  { path: '*', element: <NotFoundPage /> },
]);

// Users who ask for less motion (and the browser tests) get none: antd's transitions only delay them.
const reducedMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

export function App() {
  return (
    <ConfigProvider locale={zhCN} theme={{ token: { motion: !reducedMotion } }}>
      <AntdApp>
        <QueryClientProvider client={queryClient}>
          <SessionProvider>
            <RouterProvider router={router} />
          </SessionProvider>
        </QueryClientProvider>
      </AntdApp>
    </ConfigProvider>
  );
}
