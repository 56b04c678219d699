import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createSignedInClerk } from '@/testing/clerk/clerk-double.ts';
import { renderApp } from '@/testing/render.tsx';

describe('organization settings (/orgs/:slug/settings)', () => {
  it("shows Clerk's organization profile to an organization admin, with that organization active", async () => {
    const { clerk } = renderApp({ route: '/orgs/acme/settings', clerk: createSignedInClerk('orgAdmin') });

    expect(await screen.findByRole('heading', { level: 1, name: 'Acme Inc settings' })).toBeInTheDocument();
    expect(await screen.findByTestId('clerk-organization-profile')).toHaveAttribute('data-state', 'Acme Inc');
    expect(clerk.test.mountedProps('OrganizationProfile')).toMatchObject({ routing: 'path', path: '/orgs/acme/settings' });
  });

  it('shows a member a 403 page instead', async () => {
    renderApp({ route: '/orgs/acme/settings', clerk: createSignedInClerk('member') });

    expect(await screen.findByRole('heading', { level: 1, name: 'Settings are for admins' })).toBeInTheDocument();
    expect(screen.queryByTestId('clerk-organization-profile')).not.toBeInTheDocument();
  });

  it('shows the not-a-member page to someone outside the organization', async () => {
    renderApp({ route: '/orgs/acme/settings', clerk: createSignedInClerk('outsider') });
    expect(await screen.findByRole('heading', { level: 1, name: 'You are not a member of this organization' })).toBeInTheDocument();
  });

  it('is linked from the organization page for its admins', async () => {
    renderApp({ route: '/orgs/acme', clerk: createSignedInClerk('orgAdmin') });
    expect(await screen.findByRole('link', { name: 'Settings →' })).toHaveAttribute('href', '/orgs/acme/settings');
  });
});
