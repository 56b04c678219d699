import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClerkClient, type ClerkClient } from '@clerk/express';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_SEED_PASSWORD, LOCAL_VERIFICATION_CODE } from '#shared/local-clerk';
import { PostPageSchema, PostSchema, type Post } from '#shared/posts';
import { webhookSigningSecretFor, type ClerkOptions } from '../auth/clerk-options.ts';
import { idempotencyKeys, organizations, posts, users, webhookEvents } from '../db/schema.ts';
import { OPEN_TIMEOUT_MS, openTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { loadOrCreateWebhookSigningSecret } from '../common/local-keys.ts';
import { localClerkOptionsFor, makeTempDataDir, startTestEmulator, TEST_SPA_ORIGIN, type TestEmulator } from '../testing/test-emulator.ts';
import { OUTBOX_FILE } from '../clerk-emulator/webhooks/outbox.ts';
import { fapiBrowser, type FapiBrowser } from '../testing/fapi-browser.ts';
import { bearer, send, type Reply } from '../testing/http.ts';
import { refusedUrl } from '../testing/listen.ts';
import { startApp, type StartedApp } from '../testing/start-app.ts';

/**
 * Issue 11 end to end: the emulator's webhooks, sent to the API's real
 * receiver on a real port, signed with the secret both read from the
 * emulator's data folder (as in local mode), keep the API's copy of users,
 * and what members see on posts, right. The emulator starts first and
 * announces its seed before the API listens, as on a first `npm run dev`.
 */
let database: TestDatabase;
let data: ReturnType<typeof makeTempDataDir>;
let emulator: TestEmulator;
let clerk: ClerkOptions;
let api: StartedApp | null;
let apiPort: number;
/** Log lines of earlier runs of the API in this test (it is restarted in one). */
let earlierApiLogs: Array<Record<string, unknown>>;

/** Short, so a test outlives a few retries; long enough in total (about 16 s) that a slow machine loses nothing. */
const WEBHOOK_TIMING = { retryDelaysMs: [100, 250, 500, 1_000, 2_000, 4_000, 8_000], refusedRetryDelaysMs: [50, 100], attemptTimeoutMs: 3_000 };
const DELIVERY_DEADLINE_MS = 20_000;

beforeAll(async () => {
  database = await openTestDatabase();
}, OPEN_TIMEOUT_MS);
afterAll(() => database?.close());

beforeEach(async () => {
  for (const table of [posts, idempotencyKeys, users, organizations, webhookEvents]) await database.db.delete(table);
  data = makeTempDataDir();
  apiPort = Number(new URL(await refusedUrl()).port);
  earlierApiLogs = [];
  await startEmulator();
  clerk = localClerkOptionsFor(emulator);
  await startApi();
  await delivered();
}, OPEN_TIMEOUT_MS);

afterEach(async () => {
  await api?.close();
  await emulator.close();
  data.remove();
});

/** As the emulator's main.ts does: the data folder's own secret. */
async function startEmulator(): Promise<void> {
  const secret = loadOrCreateWebhookSigningSecret(data.dataDir);
  emulator = await startTestEmulator(data.dataDir, {
    webhooks: { url: `http://127.0.0.1:${apiPort}/api/webhooks/clerk`, secret, ...WEBHOOK_TIMING },
  });
}

/** As the API's main.ts does in local mode: the secret from the emulator's data folder. */
async function startApi(): Promise<void> {
  const webhookSigningSecret = webhookSigningSecretFor({
    auth: { mode: 'local', emulatorUrl: emulator.url, dataDir: data.dataDir },
    webhookSigningSecret: null,
  });
  api = await startApp(clerk, { database, webhookSigningSecret, port: apiPort });
}

async function stopApi(): Promise<void> {
  earlierApiLogs.push(...api!.logs);
  await api!.close();
  api = null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Until the emulator's outbox is empty: every event answered 2xx by the API (or dropped, which the API's state then shows). */
async function delivered(): Promise<void> {
  const outbox = emulator.webhooks!.outbox;
  const deadline = Date.now() + DELIVERY_DEADLINE_MS;
  while (outbox.size > 0 && Date.now() < deadline) await sleep(20);
  expect(outbox.size, 'webhooks still undelivered').toBe(0);
}

/** What the API logged for each delivery, across its restarts: svix-id and outcome, in arrival order. */
function deliveries(): Array<{ svixId: string; type: string; outcome: string }> {
  return [...earlierApiLogs, ...(api?.logs ?? [])].flatMap((line) =>
    line.webhook && (line.webhook as { outcome?: string }).outcome ? [line.webhook as { svixId: string; type: string; outcome: string }] : [],
  );
}

/** A browser's clerk-js, signed in, with `organization` (a slug) active. */
async function signIn(email: string, organization: string | null): Promise<FapiBrowser> {
  const browser = fapiBrowser(() => emulator.url, TEST_SPA_ORIGIN);
  await browser.start();
  await browser.signIn(email, LOCAL_SEED_PASSWORD);
  if (organization) await activate(browser, organization);
  return browser;
}

async function activate(browser: FapiBrowser, organization: string): Promise<void> {
  const id = emulator.store.organizationByIdOrSlug(organization)!.id;
  expect((await browser.call('POST', `/client/sessions/${browser.sessionId}/touch`, { active_organization_id: id })).status).toBe(200);
}

/** Calls the API with a session token freshly minted for `browser`, as the SPA does. */
async function callApi(browser: FapiBrowser, path: string, options: { method?: string; body?: object } = {}): Promise<Reply> {
  const minted = await browser.call<{ jwt: string }>('POST', `/client/sessions/${browser.sessionId}/tokens`, {});
  expect(minted.status).toBe(200);
  return send(api!.baseUrl, path, { ...options, headers: bearer(minted.body.jwt) });
}

async function write(browser: FapiBrowser, title: string): Promise<Post> {
  const reply = await callApi(browser, '/api/posts', { method: 'POST', body: { title } });
  expect(reply.status).toBe(201);
  return PostSchema.parse(reply.json);
}

/** The posts `browser` sees on the board (its own and its active organization's), by title. */
async function board(browser: FapiBrowser): Promise<Map<string, Post['author']>> {
  const reply = await callApi(browser, '/api/posts');
  expect(reply.status).toBe(200);
  return new Map(PostPageSchema.parse(reply.json).posts.map((post) => [post.title, post.author]));
}

function backendApi(): ClerkClient {
  return createClerkClient({
    secretKey: emulator.keys.secretKey,
    apiUrl: emulator.url,
    publishableKey: clerk.publishableKey,
    telemetry: { disabled: true },
  });
}

const userId = (email: string) => emulator.store.userByEmail(email)!.id;

describe('the emulator’s webhooks reaching the API', () => {
  it('knows every seeded user and organization from the first start, announced before the API listened', async () => {
    const stored = await database.db.select().from(users);
    expect(stored.map((user) => `${user.firstName} ${user.lastName}`).sort()).toEqual([
      'Ada Lovelace',
      'Alan Turing',
      'Edsger Dijkstra',
      'Grace Hopper',
      'Katherine Johnson',
    ]);
    expect((await database.db.select().from(organizations)).map((organization) => organization.slug).sort()).toEqual(['acme', 'globex']);
    expect(deliveries().every((delivery) => delivery.outcome !== 'duplicate')).toBe(true);
  });

  it('shows a new user’s name on their posts to another member of their organization once the sign-up is delivered', async () => {
    const joan = fapiBrowser(() => emulator.url, TEST_SPA_ORIGIN);
    await joan.start();
    const created = await joan.call('POST', '/client/sign_ups', {
      email_address: 'joan+clerk_test@example.com',
      password: 'a-long-password',
      first_name: 'Joan',
      last_name: 'Clarke',
    });
    const done = await joan.call('POST', `/client/sign_ups/${created.body.response.id}/attempt_verification`, {
      strategy: 'email_code',
      code: LOCAL_VERIFICATION_CODE,
    });
    expect(done.body.response).toMatchObject({ status: 'complete' });
    joan.useSession(done.body.response.created_session_id as string);
    // Joining Acme, as an accepted invitation would (the emulator has no invitations; the API ignores membership events anyway).
    const acme = emulator.store.organizationByIdOrSlug('acme')!;
    const at = Date.now();
    emulator.store.update((store) =>
      store.memberships.push({
        id: 'orgmem_joan',
        organizationId: acme.id,
        userId: userId('joan+clerk_test@example.com'),
        role: 'org:member',
        publicMetadata: {},
        privateMetadata: {},
        createdAt: at,
        updatedAt: at,
      }),
    );
    await activate(joan, 'acme');
    const post = await write(joan, 'Hut 8 rota');
    expect(post.organizationId).toBe(acme.id);

    await delivered();
    const alan = await signIn('member@example.com', 'acme');
    expect((await board(alan)).get('Hut 8 rota')).toEqual({
      id: userId('joan+clerk_test@example.com'),
      name: 'Joan Clarke',
      imageUrl: expect.stringContaining(emulator.url),
      deleted: false,
    });
  });

  it('carries a rename to every post of the user, through the Frontend API and the Backend API', async () => {
    const katherine = await signIn('orgadmin@example.com', 'acme');
    await write(katherine, 'Trajectory notes');
    await write(katherine, 'Orbit check');
    const alan = await signIn('member@example.com', 'acme');
    expect([...(await board(alan)).values()].map((author) => author.name)).toEqual(['Katherine Johnson', 'Katherine Johnson']);

    // <UserProfile> renames through PATCH /v1/me.
    expect((await katherine.call('PATCH', '/me', { first_name: 'Kathy' })).status).toBe(200);
    await delivered();
    expect([...(await board(alan)).values()].map((author) => author.name)).toEqual(['Kathy Johnson', 'Kathy Johnson']);

    // A server renames through the Backend API.
    await backendApi().users.updateUser(userId('orgadmin@example.com'), { lastName: 'Goble' });
    await delivered();
    const names = [...(await board(alan)).values()].map((author) => author.name);
    expect(names).toEqual(['Kathy Goble', 'Kathy Goble']);
  });

  it('removes a deleted user’s posts for everyone, and keeps the others’', async () => {
    const grace = await signIn('moderator@example.com', 'acme');
    await write(grace, 'Grace in Acme');
    await write(grace, 'Grace again');
    const katherine = await signIn('orgadmin@example.com', 'acme');
    await write(katherine, 'Katherine in Acme');
    const alan = await signIn('member@example.com', 'acme');
    expect([...(await board(alan)).keys()].sort()).toEqual(['Grace again', 'Grace in Acme', 'Katherine in Acme']);

    await backendApi().users.deleteUser(userId('moderator@example.com'));
    await delivered();
    expect([...(await board(alan)).keys()]).toEqual(['Katherine in Acme']);
    const left = await database.db.select().from(posts);
    expect(left.map((post) => post.title)).toEqual(['Katherine in Acme']);
    const [tombstone] = (await database.db.select().from(users)).filter((user) => user.deletedAt !== null);
    expect(tombstone).toMatchObject({ firstName: null, lastName: null });
  });

  it('gets every change made while the API was down once it is back, each applied once, ending in the latest state, even when all are delivered twice', async () => {
    const katherine = await signIn('orgadmin@example.com', 'acme');
    await write(katherine, 'Katherine in Acme');
    const grace = await signIn('moderator@example.com', 'acme');
    await write(grace, 'Grace in Acme');
    const alan = await signIn('member@example.com', 'acme');
    const before = deliveries().length;

    await stopApi();
    for (const name of ['Kay', 'Katie', 'Kathy']) expect((await katherine.call('PATCH', '/me', { first_name: name })).status).toBe(200);
    await backendApi().users.updateUser(userId('member@example.com'), { firstName: 'Alan M.' });
    await backendApi().users.deleteUser(userId('moderator@example.com'));
    // Refused connections only: nothing reached the API, nothing was given up.
    expect(emulator.webhooks!.outbox.size).toBeGreaterThanOrEqual(6);
    // What a crash between the API's 200s and the outbox's next write would leave behind: all of it, to be sent again.
    const unacknowledged = readFileSync(join(data.dataDir, OUTBOX_FILE), 'utf8');
    await sleep(300);
    await startApi();
    await delivered();

    const afterOutage = deliveries().slice(before);
    const applied = afterOutage.filter((delivery) => delivery.outcome !== 'duplicate');
    expect(new Set(applied.map((delivery) => delivery.svixId)).size).toBe(applied.length);
    expect(applied.map((delivery) => delivery.type)).toEqual(
      expect.arrayContaining(['user.updated', 'user.updated', 'user.updated', 'user.updated', 'user.deleted']),
    );
    const expectEndState = async () => {
      expect(Object.fromEntries(await board(alan))).toEqual({
        'Katherine in Acme': expect.objectContaining({ name: 'Kathy Johnson', deleted: false }),
      });
      const stored = await database.db.select().from(users);
      expect(
        stored
          .filter((user) => user.deletedAt === null)
          .map((user) => `${user.firstName} ${user.lastName}`)
          .sort(),
      ).toEqual(['Ada Lovelace', 'Alan M. Turing', 'Edsger Dijkstra', 'Kathy Johnson']);
      expect(stored.find((user) => user.id === userId('orgadmin@example.com'))!.firstName).toBe('Kathy');
    };
    await expectEndState();

    // The emulator restarts from that outbox: every event comes again under its svix-id, and changes nothing.
    const redelivered = JSON.parse(unacknowledged) as { messages: Array<{ id: string }> };
    await emulator.close();
    writeFileSync(join(data.dataDir, OUTBOX_FILE), unacknowledged);
    const beforeRedelivery = deliveries().length;
    await startEmulator();
    await delivered();
    const again = deliveries().slice(beforeRedelivery);
    expect(again.map((delivery) => delivery.svixId).sort()).toEqual(redelivered.messages.map((message) => message.id).sort());
    expect(again.every((delivery) => delivery.outcome === 'duplicate')).toBe(true);
    await expectEndState();
  });
});
