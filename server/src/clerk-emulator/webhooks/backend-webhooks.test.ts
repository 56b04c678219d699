import { createClerkClient, type ClerkClient } from '@clerk/express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fapiBrowser } from '../../testing/fapi-browser.ts';
import { loadOrCreateWebhookSigningSecret, publishableKeyFor } from '../../common/local-keys.ts';
import { SEED_PASSWORD } from '../store/seed.ts';
import { copyDataDir, useSeededTemplate, startTestEmulator, TEST_SPA_ORIGIN, type TestEmulator } from '../../testing/test-emulator.ts';
import { startWebhookTestReceiver, type WebhookTestReceiver } from '../../testing/webhook-test-receiver.ts';

/**
 * The webhooks of the Backend API's writes and of invitations, received and verified with Clerk's
 * `verifyWebhook`; the receiver checks every event against Clerk's webhooks spec.
 */
const templateDir = useSeededTemplate();
let temp: ReturnType<typeof copyDataDir>;
let receiver: WebhookTestReceiver;
let server: TestEmulator;
let clerk: ClerkClient;

beforeEach(async () => {
  temp = copyDataDir(templateDir());
  receiver = await startWebhookTestReceiver(loadOrCreateWebhookSigningSecret(temp.dataDir));
  server = await startTestEmulator(temp.dataDir, {
    webhooks: { url: receiver.url, secret: receiver.secret, retryDelaysMs: [50, 50, 50, 50], attemptTimeoutMs: 1_000 },
  });
  clerk = createClerkClient({
    secretKey: server.keys.secretKey,
    apiUrl: server.url,
    publishableKey: publishableKeyFor(server.url),
    telemetry: { disabled: true },
  });
});

afterEach(async () => {
  await server.close();
  await receiver.close();
  temp.remove();
});

const userIdOf = (email: string) => server.store.userByEmail(email)!.id;
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

describe('webhooks of the Backend API writes', () => {
  it('sends user.created for createUser, then user.updated and session.revoked for a ban', async () => {
    const user = await clerk.users.createUser({ emailAddress: ['made@example.com'], password: 'a-long-password' });
    const browser = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
    await browser.start();
    const sessionId = await browser.signIn('made@example.com', 'a-long-password');
    await clerk.users.banUser(user.id);
    const received = await receiver.waitForAccepted(3);
    expect(received.map((r) => r.event)).toMatchObject([
      { type: 'user.created', data: { id: user.id, banned: false } },
      { type: 'user.updated', data: { id: user.id, banned: true } },
      { type: 'session.revoked', data: { id: sessionId, status: 'revoked', user: { id: user.id } } },
    ]);
  });

  it('sends session.revoked for revokeSession, once', async () => {
    const browser = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
    await browser.start();
    const sessionId = await browser.signIn('member@example.com', SEED_PASSWORD);
    await clerk.sessions.revokeSession(sessionId);
    await clerk.sessions.revokeSession(sessionId);
    const [received] = await receiver.waitForAccepted(1);
    expect(received!.event).toMatchObject({ type: 'session.revoked', data: { id: sessionId, user_id: userIdOf('member@example.com') } });
    await settle();
    expect(receiver.accepted).toHaveLength(1);
  });

  it('sends organization.created with the creator membership, then membership created, updated and deleted', async () => {
    const creator = userIdOf('outsider@example.com');
    const organization = await clerk.organizations.createOrganization({ name: 'Hooli', createdBy: creator });
    const userId = userIdOf('member@example.com');
    await clerk.organizations.createOrganizationMembership({ organizationId: organization.id, userId, role: 'org:member' });
    await clerk.organizations.updateOrganizationMembership({ organizationId: organization.id, userId, role: 'org:admin' });
    await clerk.organizations.deleteOrganizationMembership({ organizationId: organization.id, userId });
    const received = await receiver.waitForAccepted(5);
    expect(received.map((r) => [r.event.type, (r.event.data as { public_user_data?: { user_id: string } }).public_user_data?.user_id])).toEqual([
      ['organization.created', undefined],
      ['organizationMembership.created', creator],
      ['organizationMembership.created', userId],
      ['organizationMembership.updated', userId],
      ['organizationMembership.deleted', userId],
    ]);
  });

  it('sends organizationInvitation.created, .revoked, and .accepted with the membership it makes', async () => {
    const acme = server.store.organizationByIdOrSlug('acme')!;
    const revoked = await clerk.organizations.createOrganizationInvitation({
      organizationId: acme.id,
      emailAddress: 'a@example.com',
      role: 'org:member',
    });
    await clerk.organizations.revokeOrganizationInvitation({
      organizationId: acme.id,
      invitationId: revoked.id,
      requestingUserId: userIdOf('orgadmin@example.com'),
    });
    const invitation = await clerk.organizations.createOrganizationInvitation({
      organizationId: acme.id,
      emailAddress: 'outsider@example.com',
      role: 'org:member',
      privateMetadata: { source: 'crm' },
    });
    const browser = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
    await browser.start();
    await browser.signIn('outsider@example.com', SEED_PASSWORD);
    await browser.call('POST', `/me/organization_invitations/${invitation.id}/accept`);
    const received = await receiver.waitForAccepted(5);
    const outsider = userIdOf('outsider@example.com');
    expect(received.map((r) => r.event)).toMatchObject([
      { type: 'organizationInvitation.created', data: { id: revoked.id, status: 'pending' } },
      { type: 'organizationInvitation.revoked', data: { id: revoked.id, status: 'revoked' } },
      { type: 'organizationInvitation.created', data: { id: invitation.id, private_metadata: { source: 'crm' } } },
      { type: 'organizationMembership.created', data: { public_user_data: { user_id: outsider }, organization: { id: acme.id } } },
      { type: 'organizationInvitation.accepted', data: { id: invitation.id, status: 'accepted', user_id: outsider } },
    ]);
  });

  it('sends waitlistEntry.created for <Waitlist> and the Backend API, waitlistEntry.updated (with its invitation) for invite and reject, nothing for a delete', async () => {
    const browser = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
    await browser.start();
    const joined = await browser.call<{ id: string }>('POST', '/waitlist', { email_address: 'joiner@example.com' });
    await browser.call('POST', '/waitlist', { email_address: 'joiner@example.com' });
    const other = await clerk.waitlistEntries.create({ emailAddress: 'other@example.com' });
    await clerk.waitlistEntries.invite(joined.body.id);
    await clerk.waitlistEntries.reject(joined.body.id);
    await clerk.waitlistEntries.delete(other.id);
    await receiver.waitForAccepted(4);
    // The delete's moment has passed too: a fifth event would be here by now.
    await settle();
    expect(receiver.accepted.map((r) => r.event)).toMatchObject([
      {
        type: 'waitlistEntry.created',
        data: { object: 'waitlist_entry', id: joined.body.id, email_address: 'joiner@example.com', status: 'pending' },
      },
      { type: 'waitlistEntry.created', data: { id: other.id, status: 'pending' } },
      {
        type: 'waitlistEntry.updated',
        data: { id: joined.body.id, status: 'invited', invitation: { object: 'invitation', email_address: 'joiner@example.com', status: 'pending' } },
      },
      { type: 'waitlistEntry.updated', data: { id: joined.body.id, status: 'rejected', invitation: { status: 'revoked', revoked: true } } },
    ]);
    expect(receiver.accepted).toHaveLength(4);
  });
});
