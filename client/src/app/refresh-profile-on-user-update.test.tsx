import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createSignedInClerk } from '@/testing/clerk/test-clerk.ts';
import { personaId, updatePersona } from '@/testing/clerk/personas.ts';
import { renderApp } from '@/testing/render.tsx';
import { recordApiRequests } from '@/testing/request-log.ts';

describe('profile freshness', () => {
  it("shows a name changed in Clerk's user profile at once, from a fresh API answer", async () => {
    const requests = recordApiRequests();
    const { clerk } = await renderApp({ route: '/dashboard', clerk: await createSignedInClerk('member') });
    const profile = await screen.findByRole('region', { name: 'Your profile, from the API' });
    expect(await within(profile).findByTestId('api-profile')).toHaveTextContent('Alan Turing');
    expect(requests.to('GET', '/api/me/profile')).toHaveLength(1);

    // What Clerk's <UserProfile> does on save: Clerk changes the user, and clerk-js publishes the new one.
    await updatePersona(personaId('member'), { firstName: 'Alonzo', lastName: 'Church' });
    await act(() => clerk.user!.reload());

    expect(await within(profile).findByText('Alonzo Church')).toBeInTheDocument();
    expect(requests.to('GET', '/api/me/profile')).toHaveLength(2);
    expect(requests.to('GET', '/api/me')).toHaveLength(2);
  });

  it('asks the API nothing more when Clerk publishes the same user again', async () => {
    const requests = recordApiRequests();
    const { clerk } = await renderApp({ route: '/dashboard', clerk: await createSignedInClerk('member') });
    expect(await screen.findByTestId('api-profile')).toHaveTextContent('Alan Turing');

    await act(() => clerk.user!.reload());

    expect(screen.getByTestId('api-profile')).toHaveTextContent('Alan Turing');
    expect(requests.to('GET', '/api/me/profile')).toHaveLength(1);
  });
});
