/* eslint-disable @typescript-eslint/no-unsafe-member-access --
   Clerk's JSON is read freely here: the test server checks every answer's shape against Clerk's spec (testing/clerk-spec-check.ts). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClerkClient } from '@clerk/express';
import { localAccount } from '#shared/local-clerk';
import { fapiBrowser, signUpWithTicket, type FapiBrowser } from '../../testing/fapi-browser.ts';
import { loadOrCreateWebhookSigningSecret } from '../../common/local-keys.ts';
import {
  backendClientFor,
  copyDataDir,
  startTestEmulator,
  TEST_SPA_ORIGIN,
  useSeededTemplate,
  type TestEmulator,
} from '../../testing/test-emulator.ts';
import { startWebhookTestReceiver, type WebhookTestReceiver } from '../../testing/webhook-test-receiver.ts';

/**
 * Application invitations' tickets (`clerkClient.invitations`, the waitlist's invite): `<SignUp>` sends the link's
 * ticket (`strategy=ticket`); the invited address comes verified with no code, the new user gets the invitation's
 * public metadata, and the invitation is accepted. Clerk sends no webhook of its own for application invitations
 * (its webhooks spec and @clerk/backend have none): the sign-up's `user.created` carries the metadata.
 */
const templateDir = useSeededTemplate();
const DAY_MS = 24 * 60 * 60 * 1000;
let temp: ReturnType<typeof copyDataDir>;
let receiver: WebhookTestReceiver;
let server: TestEmulator;
let clerk: ClerkClient;
let clock: number;

beforeEach(async () => {
  clock = Date.now();
  temp = copyDataDir(templateDir());
  receiver = await startWebhookTestReceiver(loadOrCreateWebhookSigningSecret(temp.dataDir));
  server = await startTestEmulator(temp.dataDir, {
    now: () => clock,
    webhooks: { url: receiver.url, secret: receiver.secret, attemptTimeoutMs: 1_000 },
  });
  clerk = backendClientFor(server);
});

afterEach(async () => {
  await server.close();
  await receiver.close();
  temp.remove();
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

async function invite(emailAddress: string, extra: Partial<Parameters<ClerkClient['invitations']['createInvitation']>[0]> = {}) {
  const invitation = await clerk.invitations.createInvitation({ emailAddress, ...extra });
  return { invitation, ticket: new URL(invitation.url!).searchParams.get('__clerk_ticket')! };
}

async function newBrowser(): Promise<FapiBrowser> {
  const browser = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
  await browser.start();
  return browser;
}

describe('signing up with an application invitation', () => {
  it('verifies the address with no code, gives the new user the public metadata and accepts the invitation', async () => {
    const { invitation, ticket } = await invite('invited@example.com', { publicMetadata: { role: 'moderator' } });
    const browser = await newBrowser();
    const created = await browser.call('POST', '/client/sign_ups', { strategy: 'ticket', ticket });
    expect(created.body.response).toMatchObject({
      status: 'missing_requirements',
      email_address: 'invited@example.com',
      verifications: { email_address: { status: 'verified', strategy: 'ticket' } },
    });
    expect(server.inbox.messages('invited@example.com').map((message) => message.kind)).toEqual(['application_invitation']);

    const completed = await signUpWithTicket(browser, ticket, 'invited@example.com');
    expect(completed.body.response).toMatchObject({ status: 'complete', created_session_id: expect.any(String) });
    const user = server.store.userById(completed.body.response.created_user_id as string)!;
    expect(user).toMatchObject({
      publicMetadata: { role: 'moderator' },
      emailAddresses: [{ emailAddress: 'invited@example.com', verifiedBy: 'ticket' }],
    });
    expect(server.store.applicationInvitationById(invitation.id)).toMatchObject({ status: 'accepted', acceptedUserId: user.id });
    expect((await clerk.invitations.getInvitationList({ status: 'accepted' })).data.map((listed) => listed.id)).toEqual([invitation.id]);
  });

  it("sends user.created with the invitation's public metadata, and no invitation event (Clerk has none)", async () => {
    const { ticket } = await invite('hooked@example.com', { publicMetadata: { plan: 'pro' } });
    expect((await signUpWithTicket(await newBrowser(), ticket, 'hooked@example.com')).body.response.status).toBe('complete');
    const [event] = await receiver.waitForAccepted(1);
    await settle();
    expect(receiver.accepted.map((received) => received.event.type)).toEqual(['user.created']);
    expect(event!.event.data).toMatchObject({ public_metadata: { plan: 'pro' }, email_addresses: [{ email_address: 'hooked@example.com' }] });
  });

  it('refuses a used or revoked ticket (400 ticket_invalid_code) and an expired one (400 ticket_expired_code)', async () => {
    const used = await invite('used@example.com');
    expect((await signUpWithTicket(await newBrowser(), used.ticket, 'used@example.com')).body.response.status).toBe('complete');
    const revoked = await invite('revoked@example.com');
    await clerk.invitations.revokeInvitation(revoked.invitation.id);
    const expiring = await invite('slow@example.com', { expiresInDays: 1 });
    clock += 2 * DAY_MS;
    for (const [ticket, code] of [
      [used.ticket, 'ticket_invalid_code'],
      [revoked.ticket, 'ticket_invalid_code'],
      [expiring.ticket, 'ticket_expired_code'],
    ] as const) {
      const answer = await (await newBrowser()).call('POST', '/client/sign_ups', { strategy: 'ticket', ticket });
      expect({ status: answer.status, code: answer.body.errors[0]!.code }).toEqual({ status: 400, code });
    }
    expect(server.store.userByVerifiedEmail('revoked@example.com')).toBeUndefined();
  });

  it('refuses an invitation revoked after the sign-up began; no user is made', async () => {
    const { invitation, ticket } = await invite('later@example.com');
    const browser = await newBrowser();
    const created = await browser.call('POST', '/client/sign_ups', { strategy: 'ticket', ticket });
    await clerk.invitations.revokeInvitation(invitation.id);
    const completed = await browser.call('PATCH', `/client/sign_ups/${created.body.response.id}`, { password: 'a-long-password' });
    expect(completed.body.errors[0]!.code).toBe('ticket_invalid_code');
    expect(server.store.userByVerifiedEmail('later@example.com')).toBeUndefined();
  });
});

describe('signing in with an application invitation', () => {
  it('signs the account in and accepts an invitation made with ignore_existing, leaving its metadata as it was', async () => {
    const member = localAccount('member');
    const { invitation, ticket } = await invite(member.emailAddress, { ignoreExisting: true, publicMetadata: { role: 'admin' } });
    const answer = await (await newBrowser()).call('POST', '/client/sign_ins', { strategy: 'ticket', ticket });
    expect(answer.body.response).toMatchObject({ status: 'complete', identifier: member.emailAddress });
    expect(server.store.applicationInvitationById(invitation.id)).toMatchObject({ status: 'accepted', acceptedUserId: member.id });
    expect(server.store.userById(member.id)!.publicMetadata).not.toHaveProperty('role', 'admin');
  });
});

describe("the waitlist's invite", () => {
  it('creates an application invitation linked to the entry; signing up through its link completes the entry', async () => {
    const entry = await clerk.waitlistEntries.create({ emailAddress: 'waiting@example.com' });
    const invited = await clerk.waitlistEntries.invite(entry.id);
    expect(invited.invitation).toMatchObject({ emailAddress: 'waiting@example.com', status: 'pending' });
    const [message] = server.inbox.messages('waiting@example.com');
    expect(message).toMatchObject({ kind: 'waitlist_invitation', link: invited.invitation!.url });

    const ticket = new URL(message!.link!).searchParams.get('__clerk_ticket')!;
    expect((await signUpWithTicket(await newBrowser(), ticket, 'waiting@example.com')).body.response.status).toBe('complete');
    const completed = (await clerk.waitlistEntries.list()).data.find((listed) => listed.id === entry.id)!;
    expect(completed).toMatchObject({ status: 'completed', invitation: { id: invited.invitation!.id, status: 'accepted' } });
  });
});
