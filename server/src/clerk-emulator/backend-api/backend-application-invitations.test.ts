import { beforeEach, describe, expect, it } from 'vitest';
import type { ClerkClient } from '@clerk/express';
import { localAccount } from '#shared/local-clerk';
import { TEST_SPA_ORIGIN, backendClientFor, useSeededEmulator } from '../../testing/test-emulator.ts';
import { clerkError } from '../../testing/clerk-api-error.ts';

/**
 * Application invitations through Clerk's own SDK (`clerkClient.invitations`); every answer is checked against Clerk's
 * spec. Signing up with their tickets: frontend-api/application-invitation-tickets.test.ts.
 */
const server = useSeededEmulator();
const DAY_MS = 24 * 60 * 60 * 1000;
let clerk: ClerkClient;

beforeEach(() => {
  clerk = backendClientFor(server);
});

const ticketOf = (url: string | null | undefined) => new URL(url!).searchParams.get('__clerk_ticket');

describe('creating an invitation', () => {
  it("answers a pending invitation whose url is the app's sign-up page with a signed ticket, and emails the link", async () => {
    const invitation = await clerk.invitations.createInvitation({ emailAddress: 'New@Example.com', publicMetadata: { role: 'moderator' } });
    expect(invitation).toMatchObject({ emailAddress: 'new@example.com', status: 'pending', revoked: false, publicMetadata: { role: 'moderator' } });
    const url = new URL(invitation.url!);
    expect(`${url.origin}${url.pathname}`).toBe(`${TEST_SPA_ORIGIN}/sign-up`);
    expect(url.searchParams.get('__clerk_status')).toBe('sign_up');
    expect(ticketOf(invitation.url)!.split('.')).toHaveLength(3);
    expect(server.inbox.messages('new@example.com')).toMatchObject([{ kind: 'application_invitation', link: invitation.url }]);
    const stored = server.store.applicationInvitationById(invitation.id)!;
    expect(stored.expiresAt - stored.createdAt).toBe(30 * DAY_MS);
  });

  it('takes redirect_url and expires_in_days, and sends no email with notify: false', async () => {
    const invitation = await clerk.invitations.createInvitation({
      emailAddress: 'quiet@example.com',
      redirectUrl: 'https://app.example.com/accept?from=mail',
      expiresInDays: 2,
      notify: false,
    });
    const url = new URL(invitation.url!);
    expect(`${url.origin}${url.pathname}${url.searchParams.get('from')}`).toBe('https://app.example.com/acceptmail');
    expect(ticketOf(invitation.url)).toBeTruthy();
    const stored = server.store.applicationInvitationById(invitation.id)!;
    expect(stored.expiresAt - stored.createdAt).toBe(2 * DAY_MS);
    expect(server.inbox.messages('quiet@example.com')).toEqual([]);
  });

  it('refuses an address with an account (422 form_identifier_exists) unless ignore_existing, then links to sign-in', async () => {
    const member = localAccount('member').emailAddress;
    expect(await clerkError(clerk.invitations.createInvitation({ emailAddress: member }))).toEqual({ status: 422, code: 'form_identifier_exists' });
    const invitation = await clerk.invitations.createInvitation({ emailAddress: member, ignoreExisting: true });
    expect(new URL(invitation.url!).pathname).toBe('/sign-in');
    expect(new URL(invitation.url!).searchParams.get('__clerk_status')).toBe('sign_in');
  });

  it('refuses a second pending invitation to an address (400 duplicate_record) unless ignore_existing', async () => {
    const first = await clerk.invitations.createInvitation({ emailAddress: 'twice@example.com' });
    const again = await fetch(`${server.url}/v1/invitations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.keys.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email_address: 'twice@example.com' }),
    });
    expect(again.status).toBe(400);
    expect(((await again.json()) as { errors: unknown[] }).errors[0]).toMatchObject({
      code: 'duplicate_record',
      meta: { email_addresses: ['twice@example.com'] },
    });
    const second = await clerk.invitations.createInvitation({ emailAddress: 'twice@example.com', ignoreExisting: true });
    expect(second.id).not.toBe(first.id);
    await clerk.invitations.revokeInvitation(first.id);
    await clerk.invitations.revokeInvitation(second.id);
    expect((await clerk.invitations.createInvitation({ emailAddress: 'twice@example.com' })).status).toBe('pending');
  });

  it('refuses a malformed address or an unknown parameter with 422', async () => {
    expect(await clerkError(clerk.invitations.createInvitation({ emailAddress: 'nope' }))).toEqual({
      status: 422,
      code: 'form_param_format_invalid',
    });
    const unknown = clerk.invitations.createInvitation({ emailAddress: 'x@example.com', role: 'admin' } as never);
    expect(await clerkError(unknown)).toEqual({ status: 422, code: 'form_param_unknown' });
  });
});

describe('creating invitations in bulk', () => {
  it('invites each address, or none when one is refused; an account is refused even with ignore_existing', async () => {
    const invitations = await clerk.invitations.createInvitationBulk([
      { emailAddress: 'a@example.com' },
      { emailAddress: 'b@example.com', notify: false },
    ]);
    expect(invitations.map((invitation) => invitation.emailAddress)).toEqual(['a@example.com', 'b@example.com']);
    expect(server.inbox.messages().map((message) => message.to)).toEqual(['a@example.com']);

    const pending = clerk.invitations.createInvitationBulk([{ emailAddress: 'c@example.com' }, { emailAddress: 'a@example.com' }]);
    expect(await clerkError(pending)).toEqual({ status: 400, code: 'duplicate_record' });
    const repeated = clerk.invitations.createInvitationBulk([{ emailAddress: 'c@example.com' }, { emailAddress: 'C@example.com' }]);
    expect(await clerkError(repeated)).toEqual({ status: 400, code: 'duplicate_record' });
    const account = [{ emailAddress: 'c@example.com' }, { emailAddress: localAccount('admin').emailAddress, ignoreExisting: true }];
    expect(await clerkError(clerk.invitations.createInvitationBulk(account))).toEqual({ status: 422, code: 'form_identifier_exists' });
    expect(server.store.data.applicationInvitations).toHaveLength(2);
  });
});

describe('listing invitations', () => {
  it('lists the non-revoked ones newest first, filters by status and query, orders and pages', async () => {
    const [carol, alice, bob] = await clerk.invitations.createInvitationBulk(
      ['carol', 'alice', 'bob'].map((name) => ({ emailAddress: `${name}@example.com` })),
    );
    let created = 1_800_000_000_000;
    for (const invitation of [carol!, alice!, bob!]) server.store.applicationInvitationById(invitation.id)!.createdAt = created += 1000;
    await clerk.invitations.revokeInvitation(bob!.id);
    const emails = (list: { data: { emailAddress: string }[] }) => list.data.map((invitation) => invitation.emailAddress);

    const all = await clerk.invitations.getInvitationList();
    expect({ emails: emails(all), total: all.totalCount }).toEqual({ emails: ['alice@example.com', 'carol@example.com'], total: 2 });
    expect(emails(await clerk.invitations.getInvitationList({ status: 'revoked' }))).toEqual(['bob@example.com']);
    expect(emails(await clerk.invitations.getInvitationList({ query: 'CAR' }))).toEqual(['carol@example.com']);
    expect(emails(await clerk.invitations.getInvitationList({ query: alice!.id }))).toEqual(['alice@example.com']);
    const page = await clerk.invitations.getInvitationList({ orderBy: '+email_address', limit: 1, offset: 1 });
    expect({ emails: emails(page), total: page.totalCount }).toEqual({ emails: ['carol@example.com'], total: 2 });
    const badOrder = clerk.invitations.getInvitationList({ orderBy: '-updated_at' as '-created_at' });
    expect(await clerkError(badOrder)).toEqual({ status: 422, code: 'form_param_value_invalid' });
  });

  it("answers Clerk's bare array when not asked for paginated results", async () => {
    await clerk.invitations.createInvitation({ emailAddress: 'bare@example.com' });
    const answer = await fetch(`${server.url}/v1/invitations?status=pending`, { headers: { authorization: `Bearer ${server.keys.secretKey}` } });
    expect(await answer.json()).toEqual([expect.objectContaining({ object: 'invitation', email_address: 'bare@example.com' })]);
  });
});

describe('revoking an invitation', () => {
  it('revokes a pending one once; an unknown id is 404', async () => {
    const invitation = await clerk.invitations.createInvitation({ emailAddress: 'gone@example.com' });
    expect(await clerk.invitations.revokeInvitation(invitation.id)).toMatchObject({ id: invitation.id, status: 'revoked', revoked: true });
    expect(await clerkError(clerk.invitations.revokeInvitation(invitation.id))).toEqual({ status: 400, code: 'invitation_already_revoked' });
    expect(await clerkError(clerk.invitations.revokeInvitation('inv_nope'))).toEqual({ status: 404, code: 'resource_not_found' });
  });

  it('keeps invitations across a restart', async () => {
    const invitation = await clerk.invitations.createInvitation({ emailAddress: 'kept@example.com', publicMetadata: { plan: 'pro' } });
    await server.restart();
    expect(server.store.applicationInvitationById(invitation.id)).toMatchObject({
      emailAddress: 'kept@example.com',
      status: 'pending',
      publicMetadata: { plan: 'pro' },
      url: invitation.url,
    });
  });
});
