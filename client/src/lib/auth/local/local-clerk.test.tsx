import { Show, SignIn, useAuth, useClerk, useOrganization, useOrganizationList, useUser } from '@clerk/react';
import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { env } from '@/config/env.ts';
import {
  createClerkOnStorage,
  createSignedInClerk,
  createSignedInStorage,
  createSignedOutClerk,
} from '@/testing/local-identity/clerk-instances.ts';
import { fixtureSession } from '@/testing/local-identity/fixture-store.ts';
import { renderWithLocalClerk } from '@/testing/local-identity/render-with-clerk.tsx';
import { resetLocalIdentityFixtures } from '@/testing/mocks/handlers/local-identity.ts';
import { server } from '@/testing/mocks/server.ts';
import { CLIENT_TOKEN_STORAGE_KEY } from './client-token-store.ts';
import { createMemoryStorage } from './memory-storage.ts';

function AuthSummary() {
  const { isLoaded, isSignedIn, orgRole, orgSlug, has } = useAuth();
  const { user } = useUser();
  if (!isLoaded) return <p>auth loading</p>;
  return (
    <dl>
      <dt>signed in</dt>
      <dd data-testid="signed-in">{String(isSignedIn)}</dd>
      <dt>name</dt>
      <dd data-testid="name">{user?.fullName ?? '-'}</dd>
      <dt>org</dt>
      <dd data-testid="org">{orgSlug ? `${orgSlug}:${orgRole}` : 'personal'}</dd>
      <dt>org admin</dt>
      <dd data-testid="org-admin">{String(has({ role: 'org:admin' }))}</dd>
    </dl>
  );
}

function Gates() {
  return (
    <>
      <Show when="signed-in">
        <p>members area</p>
      </Show>
      <Show when="signed-out">
        <p>please sign in</p>
      </Show>
    </>
  );
}

beforeEach(() => resetLocalIdentityFixtures());
afterEach(() => server.events.removeAllListeners());

describe('local Clerk instance with the real ClerkProvider', () => {
  it('signs in through the local SignIn form and switches Show from signed-out to signed-in', async () => {
    const clerk = createSignedOutClerk();
    const { user, navigations } = renderWithLocalClerk(
      clerk,
      <>
        <AuthSummary />
        <Gates />
        <SignIn fallbackRedirectUrl="/dashboard" />
      </>,
    );
    expect(await screen.findByText('please sign in')).toBeInTheDocument();
    expect(screen.getByTestId('signed-in')).toHaveTextContent('false');

    await user.type(await screen.findByLabelText('Email address'), 'admin@example.com');
    await user.type(screen.getByLabelText('Password'), 'local-dev-password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByText('members area')).toBeInTheDocument();
    expect(screen.queryByText('please sign in')).not.toBeInTheDocument();
    expect(screen.getByTestId('signed-in')).toHaveTextContent('true');
    expect(screen.getByTestId('name')).toHaveTextContent('Ada Lovelace');
    expect(navigations).toEqual(['/dashboard']);
  });

  it('reports the active organization role after setActive switches organization', async () => {
    function SwitchToAcme() {
      const { setActive, userMemberships } = useOrganizationList({ userMemberships: true });
      const { organization, membership } = useOrganization();
      const acme = userMemberships.data?.find((m) => m.organization.slug === 'acme');
      return (
        <>
          <p data-testid="active-org">{organization ? `${organization.name} as ${membership?.role}` : 'none'}</p>
          <button type="button" disabled={!acme} onClick={() => void setActive?.({ organization: acme!.organization.id })}>
            switch to acme
          </button>
        </>
      );
    }
    const clerk = createSignedInClerk('orgAdmin');
    const { user } = renderWithLocalClerk(clerk, <><AuthSummary /><SwitchToAcme /></>);
    await waitFor(() => expect(screen.getByTestId('name')).toHaveTextContent('Katherine Johnson'));
    expect(screen.getByTestId('org-admin')).toHaveTextContent('false');

    await user.click(await screen.findByRole('button', { name: 'switch to acme' }));

    await waitFor(() => expect(screen.getByTestId('org')).toHaveTextContent('acme:org:admin'));
    expect(screen.getByTestId('org-admin')).toHaveTextContent('true');
    expect(screen.getByTestId('active-org')).toHaveTextContent('Acme Inc as org:admin');
    const claims = clerk.session?.lastActiveToken.jwt.claims as { o?: { slg?: string } };
    expect(claims.o?.slg).toBe('acme');
  });

  it('signs out: the server ends the session, storage and token cache are cleared, getToken gives null', async () => {
    const storage = createSignedInStorage('member');
    const signedIn = createClerkOnStorage(storage);
    let getToken: (() => Promise<string | null>) | null = null;
    function SignOutButton() {
      const auth = useAuth();
      const clerk = useClerk();
      getToken = auth.getToken;
      return <button type="button" onClick={() => void clerk.signOut()}>sign out</button>;
    }
    const { user, navigations } = renderWithLocalClerk(signedIn, <><Gates /><SignOutButton /></>);
    await screen.findByText('members area');
    const sessionId = signedIn.session!.id;
    expect(await getToken!()).toMatch(/^ey/);

    await user.click(screen.getByRole('button', { name: 'sign out' }));

    expect(await screen.findByText('please sign in')).toBeInTheDocument();
    expect(fixtureSession(sessionId)?.status).toBe('ended');
    expect(storage.getItem(CLIENT_TOKEN_STORAGE_KEY)).toBeNull();
    expect(await getToken!()).toBeNull();
    expect(signedIn.session).toBeNull();
    expect(navigations).toEqual(['/']);
  });

  it('stays signed in across a reload: a new instance on the same storage finds the session', async () => {
    const storage = createMemoryStorage();
    const first = createClerkOnStorage(storage);
    await first.load();
    const sessionId = await first.authenticate('signIn', { identifier: 'moderator@example.com', password: 'local-dev-password' });
    await first.setActive({ session: sessionId });
    first.destroy();
    expect(storage.getItem(CLIENT_TOKEN_STORAGE_KEY)).toBeTruthy();

    const reloaded = createClerkOnStorage(storage);
    renderWithLocalClerk(reloaded, <AuthSummary />);

    await waitFor(() => expect(screen.getByTestId('name')).toHaveTextContent('Grace Hopper'));
    expect(reloaded.session?.id).toBe(sessionId);
  });

  it('treats an unknown client token as signed out and forgets it', async () => {
    const clerk = createClerkOnStorage(createMemoryStorage({ [CLIENT_TOKEN_STORAGE_KEY]: 'x'.repeat(43) }));
    renderWithLocalClerk(clerk, <Gates />);
    expect(await screen.findByText('please sign in')).toBeInTheDocument();
    expect(clerk.status).toBe('ready');
  });

  it('renders signed-out with status degraded when the identity server cannot be reached', async () => {
    server.use(http.get(`${env.localIdentityUrl}/v1/client`, () => HttpResponse.error()));
    const clerk = createSignedInClerk('admin');
    let getToken: (() => Promise<string | null>) | null = null;
    function TokenProbe() {
      getToken = useAuth().getToken;
      return null;
    }
    renderWithLocalClerk(clerk, <><Gates /><TokenProbe /></>);

    expect(await screen.findByText('please sign in')).toBeInTheDocument();
    expect(clerk.status).toBe('degraded');
    expect(clerk.loadError?.code).toBe('network_error');
    // @clerk/react's getToken waits for 'ready' or 'degraded': it must answer, not hang.
    expect(await getToken!()).toBeNull();
  });

  it('follows another tab signing out through the storage event', async () => {
    const clerk = createClerkOnStorage(window.localStorage);
    await clerk.load();
    await clerk.setActive({
      session: await clerk.authenticate('signIn', { identifier: 'member@example.com', password: 'local-dev-password' }),
    });
    renderWithLocalClerk(clerk, <Gates />);
    await screen.findByText('members area');

    window.localStorage.removeItem(CLIENT_TOKEN_STORAGE_KEY);
    window.dispatchEvent(new StorageEvent('storage', { key: CLIENT_TOKEN_STORAGE_KEY, storageArea: window.localStorage }));

    expect(await screen.findByText('please sign in')).toBeInTheDocument();
  });

  it('tells a status subscriber that arrives after loading finished that it is ready', async () => {
    // ClerkProvider reads the status while rendering and subscribes later in an effect,
    // without `notify`; a local load can finish in between.
    const clerk = createSignedOutClerk();
    await clerk.load();
    const heard: string[] = [];
    clerk.on('status', (status) => heard.push(status));
    expect(heard).toEqual(['ready']);
    clerk.destroy();
  });
});
