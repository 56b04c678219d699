import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSignedInClerk } from '@/testing/local-identity/clerk-instances.ts';
import { resetLocalIdentityFixtures } from '@/testing/mocks/handlers/local-identity.ts';
import { server } from '@/testing/mocks/server.ts';
import { decodeJwtClaims } from './jwt.ts';
import type { LocalClerk } from './local-clerk.ts';

let tokenRequests = 0;
let clerk: LocalClerk | null = null;

beforeEach(() => {
  resetLocalIdentityFixtures();
  tokenRequests = 0;
  server.events.on('request:start', ({ request }) => {
    if (request.url.endsWith('/tokens')) tokenRequests += 1;
  });
});

afterEach(() => {
  clerk?.destroy();
  clerk = null;
  server.events.removeAllListeners();
  vi.useRealTimers();
});

async function loadedClerk(...args: Parameters<typeof createSignedInClerk>) {
  clerk = createSignedInClerk(...args);
  await clerk.load();
  return clerk;
}

describe('session.getToken() of the local instance', () => {
  it('answers two calls with one request to the identity server', async () => {
    const { session } = await loadedClerk('admin');
    tokenRequests = 0;
    const [a, b] = await Promise.all([session!.getToken({ skipCache: true }), session!.getToken({ skipCache: true })]);
    const c = await session!.getToken();
    expect(tokenRequests).toBe(1);
    expect(b).toBe(a);
    expect(c).toBe(a);
  });

  it('carries the session token v2 claims of the user and active organization', async () => {
    const { session } = await loadedClerk('orgAdmin', { activeOrgSlug: 'acme' });
    const claims = decodeJwtClaims((await session!.getToken())!);
    expect(claims).toMatchObject({ sub: 'user_fixture_orgadmin', sid: session!.id, v: 2 });
    expect(claims).toMatchObject({ o: { slg: 'acme', rol: 'admin', per: 'manage', fpm: '1' }, fea: 'o:posts' });
  });

  it('refreshes the token before it expires and hands out the new one', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { session } = await loadedClerk('member');
    const first = await session!.getToken();
    expect(tokenRequests).toBe(1);

    await vi.advanceTimersByTimeAsync(46_000);
    await vi.waitFor(() => expect(tokenRequests).toBe(2));
    const second = await session!.getToken();

    expect(second).not.toBe(first);
    expect(decodeJwtClaims(second!).exp).toBeGreaterThan(decodeJwtClaims(first!).exp);
    expect(session!.lastActiveToken.getRawString()).toBe(second);
    expect(tokenRequests).toBe(2);
  });

  it('stops refreshing after sign-out and answers null', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const signedIn = await loadedClerk('moderator');
    const session = signedIn.session!;
    await signedIn.signOut();
    const before = tokenRequests;
    await vi.advanceTimersByTimeAsync(120_000);
    expect(tokenRequests).toBe(before);
    expect(await session.getToken()).toBeNull();
  });

  it('refuses JWT templates, which local mode does not have', async () => {
    const { session } = await loadedClerk('admin');
    await expect(session!.getToken({ template: 'supabase' })).rejects.toThrow(/templates/);
  });
});
