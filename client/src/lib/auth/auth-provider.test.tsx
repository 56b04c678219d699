import { Show, useClerk } from '@clerk/react';
import { QueryClient } from '@tanstack/react-query';
import { act, render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
// RouterProvider from 'react-router' itself: in vitest, 'react-router/dom' can load a second copy of the router.
import { Outlet, RouterProvider, createBrowserRouter, useLocation } from 'react-router';
import { describe, expect, it, onTestFinished } from 'vitest';
import { asClerkProp, createSignedInClerk, type TestClerk } from '@/testing/clerk/test-clerk.ts';
import { AuthProvider } from './auth-provider.tsx';
import { ClearCacheOnUserChange } from './clear-cache-on-user-change.tsx';

function Where() {
  const location = useLocation();
  return <p data-testid="path">{location.pathname + location.search}</p>;
}

function SignOutButton() {
  const clerk = useClerk();
  return (
    <button type="button" onClick={() => void clerk.signOut()}>
      sign out
    </button>
  );
}

/** A browser router, as the app uses: Clerk reads `redirect_url` from window.location. */
async function renderRoutes(clerk: TestClerk, initialEntry: string, queryClient = new QueryClient()) {
  window.history.replaceState(null, '', initialEntry);
  const router = createBrowserRouter([
    {
      element: (
        <AuthProvider clerk={asClerkProp(clerk)}>
          <ClearCacheOnUserChange queryClient={queryClient} />
          <Where />
          <Show when="signed-in">
            <SignOutButton />
          </Show>
          <Outlet />
        </AuthProvider>
      ),
      children: [
        {
          path: '/',
          element: (
            <Show when="signed-in" fallback={<p>home, signed out</p>}>
              <p>home, signed in</p>
            </Show>
          ),
        },
        { path: '/dashboard', element: <p>dashboard</p> },
      ],
    },
  ]);
  onTestFinished(() => router.dispose());
  await act(async () => {
    render(<RouterProvider router={router} />);
  });
  return { router, queryClient, user: userEvent.setup() };
}

describe('AuthProvider', () => {
  it('goes to afterSignOutUrl through the router on sign-out', async () => {
    const { user } = await renderRoutes(await createSignedInClerk('member'), '/dashboard');
    await screen.findByText('dashboard');
    await user.click(await screen.findByRole('button', { name: 'sign out' }));
    expect(await screen.findByText('home, signed out')).toBeInTheDocument();
    expect(screen.getByTestId('path')).toHaveTextContent(/^\/$/);
  });
});

describe('ClearCacheOnUserChange', () => {
  it('clears the cache on sign-out but not on the first load', async () => {
    const queryClient = new QueryClient();
    queryClient.setQueryData(['hello'], 'cached before load');
    const { user } = await renderRoutes(await createSignedInClerk('admin'), '/', queryClient);
    await screen.findByText('home, signed in');
    expect(queryClient.getQueryData(['hello'])).toBe('cached before load');

    queryClient.setQueryData(['me'], 'Ada’s profile');
    await user.click(screen.getByRole('button', { name: 'sign out' }));
    expect(await screen.findByText('home, signed out')).toBeInTheDocument();
    expect(queryClient.getQueryData(['me'])).toBeUndefined();
    expect(queryClient.getQueryData(['hello'])).toBeUndefined();
  });
});
