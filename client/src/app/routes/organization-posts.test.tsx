import { screen, waitFor } from '@testing-library/react';
import { delay, http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { POST_PAGE_DEFAULT_LIMIT } from '#shared/posts';
import { createSignedInClerk } from '@/testing/clerk/clerk-double.ts';
import { fixtureSession } from '@/testing/local-identity/fixture-store.ts';
import { seedPost } from '@/testing/mocks/data/posts-store.ts';
import { LOCAL_IDENTITY_URL } from '@/testing/mocks/handlers/local-identity.ts';
import { server } from '@/testing/mocks/server.ts';
import { renderApp } from '@/testing/render.tsx';
import { recordApiRequests } from '@/testing/request-log.ts';

const ALAN = 'user_fixture_member';
const KATHERINE = 'user_fixture_orgadmin';
const ACME = 'org_fixture_acme';
const TOUCH = `${LOCAL_IDENTITY_URL}/v1/client/sessions/:sid/touch`;

function seedAcme() {
  seedPost({ authorId: ALAN, title: 'Alan’s personal notes' });
  seedPost({ authorId: KATHERINE, organizationId: ACME, title: 'Acme roadmap' });
}

describe('organization page (/orgs/:slug)', () => {
  it("activates the URL's organization for a member, then shows only its posts", async () => {
    seedAcme();
    const requests = recordApiRequests();
    const clerk = createSignedInClerk('member');
    renderApp({ route: '/orgs/acme', clerk });

    expect(await screen.findByRole('heading', { level: 1, name: 'Acme Inc' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Switch organization (current: Acme Inc)' })).toBeInTheDocument();
    expect(fixtureSession(clerk.session!.id)?.lastActiveOrganizationId).toBe(ACME);
    expect(await screen.findByRole('article', { name: 'Acme roadmap' })).toBeInTheDocument();
    expect(screen.queryByText('Alan’s personal notes')).not.toBeInTheDocument();
    // Nothing was asked before the organization was active, and the API was asked for that organization's posts alone.
    expect(requests.to('GET', '/api/posts').map((request) => [request.orgSlug, request.search.get('scope')])).toEqual([['acme', 'org']]);
  });

  it("shows the organization's posts on its first page, however many newer posts of their own the member has", async () => {
    seedPost({ authorId: KATHERINE, organizationId: ACME, title: 'Acme roadmap' });
    for (let i = 0; i < POST_PAGE_DEFAULT_LIMIT + 5; i += 1) seedPost({ authorId: ALAN, title: `Alan’s note ${i}` });
    renderApp({ route: '/orgs/acme', clerk: createSignedInClerk('member') });

    expect(await screen.findByRole('article', { name: 'Acme roadmap' })).toBeInTheDocument();
    expect(screen.getAllByRole('article')).toHaveLength(1);
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('shows a loading state while switching', async () => {
    server.use(
      http.post(TOUCH, async () => {
        await delay('infinite');
        return HttpResponse.error();
      }),
    );
    renderApp({ route: '/orgs/acme', clerk: createSignedInClerk('member') });
    expect(await screen.findByText('Switching to Acme Inc…')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { level: 1, name: 'Acme Inc' })).not.toBeInTheDocument();
  });

  it('says plainly when the user is not a member, and switches nothing', async () => {
    const requests = recordApiRequests();
    const clerk = createSignedInClerk('member');
    renderApp({ route: '/orgs/globex', clerk });

    expect(await screen.findByRole('heading', { level: 1, name: 'You are not a member of this organization' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to your posts' })).toHaveAttribute('href', '/posts');
    expect(screen.getByRole('button', { name: 'Switch organization (current: Personal account)' })).toBeInTheDocument();
    expect(fixtureSession(clerk.session!.id)?.lastActiveOrganizationId).toBeNull();
    expect(requests.to('GET', '/api/posts')).toHaveLength(0);
  });

  it('answers an organization that does not exist the same way', async () => {
    renderApp({ route: '/orgs/no-such-org', clerk: createSignedInClerk('orgAdmin') });
    expect(await screen.findByRole('heading', { level: 1, name: 'You are not a member of this organization' })).toBeInTheDocument();
  });

  it('does not switch when the organization is already active', async () => {
    let touches = 0;
    server.events.on('request:start', ({ request }) => {
      if (request.url.endsWith('/touch')) touches += 1;
    });
    renderApp({ route: '/orgs/acme', clerk: createSignedInClerk('member', { activeOrgSlug: 'acme' }) });
    expect(await screen.findByRole('heading', { level: 1, name: 'Acme Inc' })).toBeInTheDocument();
    expect(touches).toBe(0);
  });

  it('follows a switch made in the header: the URL changes, the page does not switch back', async () => {
    seedAcme();
    const { user } = renderApp({ route: '/orgs/acme', clerk: createSignedInClerk('member') });
    await screen.findByRole('heading', { level: 1, name: 'Acme Inc' });

    await user.click(screen.getByRole('button', { name: 'Switch organization (current: Acme Inc)' }));
    await user.click(screen.getByRole('menuitemradio', { name: 'Personal account' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Posts' })).toBeInTheDocument();
    expect(window.location.pathname).toBe('/posts');
    expect(screen.getByRole('button', { name: 'Switch organization (current: Personal account)' })).toBeInTheDocument();
    expect(await screen.findByRole('article', { name: 'Alan’s personal notes' })).toBeInTheDocument();
  });

  it('says when switching fails, and switches on retry', async () => {
    server.use(http.post(TOUCH, () => HttpResponse.json({ error: { code: 'internal_error', message: 'Down' } }, { status: 500 })));
    const { user } = renderApp({ route: '/orgs/acme', clerk: createSignedInClerk('member') });

    expect(await screen.findByRole('heading', { level: 1, name: 'Could not switch to Acme Inc' })).toBeInTheDocument();
    server.resetHandlers();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Acme Inc' })).toBeInTheDocument();
  });

  it('links to the members page for organization admins only', async () => {
    renderApp({ route: '/orgs/acme', clerk: createSignedInClerk('orgAdmin') });
    expect(await screen.findByRole('link', { name: 'Members →' })).toHaveAttribute('href', '/orgs/acme/members');
  });

  it('offers a member no members link', async () => {
    renderApp({ route: '/orgs/acme', clerk: createSignedInClerk('member') });
    await screen.findByRole('heading', { level: 1, name: 'Acme Inc' });
    await waitFor(() => expect(screen.queryByRole('status', { name: 'Loading posts' })).not.toBeInTheDocument());
    expect(screen.queryByRole('link', { name: 'Members →' })).not.toBeInTheDocument();
  });
});
