import { Show, SignIn, useClerk } from '@clerk/react';
import { QueryClient } from '@tanstack/react-query';
import { act, render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
// RouterProvider from 'react-router' itself: in vitest, 'react-router/dom' can load a second copy of the router.
import { Outlet, RouterProvider, createBrowserRouter, useLocation } from 'react-router';
import { beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { createSignedInClerk, createSignedOutClerk } from '@/testing/local-identity/clerk-instances.ts';
import { resetLocalIdentityFixtures } from '@/testing/mocks/handlers/local-identity.ts';
import { AuthProvider } from './auth-provider.tsx';
import { ClearCacheOnUserChange } from './clear-cache-on-user-change.tsx';
import type { LocalClerk } from './local/local-clerk.ts';
import { localPublishableKey } from './local-publishable-key.ts';

function Where() {
  const location = useLocation();
  return <p data-testid="path">{location.pathname + location.search}</p>;
}

function SignOutButton() {
  const clerk = useClerk();
  return <button type="button" onClick={() => void clerk.signOut()}>sign out</button>;
}

/** A browser router, as the app uses: Clerk reads `redirect_url` from window.location. */
async function renderRoutes(clerk: LocalClerk | undefined, initialEntry: string, queryClient = new QueryClient()) {
  window.history.replaceState(null, '', initialEntry);
  const router = createBrowserRouter(
    [
      {
        element: (
          <AuthProvider clerk={clerk}>
            <ClearCacheOnUserChange queryClient={queryClient} />
            <Where />
            <Show when="signed-in">
              <SignOutButton />
            </Show>
            <Outlet />
          </AuthProvider>
        ),
        children: [
          { path: '/', element: <Show when="signed-in" fallback={<p>home, signed out</p>}><p>home, signed in</p></Show> },
          { path: '/sign-in/*', element: <SignIn /> },
          { path: '/dashboard', element: <p>dashboard</p> },
        ],
      },
    ],
  );
  onTestFinished(() => {
    router.dispose();
    clerk?.destroy();
  });
  // Awaited: without a `clerk` the provider suspends until the local instance's chunk has loaded.
  await act(async () => {
    render(<RouterProvider router={router} />);
  });
  return { router, queryClient, user: userEvent.setup() };
}

beforeEach(() => resetLocalIdentityFixtures());

describe('AuthProvider', () => {
  it('navigates with react-router after a local sign-in', async () => {
    const { user } = await renderRoutes(createSignedOutClerk(), `/sign-in?redirect_url=${encodeURIComponent(`${window.location.origin}/dashboard`)}`);
    await user.click(await screen.findByRole('button', { name: 'Fill in admin@example.com' }));
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('dashboard')).toBeInTheDocument();
    expect(screen.getByTestId('path')).toHaveTextContent('/dashboard');
  });

  it('goes to afterSignOutUrl through the router on sign-out', async () => {
    const { user } = await renderRoutes(createSignedInClerk('member'), '/dashboard');
    await screen.findByText('dashboard');
    await user.click(await screen.findByRole('button', { name: 'sign out' }));
    expect(await screen.findByText('home, signed out')).toBeInTheDocument();
    expect(screen.getByTestId('path')).toHaveTextContent(/^\/$/);
  });

  it('creates the local instance lazily when none is passed and renders signed out', async () => {
    await renderRoutes(undefined, '/');
    expect(await screen.findByText('home, signed out')).toBeInTheDocument();
  });
});

describe('ClearCacheOnUserChange', () => {
  it('clears the cache on sign-out but not on the first load', async () => {
    const queryClient = new QueryClient();
    queryClient.setQueryData(['hello'], 'cached before load');
    const { user } = await renderRoutes(createSignedInClerk('admin'), '/', queryClient);
    await screen.findByText('home, signed in');
    expect(queryClient.getQueryData(['hello'])).toBe('cached before load');

    queryClient.setQueryData(['me'], 'Ada’s profile');
    await user.click(screen.getByRole('button', { name: 'sign out' }));
    expect(await screen.findByText('home, signed out')).toBeInTheDocument();
    expect(queryClient.getQueryData(['me'])).toBeUndefined();
    expect(queryClient.getQueryData(['hello'])).toBeUndefined();
  });
});

describe('localPublishableKey', () => {
  it('encodes the identity server host the way Clerk parses publishable keys', () => {
    expect(localPublishableKey('http://127.0.0.1:3100')).toBe(`pk_test_${btoa('127.0.0.1:3100$')}`);
    expect(atob(localPublishableKey('http://127.0.0.1:3100/').slice('pk_test_'.length))).toBe('127.0.0.1:3100$');
  });
});
