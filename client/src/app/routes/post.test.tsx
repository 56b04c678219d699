import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { localOrganization } from '#shared/local-clerk';
import { createSignedInClerk } from '@/testing/clerk/test-clerk.ts';
import { seedPost } from '@/testing/mocks/data/posts-store.ts';
import { postsHandlers } from '@/testing/mocks/handlers/posts.ts';
import { server } from '@/testing/mocks/server.ts';
import { renderApp } from '@/testing/render.tsx';
import { recordApiRequests } from '@/testing/request-log.ts';
import { personaId } from '@/testing/clerk/personas.ts';

const ALAN = personaId('member');
const ADA = personaId('admin');
const GLOBEX = localOrganization('globex').id;

async function renderPost(id: string) {
  const requests = recordApiRequests();
  return { ...(await renderApp({ route: `/posts/${id}`, clerk: await createSignedInClerk('member') })), requests };
}

describe('post page', () => {
  it('shows the post under its own heading, with the actions its permissions allow', async () => {
    const post = seedPost({ authorId: ALAN, title: 'Field notes', body: 'Line one\nLine two' });
    await renderPost(post.id);

    const heading = await screen.findByRole('heading', { level: 1, name: 'Field notes' });
    const article = heading.closest('article')!;
    expect(article).toHaveTextContent('Line one');
    expect(within(article).getByRole('button', { name: 'Edit “Field notes”' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '← All your posts' })).toHaveAttribute('href', '/posts');
  });

  it("is titled with the post's title", async () => {
    const post = seedPost({ authorId: ALAN, title: 'Field notes' });
    await renderPost(post.id);

    await screen.findByRole('heading', { level: 1, name: 'Field notes' });
    await waitFor(() => expect(document.title).toBe('Field notes · Clerk SPA + API'));
    expect(document.querySelectorAll('title')).toHaveLength(1);
  });

  it('shows a skeleton while the API has not answered', async () => {
    server.use(postsHandlers.get.pending);
    await renderPost(crypto.randomUUID());
    expect(await screen.findByRole('status', { name: 'Loading the post' })).toBeInTheDocument();
  });

  it('shows a not-found page for a post that does not exist', async () => {
    await renderPost(crypto.randomUUID());
    expect(await screen.findByRole('heading', { level: 1, name: 'Post not found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to posts' })).toHaveAttribute('href', '/posts');
  });

  it('shows the same not-found page for a post the caller may not see (the API answers 404)', async () => {
    const hidden = seedPost({ authorId: ADA, organizationId: GLOBEX, title: 'Globex secrets' });
    await renderPost(hidden.id);
    expect(await screen.findByRole('heading', { level: 1, name: 'Post not found' })).toBeInTheDocument();
    expect(screen.queryByText('Globex secrets')).not.toBeInTheDocument();
  });

  it('shows an error with a retry, and recovers', async () => {
    const post = seedPost({ authorId: ALAN, title: 'Field notes' });
    server.use(postsHandlers.get.serverError);
    const { user } = await renderPost(post.id);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Something went wrong');
    server.resetHandlers();
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Field notes' })).toBeInTheDocument();
  });

  it('edits the post in place', async () => {
    const post = seedPost({ authorId: ALAN, title: 'Field notes' });
    const { user } = await renderPost(post.id);

    await user.click(await screen.findByRole('button', { name: 'Edit “Field notes”' }));
    await user.type(screen.getByLabelText('Title'), ', revised');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Field notes, revised' })).toBeInTheDocument();
  });

  it('after deleting, says the post is gone and does not ask the API for it again', async () => {
    const post = seedPost({ authorId: ALAN, title: 'Field notes' });
    const { user, requests } = await renderPost(post.id);

    await user.click(await screen.findByRole('button', { name: 'Delete “Field notes”' }));
    await user.click(screen.getByRole('button', { name: 'Delete post' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Post deleted' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to posts' })).toHaveAttribute('href', '/posts');
    expect(requests.to('GET', `/api/posts/${post.id}`)).toHaveLength(1);
  });
});
