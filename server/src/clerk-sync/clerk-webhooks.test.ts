import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiErrorBodySchema } from '#shared/api-error';
import { idempotencyKeys, organizations, posts, users, webhookEvents } from '../db/schema.ts';
import { OPEN_TIMEOUT_MS, openTestDatabase, queryRows, type TestDatabase } from '../testing/test-database.ts';
import { createAuthFixtures } from '../testing/auth-fixtures.ts';
import { clerkEvent, clerkOrganization, clerkUser, deletedData } from '../testing/clerk-events.ts';
import { send, type Reply } from '../testing/http.ts';
import { startApp, type StartedApp } from '../testing/start-app.ts';
import { newSvixId, newWebhookSecret, nowSeconds, svixHeaders } from '../testing/svix.ts';

/** POST /api/webhooks/clerk: every answer, and what the database holds after it. */
const secret = newWebhookSecret();
const auth = createAuthFixtures();
let database: TestDatabase;
let app: StartedApp;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await startApp(auth.clerkOptions(), { database, webhookSigningSecret: secret });
}, OPEN_TIMEOUT_MS);
afterAll(async () => {
  await app?.close();
  await database?.close();
});
beforeEach(async () => {
  await database.db.delete(posts);
  await database.db.delete(idempotencyKeys);
  await database.db.delete(users);
  await database.db.delete(organizations);
  await database.db.delete(webhookEvents);
});

interface DeliveryOptions {
  id?: string;
  timestamp?: number;
  signWith?: string;
  /** Replaces the signed body on the wire (a forgery). */
  sentBody?: string;
  dropHeader?: string;
}

function deliver(event: unknown, options: DeliveryOptions = {}): Promise<Reply> {
  const body = typeof event === 'string' ? event : JSON.stringify(event);
  const headers = svixHeaders(options.signWith ?? secret, { id: options.id ?? newSvixId(), timestamp: options.timestamp ?? nowSeconds(), body });
  if (options.dropHeader) Reflect.deleteProperty(headers, options.dropHeader);
  return send(app.baseUrl, '/api/webhooks/clerk', { method: 'POST', headers, body: options.sentBody ?? body });
}

const T1 = Date.UTC(2026, 0, 1);
const T2 = T1 + 60_000;
const ada = (updatedAt: number, firstName = 'Ada') =>
  clerkUser({ id: 'user_ada', first_name: firstName, last_name: 'Lovelace', created_at: T1, updated_at: updatedAt });

async function storedUser(id = 'user_ada') {
  const [row] = await database.db.select().from(users).where(eq(users.id, id));
  return row;
}

async function deliveriesRecorded(): Promise<number> {
  return (await database.db.select().from(webhookEvents)).length;
}

async function writePost(authorId: string, organizationId: string | null, title = 'A post') {
  await database.db.insert(posts).values({ authorId, organizationId, title });
}

function expectError(reply: Reply, status: number, code: string) {
  expect(reply.status).toBe(status);
  expect(ApiErrorBodySchema.parse(reply.json).error.code).toBe(code);
}

describe('a verified delivery', () => {
  it('answers 200 once user.created is stored, with the display fields only (no email, no metadata)', async () => {
    const reply = await deliver(clerkEvent('user.created', ada(T1)));
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ received: true, outcome: 'applied' });
    expect(await storedUser()).toMatchObject({
      firstName: 'Ada',
      lastName: 'Lovelace',
      imageUrl: 'https://img.example.test/user_ada.png',
      clerkUpdatedAt: new Date(T1),
      deletedAt: null,
    });
    const [row] = await queryRows<Record<string, unknown>>(database, sql`select * from users`);
    expect(JSON.stringify(row)).not.toMatch(/example\.test\.?"|@|never-stored/);
    expect(await deliveriesRecorded()).toBe(1);
  });

  it('keeps organizations by name and slug, and renames them on organization.updated', async () => {
    await deliver(clerkEvent('organization.created', clerkOrganization({ id: 'org_acme', name: 'Acme', updated_at: T1 })));
    await deliver(clerkEvent('organization.updated', clerkOrganization({ id: 'org_acme', name: 'Acme Ltd', updated_at: T2 })));
    const [row] = await database.db.select().from(organizations);
    expect(row).toMatchObject({ id: 'org_acme', name: 'Acme Ltd', slug: 'acme-ltd', deletedAt: null });
    expect(JSON.stringify(row)).not.toContain('never-stored');
  });

  it('answers 200 to event types it does not act on, records them, and changes nothing else', async () => {
    const membership = { object: 'organization_membership', id: 'orgmem_1', role: 'org:member' };
    const reply = await deliver(clerkEvent('organizationMembership.created', membership));
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ received: true, outcome: 'ignored' });
    expect(await deliveriesRecorded()).toBe(1);
    expect(await database.db.select().from(users)).toEqual([]);
  });
});

describe('a delivery that is not verifiably Clerk’s', () => {
  it('answers 400 to a body changed after signing, and stores nothing', async () => {
    const signed = JSON.stringify(clerkEvent('user.created', ada(T1)));
    const reply = await deliver(signed, { sentBody: signed.replace('Ada', 'Eve') });
    expectError(reply, 400, 'invalid_webhook');
    expect(await storedUser()).toBeUndefined();
    expect(await deliveriesRecorded()).toBe(0);
  });

  it('answers 400 to a delivery signed with another secret', async () => {
    expectError(await deliver(clerkEvent('user.created', ada(T1)), { signWith: newWebhookSecret() }), 400, 'invalid_webhook');
    expect(await storedUser()).toBeUndefined();
  });

  it.each([
    ['stale (6 minutes old)', -360],
    ['from the future (6 minutes ahead)', 360],
  ])('answers 400 to a correctly signed delivery whose timestamp is %s', async (_name, offset) => {
    expectError(await deliver(clerkEvent('user.created', ada(T1)), { timestamp: nowSeconds() + offset }), 400, 'invalid_webhook');
    expect(await storedUser()).toBeUndefined();
  });

  it.each(['svix-id', 'svix-timestamp', 'svix-signature'])('answers 400 without the %s header', async (header) => {
    expectError(await deliver(clerkEvent('user.created', ada(T1)), { dropHeader: header }), 400, 'invalid_webhook');
    expect(await storedUser()).toBeUndefined();
    expect(await deliveriesRecorded()).toBe(0);
  });

  it('answers 400 to a signed event whose data is not a user, and stores nothing (not even its id)', async () => {
    const reply = await deliver(clerkEvent('user.created', { id: 'user_ada', object: 'user' }));
    expectError(reply, 400, 'invalid_webhook');
    expect(await storedUser()).toBeUndefined();
    expect(await deliveriesRecorded()).toBe(0);
  });

  it('answers 413 to a body over 256 kB before verifying it, and stores nothing', async () => {
    const huge = clerkEvent('user.created', { ...ada(T1), unsafe_metadata: { padding: 'x'.repeat(260 * 1024) } });
    const reply = await deliver(huge);
    expectError(reply, 413, 'payload_too_large');
    // The route's own limit, not the JSON parser's 100 kB.
    expect(reply.json).toMatchObject({ error: { message: expect.stringContaining('at most 256 kB') } });
    expect(await storedUser()).toBeUndefined();
  });

  it('never writes the signing secret to the logs', async () => {
    await deliver(clerkEvent('user.created', ada(T1)), { signWith: newWebhookSecret() });
    await deliver(clerkEvent('user.created', ada(T1)));
    expect(app.logText()).not.toContain(secret.slice('whsec_'.length));
  });
});

describe('data validated before it reaches SQL', () => {
  it('stores a name with a NUL and other control characters without them (200, never 500)', async () => {
    const reply = await deliver(clerkEvent('user.created', { ...ada(T1, 'A\u0000d\u0007a\u001b'), username: 'ada\u0000l' }));
    expect(reply.status).toBe(200);
    expect(await storedUser()).toMatchObject({ firstName: 'Ada', username: 'adal' });
  });

  it('stores a 200,000-character first_name cut to Clerk’s 256 characters', async () => {
    const reply = await deliver(clerkEvent('user.created', ada(T1, 'A'.repeat(200_000))));
    expect(reply.status).toBe(200);
    expect((await storedUser())?.firstName).toBe('A'.repeat(256));
  });

  it('cuts organization names and slugs the same way, without control characters', async () => {
    const organization = clerkOrganization({
      id: 'org_acme',
      name: `Acme\u0000 ${'x'.repeat(300)}`,
      slug: `acme\u0000${'-'.repeat(300)}`,
      updated_at: T1,
    });
    expect((await deliver(clerkEvent('organization.created', organization))).status).toBe(200);
    const [row] = await database.db.select().from(organizations).where(eq(organizations.id, 'org_acme'));
    expect(row?.name).toBe(`Acme ${'x'.repeat(251)}`);
    expect(row?.slug).toHaveLength(256);
    expect(row?.slug).not.toContain('\u0000');
  });

  it.each<[string, object]>([
    ['an updated_at of 9e15 (past the last Date)', { updated_at: 9e15 }],
    ['an updated_at a year ahead (it would block every later update)', { updated_at: Date.now() + 366 * 86_400_000 }],
    ['a created_at of 9e15', { created_at: 9e15 }],
    ['an id with a NUL', { id: 'user_\u0000ada' }],
  ])('answers 400 invalid_webhook to %s, logs it once with its svix-id, and stores nothing', async (_name, change) => {
    const svixId = newSvixId();
    const reply = await deliver(clerkEvent('user.updated', { ...ada(T1), ...change }), { id: svixId });
    expectError(reply, 400, 'invalid_webhook');
    expect(await storedUser()).toBeUndefined();
    expect(await deliveriesRecorded()).toBe(0);
    const logged = app.logs.filter((line) => JSON.stringify(line).includes(svixId) && line.level === 40);
    expect(logged).toHaveLength(1);
  });
});

describe('redelivery and order', () => {
  it('applies a replayed svix-id once: the second delivery is a duplicate even with newer data', async () => {
    const id = newSvixId();
    expect((await deliver(clerkEvent('user.updated', ada(T1)), { id })).json).toMatchObject({ outcome: 'applied' });
    // Svix signs each attempt anew; the id is what marks a redelivery.
    const again = await deliver(clerkEvent('user.updated', ada(T2, 'Augusta')), { id });
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ received: true, outcome: 'duplicate' });
    expect(await storedUser()).toMatchObject({ firstName: 'Ada', clerkUpdatedAt: new Date(T1) });
    expect(await deliveriesRecorded()).toBe(1);
  });

  it('changes nothing when the same version arrives again under a new svix-id', async () => {
    await deliver(clerkEvent('user.created', ada(T1)));
    const before = await storedUser();
    const reply = await deliver(clerkEvent('user.created', ada(T1)));
    expect(reply.json).toEqual({ received: true, outcome: 'unchanged' });
    expect(await storedUser()).toEqual(before);
  });

  it('ends with the newest data when user.updated arrives before user.created', async () => {
    await deliver(clerkEvent('user.updated', ada(T2, 'Augusta')));
    const late = await deliver(clerkEvent('user.created', ada(T1)));
    expect(late.json).toEqual({ received: true, outcome: 'unchanged' });
    expect(await storedUser()).toMatchObject({ firstName: 'Augusta', clerkUpdatedAt: new Date(T2) });
  });

  it('never lets an older user.updated overwrite a newer one', async () => {
    await deliver(clerkEvent('user.updated', ada(T2, 'Augusta')));
    await deliver(clerkEvent('user.updated', ada(T1, 'Ada')));
    expect(await storedUser()).toMatchObject({ firstName: 'Augusta' });
  });
});

describe('deletions', () => {
  it('user.deleted removes their posts (and only theirs) and their recorded answers, and leaves a tombstone without name or picture', async () => {
    await deliver(clerkEvent('user.created', ada(T1)));
    await database.db.insert(idempotencyKeys).values([
      { userId: 'user_ada', key: 'k1', fingerprint: 'f', response: { title: 'A post by Ada Lovelace' } },
      { userId: 'user_grace', key: 'k1', fingerprint: 'f', response: {} },
    ]);
    await writePost('user_ada', null);
    await writePost('user_ada', 'org_acme');
    await writePost('user_grace', 'org_acme');
    const reply = await deliver(clerkEvent('user.deleted', deletedData('user', 'user_ada')));
    expect(reply.json).toEqual({ received: true, outcome: 'applied' });
    expect((await database.db.select().from(posts)).map((post) => post.authorId)).toEqual(['user_grace']);
    expect((await database.db.select().from(idempotencyKeys)).map((row) => row.userId)).toEqual(['user_grace']);
    expect(await storedUser()).toMatchObject({ firstName: null, lastName: null, imageUrl: null, deletedAt: expect.any(Date) });
  });

  it('is final: a later or redelivered created/updated for a deleted user does not bring them back', async () => {
    await deliver(clerkEvent('user.created', ada(T1)));
    await deliver(clerkEvent('user.deleted', deletedData('user', 'user_ada')));
    const tombstone = await storedUser();
    for (const type of ['user.created', 'user.updated']) {
      const reply = await deliver(clerkEvent(type, ada(T2 + 60_000, 'Revived')));
      expect(reply.json).toEqual({ received: true, outcome: 'unchanged' });
    }
    expect(await storedUser()).toEqual(tombstone);
  });

  it('keeps a tombstone for a user deleted before any other event of theirs arrived', async () => {
    await deliver(clerkEvent('user.deleted', deletedData('user', 'user_ada')));
    await deliver(clerkEvent('user.created', ada(T1)));
    expect(await storedUser()).toMatchObject({ firstName: null, deletedAt: expect.any(Date) });
  });

  it('organization.deleted removes the posts filed under it, keeps its members’ personal posts, and is final', async () => {
    await deliver(clerkEvent('organization.created', clerkOrganization({ id: 'org_acme', name: 'Acme', updated_at: T1 })));
    await writePost('user_ada', 'org_acme');
    await writePost('user_ada', null);
    await writePost('user_ada', 'org_globex');
    await deliver(clerkEvent('organization.deleted', deletedData('organization', 'org_acme')));
    await deliver(clerkEvent('organization.updated', clerkOrganization({ id: 'org_acme', name: 'Acme again', updated_at: T2 })));
    expect((await database.db.select().from(posts)).map((post) => post.organizationId).sort()).toEqual(['org_globex', null].sort());
    const [row] = await database.db.select().from(organizations);
    expect(row).toMatchObject({ name: null, deletedAt: expect.any(Date) });
  });
});

describe('configuration and limits', () => {
  it('answers 503 webhooks_not_configured without a signing secret, and stores nothing', async () => {
    const unconfigured = await startApp(auth.clerkOptions(), { database });
    try {
      const body = JSON.stringify(clerkEvent('user.created', ada(T1)));
      const reply = await send(unconfigured.baseUrl, '/api/webhooks/clerk', {
        method: 'POST',
        headers: svixHeaders(secret, { id: newSvixId(), timestamp: nowSeconds(), body }),
        body,
      });
      expectError(reply, 503, 'webhooks_not_configured');
      expect(await storedUser()).toBeUndefined();
    } finally {
      await unconfigured.close();
    }
  });

  it('limits deliveries per IP, in a bucket of their own (429)', async () => {
    const limited = await startApp(auth.clerkOptions(), { database, webhookSigningSecret: secret, rateLimit: { limit: 2, windowMs: 60_000 } });
    try {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 3; attempt++) {
        const body = JSON.stringify(clerkEvent('user.updated', ada(T1 + attempt)));
        const reply = await send(limited.baseUrl, '/api/webhooks/clerk', {
          method: 'POST',
          headers: svixHeaders(secret, { id: newSvixId(), timestamp: nowSeconds(), body }),
          body,
        });
        statuses.push(reply.status);
      }
      expect(statuses).toEqual([200, 200, 429]);
      expect(await storedUser()).toMatchObject({ clerkUpdatedAt: new Date(T1 + 1) });
    } finally {
      await limited.close();
    }
  });
});
