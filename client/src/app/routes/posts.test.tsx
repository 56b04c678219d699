import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { localOrganization } from '#shared/local-clerk';
import { createSignedInClerk } from '@/testing/clerk/test-clerk.ts';
import { personaId, type OrganizationSlug, type PersonaKey } from '@/testing/clerk/personas.ts';
import { seedPost } from '@/testing/mocks/data/posts-store.ts';
import { postsHandlers } from '@/testing/mocks/handlers/posts.ts';
import { server } from '@/testing/mocks/server.ts';
import { renderApp } from '@/testing/render.tsx';
import { recordApiRequests } from '@/testing/request-log.ts';

const ALAN = personaId('member');
const KATHERINE = personaId('orgAdmin');
const ADA = personaId('admin');
const ACME = localOrganization('acme').id;
const GLOBEX = localOrganization('globex').id;

async function renderPosts(userKey: PersonaKey, options: { activeOrgSlug?: OrganizationSlug; route?: string } = {}) {
  const { route = '/posts', ...clerkOptions } = options;
  return renderApp({ route, clerk: await createSignedInClerk(userKey, clerkOptions) });
}

/** The titles of the listed posts, top to bottom. */
async function listedTitles(): Promise<string[]> {
  const list = await screen.findByRole('list', { name: 'Posts' });
  return within(list)
    .getAllByRole('article')
    .map((article) => within(article).getByRole('heading').textContent ?? '');
}

describe('posts page', () => {
  it('shows a skeleton while the API has not answered', async () => {
    server.use(postsHandlers.list.pending);
    await renderPosts('member');
    expect(await screen.findByRole('status', { name: 'Loading posts' })).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Posts' })).not.toBeInTheDocument();
  });

  it('says so when there is nothing to show', async () => {
    await renderPosts('member');
    expect(await screen.findByText('You have not written any posts yet.')).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Posts' })).not.toBeInTheDocument();
  });

  it("lists the caller's own posts and the active organization's, newest first, and no one else's", async () => {
    seedPost({ authorId: ALAN, title: 'Alan’s notes' });
    seedPost({ authorId: ADA, organizationId: GLOBEX, title: 'Globex secrets' });
    seedPost({ authorId: KATHERINE, organizationId: ACME, title: 'Acme roadmap' });
    await renderPosts('member', { activeOrgSlug: 'acme' });

    expect(await listedTitles()).toEqual(['Acme roadmap', 'Alan’s notes']);
    expect(screen.getByRole('heading', { level: 1, name: 'Posts' })).toBeInTheDocument();
    expect(screen.getByText('Your posts and those of Acme Inc.')).toBeInTheDocument();
  });

  it('loads the next page with the cursor the API gave, until there is none', async () => {
    for (let index = 1; index <= 25; index += 1) seedPost({ authorId: ALAN, title: `Note ${index}` });
    const requests = recordApiRequests();
    const { user } = await renderPosts('member');

    expect(await listedTitles()).toHaveLength(20);
    await user.click(screen.getByRole('button', { name: 'Load more' }));

    await waitFor(async () => expect(await listedTitles()).toHaveLength(25));
    expect((await listedTitles()).at(-1)).toBe('Note 1');
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
    const [first, second] = requests.to('GET', '/api/posts');
    expect(first?.search.get('cursor')).toBeNull();
    expect(second?.search.get('cursor')).toEqual(expect.any(String));
  });

  it('shows an error with a retry when the list fails, and recovers on retry', async () => {
    seedPost({ authorId: ALAN, title: 'Alan’s notes' });
    server.use(postsHandlers.list.serverError);
    const { user } = await renderPosts('member');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Something went wrong on our side.');
    server.resetHandlers();
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await listedTitles()).toEqual(['Alan’s notes']);
  });

  it('keeps the loaded posts when "Load more" fails, and says so below them', async () => {
    for (let index = 1; index <= 21; index += 1) seedPost({ authorId: ALAN, title: `Note ${index}` });
    const { user } = await renderPosts('member');
    expect(await listedTitles()).toHaveLength(20);

    server.use(postsHandlers.list.networkError);
    await user.click(screen.getByRole('button', { name: 'Load more' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Cannot reach the API');
    expect(await listedTitles()).toHaveLength(20);
  });
});

describe('the scope toggle', () => {
  it('lets a moderator list every post, and keeps the choice in the URL', async () => {
    seedPost({ authorId: ADA, organizationId: GLOBEX, title: 'Globex secrets' });
    const { user } = await renderPosts('moderator');
    expect(await screen.findByText('You have not written any posts yet.')).toBeInTheDocument();

    const toggle = screen.getByRole('group', { name: 'Which posts' });
    await user.click(within(toggle).getByRole('button', { name: 'All posts' }));

    expect(await listedTitles()).toEqual(['Globex secrets']);
    expect(within(toggle).getByRole('button', { name: 'All posts' })).toHaveAttribute('aria-pressed', 'true');
    expect(window.location.search).toBe('?scope=all');
  });

  it('is not offered to a member, and ?scope=all does not make a member ask for every post', async () => {
    const requests = recordApiRequests();
    await renderPosts('member', { route: '/posts?scope=all' });
    expect(await screen.findByText('You have not written any posts yet.')).toBeInTheDocument();
    expect(screen.queryByRole('group', { name: 'Which posts' })).not.toBeInTheDocument();
    expect(requests.to('GET', '/api/posts').map((request) => request.search.get('scope'))).toEqual(['mine-and-org']);
  });

  it('shows the API’s 403 when it refuses every post to a moderator', async () => {
    server.use(postsHandlers.list.forbidden);
    await renderPosts('moderator', { route: '/posts?scope=all' });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Access denied');
    expect(alert).toHaveTextContent('403');
  });
});
