import type { ComponentProps } from 'react';
import { Outlet, createBrowserRouter, type RouteObject } from 'react-router';
import type { QueryClient } from '@tanstack/react-query';
import { AppLayout } from '@/components/layouts/app-layout.tsx';
import { PageLoading } from '@/components/loading/page-loading.tsx';
import { RouteError } from '@/components/errors/route-error.tsx';
import { paths, routePatterns } from '@/config/paths.ts';
import { AppProvider } from './provider.tsx';
import { HomeRoute } from './routes/home.tsx';
import { NotFoundRoute } from './routes/not-found.tsx';
import { SignInRoute } from './routes/sign-in.tsx';
import { SignUpRoute } from './routes/sign-up.tsx';

export interface AppRouteOptions {
  queryClient: QueryClient;
  /** Tests only: a Clerk test double; main.tsx never passes one. */
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
                // Each page below is its own chunk, loaded on first visit: the initial bundle stays lean.
                {
                  path: child(paths.posts),
                  lazy: async () => {
                    const { PostsRoute } = await import('./routes/posts.tsx');
                    return { Component: PostsRoute };
                  },
                },
                {
                  path: child(routePatterns.post),
                  lazy: async () => {
                    const { PostRoute } = await import('./routes/post.tsx');
                    return { Component: PostRoute };
                  },
                },
                {
                  path: child(routePatterns.organization),
                  lazy: async () => {
                    const { OrganizationPostsRoute } = await import('./routes/organization-posts.tsx');
                    return { Component: OrganizationPostsRoute };
                  },
                },
                {
                  path: child(routePatterns.organizationMembers),
                  lazy: async () => {
                    const { OrganizationMembersRoute } = await import('./routes/organization-members.tsx');
                    return { Component: OrganizationMembersRoute };
                  },
                },
                {
                  path: child(routePatterns.organizationSettings),
                  lazy: async () => {
                    const { OrganizationSettingsRoute } = await import('./routes/organization-settings.tsx');
                    return { Component: OrganizationSettingsRoute };
                  },
                },
                {
                  path: child(paths.admin),
                  lazy: async () => {
                    const { AdminRoute } = await import('./routes/admin.tsx');
                    return { Component: AdminRoute };
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
