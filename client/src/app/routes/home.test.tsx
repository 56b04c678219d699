import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createSignedInClerk, createSignedOutClerk } from '@/testing/clerk/test-clerk.ts';
import { renderApp } from '@/testing/render.tsx';

describe('home page', () => {
  it('invites a signed-out visitor to sign in and shows no signed-in content', async () => {
    await renderApp({ route: '/', clerk: await createSignedOutClerk() });

    const section = await screen.findByRole('region', { name: 'You are signed out' });
    expect(within(section).getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/sign-in');
    expect(within(section).getByRole('link', { name: 'Create an account' })).toHaveAttribute('href', '/sign-up');
    expect(screen.queryByRole('heading', { name: /welcome back/i })).not.toBeInTheDocument();
    expect(screen.queryByTestId('clerk-user-button')).not.toBeInTheDocument();
    // Pages for signed-in users are not offered.
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: 'Posts' })).not.toBeInTheDocument();
    expect(screen.queryByTestId('clerk-organization-switcher')).not.toBeInTheDocument();
  });

  it('welcomes a signed-in user by name and shows no signed-out content', async () => {
    await renderApp({ route: '/', clerk: await createSignedInClerk('admin') });

    expect(await screen.findByRole('heading', { name: 'Welcome back, Ada!' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Open your dashboard' })).toHaveAttribute('href', '/dashboard');
    expect(screen.queryByRole('region', { name: 'You are signed out' })).not.toBeInTheDocument();
    // The header swaps its sign-in link for Clerk's user button.
    const header = screen.getByRole('banner');
    expect(await within(header).findByTestId('clerk-user-button')).toHaveAttribute('data-state', 'Ada Lovelace');
    expect(within(header).queryByRole('link', { name: 'Sign in' })).not.toBeInTheDocument();
    // And offers the signed-in pages and Clerk's organization switcher.
    expect(within(header).getByRole('link', { name: 'Posts' })).toHaveAttribute('href', '/posts');
    expect(within(header).getByTestId('clerk-organization-switcher')).toHaveAttribute('data-state', 'Personal account');
  });

  it('paints the header and the home page before Clerk has loaded, with the account corner loading', async () => {
    const clerk = await createSignedOutClerk();
    clerk.test.holdLoading();
    await renderApp({ route: '/', clerk });

    const header = screen.getByRole('banner');
    expect(within(header).getByRole('link', { name: 'Clerk SPA + API' })).toBeInTheDocument();
    expect(within(header).getByRole('status', { name: 'Loading your account' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Clerk SPA + API' })).toBeInTheDocument();
    expect(within(screen.getByRole('main')).getByRole('status')).toHaveTextContent('Loading your session…');
  });

  it("configures Clerk's organization switcher to open the organization's page after a switch or a new organization", async () => {
    const { clerk } = await renderApp({ route: '/', clerk: await createSignedInClerk('member') });

    expect(await screen.findByTestId('clerk-organization-switcher')).toBeInTheDocument();
    expect(clerk.test.mountedProps('OrganizationSwitcher')).toMatchObject({
      afterSelectOrganizationUrl: '/orgs/:slug',
      afterCreateOrganizationUrl: '/orgs/:slug',
      afterSelectPersonalUrl: '/posts',
    });
    expect(screen.queryByRole('status', { name: 'Loading your account' })).not.toBeInTheDocument();
  });
});
