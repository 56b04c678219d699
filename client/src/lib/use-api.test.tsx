import { useUser } from '@clerk/react';
import { act, render, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
// RouterProvider from 'react-router' itself: in vitest, 'react-router/dom' can load a second copy of the router.
import { RouterProvider, createBrowserRouter } from 'react-router';
import { describe, expect, it, onTestFinished } from 'vitest';
import { z } from 'zod';
import { localOrganization } from '#shared/local-clerk';
import { asClerkProp, createSignedInClerk, type TestClerk } from '@/testing/clerk/test-clerk.ts';
import { personaId, updatePersona } from '@/testing/clerk/personas.ts';
import { apiUrl } from '@/testing/mocks/handlers/api-auth.ts';
import { server } from '@/testing/mocks/server.ts';
import { useApi, type Api } from './api-client.ts';
import { AuthProvider } from './auth/auth-provider.tsx';

interface Seen {
  api: Api;
  role: unknown;
}

/** useApi() under the app's AuthProvider with real clerk-js; returns what the last render saw. */
async function renderUseApi(clerk: TestClerk): Promise<() => Seen> {
  let seen: Seen | null = null;
  function Probe() {
    const { user } = useUser();
    seen = { api: useApi(), role: user?.publicMetadata.role };
    return null;
  }
  window.history.replaceState(null, '', '/');
  const router = createBrowserRouter([
    {
      path: '/',
      element: (
        <AuthProvider clerk={asClerkProp(clerk)}>
          <Probe />
        </AuthProvider>
      ),
    },
  ]);
  onTestFinished(() => router.dispose());
  await act(async () => {
    render(<RouterProvider router={router} />);
  });
  return () => {
    if (!seen) throw new Error('useApi() has not rendered');
    return seen;
  };
}

describe('useApi', () => {
  it('names the caller and their active organization, for the query keys', async () => {
    const seen = await renderUseApi(await createSignedInClerk('member', { activeOrgSlug: 'acme' }));
    await waitFor(() => expect(seen().api.userId).toBe(personaId('member')));
    expect(seen().api.orgId).toBe(localOrganization('acme').id);
  });

  it('reloads Clerk’s user when any call answers 403, so a role changed since sign-in shows at once', async () => {
    server.use(http.get(apiUrl('/api/posts'), () => HttpResponse.json({ error: { code: 'forbidden', message: 'No.' } }, { status: 403 })));
    const seen = await renderUseApi(await createSignedInClerk('member'));
    await waitFor(() => expect(seen().api.userId).toBe(personaId('member')));

    await updatePersona(personaId('member'), { publicMetadata: { role: 'moderator' } });
    await act(() =>
      seen()
        .api.request('/api/posts', { schema: z.unknown() })
        .catch(() => undefined),
    );

    await waitFor(() => expect(seen().role).toBe('moderator'));
  });
});
