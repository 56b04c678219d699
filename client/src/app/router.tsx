import type { ComponentProps } from 'react';
import { Outlet, createBrowserRouter, type RouteObject } from 'react-router';
import type { QueryClient } from '@tanstack/react-query';
import { AppLayout } from '@/components/layouts/app-layout.tsx';
import { PageLoading } from '@/components/loading/page-loading.tsx';
import { RouteError } from '@/components/errors/route-error.tsx';
import { paths } from '@/config/paths.ts';
import { AppProvider } from './provider.tsx';
import { HomeRoute } from './routes/home.tsx';
import { NotFoundRoute } from './routes/not-found.tsx';
import { SignInRoute } from './routes/sign-in.tsx';
import { SignUpRoute } from './routes/sign-up.tsx';

export interface AppRouteOptions {
  queryClient: QueryClient;
  clerk?: ComponentProps<typeof AppProvider>['clerk'];
}

/** Drop the leading slash: child route paths are relative. */
const child = (path: string) => path.replace(/^\//, '');

/** The route tree, shared by the browser router and the tests' memory router. */
export function createAppRoutes({ queryClient, clerk }: AppRouteOptions): RouteObject[] {
  return [
    {
      element: (
        <AppProvider queryClient={queryClient} clerk={clerk}>
          <Outlet />
        </AppProvider>
      ),
      errorElement: <RouteError />,
      hydrateFallbackElement: <PageLoading />,
      children: [
        {
          element: <AppLayout />,
          children: [
            {
              // A page that throws is replaced by the error page; the header stays.
              errorElement: <RouteError />,
              children: [
                { index: true, element: <HomeRoute /> },
                { path: `${child(paths.signIn)}/*`, element: <SignInRoute /> },
                { path: `${child(paths.signUp)}/*`, element: <SignUpRoute /> },
                {
                  path: child(paths.dashboard),
                  lazy: async () => {
                    const { DashboardRoute } = await import('./routes/dashboard.tsx');
                    return { Component: DashboardRoute };
                  },
                },
                { path: '*', element: <NotFoundRoute /> },
              ],
            },
          ],
        },
      ],
    },
  ];
}

export function createAppRouter(options: AppRouteOptions) {
  return createBrowserRouter(createAppRoutes(options));
}
