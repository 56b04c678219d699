import { beforeEach, describe, expect, it } from 'vitest';
import type { ClerkClient } from '@clerk/express';
import { TEST_SPA_ORIGIN, backendClientFor, useSeededEmulator } from '../../testing/test-emulator.ts';
import { clerkError } from '../../testing/clerk-api-error.ts';

/** Waitlist entries through Clerk's own SDK (`clerkClient.waitlistEntries`); every answer is checked against Clerk's spec. */
const server = useSeededEmulator();
let clerk: ClerkClient;

beforeEach(() => {
  clerk = backendClientFor(server);
});

describe('waitlist entries', () => {
  it('create adds a pending entry, answers the same entry for the same address, and refuses a malformed address', async () => {
    const entry = await clerk.waitlistEntries.create({ emailAddress: 'Wait@Example.com', notify: false });
    expect(entry).toMatchObject({ emailAddress: 'wait@example.com', status: 'pending', isLocked: false, invitation: null });
    expect((await clerk.waitlistEntries.create({ emailAddress: 'wait@example.com' })).id).toBe(entry.id);
    expect(await clerkError(clerk.waitlistEntries.create({ emailAddress: 'nope' }))).toEqual({ status: 422, code: 'form_param_format_invalid' });
    expect((await clerk.waitlistEntries.list()).totalCount).toBe(1);
  });

  it('createBulk adds each address, or none when one is malformed or given twice', async () => {
    const entries = await clerk.waitlistEntries.createBulk([{ emailAddress: 'a@example.com' }, { emailAddress: 'b@example.com', notify: false }]);
    expect(entries.map((entry) => entry.emailAddress)).toEqual(['a@example.com', 'b@example.com']);
    const twice = clerk.waitlistEntries.createBulk([{ emailAddress: 'c@example.com' }, { emailAddress: 'C@example.com' }]);
    expect(await clerkError(twice)).toEqual({ status: 422, code: 'form_param_value_invalid' });
    const malformed = clerk.waitlistEntries.createBulk([{ emailAddress: 'd@example.com' }, { emailAddress: 'bad' }]);
    expect(await clerkError(malformed)).toEqual({ status: 422, code: 'form_param_format_invalid' });
    expect((await clerk.waitlistEntries.list()).totalCount).toBe(2);
  });

  it('list filters by query and status, orders by order_by (newest first by default) and pages', async () => {
    let now = 1_800_000_000_000;
    server.store.data.waitlistEntries.push(
      ...['carol', 'alice', 'bob'].map((name) => ({
        id: `wle_${name}`,
        emailAddress: `${name}@example.com`,
        status: 'pending' as const,
        invitedAt: null,
        createdAt: (now += 1000),
        updatedAt: now,
      })),
    );
    await clerk.waitlistEntries.reject('wle_bob');
    const emails = (list: { data: { emailAddress: string }[] }) => list.data.map((entry) => entry.emailAddress);
    expect(emails(await clerk.waitlistEntries.list())).toEqual(['bob@example.com', 'alice@example.com', 'carol@example.com']);
    expect(emails(await clerk.waitlistEntries.list({ orderBy: '+email_address', limit: 2, offset: 1 }))).toEqual([
      'bob@example.com',
      'carol@example.com',
    ]);
    expect(emails(await clerk.waitlistEntries.list({ query: 'ALI' }))).toEqual(['alice@example.com']);
    expect(emails(await clerk.waitlistEntries.list({ query: 'wle_carol' }))).toEqual(['carol@example.com']);
    const rejected = await clerk.waitlistEntries.list({ status: 'rejected' });
    expect({ emails: emails(rejected), total: rejected.totalCount }).toEqual({ emails: ['bob@example.com'], total: 1 });
    const badOrder = clerk.waitlistEntries.list({ orderBy: '-updated_at' as '-created_at' });
    expect(await clerkError(badOrder)).toEqual({ status: 422, code: 'form_param_value_invalid' });
  });

  it('invite marks the entry invited with a new application invitation, whose ticket link goes to the inbox', async () => {
    const entry = await clerk.waitlistEntries.create({ emailAddress: 'invitee@example.com' });
    const invited = await clerk.waitlistEntries.invite(entry.id);
    expect(invited).toMatchObject({ id: entry.id, status: 'invited', invitation: { emailAddress: 'invitee@example.com', status: 'pending' } });
    expect(server.store.waitlistEntryById(entry.id)).toMatchObject({ invitedAt: expect.any(Number), invitationId: invited.invitation!.id });
    expect(invited.invitation!.url).toMatch(new RegExp(`^${TEST_SPA_ORIGIN}/sign-up\\?__clerk_ticket=`));
    expect(server.inbox.messages('invitee@example.com')).toMatchObject([{ kind: 'waitlist_invitation', link: invited.invitation!.url }]);
    expect(await clerkError(clerk.waitlistEntries.invite(entry.id))).toEqual({ status: 409, code: 'duplicate_record' });
    const again = await clerk.waitlistEntries.invite(entry.id, { ignoreExisting: true });
    expect(again).toMatchObject({ status: 'invited', invitation: { status: 'pending' } });
    expect(again.invitation!.id).not.toBe(invited.invitation!.id);
    expect(server.inbox.messages('invitee@example.com')).toHaveLength(2);
  });

  it('invite refuses an address that has an account unless told to ignore it', async () => {
    const entry = await clerk.waitlistEntries.create({ emailAddress: 'member@example.com' });
    expect(await clerkError(clerk.waitlistEntries.invite(entry.id))).toEqual({ status: 409, code: 'duplicate_record' });
    expect(await clerk.waitlistEntries.invite(entry.id, { ignoreExisting: true })).toMatchObject({ status: 'invited' });
  });

  it('reject marks a pending or invited entry rejected, revoking its invitation; a rejected entry can still be invited', async () => {
    const entry = await clerk.waitlistEntries.create({ emailAddress: 'no@example.com' });
    expect(await clerk.waitlistEntries.reject(entry.id)).toMatchObject({ status: 'rejected' });
    expect(await clerk.waitlistEntries.reject(entry.id)).toMatchObject({ status: 'rejected' });
    expect(await clerk.waitlistEntries.invite(entry.id)).toMatchObject({ status: 'invited' });
    expect(await clerk.waitlistEntries.reject(entry.id)).toMatchObject({ status: 'rejected', invitation: { status: 'revoked', revoked: true } });
    expect(await clerk.waitlistEntries.invite(entry.id)).toMatchObject({ status: 'invited', invitation: { status: 'pending' } });
  });

  it('delete removes a pending entry only; an unknown id is 404 for every operation', async () => {
    const pending = await clerk.waitlistEntries.create({ emailAddress: 'gone@example.com' });
    expect(await clerk.waitlistEntries.delete(pending.id)).toMatchObject({ id: pending.id, deleted: true });
    expect(server.store.waitlistEntryById(pending.id)).toBeUndefined();
    const rejected = await clerk.waitlistEntries.create({ emailAddress: 'kept@example.com' });
    await clerk.waitlistEntries.reject(rejected.id);
    expect(await clerkError(clerk.waitlistEntries.delete(rejected.id))).toEqual({ status: 409, code: 'waitlist_entry_status_invalid' });
    for (const call of [
      clerk.waitlistEntries.delete(pending.id),
      clerk.waitlistEntries.invite(pending.id),
      clerk.waitlistEntries.reject(pending.id),
    ]) {
      expect(await clerkError(call)).toEqual({ status: 404, code: 'resource_not_found' });
    }
  });

  it('keeps the entries across a restart', async () => {
    const entry = await clerk.waitlistEntries.create({ emailAddress: 'kept@example.com' });
    await server.restart();
    expect(server.store.waitlistEntryById(entry.id)).toMatchObject({ emailAddress: 'kept@example.com', status: 'pending' });
  });
});
