import { act, screen, waitFor, within } from '@testing-library/react';
import { onlineManager } from '@tanstack/react-query';
import { describe, expect, it, onTestFinished } from 'vitest';
import { IDEMPOTENCY_KEY_HEADER } from '#shared/posts';
import { createSignedInClerk } from '@/testing/clerk/test-clerk.ts';
import { seedPost } from '@/testing/mocks/data/posts-store.ts';
import { postsHandlers } from '@/testing/mocks/handlers/posts.ts';
import { server } from '@/testing/mocks/server.ts';
import { renderApp } from '@/testing/render.tsx';
import { recordApiRequests } from '@/testing/request-log.ts';
import { personaId } from '@/testing/clerk/personas.ts';

/** The Idempotency-Key of every POST /api/posts from now on, in order (null: none sent). */
function recordIdempotencyKeys(): (string | null)[] {
  const keys: (string | null)[] = [];
  server.events.on('request:start', ({ request }) => {
    if (request.method === 'POST' && new URL(request.url).pathname === '/api/posts') keys.push(request.headers.get(IDEMPOTENCY_KEY_HEADER));
  });
  return keys;
}

async function renderNewPostForm() {
  const requests = recordApiRequests();
  const utils = await renderApp({ route: '/posts', clerk: await createSignedInClerk('member', { activeOrgSlug: 'acme' }) });
  const region = await screen.findByRole('region', { name: 'New post' });
  return {
    ...utils,
    requests,
    region,
    title: within(region).getByLabelText('Title'),
    body: within(region).getByLabelText('Body'),
    publish: within(region).getByRole('button', { name: 'Publish' }),
  };
}

describe('new post form', () => {
  it('refuses what the shared schema refuses, before calling the API', async () => {
    const { user, requests, title, body, publish } = await renderNewPostForm();

    await user.type(body, 'A body without a title');
    await user.click(publish);
    expect(title).toHaveAccessibleDescription(/Enter a title/);
    expect(title).toBeInvalid();

    await user.click(title);
    await user.paste('x'.repeat(201));
    await user.click(publish);
    expect(title).toHaveAccessibleDescription(/Use at most 200 characters/);
    expect(requests.to('POST', '/api/posts')).toHaveLength(0);
  });

  it('publishes in the active organization, shows the post at the top of the list and clears the form', async () => {
    seedPost({ authorId: personaId('member'), title: 'Older post' });
    const { user, requests, region, title, body, publish } = await renderNewPostForm();
    await screen.findByRole('list', { name: 'Posts' });

    await user.type(title, '  Launch day  ');
    await user.type(body, 'We ship at noon.');
    await user.click(publish);

    expect(await within(region).findByRole('status')).toHaveTextContent('Published “Launch day”.');
    const list = screen.getByRole('list', { name: 'Posts' });
    const [newest] = await within(list).findAllByRole('article');
    expect(newest).toHaveTextContent('Launch day');
    expect(newest).toHaveTextContent('We ship at noon.');
    expect(newest).toHaveTextContent('Acme Inc');
    expect(title).toHaveValue('');
    expect(body).toHaveValue('');
    // The organization is the token's, never the body's.
    const [sent] = requests.to('POST', '/api/posts');
    expect(sent?.orgSlug).toBe('acme');
  });

  it('clears the Published message once that post is deleted', async () => {
    const { user, region, title, publish } = await renderNewPostForm();
    await user.type(title, 'Short-lived');
    await user.click(publish);
    expect(await within(region).findByRole('status')).toHaveTextContent('Published “Short-lived”.');

    const article = await screen.findByRole('article', { name: 'Short-lived' });
    await user.click(within(article).getByRole('button', { name: 'Delete “Short-lived”' }));
    await user.click(within(article).getByRole('button', { name: 'Delete post' }));

    await waitFor(() => expect(screen.queryByRole('article', { name: 'Short-lived' })).not.toBeInTheDocument());
    expect(within(region).queryByRole('status')).not.toBeInTheDocument();
  });

  it('clears the Published message once that post is edited', async () => {
    const { user, region, title, publish } = await renderNewPostForm();
    await user.type(title, 'First title');
    await user.click(publish);
    expect(await within(region).findByRole('status')).toHaveTextContent('Published “First title”.');

    const article = await screen.findByRole('article', { name: 'First title' });
    await user.click(within(article).getByRole('button', { name: 'Edit “First title”' }));
    const edited = within(article).getByLabelText('Title');
    await user.clear(edited);
    await user.type(edited, 'Second title');
    await user.click(within(article).getByRole('button', { name: 'Save' }));

    expect(await screen.findByRole('article', { name: 'Second title' })).toBeInTheDocument();
    expect(within(region).queryByRole('status')).not.toBeInTheDocument();
  });

  it('breaks a long unbroken title in the Published message', async () => {
    const { user, region, title, publish } = await renderNewPostForm();
    await user.click(title);
    await user.paste('A'.repeat(200));
    await user.click(publish);

    const status = await within(region).findByRole('status');
    expect(status).toHaveClass('[overflow-wrap:anywhere]', 'min-w-0');
  });

  it('isolates the published title in its message', async () => {
    const { user, region, title, publish } = await renderNewPostForm();
    await user.type(title, 'Evil \u202Etitle');
    await user.click(publish);

    const status = await within(region).findByRole('status');
    expect(within(status).getByText('Evil \u202Etitle').closest('bdi, [dir="auto"]')).not.toBeNull();
  });

  it('shows the pending state while the API works', async () => {
    server.use(postsHandlers.create.pending);
    const { user, region, title, publish } = await renderNewPostForm();

    await user.type(title, 'Launch day');
    await user.click(publish);

    expect(await within(region).findByRole('button', { name: 'Publishing…' })).toBeDisabled();
    expect(within(region).getByRole('form', { name: 'New post' })).toHaveAttribute('aria-busy', 'true');
  });

  it('says it waits for the network while offline, then publishes once back online', async () => {
    onTestFinished(() => onlineManager.setOnline(true));
    const { user, region, title, publish, requests } = await renderNewPostForm();

    act(() => onlineManager.setOnline(false));
    await user.type(title, 'Written on a train');
    await user.click(publish);

    expect(await within(region).findByRole('button', { name: 'Waiting for the network…' })).toBeDisabled();
    expect(requests.to('POST', '/api/posts')).toHaveLength(0);

    act(() => onlineManager.setOnline(true));
    expect(await within(region).findByText(/Published/)).toBeInTheDocument();
    expect(requests.to('POST', '/api/posts')).toHaveLength(1);
  });

  it("shows the API's 400 field error under the field", async () => {
    server.use(postsHandlers.create.titleRejected);
    const { user, region, title, publish } = await renderNewPostForm();

    await user.type(title, 'Launch day');
    await user.click(publish);

    expect(await within(region).findByText('This title is already taken')).toBeInTheDocument();
    expect(title).toHaveAccessibleDescription(/This title is already taken/);
    expect(title).toBeInvalid();
    expect(title).toHaveValue('Launch day');
  });

  it('shows a refusal without field details in place, and keeps what was typed', async () => {
    server.use(postsHandlers.create.forbidden);
    const { user, region, title, publish } = await renderNewPostForm();

    await user.type(title, 'Launch day');
    await user.click(publish);

    const alert = await within(region).findByRole('alert');
    expect(alert).toHaveTextContent('Access denied');
    expect(title).toHaveValue('Launch day');
  });

  it('retries a publish whose answer was lost with the same Idempotency-Key, so the post is written once', async () => {
    server.use(postsHandlers.create.writtenThenFailed);
    const keys = recordIdempotencyKeys();
    const { user, region, title, publish } = await renderNewPostForm();

    await user.type(title, 'Launch day');
    await user.click(publish);

    expect(await within(region).findByRole('status')).toHaveTextContent('Published “Launch day”.');
    const list = screen.getByRole('list', { name: 'Posts' });
    expect(await within(list).findAllByRole('article')).toHaveLength(1);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
  });

  it('sends the same key when Publish is pressed again after a failure, and a new one for the next post', async () => {
    server.use(postsHandlers.create.serverError);
    const keys = recordIdempotencyKeys();
    const { user, region, title, publish } = await renderNewPostForm();

    await user.type(title, 'Launch day');
    await user.click(publish);
    expect(await within(region).findByRole('alert')).toBeInTheDocument();

    server.resetHandlers();
    await user.click(publish);
    expect(await within(region).findByRole('status')).toHaveTextContent('Published “Launch day”.');
    expect(new Set(keys).size).toBe(1);

    await user.type(title, 'Launch day');
    await user.click(publish);
    await waitFor(() => expect(within(screen.getByRole('list', { name: 'Posts' })).getAllByRole('article')).toHaveLength(2));
    expect(keys.at(-1)).not.toBe(keys[0]);
    expect(new Set(keys).size).toBe(2);
  });

  it('sends a new key once the draft has changed after a failure', async () => {
    server.use(postsHandlers.create.forbidden);
    const keys = recordIdempotencyKeys();
    const { user, region, title, publish } = await renderNewPostForm();

    await user.type(title, 'Launch day');
    await user.click(publish);
    expect(await within(region).findByRole('alert')).toBeInTheDocument();
    await user.type(title, '!');
    await user.click(publish);
    // Each 403 is tried once more with a newly minted token (api-client.ts), with the same key.
    await waitFor(() => expect(keys).toHaveLength(4));
    expect(keys[1]).toBe(keys[0]);
    expect(keys[3]).toBe(keys[2]);
    expect(keys[2]).not.toBe(keys[0]);
  });
});
