import { useUser } from '@clerk/react';
import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createSignedInClerk } from '@/testing/local-identity/clerk-instances.ts';
import { fixtureSession, updateFixtureUser } from '@/testing/local-identity/fixture-store.ts';
import { renderWithLocalClerk } from '@/testing/local-identity/render-with-clerk.tsx';

function UserName() {
  const { isLoaded, user } = useUser();
  if (!isLoaded) return <p>loading</p>;
  return <p data-testid="name">{user?.fullName ?? 'signed out'}</p>;
}

describe('user.reload() on the local instance', () => {
  it('publishes the name the identity server has now, keeping the session and its token', async () => {
    const clerk = createSignedInClerk('member');
    renderWithLocalClerk(clerk, <UserName />);
    expect(await screen.findByTestId('name')).toHaveTextContent('Alan Turing');
    const { session } = clerk;
    const token = session!.lastActiveToken;

    updateFixtureUser('user_fixture_member', { firstName: 'Alonzo', lastName: 'Church' });
    let reloaded: Awaited<ReturnType<NonNullable<typeof clerk.user>['reload']>> = null;
    await act(async () => {
      reloaded = await clerk.user!.reload();
    });

    expect(screen.getByTestId('name')).toHaveTextContent('Alonzo Church');
    expect(reloaded).toBe(clerk.user);
    expect(clerk.session?.id).toBe(session!.id);
    expect(clerk.session?.lastActiveToken).toBe(token);
  });

  it('signs out when the identity server no longer knows the session', async () => {
    const clerk = createSignedInClerk('member');
    renderWithLocalClerk(clerk, <UserName />);
    expect(await screen.findByTestId('name')).toHaveTextContent('Alan Turing');

    fixtureSession(clerk.session!.id)!.status = 'ended';
    await act(async () => {
      expect(await clerk.user!.reload()).toBeNull();
    });

    expect(screen.getByTestId('name')).toHaveTextContent('signed out');
    expect(clerk.session).toBeNull();
  });
});
