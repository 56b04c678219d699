/* eslint-disable @typescript-eslint/no-unsafe-member-access --
   Clerk's JSON is read freely here: the test server checks every answer's shape against Clerk's spec (testing/clerk-spec-check.ts). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_SEED_PASSWORD, localAccount } from '#shared/local-clerk';
import { fapiBrowser, signUpWithTicket, type FapiBrowser } from '../../testing/fapi-browser.ts';
import { loadOrCreateWebhookSigningSecret } from '../../common/local-keys.ts';
import { copyDataDir, startTestEmulator, TEST_SPA_ORIGIN, useSeededTemplate, type TestEmulator } from '../../testing/test-emulator.ts';
import { startWebhookTestReceiver, type WebhookTestReceiver } from '../../testing/webhook-test-receiver.ts';
import { INVITATION_LIFETIME_DAYS } from '../store/invitations.ts';

/**
 * Invitation tickets, as Clerk's links carry them: the invitation's `url` (and its email's link) has
 * `__clerk_ticket`; `<SignUp>` sends it as `strategy=ticket` to create the sign-up (the invited address comes
 * verified, the password completes it) and `<SignIn>` to sign an existing account in. Either way the user joins
 * with the invited role and the invitation is accepted, with its webhooks. Used, revoked and expired tickets are refused.
 */
const templateDir = useSeededTemplate();
const DAY_MS = 24 * 60 * 60 * 1000;
let temp: ReturnType<typeof copyDataDir>;
let receiver: WebhookTestReceiver;
let server: TestEmulator;
let clock: number;

beforeEach(async () => {
  clock = Date.now();
  temp = copyDataDir(templateDir());
  receiver = await startWebhookTestReceiver(loadOrCreateWebhookSigningSecret(temp.dataDir));
  server = await startTestEmulator(temp.dataDir, {
    now: () => clock,
    webhooks: { url: receiver.url, secret: receiver.secret, attemptTimeoutMs: 1_000 },
  });
});

afterEach(async () => {
  await server.close();
  await receiver.close();
  temp.remove();
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 150));
const acmeId = () => server.store.organizationByIdOrSlug('acme')!.id;
const globexId = () => server.store.organizationByIdOrSlug('globex')!.id;

/** What these tests read of the Backend API's invitation. */
interface BackendInvitation {
  id: string;
  url: string;
}

async function backend(method: string, path: string, body?: unknown): Promise<{ status: number; body: BackendInvitation }> {
  const response = await fetch(`${server.url}/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${server.keys.secretKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as BackendInvitation };
}

async function invite(organizationId: string, emailAddress: string, extra: Record<string, unknown> = {}) {
  const answer = await backend('POST', `/organizations/${organizationId}/invitations`, { email_address: emailAddress, role: 'org:admin', ...extra });
  expect(answer.status).toBe(200);
  const url = new URL(answer.body.url);
  return { invitation: answer.body, url, ticket: url.searchParams.get('__clerk_ticket')! };
}

async function newBrowser(): Promise<FapiBrowser> {
  const browser = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
  await browser.start();
  return browser;
}

describe('invitation links', () => {
  it("carry a signed ticket on the redirect_url, or on the app's sign-up page (sign-in page for an existing account), and the email has the link", async () => {
    const withRedirect = await invite(acmeId(), 'new@example.com', { redirect_url: 'https://app.example.com/accept?from=mail' });
    expect(withRedirect.url.origin + withRedirect.url.pathname).toBe('https://app.example.com/accept');
    expect(withRedirect.url.searchParams.get('from')).toBe('mail');
    expect(withRedirect.url.searchParams.get('__clerk_status')).toBe('sign_up');
    expect(withRedirect.ticket.split('.')).toHaveLength(3);
    expect(server.inbox.messages('new@example.com')[0]).toMatchObject({ kind: 'organization_invitation', link: withRedirect.invitation.url });

    const existing = await invite(acmeId(), localAccount('outsider').emailAddress);
    expect(existing.url.href.startsWith(`${TEST_SPA_ORIGIN}/sign-in?__clerk_ticket=`)).toBe(true);
    expect(existing.url.searchParams.get('__clerk_status')).toBe('sign_in');

    const admin = await newBrowser();
    await admin.signIn(localAccount('orgAdmin').emailAddress, LOCAL_SEED_PASSWORD);
    const fromProfile = await admin.call('POST', `/organizations/${acmeId()}/invitations`, {
      email_address: 'fresh@example.com',
      role: 'org:member',
    });
    expect(fromProfile.body.response.url).toMatch(
      new RegExp(`^${TEST_SPA_ORIGIN}/sign-up\\?__clerk_ticket=[\\w-]+\\.[\\w-]+\\.[\\w-]+&__clerk_status=sign_up$`),
    );
  });
});

describe('signing up with a ticket', () => {
  it('verifies the invited address without a code; the password completes it and the user joins with the invited role', async () => {
    const { invitation, ticket } = await invite(acmeId(), 'invited@example.com');
    const browser = await newBrowser();
    const created = await browser.call('POST', '/client/sign_ups', { strategy: 'ticket', ticket });
    expect(created.status).toBe(200);
    expect(created.body.response).toMatchObject({
      status: 'missing_requirements',
      email_address: 'invited@example.com',
      missing_fields: ['password'],
      unverified_fields: [],
      verifications: { email_address: { status: 'verified', strategy: 'ticket' } },
    });
    expect(server.inbox.messages('invited@example.com').map((message) => message.kind)).toEqual(['organization_invitation']);

    const completed = await browser.call('PATCH', `/client/sign_ups/${created.body.response.id}`, {
      strategy: 'ticket',
      ticket,
      email_address: 'invited@example.com',
      password: 'a-long-password',
    });
    expect(completed.status).toBe(200);
    expect(completed.body.response).toMatchObject({ status: 'complete', created_session_id: expect.any(String) });
    const userId = completed.body.response.created_user_id as string;
    expect(server.store.membership(userId, acmeId())?.role).toBe('org:admin');
    expect(server.store.userById(userId)!.emailAddresses[0]).toMatchObject({ emailAddress: 'invited@example.com', verifiedBy: 'ticket' });

    browser.useSession(completed.body.response.created_session_id as string);
    const mine = await browser.call('GET', '/me/organization_invitations');
    expect(mine.body.response.data).toEqual([expect.objectContaining({ id: invitation.id, status: 'accepted' })]);
  });

  it('sends user.created, then the membership and the accepted invitation', async () => {
    const { ticket } = await invite(acmeId(), 'hooked@example.com');
    await receiver.waitForAccepted(1);
    const answer = await signUpWithTicket(await newBrowser(), ticket, 'hooked@example.com');
    expect(answer.body.response.status).toBe('complete');
    const events = (await receiver.waitForAccepted(4)).map((received) => received.event);
    await settle();
    expect(receiver.accepted.map((received) => received.event.type)).toEqual([
      'organizationInvitation.created',
      'user.created',
      'organizationMembership.created',
      'organizationInvitation.accepted',
    ]);
    expect(events[2]!.data).toMatchObject({ role: 'org:admin', organization: { id: acmeId() } });
    expect(events[3]!.data).toMatchObject({ email_address: 'hooked@example.com', status: 'accepted' });
  });

  it('refuses a ticket used once already, for a sign-up or a sign-in: 400 ticket_invalid_code', async () => {
    const { ticket } = await invite(acmeId(), 'twice@example.com');
    expect((await signUpWithTicket(await newBrowser(), ticket, 'twice@example.com')).body.response.status).toBe('complete');

    const again = await (await newBrowser()).call('POST', '/client/sign_ups', { strategy: 'ticket', ticket });
    expect(again.status).toBe(400);
    expect(again.body.errors[0]!).toMatchObject({ code: 'ticket_invalid_code', meta: { param_name: 'ticket' } });
    const signIn = await (await newBrowser()).call('POST', '/client/sign_ins', { strategy: 'ticket', ticket });
    expect(signIn.body.errors[0]!.code).toBe('ticket_invalid_code');
  });

  it("refuses a revoked invitation's ticket, even when revoked after the sign-up began; no user is made", async () => {
    const revokedFirst = await invite(acmeId(), 'revoked@example.com');
    await backend('POST', `/organizations/${acmeId()}/invitations/${revokedFirst.invitation.id}/revoke`, {});
    const refused = await (await newBrowser()).call('POST', '/client/sign_ups', { strategy: 'ticket', ticket: revokedFirst.ticket });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0]!.code).toBe('ticket_invalid_code');

    const revokedLater = await invite(acmeId(), 'later@example.com');
    const browser = await newBrowser();
    const created = await browser.call('POST', '/client/sign_ups', { strategy: 'ticket', ticket: revokedLater.ticket });
    await backend('POST', `/organizations/${acmeId()}/invitations/${revokedLater.invitation.id}/revoke`, {});
    const completed = await browser.call('PATCH', `/client/sign_ups/${created.body.response.id}`, { password: 'a-long-password' });
    expect(completed.body.errors[0]!.code).toBe('ticket_invalid_code');
    expect(server.store.userByVerifiedEmail('later@example.com')).toBeUndefined();
  });

  it('refuses an expired ticket: 400 ticket_expired_code', async () => {
    const { ticket } = await invite(acmeId(), 'slow@example.com');
    clock += (INVITATION_LIFETIME_DAYS + 1) * DAY_MS;
    const answer = await (await newBrowser()).call('POST', '/client/sign_ups', { strategy: 'ticket', ticket });
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0]!).toMatchObject({ code: 'ticket_expired_code', meta: { param_name: 'ticket' } });
  });

  it("refuses a ticket that is not one of the emulator's: 400 ticket_invalid_code", async () => {
    const { ticket } = await invite(acmeId(), 'forged@example.com');
    const [header, payload] = ticket.split('.');
    const forged = `${header}.${payload}.${Buffer.from('not a signature').toString('base64url')}`;
    for (const candidate of [forged, 'not-a-jwt']) {
      const answer = await (await newBrowser()).call('POST', '/client/sign_ups', { strategy: 'ticket', ticket: candidate });
      expect(answer.body.errors[0]!.code).toBe('ticket_invalid_code');
    }
  });

  it('refuses a ticket whose address already has an account: 422 form_identifier_exists', async () => {
    const { ticket } = await invite(acmeId(), localAccount('outsider').emailAddress);
    const answer = await (await newBrowser()).call('POST', '/client/sign_ups', { strategy: 'ticket', ticket });
    expect(answer.status).toBe(422);
    expect(answer.body.errors[0]!.code).toBe('form_identifier_exists');
  });
});

describe('signing in with a ticket', () => {
  it('signs the invited account in and accepts the invitation', async () => {
    const member = localAccount('member');
    const { invitation, ticket } = await invite(globexId(), member.emailAddress);
    const browser = await newBrowser();
    const answer = await browser.call('POST', '/client/sign_ins', { strategy: 'ticket', ticket });
    expect(answer.status).toBe(200);
    expect(answer.body.response).toMatchObject({
      status: 'complete',
      identifier: member.emailAddress,
      first_factor_verification: { status: 'verified', strategy: 'ticket' },
      created_session_id: expect.any(String),
    });
    expect(server.store.membership(member.id, globexId())?.role).toBe('org:admin');
    expect(server.store.invitationById(invitation.id)).toMatchObject({ status: 'accepted', acceptedUserId: member.id });
    await receiver.waitForAccepted(3);
    await settle();
    expect(receiver.accepted.map((received) => received.event.type)).toEqual([
      'organizationInvitation.created',
      'organizationMembership.created',
      'organizationInvitation.accepted',
    ]);
  });

  it('answers 422 invitation_account_not_exists when no account has the address, so <SignIn> goes to sign-up', async () => {
    const { ticket } = await invite(globexId(), 'nobody-yet@example.com');
    const answer = await (await newBrowser()).call('POST', '/client/sign_ins', { strategy: 'ticket', ticket });
    expect(answer.status).toBe(422);
    expect(answer.body.errors[0]!.code).toBe('invitation_account_not_exists');
  });
});
