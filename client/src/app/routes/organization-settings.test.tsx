import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { localOrganization } from '#shared/local-clerk';
import { createSignedInClerk } from '@/testing/clerk/test-clerk.ts';
import { renderApp } from '@/testing/render.tsx';

describe('organization settings (/orgs/:slug/settings)', () => {
  it("shows Clerk's organization profile to an organization admin, with that organization active", async () => {
    const { clerk } = await renderApp({ route: '/orgs/acme/settings', clerk: await createSignedInClerk('orgAdmin') });

    expect(await screen.findByRole('heading', { level: 1, name: 'Acme Inc settings' })).toBeInTheDocument();
    expect(await screen.findByTestId('clerk-organization-profile')).toHaveAttribute('data-state', 'Acme Inc');
    expect(clerk.test.mountedProps('OrganizationProfile')).toMatchObject({ routing: 'path', path: '/orgs/acme/settings' });
  });

  it("shows a member the same profile as the switcher's Manage, where Clerk limits what they change and they can leave", async () => {
    const { clerk } = await renderApp({ route: '/orgs/acme/settings', clerk: await createSignedInClerk('member') });

    expect(await screen.findByRole('heading', { level: 1, name: 'Acme Inc settings' })).toBeInTheDocument();
    expect(await screen.findByTestId('clerk-organization-profile')).toHaveAttribute('data-state', 'Acme Inc');
    expect(clerk.test.mountedProps('OrganizationProfile')).toMatchObject({ path: '/orgs/acme/settings', afterLeaveOrganizationUrl: '/posts' });
  });

  it('shows the not-a-member page to someone outside the organization', async () => {
    await renderApp({ route: '/orgs/acme/settings', clerk: await createSignedInClerk('outsider') });
    expect(await screen.findByRole('heading', { level: 1, name: 'You are not a member of this organization' })).toBeInTheDocument();
  });

  it.each(['orgAdmin', 'member'] as const)('is linked from the organization page for %s', async (persona) => {
    await renderApp({ route: '/orgs/acme', clerk: await createSignedInClerk(persona) });
    expect(await screen.findByRole('link', { name: 'Settings →' })).toHaveAttribute('href', '/orgs/acme/settings');
  });

  it("leaves for the person's posts once the member has left the organization in it", async () => {
    const clerk = await createSignedInClerk('member');
    await renderApp({ route: '/orgs/acme/settings', clerk });
    await screen.findByTestId('clerk-organization-profile');

    // What <OrganizationProfile>'s "Leave organization" does: the membership goes (through clerk-js), the personal
    // account is active, then Clerk navigates to afterLeaveOrganizationUrl.
    await act(async () => {
      await clerk.user!.leaveOrganization(localOrganization('acme').id);
    });
    await act(() => clerk.setActive({ organization: null, redirectUrl: '/posts' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Posts' })).toBeInTheDocument();
    expect(window.location.pathname).toBe('/posts');
    expect(clerk.session?.lastActiveOrganizationId).toBeNull();
  });
});
