import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createSignedInClerk } from '@/testing/clerk/clerk-double.ts';
import { renderApp } from '@/testing/render.tsx';

const ADA = { id: 'user_fixture_admin', email: 'admin@example.com', lastName: 'Lovelace' };
const ALAN = { id: 'user_fixture_member', email: 'member@example.com' };

/** Where user data is shown: the header (user button) and every data card. */
const USER_DATA_SELECTOR = 'header, [data-testid]';

/**
 * Records whether any of `needles` is ever shown as user data, at every DOM
 * change from now on: a flash of stale data between two renders counts too.
 * (The local sign-in form lists the seeded accounts' emails, hence the scope.)
 */
function watchUserData(needles: readonly string[]) {
  const seen = new Set<string>();
  const check = () => {
    const text = [...document.querySelectorAll(USER_DATA_SELECTOR)].map((node) => node.textContent).join('\n');
    for (const needle of needles) if (text.includes(needle)) seen.add(needle);
  };
  const observer = new MutationObserver(check);
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  onTestFinished(() => observer.disconnect());
  check();
  return seen;
}

describe('app provider', () => {
  it("never shows the previous user's API answers after sign-out and sign-in as someone else", async () => {
    const { user, queryClient } = renderApp({ route: '/dashboard', clerk: createSignedInClerk('admin') });
    expect(await screen.findByTestId('api-me')).toHaveTextContent(ADA.id);
    expect(await screen.findByTestId('api-profile')).toHaveTextContent(ADA.email);

    await user.click(await screen.findByRole('button', { name: 'Open user menu for Ada Lovelace' }));
    await user.click(screen.getByRole('menuitem', { name: 'Sign out' }));

    await waitFor(() => expect(document.body).not.toHaveTextContent(ADA.id));
    expect(await screen.findByRole('region', { name: 'You are signed out' })).toBeInTheDocument();
    // The cache itself is emptied, not just hidden behind a different query key.
    expect(queryClient.getQueryCache().getAll()).toEqual([]);

    const seen = watchUserData([ADA.id, ADA.email, ADA.lastName]);
    const signedOut = screen.getByRole('region', { name: 'You are signed out' });
    await user.click(within(signedOut).getByRole('link', { name: 'Sign in' }));
    await user.type(await screen.findByLabelText('Email address'), ALAN.email);
    await user.type(screen.getByLabelText('Password'), 'local-dev-password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Dashboard' })).toBeInTheDocument();
    expect(await screen.findByTestId('api-me')).toHaveTextContent(ALAN.id);
    expect(await screen.findByTestId('api-profile')).toHaveTextContent(ALAN.email);
    expect(await screen.findByTestId('api-hello')).toHaveTextContent(ALAN.id);
    expect([...seen]).toEqual([]);
  });
});
