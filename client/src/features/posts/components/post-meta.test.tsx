import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { localOrganization } from '#shared/local-clerk';
import { createSignedInClerk } from '@/testing/clerk/test-clerk.ts';
import { addPersona, clerkUser, testOrganization, personaId } from '@/testing/clerk/personas.ts';
import { markAuthorDeleted, seedPost } from '@/testing/mocks/data/posts-store.ts';
import { renderApp } from '@/testing/render.tsx';

const KATHERINE = personaId('orgAdmin');
const ALAN = personaId('member');

/** The moderator's "All posts" view: the one where most authors are strangers. */
async function renderAllPosts() {
  await renderApp({ route: '/posts?scope=all', clerk: await createSignedInClerk('moderator') });
  return screen.findAllByRole('article', {}, { timeout: 5_000 });
}

const byline = (title: string) => within(screen.getByRole('article', { name: title })).getByText(/^By/);

describe('the byline of a post', () => {
  it('names the author with their picture, isolated as user text, not by their id', async () => {
    seedPost({ authorId: KATHERINE, organizationId: localOrganization('acme').id, title: 'Launch notes' });
    await renderAllPosts();
    const article = screen.getByRole('article', { name: 'Launch notes' });
    const name = within(article).getByText('Katherine Johnson');
    expect(name.closest('bdi')).not.toBeNull();
    const imageUrl = clerkUser(KATHERINE)?.image_url;
    expect(imageUrl).toEqual(expect.any(String));
    expect(article.querySelector('img')).toHaveAttribute('src', imageUrl);
    expect(article).not.toHaveTextContent(KATHERINE);
  });

  // Clerk refuses bidirectional overrides in names (422 form_param_format_invalid), but not a right-to-left script.
  it('keeps a right-to-left name from reordering the byline', async () => {
    const person = await addPersona({ firstName: 'נועה', lastName: 'כהן', emailAddress: 'noa@example.test' });
    seedPost({ authorId: person.id, title: 'Bidi' });
    await renderAllPosts();
    expect(within(screen.getByRole('article', { name: 'Bidi' })).getByText('נועה כהן').tagName).toBe('BDI');
  });

  it('shows "Deleted user" without a picture for a deleted account, and "Unknown user" for one the API has no copy of', async () => {
    seedPost({ authorId: ALAN, title: 'From a deleted account' });
    markAuthorDeleted(ALAN);
    seedPost({ authorId: 'user_not_synced_yet', title: 'From a stranger' });
    await renderAllPosts();
    expect(byline('From a deleted account')).toHaveTextContent('By Deleted user');
    expect(screen.getByRole('article', { name: 'From a deleted account' }).querySelector('img')).toBeNull();
    expect(byline('From a stranger')).toHaveTextContent('By Unknown user');
    expect(screen.getByRole('article', { name: 'From a stranger' })).not.toHaveTextContent('user_not_synced_yet');
  });

  it('says "you" on the reader’s own posts', async () => {
    seedPost({ authorId: personaId('moderator'), title: 'My own' });
    await renderAllPosts();
    expect(byline('My own')).toHaveTextContent('By you');
  });
});

describe('the organization of a post', () => {
  it('is named from the API for an organization the moderator does not belong to, and "Another organization" only when the API has no name', async () => {
    const globex = testOrganization('globex');
    seedPost({ authorId: KATHERINE, organizationId: globex.id, title: 'Globex plans' });
    seedPost({ authorId: KATHERINE, organizationId: 'org_not_synced_yet', title: 'Elsewhere' });
    await renderAllPosts();
    expect(screen.getByRole('article', { name: 'Globex plans' })).toHaveTextContent(globex.name);
    expect(screen.getByRole('article', { name: 'Globex plans' })).not.toHaveTextContent('Another organization');
    expect(screen.getByRole('article', { name: 'Elsewhere' })).toHaveTextContent('Another organization');
  });
});
