import { screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { localOrganization } from '#shared/local-clerk';
import { createSignedInClerk, createSignedOutClerk } from '@/testing/clerk/test-clerk.ts';
import { apiUrl } from '@/testing/mocks/handlers/api-auth.ts';
import { helloHandlers } from '@/testing/mocks/handlers/hello.ts';
import { meHandlers } from '@/testing/mocks/handlers/me.ts';
import { profileHandlers } from '@/testing/mocks/handlers/profile.ts';
import { server } from '@/testing/mocks/server.ts';
import { renderApp } from '@/testing/render.tsx';
import { clerkUser, personaId } from '@/testing/clerk/personas.ts';

const ADA_ID = personaId('admin');

/** Counts the requests to `path` that reach the mocks, without answering them. */
function countRequests(path: string) {
  const counter = { count: 0 };
  server.events.on('request:start', ({ request }) => {
    if (request.url === apiUrl(path)) counter.count += 1;
  });
  return counter;
}

describe('dashboard', () => {
  it("shows the user's Clerk data and the API's three answers", async () => {
    await renderApp({ route: '/dashboard', clerk: await createSignedInClerk('admin') });

    expect(await screen.findByRole('heading', { level: 1, name: 'Dashboard' })).toBeInTheDocument();
    const account = screen.getByRole('region', { name: 'Your account' });
    expect(await within(account).findByText('Ada Lovelace')).toBeInTheDocument();
    expect(within(account).getByText('admin@example.com')).toBeInTheDocument();
    // When Clerk's user was created (the emulator seeds its users when it starts), as the page formats dates.
    const joined = new Date(clerkUser(ADA_ID)!.created_at);
    const joinedText = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(joined);
    expect(within(account).getByText(joinedText)).toHaveAttribute('datetime', joined.toISOString());
    expect(screen.getByTestId('auth-user-id')).toHaveTextContent(ADA_ID);

    const me = await screen.findByTestId('api-me');
    expect(me).toHaveTextContent(ADA_ID);
    expect(me).toHaveTextContent('admin');
    const profile = await screen.findByTestId('api-profile');
    expect(profile).toHaveTextContent('Ada Lovelace');
    expect(profile).toHaveTextContent('admin@example.com');
    expect(await screen.findByTestId('api-hello')).toHaveTextContent(`Hello, ${ADA_ID}!`);
  });

  it('shows the active organization the API read from the token', async () => {
    await renderApp({ route: '/dashboard', clerk: await createSignedInClerk('orgAdmin', { activeOrgSlug: 'acme' }) });

    const me = await screen.findByTestId('api-me');
    expect(me).toHaveTextContent('acme');
    expect(me).toHaveTextContent('org:admin');
    expect(me).toHaveTextContent('org:posts:manage');
    expect(screen.getByTestId('auth-org-id')).toHaveTextContent(localOrganization('acme').id);
  });

  it('shows skeletons while the API has not answered', async () => {
    server.use(helloHandlers.pending, meHandlers.pending, profileHandlers.pending);
    await renderApp({ route: '/dashboard', clerk: await createSignedInClerk('member') });

    expect(await screen.findByRole('status', { name: 'Loading your session claims' })).toBeInTheDocument();
    expect(screen.getByRole('status', { name: 'Loading your profile' })).toBeInTheDocument();
    expect(screen.getByRole('status', { name: 'Loading the greeting' })).toBeInTheDocument();
    expect(screen.queryByTestId('api-me')).not.toBeInTheDocument();
  });

  it('asks the API for all three answers at once, not one after another', async () => {
    const started: string[] = [];
    server.use(helloHandlers.pending, meHandlers.pending, profileHandlers.pending);
    server.events.on('request:start', ({ request }) => {
      if (request.url.startsWith(apiUrl('/api/'))) started.push(new URL(request.url).pathname);
    });
    await renderApp({ route: '/dashboard', clerk: await createSignedInClerk('member') });

    // None of them ever answers, so all three starting proves nothing waits on another.
    await waitFor(() => expect(started.sort()).toEqual(['/api/hello', '/api/me', '/api/me/profile']));
  });

  it('shows an error with a retry when the profile fails, and recovers on retry', async () => {
    const requests = countRequests('/api/me/profile');
    server.use(profileHandlers.serverError);
    const { user } = await renderApp({ route: '/dashboard', clerk: await createSignedInClerk('admin') });

    const region = await screen.findByRole('region', { name: 'Your profile, from the API' });
    const alert = await within(region).findByRole('alert');
    expect(alert).toHaveTextContent('Something went wrong');
    expect(alert).toHaveTextContent('Something went wrong on our side.');
    // A 5xx is retried twice before the error is shown.
    expect(requests.count).toBe(3);
    // The other answers are unaffected.
    expect(await screen.findByTestId('api-me')).toHaveTextContent(ADA_ID);

    server.resetHandlers();
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await within(region).findByTestId('api-profile')).toHaveTextContent('admin@example.com');
    expect(within(region).queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says plainly when the API refuses the session (401), without retrying', async () => {
    const requests = countRequests('/api/me');
    server.use(meHandlers.unauthorized);
    await renderApp({ route: '/dashboard', clerk: await createSignedInClerk('admin') });

    const region = await screen.findByRole('region', { name: 'Your session, as the API sees it' });
    const alert = await within(region).findByRole('alert');
    expect(alert).toHaveTextContent('You are not signed in');
    expect(alert).toHaveTextContent('401');
    expect(within(alert).getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/sign-in');
    expect(requests.count).toBe(1);
  });

  it('says plainly when the API forbids access (403)', async () => {
    server.use(profileHandlers.forbidden);
    await renderApp({ route: '/dashboard', clerk: await createSignedInClerk('member') });

    const region = await screen.findByRole('region', { name: 'Your profile, from the API' });
    const alert = await within(region).findByRole('alert');
    expect(alert).toHaveTextContent('Access denied');
    expect(alert).toHaveTextContent('403');
  });

  it('explains a network failure', async () => {
    server.use(http.get(apiUrl('/api/hello'), () => Response.error()));
    await renderApp({ route: '/dashboard', clerk: await createSignedInClerk('member') });

    const region = await screen.findByRole('region', { name: 'Hello from the API' });
    expect(await within(region).findByRole('alert')).toHaveTextContent('Cannot reach the API');
  });

  it("sends a signed-out visitor to Clerk's sign-in, with the way back in redirect_url", async () => {
    const clerk = await createSignedOutClerk();
    await renderApp({ route: '/dashboard?tab=1', clerk });

    expect(await screen.findByTestId('clerk-sign-in')).toBeInTheDocument();
    expect(window.location.pathname).toBe('/sign-in');
    const redirectUrl = new URL(window.location.href).searchParams.get('redirect_url');
    expect(redirectUrl).toBe(`${window.location.origin}/dashboard?tab=1`);
    expect(screen.queryByRole('heading', { name: 'Dashboard' })).not.toBeInTheDocument();
    // Clerk's <SignIn> follows redirect_url after signing in; path routing under /sign-in.
    expect(clerk.test.mountedProps('SignIn')).toMatchObject({ routing: 'path', path: '/sign-in', signUpUrl: '/sign-up' });
  });
});
