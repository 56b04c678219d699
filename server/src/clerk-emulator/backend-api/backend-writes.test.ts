import { beforeEach, describe, expect, it } from 'vitest';
import type { ClerkClient } from '@clerk/express';
import { fapiBrowser } from '../../testing/fapi-browser.ts';
import { SEED_PASSWORD } from '../store/seed.ts';
import { readStore } from '../store/store.ts';
import { TEST_SPA_ORIGIN, backendClientFor, useSeededEmulator } from '../../testing/test-emulator.ts';
import { clerkError } from '../../testing/clerk-api-error.ts';

/** The Backend API's writes, through Clerk's own SDK; every answer is checked against Clerk's spec (test-emulator.ts). */
const server = useSeededEmulator();
let clerk: ClerkClient;

// Again after each restart: the restarted server listens on another port.
function connect(): void {
  clerk = backendClientFor(server);
}

beforeEach(connect);

const userIdOf = (email: string) => server.store.userByEmail(email)!.id;

/** The raw JSON, for the fields @clerk/backend's User does not carry. */
async function fetchJson(path: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${server.url}/v1${path}`, { headers: { authorization: `Bearer ${server.keys.secretKey}` } });
  return (await response.json()) as Record<string, unknown>;
}
const fetchUserJson = (id: string) => fetchJson(`/users/${id}`);

async function signedInBrowser(email: string, password = SEED_PASSWORD) {
  const browser = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
  await browser.start();
  return { browser, sessionId: await browser.signIn(email, password) };
}

describe('users', () => {
  it('createUser makes a user who signs in with that password, kept across a restart', async () => {
    const user = await clerk.users.createUser({
      emailAddress: ['New.Person@example.com'],
      password: 'a-long-password',
      firstName: 'New',
      publicMetadata: { role: 'moderator' },
    });
    expect(user).toMatchObject({ firstName: 'New', publicMetadata: { role: 'moderator' }, banned: false });
    expect(user.primaryEmailAddress?.emailAddress).toBe('new.person@example.com');
    expect(await clerk.users.getCount({ emailAddress: ['new.person@example.com'] })).toBe(1);
    await signedInBrowser('new.person@example.com', 'a-long-password');
    await server.restart();
    connect();
    expect((await clerk.users.getUser(user.id)).firstName).toBe('New');
  });

  it('createUser refuses a taken address, a short password and unknown attributes with 422', async () => {
    const taken = clerk.users.createUser({ emailAddress: ['member@example.com'], password: 'a-long-password' });
    expect(await clerkError(taken)).toEqual({ status: 422, code: 'form_identifier_exists' });
    const short = clerk.users.createUser({ emailAddress: ['short@example.com'], password: 'short' });
    expect(await clerkError(short)).toMatchObject({ status: 422 });
    const unknown = clerk.users.createUser({ emailAddress: ['u@example.com'], password: 'a-long-password', username: 'u' });
    expect(await clerkError(unknown)).toEqual({ status: 422, code: 'form_param_unknown' });
  });

  it('createUser needs a password unless told to skip the requirement; such a user has none to sign in with', async () => {
    const missing = clerk.users.createUser({ emailAddress: ['nopass@example.com'] });
    expect(await clerkError(missing)).toEqual({ status: 422, code: 'form_param_missing' });
    const user = await clerk.users.createUser({ emailAddress: ['nopass@example.com'], skipPasswordRequirement: true });
    expect(user.passwordEnabled).toBe(false);
    const browser = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
    await browser.start();
    const created = await browser.call('POST', '/client/sign_ins', { identifier: 'nopass@example.com' });
    const attempt = await browser.call('POST', `/client/sign_ins/${created.body.response.id}/attempt_first_factor`, {
      strategy: 'password',
      password: 'anything-at-all',
    });
    expect(attempt.status).toBe(422);
  });

  it('getCount counts with the same filters as the list: query, user_id, organization_id, banned', async () => {
    expect(await clerk.users.getCount()).toBe(5);
    expect(await clerk.users.getCount({ query: 'hopper' })).toBe(1);
    expect(await clerk.users.getCount({ userId: [userIdOf('member@example.com'), userIdOf('admin@example.com')] })).toBe(2);
    expect(await clerk.users.getCount({ query: 'nobody' })).toBe(0);
    const acme = server.store.organizationByIdOrSlug('acme')!.id;
    expect((await clerk.users.getUserList({ organizationId: [acme] })).totalCount).toBe(3);
    // @clerk/backend's getCount does not pass these two (nor its getUserList `banned`), which Clerk's spec lists: asked directly.
    expect(await fetchJson(`/users/count?organization_id=${acme}`)).toEqual({ object: 'total_count', total_count: 3 });
    expect((await clerk.users.getUserList({ organizationId: [acme], query: 'hopper' })).data.map((user) => user.firstName)).toEqual(['Grace']);
    await clerk.users.banUser(userIdOf('outsider@example.com'));
    expect(await fetchJson('/users/count?banned=true')).toMatchObject({ total_count: 1 });
    expect(await fetchJson('/users/count?banned=false')).toMatchObject({ total_count: 4 });
  });

  it('banUser revokes the sessions and refuses sign-ins until unbanUser', async () => {
    const { browser, sessionId } = await signedInBrowser('member@example.com');
    const id = userIdOf('member@example.com');
    expect((await clerk.users.banUser(id)).banned).toBe(true);
    expect((await clerk.sessions.getSession(sessionId)).status).toBe('revoked');
    expect((await browser.call('POST', `/client/sessions/${sessionId}/tokens`, {})).status).toBe(401);
    const again = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
    await again.start();
    const refused = await again.call('POST', '/client/sign_ins', { identifier: 'member@example.com' });
    expect(refused).toMatchObject({ status: 403, body: { errors: [{ code: 'user_banned' }] } });
    expect((await clerk.users.unbanUser(id)).banned).toBe(false);
    await again.signIn('member@example.com', SEED_PASSWORD);
  });

  it('lockUser locks sign-ins (the right password too) until unlockUser', async () => {
    const id = userIdOf('member@example.com');
    expect((await clerk.users.lockUser(id)).locked).toBe(true);
    expect(server.store.userById(id) && (await fetchUserJson(id)).lockout_expires_in_seconds).toBe(3600);
    const browser = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
    await browser.start();
    await expect(browser.signIn('member@example.com', SEED_PASSWORD)).rejects.toThrow(/user_locked|403/);
    expect((await clerk.users.unlockUser(id)).locked).toBe(false);
    expect((await fetchUserJson(id)).lockout_expires_in_seconds).toBeNull();
    await browser.signIn('member@example.com', SEED_PASSWORD);
  });

  it('verifyPassword answers verified for the right password and 422 for a wrong one', async () => {
    const userId = userIdOf('member@example.com');
    expect(await clerk.users.verifyPassword({ userId, password: SEED_PASSWORD })).toEqual({ verified: true });
    expect(await clerkError(clerk.users.verifyPassword({ userId, password: 'wrong-password' }))).toEqual({
      status: 422,
      code: 'incorrect_password',
    });
  });
});

describe('organizations and memberships', () => {
  it('createOrganization makes the creator its admin, with a derived unique slug', async () => {
    const creator = userIdOf('outsider@example.com');
    const first = await clerk.organizations.createOrganization({ name: 'Initech Labs', createdBy: creator, publicMetadata: { plan: 'pro' } });
    expect(first).toMatchObject({ name: 'Initech Labs', slug: 'initech-labs', membersCount: 1, createdBy: creator, publicMetadata: { plan: 'pro' } });
    const second = await clerk.organizations.createOrganization({ name: 'Initech Labs' });
    expect(second).toMatchObject({ slug: 'initech-labs-2', membersCount: 0 });
    const { data } = await clerk.users.getOrganizationMembershipList({ userId: creator });
    expect(data.find((m) => m.organization.id === first.id)?.role).toBe('org:admin');
    expect(await clerkError(clerk.organizations.createOrganization({ name: 'X', slug: 'acme' }))).toEqual({
      status: 422,
      code: 'form_identifier_exists',
    });
  });

  it('updateOrganization renames it and changes its slug; a taken slug is refused', async () => {
    const acme = await clerk.organizations.getOrganization({ slug: 'acme' });
    const updated = await clerk.organizations.updateOrganization(acme.id, { name: 'Acme Labs', slug: 'Acme-Labs' });
    expect(updated).toMatchObject({ id: acme.id, name: 'Acme Labs', slug: 'acme-labs' });
    expect((await clerk.organizations.getOrganization({ slug: 'acme-labs' })).id).toBe(acme.id);
    expect(await clerkError(clerk.organizations.updateOrganization(acme.id, { slug: 'globex' }))).toEqual({
      status: 422,
      code: 'form_identifier_exists',
    });
    expect(await clerkError(clerk.organizations.updateOrganization('org_nobody', { name: 'X' }))).toEqual({
      status: 404,
      code: 'resource_not_found',
    });
  });

  it('adds a member, changes their role and removes them; the last admin stays', async () => {
    const acme = await clerk.organizations.getOrganization({ slug: 'acme' });
    const userId = userIdOf('outsider@example.com');
    const added = await clerk.organizations.createOrganizationMembership({ organizationId: acme.id, userId, role: 'org:member' });
    expect(added).toMatchObject({ role: 'org:member', publicUserData: { identifier: 'outsider@example.com' } });
    const again = clerk.organizations.createOrganizationMembership({ organizationId: acme.id, userId, role: 'org:member' });
    expect(await clerkError(again)).toEqual({ status: 400, code: 'already_a_member_in_organization' });
    const promoted = await clerk.organizations.updateOrganizationMembership({ organizationId: acme.id, userId, role: 'org:admin' });
    expect(promoted.role).toBe('org:admin');
    await clerk.organizations.deleteOrganizationMembership({ organizationId: acme.id, userId });
    expect(server.store.membership(userId, acme.id)).toBeUndefined();
    const admin = userIdOf('orgadmin@example.com');
    const demote = clerk.organizations.updateOrganizationMembership({ organizationId: acme.id, userId: admin, role: 'org:member' });
    expect(await clerkError(demote)).toEqual({ status: 422, code: 'organization_minimum_admins' });
    const remove = clerk.organizations.deleteOrganizationMembership({ organizationId: acme.id, userId: 'user_nobody' });
    expect(await clerkError(remove)).toEqual({ status: 404, code: 'resource_not_found' });
  });
});

describe('organization invitations', () => {
  it('invites, lists by status, revokes; a pending address cannot be invited twice', async () => {
    const acme = await clerk.organizations.getOrganization({ slug: 'acme' });
    const inviterUserId = userIdOf('orgadmin@example.com');
    const invitation = await clerk.organizations.createOrganizationInvitation({
      organizationId: acme.id,
      emailAddress: 'Friend@example.com',
      role: 'org:member',
      inviterUserId,
    });
    expect(invitation).toMatchObject({ emailAddress: 'friend@example.com', role: 'org:member', status: 'pending', organizationId: acme.id });
    expect(server.inbox.messages('friend@example.com')).toMatchObject([
      { kind: 'organization_invitation', subject: expect.stringContaining('Acme Inc') },
    ]);
    const twice = clerk.organizations.createOrganizationInvitation({
      organizationId: acme.id,
      emailAddress: 'friend@example.com',
      role: 'org:member',
    });
    expect(await clerkError(twice)).toEqual({ status: 422, code: 'duplicate_record' });
    const member = clerk.organizations.createOrganizationInvitation({
      organizationId: acme.id,
      emailAddress: 'member@example.com',
      role: 'org:member',
    });
    expect(await clerkError(member)).toEqual({ status: 422, code: 'already_a_member_in_organization' });
    expect(await fetchJson('/organizations/acme')).toMatchObject({ pending_invitations_count: 1 });

    const revoked = await clerk.organizations.revokeOrganizationInvitation({
      organizationId: acme.id,
      invitationId: invitation.id,
      requestingUserId: inviterUserId,
    });
    expect(revoked.status).toBe('revoked');
    const pending = await clerk.organizations.getOrganizationInvitationList({ organizationId: acme.id, status: ['pending'] });
    expect(pending.totalCount).toBe(0);
    const all = await clerk.organizations.getOrganizationInvitationList({ organizationId: acme.id });
    expect(all.data.map((i) => [i.emailAddress, i.status])).toEqual([['friend@example.com', 'revoked']]);
  });

  it('bulk invites every address or none, and keeps them across a restart', async () => {
    const acme = await clerk.organizations.getOrganization({ slug: 'acme' });
    const bulk = clerk.organizations.createOrganizationInvitationBulk(acme.id, [
      { emailAddress: 'one@example.com', role: 'org:member' },
      { emailAddress: 'member@example.com', role: 'org:member' },
    ]);
    expect(await clerkError(bulk)).toEqual({ status: 422, code: 'already_a_member_in_organization' });
    expect(server.store.data.invitations).toEqual([]);
    expect(server.inbox.messages()).toEqual([]);
    await clerk.organizations.createOrganizationInvitationBulk(acme.id, [
      { emailAddress: 'one@example.com', role: 'org:member', redirectUrl: 'http://localhost:5173/sign-up' },
      { emailAddress: 'two@example.com', role: 'org:admin' },
    ]);
    await server.restart();
    connect();
    const listed = await clerk.organizations.getOrganizationInvitationList({ organizationId: acme.id, status: ['pending'] });
    expect(listed.data.map((i) => [i.emailAddress, i.role]).sort()).toEqual([
      ['one@example.com', 'org:member'],
      ['two@example.com', 'org:admin'],
    ]);
    expect(readStore(server.dataDir)?.data.invitations).toHaveLength(2);
    expect(listed.data.find((i) => i.emailAddress === 'one@example.com')?.url).toMatch(/^http:\/\/localhost:5173\/sign-up\?__clerk_ticket=/);
    expect(server.inbox.messages('one@example.com')).toMatchObject([{ link: listed.data.find((i) => i.emailAddress === 'one@example.com')?.url }]);
    const unsafe = clerk.organizations.createOrganizationInvitation({
      organizationId: acme.id,
      emailAddress: 'three@example.com',
      role: 'org:member',
      redirectUrl: 'javascript:alert(1)',
    });
    expect(await clerkError(unsafe)).toMatchObject({ status: 422 });
  });
});

describe('sessions', () => {
  it('lists sessions by user and status, and revokes one: its browser is signed out', async () => {
    const userId = userIdOf('member@example.com');
    const { browser, sessionId } = await signedInBrowser('member@example.com');
    await signedInBrowser('admin@example.com');
    // A page, as @clerk/backend asks (`paginated=true`) and reads it.
    const listed = await clerk.sessions.getSessionList({ userId });
    expect({ sessions: listed.data.map((session) => [session.id, session.status]), total: listed.totalCount }).toEqual({
      sessions: [[sessionId, 'active']],
      total: 1,
    });
    const revoked = await clerk.sessions.revokeSession(sessionId);
    expect(revoked).toMatchObject({ id: sessionId, status: 'revoked' });
    expect((await clerk.sessions.getSessionList({ userId, status: 'active' })).data).toEqual([]);
    expect((await clerk.sessions.getSessionList({ userId, status: 'revoked' })).data).toHaveLength(1);
    expect((await browser.call('POST', `/client/sessions/${sessionId}/tokens`, {})).status).toBe(401);
    expect(await clerkError(clerk.sessions.revokeSession('sess_nope'))).toEqual({ status: 404, code: 'resource_not_found' });
  });
});
