import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createSignedInClerk } from '@/testing/clerk/test-clerk.ts';
import { seedPost } from '@/testing/mocks/data/posts-store.ts';
import { renderApp } from '@/testing/render.tsx';
import { personaId } from '@/testing/clerk/personas.ts';

const ALAN = personaId('member');

function mainNav() {
  return screen.getByRole('navigation', { name: 'Main' });
}

describe('skip link', () => {
  it('is the first Tab stop, and moves focus to the main content without changing the URL', async () => {
    const { user } = await renderApp({ route: '/' });
    await screen.findByRole('heading', { level: 1, name: 'Clerk SPA + API' });

    await user.tab();
    const skip = screen.getByRole('link', { name: 'Skip to content' });
    expect(skip).toHaveFocus();
    expect(skip).toHaveAttribute('href', '#main-content');

    await user.keyboard('{Enter}');
    expect(screen.getByRole('main')).toHaveFocus();
    expect(window.location.pathname + window.location.hash).toBe('/');
  });
});

describe('focus after a navigation', () => {
  it("moves to the new page's main heading", async () => {
    const { user } = await renderApp({ route: '/', clerk: await createSignedInClerk('member') });
    await screen.findByRole('heading', { name: /welcome back/i });

    await user.click(within(mainNav()).getByRole('link', { name: 'Dashboard' }));

    const heading = await screen.findByRole('heading', { level: 1, name: 'Dashboard' });
    await waitFor(() => expect(heading).toHaveFocus());
    // Focusable for the script only: not a stop on the Tab order.
    expect(heading).toHaveAttribute('tabindex', '-1');
  });

  it('waits for a heading that comes with its data', async () => {
    const post = seedPost({ authorId: ALAN, title: 'Minutes of Monday' });
    const { user } = await renderApp({ route: '/posts', clerk: await createSignedInClerk('member') });

    await user.click(await screen.findByRole('link', { name: post.title }));

    const heading = await screen.findByRole('heading', { level: 1, name: post.title });
    await waitFor(() => expect(heading).toHaveFocus());
  });

  it('stays where it is on the first load', async () => {
    await renderApp({ route: '/dashboard', clerk: await createSignedInClerk('member') });
    await screen.findByRole('heading', { level: 1, name: 'Dashboard' });
    await screen.findByTestId('api-me');
    expect(document.body).toHaveFocus();
  });
});

describe('a form that opens in place', () => {
  it("puts focus in the post editor's first field", async () => {
    const post = seedPost({ authorId: ALAN, title: 'Draft agenda' });
    const { user } = await renderApp({ route: '/posts', clerk: await createSignedInClerk('member') });
    const article = await screen.findByRole('article', { name: post.title });

    await user.click(within(article).getByRole('button', { name: `Edit “${post.title}”` }));

    const form = screen.getByRole('form', { name: `Edit “${post.title}”` });
    expect(within(form).getByLabelText('Title')).toHaveFocus();
  });

  it("puts focus in the name editor's first field", async () => {
    const { user } = await renderApp({ route: '/dashboard', clerk: await createSignedInClerk('member') });
    await screen.findByTestId('api-profile');

    await user.click(screen.getByRole('button', { name: 'Edit name' }));

    expect(within(screen.getByRole('form', { name: 'Edit name' })).getByLabelText('First name')).toHaveFocus();
  });
});
