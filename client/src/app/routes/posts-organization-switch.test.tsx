import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, onTestFinished } from 'vitest';
import { localOrganization } from '#shared/local-clerk';
import { createSignedInClerk, type TestClerk } from '@/testing/clerk/test-clerk.ts';
import { seedPost } from '@/testing/mocks/data/posts-store.ts';
import { renderApp } from '@/testing/render.tsx';
import { recordApiRequests } from '@/testing/request-log.ts';
import { personaId } from '@/testing/clerk/personas.ts';

const ALAN = personaId('member');
const KATHERINE = personaId('orgAdmin');
const ACME = localOrganization('acme').id;

/**
 * Records whether the posts list ever shows `title` while the page says the
 * personal account is active (Clerk's `organization`, as the app reads it):
 * at every DOM change, so a single frame of stale posts counts.
 */
function watchForStalePosts(title: string) {
  const seen = { stale: false };
  const check = () => {
    const personal = document.querySelector('main')?.textContent?.includes('Your posts, wherever you wrote them.');
    const list = document.querySelector('[aria-label="Posts"]');
    if (personal && list?.textContent?.includes(title)) seen.stale = true;
  };
  const observer = new MutationObserver(check);
  observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
  onTestFinished(() => observer.disconnect());
  return seen;
}

/** What Clerk's <OrganizationSwitcher> does when a member picks an organization (null: the personal account). */
async function switchTo(clerk: TestClerk, from: string, organization: string | null) {
  expect(await screen.findByTestId('clerk-organization-switcher')).toHaveAttribute('data-state', from);
  await act(() => clerk.setActive({ organization }));
}

describe('posts and the active organization', () => {
  it("never shows the previous organization's posts after switching", async () => {
    seedPost({ authorId: ALAN, title: 'Alan’s notes' });
    seedPost({ authorId: KATHERINE, organizationId: ACME, title: 'Acme roadmap' });
    const requests = recordApiRequests();
    const { clerk } = await renderApp({ route: '/posts', clerk: await createSignedInClerk('member', { activeOrgSlug: 'acme' }) });
    const list = await screen.findByRole('list', { name: 'Posts' });
    expect(await within(list).findByText('Acme roadmap')).toBeInTheDocument();

    const seen = watchForStalePosts('Acme roadmap');
    await switchTo(clerk, 'Acme Inc', null);

    expect(await screen.findByRole('article', { name: 'Alan’s notes' })).toBeInTheDocument();
    expect(screen.queryByText('Acme roadmap')).not.toBeInTheDocument();
    expect(seen.stale).toBe(false);
    // The personal list was asked for with a personal token.
    expect(requests.to('GET', '/api/posts').map((request) => request.orgSlug)).toEqual(['acme', null]);
  });

  it('follows a switch into an organization', async () => {
    seedPost({ authorId: ALAN, title: 'Alan’s notes' });
    seedPost({ authorId: KATHERINE, organizationId: ACME, title: 'Acme roadmap' });
    const { clerk } = await renderApp({ route: '/posts', clerk: await createSignedInClerk('member') });
    expect(await screen.findByRole('article', { name: 'Alan’s notes' })).toBeInTheDocument();
    expect(screen.queryByText('Acme roadmap')).not.toBeInTheDocument();

    await switchTo(clerk, 'Personal account', ACME);

    expect(await screen.findByRole('article', { name: 'Acme roadmap' })).toBeInTheDocument();
    expect(screen.getByText('Your posts and those of Acme Inc.')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('region', { name: 'New post' })).toHaveTextContent('Visible to the members of Acme Inc.'));
  });
});
