import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createSignedInClerk } from '@/testing/clerk/test-clerk.ts';
import { addPersona, updatePersona, personaId } from '@/testing/clerk/personas.ts';
import { adminHandlers } from '@/testing/mocks/handlers/admin.ts';
import { server } from '@/testing/mocks/server.ts';
import { renderApp } from '@/testing/render.tsx';
import { recordApiRequests } from '@/testing/request-log.ts';

async function renderAdmin(userKey: 'admin' | 'moderator' = 'admin', route = '/admin') {
  const requests = recordApiRequests();
  return { ...(await renderApp({ route, clerk: await createSignedInClerk(userKey) })), requests };
}

/** Beside the 5 seeded users: 8 make two pages of 10 (13 users). */
async function addExtraUsers(count = 8) {
  for (let index = 1; index <= count; index += 1) {
    await addPersona({ firstName: `Extra${index}`, lastName: 'User', emailAddress: `extra${index}@example.com` });
  }
}

const currentUrl = () => window.location.pathname + window.location.search;

/**
 * The search reaches the list through a navigation (the URL), a step more than a state update. A bound, not a wait:
 * in CI, beside the end-to-end suite, Back took over 3 s to show its list (twice in one night).
 */
const URL_STEP = { timeout: 10_000 };
/** The tests below page, search, reload and go Back: several API round trips and navigations each. */
const JOURNEY = { timeout: 45_000 };

/** The row of the user called `name` in the result list. */
async function userRow(name: string): Promise<HTMLElement> {
  const list = await screen.findByRole('list', { name: 'Users' });
  const row = within(list).getByText(name).closest('li');
  if (!row) throw new Error(`No row for ${name}`);
  return row;
}

describe('admin page', () => {
  it('shows a 403 page to anyone but an app admin, without asking the API, and no Admin link', async () => {
    const { requests } = await renderAdmin('moderator');
    expect(await screen.findByRole('heading', { level: 1, name: 'Admins only' })).toBeInTheDocument();
    expect(requests.to('GET', '/api/admin/users')).toHaveLength(0);
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Posts' })).toHaveAttribute('href', '/posts');
    expect(within(nav).queryByRole('link', { name: 'Admin' })).not.toBeInTheDocument();
  });

  it('lists users for an admin, with an Admin link in the header', async () => {
    await renderAdmin();
    expect(await screen.findByRole('heading', { level: 1, name: 'Admin' })).toBeInTheDocument();
    const list = await screen.findByRole('list', { name: 'Users' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(5);
    expect(await userRow('Ada Lovelace')).toHaveTextContent('You');
    expect(screen.getByText('Showing 1–5 of 5')).toBeInTheDocument();
    expect(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Admin' })).toHaveAttribute('href', '/admin');
  });

  it('searches once the typing stops, not on every key', async () => {
    const { user, requests } = await renderAdmin();
    await screen.findByRole('list', { name: 'Users' });

    await user.type(screen.getByLabelText('Search users'), 'grace');

    await waitFor(() => expect(within(screen.getByRole('list', { name: 'Users' })).getAllByRole('listitem')).toHaveLength(1), URL_STEP);
    expect(screen.getByText('Grace Hopper')).toBeInTheDocument();
    expect(requests.to('GET', '/api/admin/users').map((request) => request.search.get('query'))).toEqual(['', 'grace']);
  });

  it('says when nothing matches', async () => {
    const { user } = await renderAdmin();
    await screen.findByRole('list', { name: 'Users' });
    await user.type(screen.getByLabelText('Search users'), 'nobody-here');
    expect(await screen.findByText('No users match “nobody-here”.', {}, URL_STEP)).toBeInTheDocument();
  });

  it('refuses a search the API would refuse, without sending it', async () => {
    const { user, requests } = await renderAdmin();
    await screen.findByRole('list', { name: 'Users' });
    const search = screen.getByLabelText('Search users');

    await user.click(search);
    await user.paste('x'.repeat(101));

    await waitFor(() => expect(search).toHaveAccessibleDescription(/Use at most 100 characters/), URL_STEP);
    expect(requests.to('GET', '/api/admin/users')).toHaveLength(1);
  });

  it('pages through the results', async () => {
    await addExtraUsers();
    const { user } = await renderAdmin();
    expect(await screen.findByText('Showing 1–10 of 13')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('Showing 11–13 of 13')).toBeInTheDocument();
    expect(screen.getByText('Ada Lovelace')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'Previous' }));
    expect(await screen.findByText('Showing 1–10 of 13')).toBeInTheDocument();
  });

  it('keeps the search and the page in the URL, so a reload shows the same users', JOURNEY, async () => {
    await addExtraUsers(15);
    const { user, unmount } = await renderAdmin();
    await screen.findByText('Showing 1–10 of 20');

    await user.type(screen.getByLabelText('Search users'), 'extra');
    await waitFor(() => expect(currentUrl()).toBe('/admin?q=extra'), URL_STEP);
    await screen.findByText('Showing 1–10 of 15', {}, URL_STEP);
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(currentUrl()).toBe('/admin?q=extra&page=2'));
    expect(await screen.findByText('Showing 11–15 of 15', {}, URL_STEP)).toBeInTheDocument();

    // A reload: the same URL, a new app.
    unmount();
    const { requests } = await renderAdmin('admin', currentUrl());
    expect(await screen.findByText('Showing 11–15 of 15', {}, URL_STEP)).toBeInTheDocument();
    expect(screen.getByLabelText('Search users')).toHaveValue('extra');
    expect(requests.to('GET', '/api/admin/users').map((request) => request.search.toString())).toEqual(['query=extra&limit=10&offset=10']);
  });

  it('writes the typed search over one history entry, and Back returns to the previous page and search', JOURNEY, async () => {
    await addExtraUsers(15);
    const { user } = await renderAdmin();
    await screen.findByText('Showing 1–10 of 20');
    const search = screen.getByLabelText('Search users');
    const entries = window.history.length;

    await user.type(search, 'extra');
    await screen.findByText('Showing 1–10 of 15', {}, URL_STEP);
    expect(currentUrl()).toBe('/admin?q=extra');
    expect(window.history.length).toBe(entries);
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByText('Showing 11–15 of 15', {}, URL_STEP);
    expect(currentUrl()).toBe('/admin?q=extra&page=2');
    expect(window.history.length).toBe(entries + 1);

    await user.clear(search);
    await user.type(search, 'grace');
    expect(await screen.findByText('Showing 1–1 of 1', {}, URL_STEP)).toBeInTheDocument();
    expect(currentUrl()).toBe('/admin?q=grace');
    // Focus stays in the field while the URL follows it.
    expect(search).toHaveFocus();

    // Back: the search's entry was replaced as it was typed, so the one before it, page 1 of "extra".
    window.history.back();
    expect(await screen.findByText('Showing 1–10 of 15', {}, URL_STEP)).toBeInTheDocument();
    expect(currentUrl()).toBe('/admin?q=extra');
    expect(search).toHaveValue('extra');
  });

  it('shows a skeleton while the API has not answered', async () => {
    server.use(adminHandlers.search.pending);
    await renderAdmin();
    expect(await screen.findByRole('status', { name: 'Loading users' })).toBeInTheDocument();
  });

  it('shows an error with a retry, and recovers', async () => {
    server.use(adminHandlers.search.serverError);
    const { user } = await renderAdmin();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Something went wrong on our side.');
    server.resetHandlers();
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('list', { name: 'Users' })).toBeInTheDocument();
  });

  it('shows the 403 page when the API refuses, whatever the token said', async () => {
    server.use(adminHandlers.search.forbidden);
    await renderAdmin();
    expect(await screen.findByRole('heading', { level: 1, name: 'Admins only' })).toBeInTheDocument();
    expect(screen.getByText(/This needs a role you do not have/)).toBeInTheDocument();
  });
});

describe('changing app roles', () => {
  it("sets a user's role and shows it in their row", async () => {
    const { user, requests } = await renderAdmin();
    const alan = await userRow('Alan Turing');

    await user.click(within(alan).getByRole('button', { name: 'Make moderator' }));

    await waitFor(() => expect(within(alan).getByText('moderator')).toBeInTheDocument());
    expect(within(alan).getByRole('button', { name: 'Remove role' })).toBeInTheDocument();
    expect(requests.to('PUT', `/api/admin/users/${personaId('member')}/role`)).toHaveLength(1);
  });

  it("says when the change reaches the user's own session: the API at once, their token within 60 s", async () => {
    const { user } = await renderAdmin();
    const alan = await userRow('Alan Turing');
    await user.click(within(alan).getByRole('button', { name: 'Make moderator' }));
    const status = await within(alan).findByRole('status');
    expect(status).toHaveTextContent(
      'Alan Turing is now moderator. The API applies this at once; their open session picks it up with its next session token, within 60 seconds.',
    );
  });

  it('asks for a fresh token once, then shows the 403, when the API refuses a role change', async () => {
    server.use(adminHandlers.setRole.forbidden);
    const { user, requests } = await renderAdmin();
    const alan = await userRow('Alan Turing');
    await user.click(within(alan).getByRole('button', { name: 'Make moderator' }));
    expect(await within(alan).findByRole('alert')).toBeInTheDocument();
    expect(requests.to('PUT', `/api/admin/users/${personaId('member')}/role`)).toHaveLength(2);
  });

  it("removes a user's role", async () => {
    const { user } = await renderAdmin();
    const grace = await userRow('Grace Hopper');
    expect(within(grace).getByText('moderator')).toBeInTheDocument();

    await user.click(within(grace).getByRole('button', { name: 'Remove role' }));

    await waitFor(() => expect(within(grace).queryByText('moderator')).not.toBeInTheDocument());
    expect(within(grace).queryByRole('button', { name: 'Remove role' })).not.toBeInTheDocument();
  });

  it('shows the pending state while the API works', async () => {
    server.use(adminHandlers.setRole.pending);
    const { user } = await renderAdmin();
    const alan = await userRow('Alan Turing');

    await user.click(within(alan).getByRole('button', { name: 'Make admin' }));
    await user.click(within(alan).getByRole('button', { name: 'Yes, make admin' }));

    expect(await within(alan).findByRole('button', { name: 'Saving…' })).toBeDisabled();
    expect(within(alan).getByRole('button', { name: 'Make moderator' })).toBeDisabled();
  });

  it('offers no role actions on your own row, and says why', async () => {
    await renderAdmin();
    const ada = await userRow('Ada Lovelace');

    expect(within(ada).queryByRole('button')).not.toBeInTheDocument();
    expect(within(ada).getByText('You cannot change your own role: another admin can.')).toBeInTheDocument();
    expect(within(ada).getByText('admin')).toBeInTheDocument();
  });

  it('asks before making someone an admin, and Cancel changes nothing', async () => {
    const { user, requests } = await renderAdmin();
    const alan = await userRow('Alan Turing');

    await user.click(within(alan).getByRole('button', { name: 'Make admin' }));
    const confirm = within(alan).getByRole('group', { name: 'Confirm making Alan Turing an admin' });
    expect(confirm).toHaveTextContent('Make Alan Turing an admin? Admins can change the role of every user.');
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(requests.to('PUT', `/api/admin/users/${personaId('member')}/role`)).toHaveLength(0);

    await user.click(within(alan).getByRole('button', { name: 'Make admin' }));
    await user.click(within(alan).getByRole('button', { name: 'Yes, make admin' }));
    await waitFor(() => expect(within(alan).getByText('admin')).toBeInTheDocument());
    expect(requests.to('PUT', `/api/admin/users/${personaId('member')}/role`)).toHaveLength(1);
  });

  it('closes the "Make admin?" question when the role is removed instead', async () => {
    const { user, requests } = await renderAdmin();
    const grace = await userRow('Grace Hopper');

    await user.click(within(grace).getByRole('button', { name: 'Make admin' }));
    expect(within(grace).getByRole('group', { name: 'Confirm making Grace Hopper an admin' })).toBeInTheDocument();
    await user.click(within(grace).getByRole('button', { name: 'Remove role' }));

    await waitFor(() => expect(within(grace).queryByText('moderator')).not.toBeInTheDocument());
    expect(within(grace).queryByRole('group', { name: /^Confirm making/ })).not.toBeInTheDocument();
    expect(within(grace).queryByRole('button', { name: 'Yes, make admin' })).not.toBeInTheDocument();
    expect(requests.to('DELETE', `/api/admin/users/${personaId('moderator')}/role`)).toHaveLength(1);
    expect(requests.to('PUT', `/api/admin/users/${personaId('moderator')}/role`)).toHaveLength(0);
  });

  it.each([
    ['removing their role', 'Remove role', adminHandlers.removeRole.lastAdmin],
    ['making them a moderator', 'Make moderator', adminHandlers.setRole.lastAdmin],
  ])('tells the loser of a race to demote another admin (%s) that their own admin role was removed meanwhile', async (_name, action, refusal) => {
    const hedy = await addPersona({ firstName: 'Hedy', lastName: 'Lamarr', emailAddress: 'hedy@example.com' });
    await updatePersona(hedy.id, { publicMetadata: { role: 'admin' } });
    server.use(refusal);
    const { user } = await renderAdmin();
    const row = await userRow('Hedy Lamarr');

    await user.click(within(row).getByRole('button', { name: action }));

    const alert = await within(row).findByRole('alert');
    expect(alert).toHaveTextContent('Your own admin role was removed meanwhile');
    expect(alert).toHaveTextContent('this would leave the app without an admin. Nothing was changed.');
    expect(alert).not.toHaveTextContent('Something went wrong');
    expect(within(row).getByText('admin')).toBeInTheDocument();
  });

  it('shows any other refusal in the row', async () => {
    server.use(adminHandlers.setRole.serverError);
    const { user } = await renderAdmin();
    const alan = await userRow('Alan Turing');

    await user.click(within(alan).getByRole('button', { name: 'Make moderator' }));

    expect(await within(alan).findByRole('alert')).toHaveTextContent('Something went wrong on our side.');
  });
});
