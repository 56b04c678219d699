import { beforeEach, describe, expect, it } from 'vitest';
import type { ClerkClient } from '@clerk/express';
import { localAccount } from '#shared/local-clerk';
import { jwtPayload } from '../../testing/fapi-browser.ts';
import { TEST_SPA_ORIGIN, backendClientFor, useSeededEmulator } from '../../testing/test-emulator.ts';
import { clerkError } from '../../testing/clerk-api-error.ts';

/** Sign-in tokens through Clerk's own SDK; every answer is checked against Clerk's spec (test-emulator.ts). */
const server = useSeededEmulator();
let clerk: ClerkClient;

beforeEach(() => {
  clerk = backendClientFor(server);
});

const memberId = localAccount('member').id;

describe('sign-in tokens', () => {
  it('createSignInToken answers a pending token for the user, a ticket expiring in 30 days by default, and its sign-in link', async () => {
    const before = Date.now();
    // @clerk/backend's type asks for expiresInSeconds, which Clerk's API leaves optional (30 days).
    const withoutLifetime = { userId: memberId } as Parameters<typeof clerk.signInTokens.createSignInToken>[0];
    const token = await clerk.signInTokens.createSignInToken(withoutLifetime);
    expect(token).toMatchObject({ userId: memberId, status: 'pending' });
    expect(token.id).toMatch(/^sit_/);
    const claims = jwtPayload(token.token);
    expect(claims).toMatchObject({ sid: token.id, st: 'sign_in_token' });
    expect(claims.exp * 1000).toBeGreaterThanOrEqual(before + 30 * 24 * 60 * 60 * 1000 - 1000);
    const url = new URL(token.url);
    expect(`${url.origin}${url.pathname}`).toBe(`${TEST_SPA_ORIGIN}/sign-in`);
    expect(url.searchParams.get('__clerk_ticket')).toBe(token.token);
    expect(server.store.signInTokenById(token.id)).toMatchObject({ userId: memberId, status: 'pending' });
  });

  it('takes expires_in_seconds and gives each token its own ticket', async () => {
    const first = await clerk.signInTokens.createSignInToken({ userId: memberId, expiresInSeconds: 300 });
    const second = await clerk.signInTokens.createSignInToken({ userId: memberId, expiresInSeconds: 300 });
    const claims = jwtPayload(first.token);
    expect(claims.exp - claims.iat).toBe(300);
    expect(second.token).not.toBe(first.token);
  });

  it('refuses an unknown user with 404, and a bad lifetime, an organization the user is not in or an unknown field with 422', async () => {
    expect(await clerkError(clerk.signInTokens.createSignInToken({ userId: 'user_nobody', expiresInSeconds: 60 }))).toEqual({
      status: 404,
      code: 'resource_not_found',
    });
    expect(await clerkError(clerk.signInTokens.createSignInToken({ userId: memberId, expiresInSeconds: 0 }))).toMatchObject({ status: 422 });
    const globex = server.store.organizationByIdOrSlug('globex')!.id;
    expect(await clerkError(clerk.signInTokens.createSignInToken({ userId: memberId, orgId: globex, expiresInSeconds: 60 }))).toEqual({
      status: 422,
      code: 'form_param_value_invalid',
    });
    const unknown = await fetch(`${server.url}/v1/sign_in_tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.keys.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ user_id: memberId, email: 'x' }),
    });
    expect(unknown.status).toBe(422);
  });

  it('revokeSignInToken revokes a pending token once: again is 400, an unknown id 404', async () => {
    const token = await clerk.signInTokens.createSignInToken({ userId: memberId, expiresInSeconds: 60 });
    expect(await clerk.signInTokens.revokeSignInToken(token.id)).toMatchObject({ id: token.id, status: 'revoked' });
    expect(await clerkError(clerk.signInTokens.revokeSignInToken(token.id))).toEqual({ status: 400, code: 'sign_in_token_not_pending' });
    expect(await clerkError(clerk.signInTokens.revokeSignInToken('sit_nothing'))).toEqual({ status: 404, code: 'resource_not_found' });
  });

  it('deleting the user deletes their tokens', async () => {
    const token = await clerk.signInTokens.createSignInToken({ userId: memberId, expiresInSeconds: 60 });
    await clerk.users.deleteUser(memberId);
    expect(server.store.signInTokenById(token.id)).toBeUndefined();
  });
});
