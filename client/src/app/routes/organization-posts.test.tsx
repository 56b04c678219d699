import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { POST_PAGE_DEFAULT_LIMIT } from '#shared/posts';
import { localOrganization } from '#shared/local-clerk';
import { removeStaticTitle } from '@/components/page-title.tsx';
import { createSignedInClerk } from '@/testing/clerk/test-clerk.ts';
import { seedPost } from '@/testing/mocks/data/posts-store.ts';
import { renderApp } from '@/testing/render.tsx';
import { recordApiRequests } from '@/testing/request-log.ts';
import { personaId } from '@/testing/clerk/personas.ts';

const ALAN = personaId('member');
const KATHERINE = personaId('orgAdmin');
const ACME = localOrganization('acme').id;

/** The header's organization switcher (Clerk's), by what it shows as active. */
const switcher = () => screen.getByTestId('clerk-organization-switcher');

function seedAcme() {
  seedPost({ authorId: ALAN, title: 'Alan’s personal notes' });
  seedPost({ authorId: KATHERINE, organizationId: ACME, title: 'Acme roadmap' });
}

describe('organization page (/orgs/:slug)', () => {
  it("activates the URL's organization for a member, then shows only its posts", async () => {
    seedAcme();
    const requests = recordApiRequests();
    const clerk = await createSignedInClerk('member');
    await renderApp({ route: '/orgs/acme', clerk });

    expect(await screen.findByRole('heading', { level: 1, name: 'Acme Inc' })).toBeInTheDocument();
    expect(switcher()).toHaveAttribute('data-state', 'Acme Inc');
    expect(clerk.session?.lastActiveOrganizationId).toBe(ACME);
    expect(await screen.findByRole('article', { name: 'Acme roadmap' })).toBeInTheDocument();
    expect(screen.queryByText('Alan’s personal notes')).not.toBeInTheDocument();
    // Nothing was asked before the organization was active, and the API was asked for that organization's posts alone.
    expect(requests.to('GET', '/api/posts').map((request) => [request.orgSlug, request.search.get('scope')])).toEqual([['acme', 'org']]);
  });

  it("shows the organization's posts on its first page, however many newer posts of their own the member has", async () => {
    seedPost({ authorId: KATHERINE, organizationId: ACME, title: 'Acme roadmap' });
    for (let i = 0; i < POST_PAGE_DEFAULT_LIMIT + 5; i += 1) seedPost({ authorId: ALAN, title: `Alan’s note ${i}` });
    await renderApp({ route: '/orgs/acme', clerk: await createSignedInClerk('member') });

    expect(await screen.findByRole('article', { name: 'Acme roadmap' })).toBeInTheDocument();
    expect(screen.getAllByRole('article')).toHaveLength(1);
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('finds the organization whatever the case of the URL, and canonicalizes the URL to its slug', async () => {
    const clerk = await createSignedInClerk('member');
    await renderApp({ route: '/orgs/ACME', clerk });

    expect(await screen.findByRole('heading', { level: 1, name: 'Acme Inc' })).toBeInTheDocument();
    expect(window.location.pathname).toBe('/orgs/acme');
    expect(clerk.session?.lastActiveOrganizationId).toBe(ACME);
  });

  it("has one title, the organization's name, once index.html's static title is removed", async () => {
    document.head.insertAdjacentHTML('beforeend', '<title>Clerk SPA + API</title>');
    removeStaticTitle();
    await renderApp({ route: '/orgs/acme', clerk: await createSignedInClerk('member') });

    await screen.findByRole('heading', { level: 1, name: 'Acme Inc' });
    await waitFor(() => expect(document.title).toBe('Acme Inc · Clerk SPA + API'));
    expect(document.querySelectorAll('title')).toHaveLength(1);
  });

  it('shows a loading state while switching', async () => {
    const clerk = await createSignedInClerk('member');
    clerk.test.interceptNextOrganizationSwitch(() => new Promise(() => {}));
    await renderApp({ route: '/orgs/acme', clerk });
    expect(await screen.findByText('Switching to Acme Inc…')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { level: 1, name: 'Acme Inc' })).not.toBeInTheDocument();
  });

  it('says plainly when the user is not a member, and switches nothing', async () => {
    const requests = recordApiRequests();
    const clerk = await createSignedInClerk('member');
    await renderApp({ route: '/orgs/globex', clerk });

    expect(await screen.findByRole('heading', { level: 1, name: 'You are not a member of this organization' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to your posts' })).toHaveAttribute('href', '/posts');
    expect(switcher()).toHaveAttribute('data-state', 'Personal account');
    expect(clerk.session?.lastActiveOrganizationId).toBeNull();
    expect(requests.to('GET', '/api/posts')).toHaveLength(0);
  });

  it('answers an organization that does not exist the same way', async () => {
    await renderApp({ route: '/orgs/no-such-org', clerk: await createSignedInClerk('orgAdmin') });
    expect(await screen.findByRole('heading', { level: 1, name: 'You are not a member of this organization' })).toBeInTheDocument();
  });

  it('does not switch when the organization is already active', async () => {
    const clerk = await createSignedInClerk('member', { activeOrgSlug: 'acme' });
    let switches = 0;
    clerk.test.interceptNextOrganizationSwitch(async () => {
      switches += 1;
    });
    await renderApp({ route: '/orgs/acme', clerk });
    expect(await screen.findByRole('heading', { level: 1, name: 'Acme Inc' })).toBeInTheDocument();
    expect(switches).toBe(0);
  });

  it('follows a switch made in the header: the URL changes, the page does not switch back', async () => {
    seedAcme();
    const { clerk } = await renderApp({ route: '/orgs/acme', clerk: await createSignedInClerk('member') });
    await screen.findByRole('heading', { level: 1, name: 'Acme Inc' });

    // What Clerk's switcher does when the personal account is picked.
    await act(() => clerk.setActive({ organization: null }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Posts' })).toBeInTheDocument();
    expect(window.location.pathname).toBe('/posts');
    expect(switcher()).toHaveAttribute('data-state', 'Personal account');
    expect(await screen.findByRole('article', { name: 'Alan’s personal notes' })).toBeInTheDocument();
  });

  it('says when switching fails, and switches on retry', async () => {
    const clerk = await createSignedInClerk('member');
    clerk.test.interceptNextOrganizationSwitch(() => Promise.reject(new Error('Clerk is down')));
    const { user } = await renderApp({ route: '/orgs/acme', clerk });

    expect(await screen.findByRole('heading', { level: 1, name: 'Could not switch to Acme Inc' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Acme Inc' })).toBeInTheDocument();
  });

  it('links to the members page for organization admins only', async () => {
    await renderApp({ route: '/orgs/acme', clerk: await createSignedInClerk('orgAdmin') });
    expect(await screen.findByRole('link', { name: 'Members →' })).toHaveAttribute('href', '/orgs/acme/members');
  });

  it('offers a member no members link', async () => {
    await renderApp({ route: '/orgs/acme', clerk: await createSignedInClerk('member') });
    await screen.findByRole('heading', { level: 1, name: 'Acme Inc' });
    await waitFor(() => expect(screen.queryByRole('status', { name: 'Loading posts' })).not.toBeInTheDocument());
    expect(screen.queryByRole('link', { name: 'Members →' })).not.toBeInTheDocument();
  });
});
