import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createSignedInClerk } from '@/testing/clerk/test-clerk.ts';
import { renderApp } from '@/testing/render.tsx';
import { SIGN_OUT_GRACE_MS } from './require-signed-in.tsx';
import { personaId } from '@/testing/clerk/personas.ts';

const ADA = { id: personaId('admin'), email: 'admin@example.com', lastName: 'Lovelace' };
const ALAN = { id: personaId('member'), email: 'member@example.com' };

/** Where user data is shown: the header, every data card, and Clerk's components (their state is an attribute). */
const USER_DATA_SELECTOR = 'header, [data-testid]';

function shownUserData(): string {
  return [...document.querySelectorAll(USER_DATA_SELECTOR)].map((node) => `${node.textContent}\n${node.getAttribute('data-state') ?? ''}`).join('\n');
}

/**
 * Records whether any of `needles` is ever shown as user data, at every DOM
 * change from now on: a flash of stale data between two renders counts too.
 * (The local-mode hint beside sign-in lists the seeded accounts' emails, hence the scope.)
 */
function watchUserData(needles: readonly string[]) {
  const seen = new Set<string>();
  const check = () => {
    const text = shownUserData();
    for (const needle of needles) if (text.includes(needle)) seen.add(needle);
  };
  const observer = new MutationObserver(check);
  observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
  onTestFinished(() => observer.disconnect());
  check();
  return seen;
}

describe('app provider', () => {
  it("never shows the previous user's API answers after sign-out and sign-in as someone else", async () => {
    const { queryClient, clerk, router } = await renderApp({ route: '/dashboard', clerk: await createSignedInClerk('admin') });
    expect(await screen.findByTestId('api-me')).toHaveTextContent(ADA.id);
    expect(await screen.findByTestId('api-profile')).toHaveTextContent(ADA.email);

    // What "Sign out" in Clerk's user button does.
    await act(() => clerk.signOut());

    await waitFor(() => expect(document.body).not.toHaveTextContent(ADA.id));
    // The cache itself is emptied, not just hidden behind a different query key.
    await waitFor(() => expect(queryClient.getQueryCache().getAll()).toEqual([]));

    const seen = watchUserData([ADA.id, ADA.email, ADA.lastName]);
    await act(() => router.navigate('/sign-in'));
    await screen.findByTestId('clerk-sign-in');
    // What Clerk's <SignIn> does: Alan signs in, then it goes to the fallback redirect, the dashboard.
    await act(() => clerk.test.signInAs('member'));
    await act(() => router.navigate('/dashboard'));

    expect(await screen.findByRole('heading', { level: 1, name: 'Dashboard' })).toBeInTheDocument();
    expect(await screen.findByTestId('api-me')).toHaveTextContent(ALAN.id);
    expect(await screen.findByTestId('api-profile')).toHaveTextContent(ALAN.email);
    expect(await screen.findByTestId('api-hello')).toHaveTextContent(ALAN.id);
    expect([...seen]).toEqual([]);
  });

  it('sends someone signed out on a protected page home, not to sign-in and back', async () => {
    const { clerk, router } = await renderApp({ route: '/dashboard', clerk: await createSignedInClerk('member') });
    expect(await screen.findByTestId('api-me')).toHaveTextContent(ALAN.id);

    // Signed out in another tab: no navigation from Clerk in this one.
    await act(() => clerk.test.signOutElsewhere());

    await waitFor(() => expect(router.state.location.pathname).toBe('/'), { timeout: 5_000 });
    expect(router.state.location.search).toBe('');
  });

  it('keeps the page when the visitor looks signed out only for a moment, as during an organization switch', async () => {
    const { clerk, router } = await renderApp({ route: '/dashboard', clerk: await createSignedInClerk('member') });
    expect(await screen.findByTestId('api-me')).toHaveTextContent(ALAN.id);
    await act(() => clerk.test.signOutElsewhere());
    await act(() => clerk.test.signInAs('member'));
    await new Promise((resolve) => setTimeout(resolve, SIGN_OUT_GRACE_MS + 300));
    expect(router.state.location.pathname).toBe('/dashboard');
    expect(await screen.findByTestId('api-me')).toHaveTextContent(ALAN.id);
  });

  it('still sends a signed-out visitor of a protected page to sign-in, and back afterwards', async () => {
    const { router } = await renderApp({ route: '/dashboard' });
    await waitFor(() => expect(router.state.location.pathname).toBe('/sign-in'));
    expect(new URLSearchParams(router.state.location.search).get('redirect_url')).toMatch(/\/dashboard$/);
  });
});
