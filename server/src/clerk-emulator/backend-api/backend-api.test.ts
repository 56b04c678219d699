import { beforeEach, describe, expect, it } from 'vitest';
import { createClerkClient, verifyToken, type ClerkClient } from '@clerk/express';
import { fapiBrowser } from '../../testing/fapi-browser.ts';
import { SEED_PASSWORD, SEED_USERS } from '../store/seed.ts';
import { TEST_SPA_ORIGIN, backendClientFor, useSeededEmulator } from '../../testing/test-emulator.ts';
import { clerkError } from '../../testing/clerk-api-error.ts';

const server = useSeededEmulator();
let clerk: ClerkClient;

beforeEach(() => {
  clerk = backendClientFor(server);
});

function userIdOf(email: string): string {
  return server.store.userByEmail(email)!.id;
}

describe('users', () => {
  it('getUser answers a typed User with email, metadata and ms timestamps', async () => {
    const user = await clerk.users.getUser(userIdOf('admin@example.com'));
    expect(user.fullName).toBe('Ada Lovelace');
    expect(user.primaryEmailAddress?.emailAddress).toBe('admin@example.com');
    expect(user.primaryEmailAddress?.verification?.status).toBe('verified');
    expect(user.publicMetadata).toEqual({ role: 'admin' });
    expect(user.privateMetadata).toEqual(SEED_USERS[0]!.privateMetadata);
    expect(user.imageUrl).toBe(`${server.url}/v1/avatars/${user.id}/avatar_placeholder.svg`);
    expect(user.createdAt).toBeGreaterThan(1_600_000_000_000);
    expect(user.banned).toBe(false);
  });

  it('getUser of an unknown id is a 404 resource_not_found', async () => {
    expect(await clerkError(clerk.users.getUser('user_doesnotexist'))).toEqual({ status: 404, code: 'resource_not_found' });
  });

  it('refuses a wrong secret key with authentication_invalid', async () => {
    const wrong = createClerkClient({ secretKey: 'sk_test_wrong', apiUrl: server.url, telemetry: { disabled: true } });
    expect(await clerkError(wrong.users.getUser(userIdOf('admin@example.com')))).toEqual({ status: 401, code: 'authentication_invalid' });
  });

  it('getUserList filters by query, pages, and counts the whole match', async () => {
    const all = await clerk.users.getUserList({ limit: 500 });
    expect(all.totalCount).toBe(5);
    // Newest first by default: the seed creates users in list order.
    expect(all.data.map((user) => user.firstName)).toEqual(['Edsger', 'Katherine', 'Alan', 'Grace', 'Ada']);

    const examples = await clerk.users.getUserList({ query: 'EXAMPLE.com', limit: 2, offset: 1 });
    expect(examples.totalCount).toBe(5);
    expect(examples.data.map((user) => user.firstName)).toEqual(['Katherine', 'Alan']);

    const byName = await clerk.users.getUserList({ query: 'hopper' });
    expect(byName).toMatchObject({ totalCount: 1, data: [{ firstName: 'Grace' }] });

    const byEmail = await clerk.users.getUserList({ emailAddress: ['member@example.com', 'outsider@example.com'], orderBy: '+created_at' });
    expect(byEmail.data.map((user) => user.firstName)).toEqual(['Alan', 'Edsger']);
  });

  it('getUserList matches full names, parts of email addresses and ids, and counts per query', async () => {
    const fullName = await clerk.users.getUserList({ query: 'grace HOPPER' });
    expect(fullName).toMatchObject({ totalCount: 1, data: [{ firstName: 'Grace' }] });
    const emailPart = await clerk.users.getUserList({ query: 'orgadmin@' });
    expect(emailPart).toMatchObject({ totalCount: 1, data: [{ firstName: 'Katherine' }] });
    const byId = await clerk.users.getUserList({ query: userIdOf('outsider@example.com') });
    expect(byId).toMatchObject({ totalCount: 1, data: [{ firstName: 'Edsger' }] });
    expect(await clerk.users.getUserList({ query: 'nobody' })).toEqual({ totalCount: 0, data: [] });
  });

  it('a role set or removed through updateUserMetadata shows in the next token of an open session', async () => {
    const browser = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
    await browser.start();
    const sessionId = await browser.signIn('member@example.com', SEED_PASSWORD);
    const id = userIdOf('member@example.com');
    const nextMetadata = async () => {
      const { body } = await browser.call<{ jwt: string }>('POST', `/client/sessions/${sessionId}/tokens`, {});
      return (await verifyToken(body.jwt, { jwtKey: server.keys.publicKeyPem, authorizedParties: [TEST_SPA_ORIGIN] })).metadata;
    };
    await clerk.users.updateUserMetadata(id, { publicMetadata: { theme: 'dark' } });
    const promoted = await clerk.users.updateUserMetadata(id, { publicMetadata: { role: 'moderator' } });
    expect(promoted.publicMetadata).toEqual({ theme: 'dark', role: 'moderator' });
    expect(await nextMetadata()).toEqual({ theme: 'dark', role: 'moderator' });
    // Clerk deletes a key sent as null; UserPublicMetadata types stored values only.
    await clerk.users.updateUserMetadata(id, { publicMetadata: { role: null } as unknown as UserPublicMetadata });
    expect(await nextMetadata()).toEqual({ theme: 'dark' });
  });

  it('updateUser changes names, and metadata by replacement', async () => {
    const id = userIdOf('member@example.com');
    const renamed = await clerk.users.updateUser(id, { firstName: 'Alan M.' });
    expect(renamed.firstName).toBe('Alan M.');
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- the emulator still answers this older call, as Clerk does
    const replaced = await clerk.users.updateUser(id, { privateMetadata: { only: 'this' } });
    expect(replaced.privateMetadata).toEqual({ only: 'this' });
    expect(replaced.publicMetadata).toEqual({});
  });

  it('updateUserMetadata deep-merges and removes keys set to null', async () => {
    const id = userIdOf('moderator@example.com');
    await clerk.users.updateUserMetadata(id, { publicMetadata: { prefs: { theme: 'dark', lang: 'en' } } });
    const user = await clerk.users.updateUserMetadata(id, {
      publicMetadata: { prefs: { lang: null } },
      privateMetadata: { internalNote: null },
    });
    expect(user.publicMetadata).toEqual({ role: 'moderator', prefs: { theme: 'dark' } });
    expect(user.privateMetadata).toEqual({ stripeCustomerId: 'cus_local_moderator' });
    expect((await clerk.users.getUser(id)).publicMetadata).toEqual(user.publicMetadata);
  });

  it('refuses attributes it does not support with a 422', async () => {
    expect(await clerkError(clerk.users.updateUser(userIdOf('member@example.com'), { username: 'alan' }))).toEqual({
      status: 422,
      code: 'form_param_unknown',
    });
  });

  it("lists a user's organization memberships", async () => {
    const { data, totalCount } = await clerk.users.getOrganizationMembershipList({ userId: userIdOf('orgadmin@example.com') });
    expect(totalCount).toBe(1);
    expect(data[0]).toMatchObject({ role: 'org:admin', organization: { slug: 'acme', name: 'Acme Inc', membersCount: 3 } });
    expect(data[0]?.permissions).toContain('org:posts:manage');
    expect(data[0]?.publicUserData).toEqual({
      userId: userIdOf('orgadmin@example.com'),
      identifier: 'orgadmin@example.com',
      firstName: 'Katherine',
      lastName: 'Johnson',
      imageUrl: `${server.url}/v1/avatars/${userIdOf('orgadmin@example.com')}/avatar_placeholder.svg`,
      hasImage: false,
    });
  });
});

describe('deletions', () => {
  it('deleteUser removes the user, their memberships and their sessions: their browser is signed out', async () => {
    const browser = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
    await browser.start();
    const sessionId = await browser.signIn('member@example.com', SEED_PASSWORD);
    const id = userIdOf('member@example.com');
    const deleted = await clerk.users.deleteUser(id);
    expect(deleted).toMatchObject({ id, object: 'user', deleted: true });
    expect(await clerkError(clerk.users.getUser(id))).toEqual({ status: 404, code: 'resource_not_found' });
    expect(await clerkError(clerk.sessions.getSession(sessionId))).toEqual({ status: 404, code: 'resource_not_found' });
    expect(server.store.membershipsOfUser(id)).toEqual([]);
    expect((await browser.call('POST', `/client/sessions/${sessionId}/tokens`, {})).status).toBe(404);
    expect(await clerkError(clerk.users.deleteUser(id))).toEqual({ status: 404, code: 'resource_not_found' });
  });

  it('deleteOrganization removes it and its memberships, by id only', async () => {
    const acme = await clerk.organizations.getOrganization({ slug: 'acme' });
    expect(await clerkError(clerk.organizations.deleteOrganization('acme'))).toEqual({ status: 404, code: 'resource_not_found' });
    expect(await clerk.organizations.deleteOrganization(acme.id)).toMatchObject({ id: acme.id, object: 'organization', deleted: true });
    expect(await clerkError(clerk.organizations.getOrganization({ organizationId: acme.id }))).toEqual({ status: 404, code: 'resource_not_found' });
    expect(server.store.membershipsOfOrganization(acme.id)).toEqual([]);
  });
});

describe('organizations', () => {
  it('getOrganization by slug or id', async () => {
    const bySlug = await clerk.organizations.getOrganization({ slug: 'acme' });
    expect(bySlug).toMatchObject({ name: 'Acme Inc', slug: 'acme', membersCount: 3 });
    expect(bySlug.imageUrl).toBe(`${server.url}/v1/avatars/${bySlug.id}/avatar_placeholder.svg`);
    expect((await clerk.organizations.getOrganization({ organizationId: bySlug.id })).slug).toBe('acme');
    expect(await clerkError(clerk.organizations.getOrganization({ slug: 'nope' }))).toEqual({ status: 404, code: 'resource_not_found' });
  });

  it('getOrganizationList pages the organizations with a total', async () => {
    const { data, totalCount } = await clerk.organizations.getOrganizationList({ limit: 1 });
    expect(totalCount).toBe(2);
    expect(data.map((org) => org.slug)).toEqual(['globex']);
  });

  it('getOrganizationMembershipList answers typed memberships with roles and public user data', async () => {
    const acme = await clerk.organizations.getOrganization({ slug: 'acme' });
    const { data, totalCount } = await clerk.organizations.getOrganizationMembershipList({ organizationId: acme.id });
    expect(totalCount).toBe(3);
    const roles = Object.fromEntries(data.map((m) => [m.publicUserData?.identifier, m.role]));
    expect(roles).toEqual({ 'orgadmin@example.com': 'org:admin', 'member@example.com': 'org:member', 'moderator@example.com': 'org:member' });
    expect(data.every((m) => m.organization.id === acme.id)).toBe(true);
  });
});

describe('sessions and keys', () => {
  it('getSession answers the session a browser signed in with', async () => {
    const browser = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
    await browser.start();
    const createdSessionId = await browser.signIn('member@example.com', SEED_PASSWORD);
    const session = await clerk.sessions.getSession(createdSessionId);
    expect(session).toMatchObject({ id: createdSessionId, userId: userIdOf('member@example.com'), status: 'active' });
  });

  it('serves the JWKS behind the secret key', async () => {
    const jwks = await clerk.jwks.getJwks();
    expect(jwks.keys?.[0]).toMatchObject({ kid: server.keys.kid, kty: 'RSA' });
    const anonymous = await fetch(`${server.url}/v1/jwks`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({
      errors: [{ code: 'authentication_invalid', message: expect.any(String), long_message: expect.any(String) }],
    });
  });

  it("answers unknown Backend API routes with Clerk's 404 error shape", async () => {
    const response = await fetch(`${server.url}/v1/nope`, { headers: { authorization: `Bearer ${server.keys.secretKey}` } });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toMatchObject({ errors: [{ code: 'resource_not_found' }] });
  });
});
