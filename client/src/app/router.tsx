import type { ComponentProps } from 'react';
import { Outlet, createBrowserRouter, type RouteObject } from 'react-router';
import type { QueryClient } from '@tanstack/react-query';
import { AppLayout } from '@/components/layouts/app-layout.tsx';
import { PageLoading } from '@/components/loading/page-loading.tsx';
import { RouteError } from '@/components/errors/route-error.tsx';
import { paths, routePatterns } from '@/config/paths.ts';
import { lazyPage } from './lazy-page.tsx';
import { AppProvider } from './provider.tsx';
import { HomeRoute } from './routes/home.tsx';
import { NotFoundRoute } from './routes/not-found.tsx';
import { SignInRoute } from './routes/sign-in.tsx';
import { SignUpRoute } from './routes/sign-up.tsx';

export interface AppRouteOptions {
  queryClient: QueryClient;
  /** Component tests only (see AuthProvider); main.tsx never passes it. */
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
                // Each page below is its own chunk, loaded on first visit: the initial bundle stays lean. A chunk
                // that cannot be downloaded gives the network-unavailable page, which recovers by itself (lazyPage).
                {
                  path: child(paths.dashboard),
                  lazy: lazyPage(() => import('./routes/dashboard.tsx').then((module) => module.DashboardRoute)),
                },
                {
                  path: child(paths.posts),
                  lazy: lazyPage(() => import('./routes/posts.tsx').then((module) => module.PostsRoute)),
                },
                {
                  path: child(routePatterns.post),
                  lazy: lazyPage(() => import('./routes/post.tsx').then((module) => module.PostRoute)),
                },
                {
                  path: child(routePatterns.organization),
                  lazy: lazyPage(() => import('./routes/organization-posts.tsx').then((module) => module.OrganizationPostsRoute)),
                },
                {
                  path: child(routePatterns.organizationMembers),
                  lazy: lazyPage(() => import('./routes/organization-members.tsx').then((module) => module.OrganizationMembersRoute)),
                },
                {
                  path: child(routePatterns.organizationSettings),
                  lazy: lazyPage(() => import('./routes/organization-settings.tsx').then((module) => module.OrganizationSettingsRoute)),
                },
                {
                  path: child(paths.admin),
                  lazy: lazyPage(() => import('./routes/admin.tsx').then((module) => module.AdminRoute)),
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
