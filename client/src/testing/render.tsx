import { render } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
// From 'react-router' itself: in vitest 'react-router/dom' loads a second copy whose router context the app's hooks cannot see.
import { RouterProvider, createBrowserRouter } from 'react-router';
import { onTestFinished } from 'vitest';
import { createAppRoutes } from '@/app/router.tsx';
import { createQueryClient } from '@/lib/query-client.ts';
import { asClerkProp, createSignedOutClerk, type TestClerk } from './clerk/test-clerk.ts';

export interface RenderAppOptions {
  /** Path (with query string) to start at; defaults to `/`. */
  route?: string;
  /** Clerk's clerk-js against this test's emulator, from `createSignedInClerk` / `createSignedOutClerk`; signed out by default. */
  clerk?: TestClerk;
}

/**
 * Renders the real routes and providers at `route`. It uses a browser router
 * on jsdom's history, as the app does, so `window.location` (which Clerk reads
 * for `redirect_url`) follows navigation. Retries keep the app's policy
 * without the waiting.
 */
export async function renderApp({ route = '/', clerk }: RenderAppOptions = {}) {
  clerk ??= await createSignedOutClerk();
  window.history.replaceState(null, '', route);
  const queryClient = createQueryClient({ retryDelay: 0 });
  const router = createBrowserRouter(createAppRoutes({ queryClient, clerk: asClerkProp(clerk) }));
  // The router listens to popstate on the shared window: stop it when the test ends.
  onTestFinished(() => router.dispose());
  const user = userEvent.setup();
  const utils = render(<RouterProvider router={router} />);
  return { ...utils, user, router, queryClient, clerk };
}
