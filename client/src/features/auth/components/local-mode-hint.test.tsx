import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LOCAL_ACCOUNTS, LOCAL_INBOX_PATH, LOCAL_SEED_PASSWORD, LOCAL_VERIFICATION_CODE } from '#shared/local-clerk';
import { renderApp } from '@/testing/render.tsx';

// The tests run as a local-mode build (no VITE_CLERK_PUBLISHABLE_KEY); a Clerk-mode build has no hint at all.
describe('local-mode hint', () => {
  it("lists the seeded accounts and their password beside Clerk's sign-in", async () => {
    await renderApp({ route: '/sign-in' });

    expect(await screen.findByTestId('clerk-sign-in')).toBeInTheDocument();
    const hint = await screen.findByRole('complementary', { name: 'Local mode: development accounts' });
    expect(hint).toHaveTextContent(LOCAL_SEED_PASSWORD);
    const rows = within(hint).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(LOCAL_ACCOUNTS.length);
    expect(within(hint).getByRole('row', { name: /^admin@example\.com/ })).toHaveTextContent('Ada Lovelace');
    expect(within(hint).getByRole('row', { name: /^admin@example\.com/ })).toHaveTextContent('Globex (admin)');
    expect(within(hint).getByRole('row', { name: /^member@example\.com/ })).toHaveTextContent('Acme Inc (member)');
    expect(hint).not.toHaveTextContent(LOCAL_VERIFICATION_CODE);
    expect(within(hint).getByRole('link', { name: 'local inbox' })).toHaveAttribute('href', LOCAL_INBOX_PATH);
  });

  it("gives the test addresses' code and the inbox beside Clerk's sign-up", async () => {
    await renderApp({ route: '/sign-up' });

    expect(await screen.findByTestId('clerk-sign-up')).toBeInTheDocument();
    const hint = await screen.findByRole('complementary', { name: 'Local mode: development accounts' });
    expect(hint).toHaveTextContent(`An address with +clerk_test takes the code ${LOCAL_VERIFICATION_CODE}`);
    expect(within(hint).getByRole('link', { name: 'local inbox' })).toHaveAttribute('href', LOCAL_INBOX_PATH);
  });
});
