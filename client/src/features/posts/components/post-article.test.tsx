import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { localOrganization } from '#shared/local-clerk';
import { createSignedInClerk } from '@/testing/clerk/test-clerk.ts';
import { personaId, type OrganizationSlug, type PersonaKey } from '@/testing/clerk/personas.ts';
import { seedPost, updateStoredPost } from '@/testing/mocks/data/posts-store.ts';
import { postsHandlers } from '@/testing/mocks/handlers/posts.ts';
import { server } from '@/testing/mocks/server.ts';
import { renderApp } from '@/testing/render.tsx';
import { recordApiRequests } from '@/testing/request-log.ts';

const ALAN = personaId('member');
const KATHERINE = personaId('orgAdmin');
const ACME = localOrganization('acme').id;

async function renderPost(title: string, userKey: PersonaKey = 'member', activeOrgSlug?: OrganizationSlug) {
  const requests = recordApiRequests();
  const utils = await renderApp({ route: '/posts', clerk: await createSignedInClerk(userKey, activeOrgSlug ? { activeOrgSlug } : {}) });
  const article = await screen.findByRole('article', { name: title });
  return { ...utils, requests, article };
}

describe('post actions follow post.permissions', () => {
  it('offers the author both edit and delete, and a member nothing on a colleague’s post', async () => {
    seedPost({ authorId: ALAN, organizationId: ACME, title: 'Mine' });
    seedPost({ authorId: KATHERINE, organizationId: ACME, title: 'Theirs' });
    const { article } = await renderPost('Mine', 'member', 'acme');

    expect(within(article).getByRole('button', { name: 'Edit “Mine”' })).toBeInTheDocument();
    expect(within(article).getByRole('button', { name: 'Delete “Mine”' })).toBeInTheDocument();
    const theirs = screen.getByRole('article', { name: 'Theirs' });
    expect(within(theirs).queryByRole('button')).not.toBeInTheDocument();
  });

  it('offers an org admin delete but not edit on a member’s post in their organization', async () => {
    seedPost({ authorId: ALAN, organizationId: ACME, title: 'Alan in Acme' });
    const { article } = await renderPost('Alan in Acme', 'orgAdmin', 'acme');
    expect(within(article).getByRole('button', { name: 'Delete “Alan in Acme”' })).toBeInTheDocument();
    expect(within(article).queryByRole('button', { name: /Edit/ })).not.toBeInTheDocument();
  });
});

const ITEM = /^\/api\/posts\/[^/]+$/;

/** Inside a bidi isolate: an RLO (U+202E) in it cannot reorder the text around it. */
const isolated = (element: HTMLElement) => element.closest('bdi, [dir="auto"]') !== null;

/** Breaks anywhere when it must: overflow-wrap: anywhere also lowers the min-content width flex and grid items size to. */
const breaksAnywhere = (element: HTMLElement) => element.closest('.\\[overflow-wrap\\:anywhere\\]') !== null;

describe('user text', () => {
  it('breaks a long unbroken title and body instead of widening the page, in the list, the page and the editor', async () => {
    const title = 'A'.repeat(200);
    const body = 'b'.repeat(2000);
    seedPost({ authorId: ALAN, title, body });
    const { user, article } = await renderPost(title);

    expect(breaksAnywhere(within(article).getByRole('heading', { name: title }))).toBe(true);
    expect(breaksAnywhere(within(article).getByText(body))).toBe(true);
    await user.click(within(article).getByRole('button', { name: `Edit “${title}”` }));
    expect(breaksAnywhere(within(article).getByText(title))).toBe(true);
  });

  it('isolates titles, bodies and organization names from the text around them', async () => {
    const title = 'Evil \u202Etitle';
    seedPost({ authorId: ALAN, organizationId: ACME, title, body: '\u202Ereversed body' });
    const { user, article } = await renderPost(title, 'member', 'acme');

    expect(isolated(within(article).getByText(title))).toBe(true);
    expect(isolated(within(article).getByText('\u202Ereversed body'))).toBe(true);
    expect(isolated(within(article).getByText('Acme Inc'))).toBe(true);
    await user.click(within(article).getByRole('button', { name: `Edit “${title}”` }));
    expect(isolated(within(article).getByText(title))).toBe(true);
  });
});

describe('editing a post', () => {
  it('edits inline and shows the saved post', async () => {
    seedPost({ authorId: ALAN, title: 'Draft', body: 'First words' });
    const { user, article, requests } = await renderPost('Draft');

    await user.click(within(article).getByRole('button', { name: 'Edit “Draft”' }));
    const form = within(article).getByRole('form', { name: 'Edit “Draft”' });
    expect(within(form).getByLabelText('Body')).toHaveValue('First words');
    await user.clear(within(form).getByLabelText('Title'));
    await user.type(within(form).getByLabelText('Title'), 'Final');
    await user.click(within(form).getByRole('button', { name: 'Save' }));

    const saved = await screen.findByRole('article', { name: 'Final' });
    expect(within(saved).getByRole('status')).toHaveTextContent('Saved');
    expect(saved).toHaveTextContent('(edited)');
    expect(saved).toHaveTextContent('First words');
    expect(requests.to('PATCH', ITEM)).toHaveLength(1);
    // Put in place from the answer: the lists are not fetched again.
    expect(requests.to('GET', '/api/posts')).toHaveLength(1);
  });

  it('no longer says Saved once the post has changed since (here, the author in another tab)', async () => {
    const stored = seedPost({ authorId: ALAN, title: 'Draft' });
    const { user, article } = await renderPost('Draft');

    await user.click(within(article).getByRole('button', { name: 'Edit “Draft”' }));
    await user.clear(within(article).getByLabelText('Title'));
    await user.type(within(article).getByLabelText('Title'), 'Final');
    await user.click(within(article).getByRole('button', { name: 'Save' }));
    expect(within(await screen.findByRole('article', { name: 'Final' })).getByRole('status')).toHaveTextContent('Saved');

    updateStoredPost(stored, { title: 'Changed elsewhere' });
    // Publishing refetches the lists, which bring the post as it is now.
    const newPost = screen.getByRole('region', { name: 'New post' });
    await user.type(within(newPost).getByLabelText('Title'), 'Another');
    await user.click(within(newPost).getByRole('button', { name: 'Publish' }));

    const changed = await screen.findByRole('article', { name: 'Changed elsewhere' });
    expect(within(changed).queryByRole('status')).not.toBeInTheDocument();
  });

  it('refuses an empty title before calling the API, and Cancel leaves the post as it was', async () => {
    seedPost({ authorId: ALAN, title: 'Draft' });
    const { user, article, requests } = await renderPost('Draft');

    await user.click(within(article).getByRole('button', { name: 'Edit “Draft”' }));
    const title = within(article).getByLabelText('Title');
    await user.clear(title);
    await user.click(within(article).getByRole('button', { name: 'Save' }));
    expect(title).toHaveAccessibleDescription(/Enter a title/);
    expect(requests.to('PATCH', ITEM)).toHaveLength(0);

    await user.click(within(article).getByRole('button', { name: 'Cancel' }));
    expect(within(article).getByRole('heading', { name: 'Draft' })).toBeInTheDocument();
  });

  it("shows the API's 400 field error under the field and keeps editing", async () => {
    server.use(postsHandlers.update.bodyRejected);
    seedPost({ authorId: ALAN, title: 'Draft' });
    const { user, article } = await renderPost('Draft');

    await user.click(within(article).getByRole('button', { name: 'Edit “Draft”' }));
    await user.type(within(article).getByLabelText('Body'), 'https://example.com');
    await user.click(within(article).getByRole('button', { name: 'Save' }));

    expect(await within(article).findByText('Links are not allowed')).toBeInTheDocument();
    expect(within(article).getByLabelText('Body')).toBeInvalid();
  });

  it('shows the API’s refusal in place when it will not save (403)', async () => {
    server.use(postsHandlers.update.forbidden);
    seedPost({ authorId: ALAN, title: 'Draft' });
    const { user, article } = await renderPost('Draft');

    await user.click(within(article).getByRole('button', { name: 'Edit “Draft”' }));
    await user.click(within(article).getByRole('button', { name: 'Save' }));

    const alert = await within(article).findByRole('alert');
    expect(alert).toHaveTextContent('Access denied');
    expect(within(article).getByRole('form')).toBeInTheDocument();
  });

  it('shows the pending state while saving', async () => {
    server.use(postsHandlers.update.pending);
    seedPost({ authorId: ALAN, title: 'Draft' });
    const { user, article } = await renderPost('Draft');

    await user.click(within(article).getByRole('button', { name: 'Edit “Draft”' }));
    await user.click(within(article).getByRole('button', { name: 'Save' }));

    expect(await within(article).findByRole('button', { name: 'Saving…' })).toBeDisabled();
    expect(within(article).getByRole('button', { name: 'Cancel' })).toBeDisabled();
  });
});

describe('deleting a post', () => {
  it('asks first; Cancel keeps the post and sends nothing', async () => {
    seedPost({ authorId: ALAN, title: 'Keep me' });
    const { user, article, requests } = await renderPost('Keep me');

    await user.click(within(article).getByRole('button', { name: 'Delete “Keep me”' }));
    const confirm = within(article).getByRole('group', { name: 'Confirm deletion' });
    expect(confirm).toHaveTextContent('Delete this post? This cannot be undone.');
    expect(within(confirm).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));

    expect(screen.getByRole('article', { name: 'Keep me' })).toBeInTheDocument();
    expect(requests.to('DELETE', ITEM)).toHaveLength(0);
  });

  it('deletes after confirmation and the post leaves the list', async () => {
    seedPost({ authorId: ALAN, title: 'Other' });
    seedPost({ authorId: ALAN, title: 'Delete me' });
    const { user, article, requests } = await renderPost('Delete me');

    await user.click(within(article).getByRole('button', { name: 'Delete “Delete me”' }));
    await user.click(within(article).getByRole('button', { name: 'Delete post' }));

    await waitFor(() => expect(screen.queryByRole('article', { name: 'Delete me' })).not.toBeInTheDocument());
    expect(screen.getByRole('article', { name: 'Other' })).toBeInTheDocument();
    expect(requests.to('DELETE', ITEM)).toHaveLength(1);
  });

  it('shows the pending state while deleting', async () => {
    server.use(postsHandlers.delete.pending);
    seedPost({ authorId: ALAN, title: 'Delete me' });
    const { user, article } = await renderPost('Delete me');

    await user.click(within(article).getByRole('button', { name: 'Delete “Delete me”' }));
    await user.click(within(article).getByRole('button', { name: 'Delete post' }));

    expect(await within(article).findByRole('button', { name: 'Deleting…' })).toBeDisabled();
  });

  it('shows the API’s refusal in place even though the button was offered (the API decides)', async () => {
    server.use(postsHandlers.delete.forbidden);
    seedPost({ authorId: ALAN, title: 'Protected' });
    const { user, article } = await renderPost('Protected');

    await user.click(within(article).getByRole('button', { name: 'Delete “Protected”' }));
    await user.click(within(article).getByRole('button', { name: 'Delete post' }));

    expect(await within(article).findByRole('alert')).toHaveTextContent('Access denied');
    expect(screen.getByRole('article', { name: 'Protected' })).toBeInTheDocument();
  });
});
