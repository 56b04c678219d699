import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createSignedInClerk } from '@/testing/clerk/test-clerk.ts';
import type { PersonaKey } from '@/testing/clerk/personas.ts';
import { organizationsHandlers } from '@/testing/mocks/handlers/organizations.ts';
import { server } from '@/testing/mocks/server.ts';
import { renderApp } from '@/testing/render.tsx';
import { recordApiRequests } from '@/testing/request-log.ts';

async function renderMembers(userKey: PersonaKey, slug = 'acme') {
  const requests = recordApiRequests();
  return { ...(await renderApp({ route: `/orgs/${slug}/members`, clerk: await createSignedInClerk(userKey) })), requests };
}

describe('organization members page (/orgs/:slug/members)', () => {
  it('lists the members with their roles for an organization admin', async () => {
    const { requests } = await renderMembers('orgAdmin');

    expect(await screen.findByRole('heading', { level: 1, name: 'Acme Inc members' })).toBeInTheDocument();
    const list = await screen.findByRole('list', { name: 'Members' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows).toHaveLength(3);
    const katherine = rows.find((row) => row.textContent?.includes('Katherine Johnson'));
    expect(katherine).toHaveTextContent('orgadmin@example.com');
    expect(katherine).toHaveTextContent('Admin');
    expect(rows.find((row) => row.textContent?.includes('Alan Turing'))).toHaveTextContent('Member');
    expect(screen.getByRole('region', { name: 'Members (3)' })).toBeInTheDocument();
    expect(requests.to('GET', '/api/orgs/acme/members').map((request) => request.orgSlug)).toEqual(['acme']);
  });

  it('shows a 403 page to a member who is not an admin, without asking the API', async () => {
    const { requests } = await renderMembers('member');

    expect(await screen.findByRole('heading', { level: 1, name: 'Members are for admins' })).toBeInTheDocument();
    expect(screen.getByText('Only the admins of Acme Inc can see its members.')).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Members' })).not.toBeInTheDocument();
    expect(requests.to('GET', '/api/orgs/acme/members')).toHaveLength(0);
  });

  it('shows the same 403 page when the API refuses an admin', async () => {
    server.use(organizationsHandlers.members.forbidden);
    await renderMembers('orgAdmin');
    expect(await screen.findByRole('heading', { level: 1, name: 'Members are for admins' })).toBeInTheDocument();
  });

  it('shows a skeleton while the API has not answered', async () => {
    server.use(organizationsHandlers.members.pending);
    await renderMembers('orgAdmin');
    expect(await screen.findByRole('status', { name: 'Loading the members' })).toBeInTheDocument();
  });

  it('shows an error with a retry, and recovers', async () => {
    server.use(organizationsHandlers.members.serverError);
    const { user } = await renderMembers('orgAdmin');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Something went wrong on our side.');
    server.resetHandlers();
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('list', { name: 'Members' })).toBeInTheDocument();
  });

  it('says so when the organization has no members to show', async () => {
    server.use(organizationsHandlers.members.empty);
    await renderMembers('orgAdmin');
    expect(await screen.findByText('This organization has no members yet.')).toBeInTheDocument();
  });

  it('shows the not-a-member page to someone outside the organization', async () => {
    const { requests } = await renderMembers('outsider');
    expect(await screen.findByRole('heading', { level: 1, name: 'You are not a member of this organization' })).toBeInTheDocument();
    expect(requests.all).toHaveLength(0);
  });
});
