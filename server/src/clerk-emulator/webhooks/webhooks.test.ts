import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createClerkClient, type ClerkClient } from '@clerk/express';
import { Secret, TOTP } from 'otpauth';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_SEED_PASSWORD, LOCAL_VERIFICATION_CODE } from '#shared/local-clerk';
import { fapiBrowser } from '../../testing/fapi-browser.ts';
import { loadOrCreateWebhookSigningSecret, publishableKeyFor } from '../../common/local-keys.ts';
import { SEED_USERS } from '../store/seed.ts';
import {
  copyDataDir,
  useSeededTemplate,
  makeTempDataDir,
  startTestEmulator,
  TEST_SPA_ORIGIN,
  type TestEmulator,
} from '../../testing/test-emulator.ts';
import { OUTBOX_FILE } from './outbox.ts';
import { startWebhookTestReceiver, type WebhookTestReceiver } from '../../testing/webhook-test-receiver.ts';

/**
 * The emulator's webhooks end to end: changes made through the Frontend API
 * (as clerk-js makes them) and the Backend API (as clerkClient makes them)
 * reach a receiver that verifies them with Clerk's own `verifyWebhook`.
 */
const templateDir = useSeededTemplate();
let temp: ReturnType<typeof copyDataDir>;
let receiver: WebhookTestReceiver;
let server: TestEmulator;
let clerk: ClerkClient;
const browser = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);

async function startServer(): Promise<void> {
  server = await startTestEmulator(temp.dataDir, {
    webhooks: { url: receiver.url, secret: receiver.secret, retryDelaysMs: [50, 50, 50, 50, 50, 50, 50, 50], attemptTimeoutMs: 1_000 },
  });
  clerk = createClerkClient({
    secretKey: server.keys.secretKey,
    apiUrl: server.url,
    publishableKey: publishableKeyFor(server.url),
    telemetry: { disabled: true },
  });
}

beforeEach(async () => {
  temp = copyDataDir(templateDir());
  receiver = await startWebhookTestReceiver(loadOrCreateWebhookSigningSecret(temp.dataDir));
  await startServer();
  await browser.start();
});

afterEach(async () => {
  await server.close();
  await receiver.close();
  temp.remove();
});

const seeded = (key: string) => SEED_USERS.find((user) => user.key === key)!;
const types = () => receiver.accepted.map((received) => received.event.type);
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

describe('webhooks from the emulator', () => {
  it('sends user.created for a sign-up, with the Backend API user (private metadata too) and the request', async () => {
    const created = await browser.call('POST', '/client/sign_ups', {
      email_address: 'new+clerk_test@example.com',
      password: 'a-long-password',
      first_name: 'New',
    });
    await browser.call('POST', `/client/sign_ups/${created.body.response.id}/attempt_verification`, {
      strategy: 'email_code',
      code: LOCAL_VERIFICATION_CODE,
    });
    const [received] = await receiver.waitForAccepted(1);
    const user = server.store.userByEmail('new+clerk_test@example.com')!;
    expect(received!.event).toMatchObject({
      type: 'user.created',
      object: 'event',
      instance_id: server.keys.kid,
      data: {
        object: 'user',
        id: user.id,
        first_name: 'New',
        email_addresses: [{ email_address: 'new+clerk_test@example.com' }],
        private_metadata: {},
      },
      event_attributes: { http_request: { client_ip: '127.0.0.1', user_agent: expect.any(String) } },
    });
    expect(received!.event.timestamp).toBeGreaterThan(Date.now() - 10_000);
    // The sign-in that completes a sign-up changes only activity fields: no user.updated.
    await settle();
    expect(types()).toEqual(['user.created']);
  });

  it('sends user.updated for a rename, and for metadata written through the Backend API; nothing for sign-ins and tokens', async () => {
    const member = seeded('member');
    await browser.signIn(member.emailAddress, LOCAL_SEED_PASSWORD);
    await browser.call('POST', `/client/sessions/${browser.sessionId}/tokens`, {});
    await browser.call('PATCH', '/me', { first_name: 'Alan M.' });
    const id = server.store.userByEmail(member.emailAddress)!.id;
    await clerk.users.updateUserMetadata(id, { publicMetadata: { role: 'moderator' } });
    const [renamed, promoted] = await receiver.waitForAccepted(2);
    expect(renamed!.event).toMatchObject({ type: 'user.updated', data: { id, first_name: 'Alan M.' } });
    expect(promoted!.event).toMatchObject({
      type: 'user.updated',
      data: { id, public_metadata: { role: 'moderator' }, private_metadata: member.privateMetadata },
    });
    await settle();
    expect(types()).toEqual(['user.updated', 'user.updated']);
  });

  it('sends one user.updated when two-step verification is turned on and one when it is turned off, none for the codes used', async () => {
    const member = seeded('member');
    await browser.signIn(member.emailAddress, LOCAL_SEED_PASSWORD);
    const secret = (await browser.call('POST', '/me/totp')).body.response.secret as string;
    const code = new TOTP({ secret: Secret.fromBase32(secret) }).generate();
    await browser.call('POST', '/me/totp/attempt_verification', { code });
    await browser.call('POST', '/me/backup_codes');
    await browser.call('DELETE', '/me/totp');
    const [enabled, disabled] = await receiver.waitForAccepted(2);
    expect(enabled!.event).toMatchObject({ type: 'user.updated', data: { two_factor_enabled: true, totp_enabled: true, backup_code_enabled: true } });
    expect(enabled!.event.data).toMatchObject({ mfa_enabled_at: expect.any(Number), mfa_disabled_at: null });
    expect(disabled!.event).toMatchObject({ type: 'user.updated', data: { two_factor_enabled: false, mfa_disabled_at: expect.any(Number) } });
    await settle();
    expect(types()).toEqual(['user.updated', 'user.updated']);
  });

  it('sends session.revoked for a session signed out from another device, and session.ended for a sign-out', async () => {
    const member = seeded('member');
    const phone = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
    await phone.start();
    await browser.signIn(member.emailAddress, LOCAL_SEED_PASSWORD);
    const other = await phone.signIn(member.emailAddress, LOCAL_SEED_PASSWORD);
    await browser.call('POST', `/me/sessions/${other}/revoke`);
    await browser.call('POST', `/client/sessions/${browser.sessionId}/end`);
    const [revoked, ended] = await receiver.waitForAccepted(2);
    const userId = server.store.userByEmail(member.emailAddress)!.id;
    expect(revoked!.event).toMatchObject({
      type: 'session.revoked',
      data: { object: 'session', id: other, status: 'revoked', user: { id: userId } },
    });
    expect(ended!.event).toMatchObject({ type: 'session.ended', data: { id: browser.sessionId, status: 'ended', user_id: userId } });
  });

  it('sends session.removed, organizationMembership.deleted and user.deleted when a user deletes their account', async () => {
    const member = server.store.userByEmail(seeded('member').emailAddress)!;
    const memberships = server.store.membershipsOfUser(member.id).map((m) => m.id);
    const session = await browser.signIn(seeded('member').emailAddress, LOCAL_SEED_PASSWORD);
    await browser.call('DELETE', '/me');
    const received = await receiver.waitForAccepted(memberships.length + 2);
    expect(received.map((r) => r.event.type)).toEqual([
      ...memberships.map(() => 'organizationMembership.deleted'),
      'session.removed',
      'user.deleted',
    ]);
    expect(received.at(-2)!.event.data).toMatchObject({ id: session, user_id: member.id, status: 'removed', user: { id: member.id } });
    expect(received.at(-1)!.event.data).toEqual({ id: member.id, object: 'user', deleted: true });
  });

  it('sends organization and membership events for create, update, role change, removal and delete', async () => {
    const admin = seeded('admin');
    const outsider = server.store.userByEmail(seeded('outsider').emailAddress)!;
    await browser.signIn(admin.emailAddress, LOCAL_SEED_PASSWORD);
    const organization = (await browser.call('POST', '/organizations', { name: 'Bletchley Park' })).body.response;
    await browser.call('PATCH', `/organizations/${organization.id}`, { name: 'Bletchley' });
    // A second member, added to the store as the Backend API would: the Frontend API has no invitations locally.
    server.store.update((data) =>
      data.memberships.push({
        id: 'orgmem_second',
        organizationId: organization.id,
        userId: outsider.id,
        role: 'org:member',
        publicMetadata: {},
        privateMetadata: {},
        createdAt: Date.now(),
        updatedAt: Date.now(),
      }),
    );
    await browser.call('PATCH', `/organizations/${organization.id}/memberships/${outsider.id}`, { role: 'org:admin' });
    await browser.call('DELETE', `/organizations/${organization.id}/memberships/${outsider.id}`);
    await browser.call('DELETE', `/organizations/${organization.id}`);
    const received = await receiver.waitForAccepted(8);
    expect(received.map((r) => r.event.type)).toEqual([
      'organization.created',
      'organizationMembership.created',
      'organization.updated',
      'organizationMembership.created',
      'organizationMembership.updated',
      'organizationMembership.deleted',
      'organizationMembership.deleted',
      'organization.deleted',
    ]);
    expect(received[0]!.event.data).toMatchObject({ object: 'organization', id: organization.id, name: 'Bletchley Park', members_count: 1 });
    expect(received[1]!.event.data).toMatchObject({ object: 'organization_membership', role: 'org:admin', organization: { id: organization.id } });
    expect(received[4]!.event.data).toMatchObject({ role: 'org:admin', public_user_data: { user_id: outsider.id } });
    // A deleted membership is described as it was, with its organization.
    expect(received[5]!.event.data).toMatchObject({ id: 'orgmem_second', organization: { id: organization.id, name: 'Bletchley' } });
    expect(received[7]!.event.data).toEqual({ id: organization.id, object: 'organization', deleted: true });
  });

  it('sends organizationMembership.deleted for each membership, then user.deleted, when the Backend API deletes a user', async () => {
    const member = server.store.userByEmail(seeded('member').emailAddress)!;
    const [membership] = server.store.membershipsOfUser(member.id);
    await clerk.users.deleteUser(member.id);
    const received = await receiver.waitForAccepted(2);
    expect(received.map((r) => r.event)).toMatchObject([
      { type: 'organizationMembership.deleted', data: { id: membership!.id, public_user_data: { user_id: member.id } } },
      { type: 'user.deleted', data: { id: member.id, object: 'user', deleted: true } },
    ]);
    await settle();
    expect(types()).toHaveLength(2);
  });

  it('sends a deleted event for each membership, then organization.deleted, when the Backend API deletes an organization', async () => {
    const acme = server.store.organizationByIdOrSlug('acme')!;
    const memberships = server.store.membershipsOfOrganization(acme.id).map((m) => m.id);
    await clerk.organizations.deleteOrganization(acme.id);
    const received = await receiver.waitForAccepted(memberships.length + 1);
    expect(received.map((r) => r.event.type)).toEqual([...memberships.map(() => 'organizationMembership.deleted'), 'organization.deleted']);
    expect(received.slice(0, -1).map((r) => r.event.data.id)).toEqual(memberships);
    expect(received.at(-1)!.event.data).toEqual({ id: acme.id, object: 'organization', deleted: true });
  });

  it("announces the first start's seed: its users, organizations and memberships as created", async () => {
    const fresh = makeTempDataDir();
    try {
      const first = await startTestEmulator(fresh.dataDir, { webhooks: { url: receiver.url, secret: receiver.secret } });
      const received = await receiver.waitForAccepted(12);
      // The receiver has answered; the sender may not have read the last answer yet.
      for (let i = 0; i < 100 && first.webhooks!.outbox.size > 0; i++) await settle();
      await first.close();
      expect(received.map((r) => r.event.type)).toEqual([
        ...Array(5).fill('user.created'),
        ...Array(2).fill('organization.created'),
        ...Array(5).fill('organizationMembership.created'),
      ]);
      expect(
        received.slice(0, 5).map((r) => (r.event.data as { email_addresses: { email_address: string }[] }).email_addresses[0]!.email_address),
      ).toEqual(SEED_USERS.map((user) => user.emailAddress));
      // A restart over the same folder announces nothing again.
      const second = await startTestEmulator(fresh.dataDir, { webhooks: { url: receiver.url, secret: receiver.secret } });
      await settle();
      await second.close();
      expect(receiver.accepted).toHaveLength(12);
    } finally {
      fresh.remove();
    }
  });

  it('delivers the seed to a receiver that starts 1.5 s after a first start, with one log line', async () => {
    const fresh = makeTempDataDir();
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    await receiver.down();
    // The default schedules, as `npm run dev` has them: refused connections retried after 1 s and 2 s.
    const first = await startTestEmulator(fresh.dataDir, {
      webhooks: { url: receiver.url, secret: receiver.secret, logger: pino({ level: 'info' }, sink) },
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await receiver.up();
      const received = await receiver.waitForAccepted(12);
      for (let i = 0; i < 100 && first.webhooks!.outbox.size > 0; i++) await settle();
      expect(first.webhooks!.outbox.size).toBe(0);
      expect(new Set(received.map((r) => r.svixId)).size).toBe(12);
      expect(lines).toEqual([expect.objectContaining({ level: 30, msg: `waiting for the webhook receiver at ${receiver.url}` })]);
    } finally {
      await first.close();
      fresh.remove();
    }
  });

  it('keeps a change whose webhooks cannot be recorded, and logs one error', async () => {
    const other = copyDataDir(templateDir());
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    const broken = await startTestEmulator(other.dataDir, {
      webhooks: { url: receiver.url, secret: receiver.secret, logger: pino({ level: 'warn' }, sink) },
    });
    try {
      // A folder where the outbox file belongs: writing the outbox fails.
      mkdirSync(join(other.dataDir, OUTBOX_FILE, 'blocker'), { recursive: true });
      const otherBrowser = fapiBrowser(() => broken.url, TEST_SPA_ORIGIN);
      await otherBrowser.start();
      await otherBrowser.signIn(seeded('member').emailAddress, LOCAL_SEED_PASSWORD);
      expect((await otherBrowser.call('PATCH', '/me', { first_name: 'Kept' })).status).toBe(200);
      expect(broken.store.userByEmail(seeded('member').emailAddress)!.firstName).toBe('Kept');
      expect(lines).toEqual([expect.objectContaining({ level: 50, msg: 'webhooks for a change could not be recorded' })]);
    } finally {
      await broken.close();
      other.remove();
    }
  });

  it('delivers after the receiver comes back, each event once and in order', async () => {
    await receiver.down();
    await browser.signIn(seeded('member').emailAddress, LOCAL_SEED_PASSWORD);
    for (const name of ['One', 'Two', 'Three']) await browser.call('PATCH', '/me', { first_name: name });
    await settle();
    await receiver.up();
    const received = await receiver.waitForAccepted(3);
    expect(received.map((r) => (r.event.data as { first_name: string }).first_name)).toEqual(['One', 'Two', 'Three']);
    expect(new Set(received.map((r) => r.svixId)).size).toBe(3);
  });

  it('delivers after a restart what the previous run could not', async () => {
    await receiver.down();
    await browser.signIn(seeded('member').emailAddress, LOCAL_SEED_PASSWORD);
    await browser.call('PATCH', '/me', { first_name: 'Before restart' });
    await settle();
    await server.close();
    await receiver.up();
    await startServer();
    const [received] = await receiver.waitForAccepted(1);
    expect(received!.event).toMatchObject({ type: 'user.updated', data: { first_name: 'Before restart' } });
  });
});
