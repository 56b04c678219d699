import { randomUUID } from 'node:crypto';
import { count, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { ApiErrorBodySchema } from '#shared/api-error';
import { PostSchema } from '#shared/posts';
import { deleteOrganization, deleteUser } from '../clerk-sync/directory-store.ts';
import { organizations, posts, users } from '../db/schema.ts';
import { bearer, send, type Reply, type SendOptions } from '../testing/http.ts';
import { PERSONAS, personaActor, personaToken, withoutOrganization, type Persona } from '../testing/personas.ts';
import { usePostsApp } from '../testing/posts-app.ts';
import { queryRows, testDatabaseUrl } from '../testing/test-database.ts';
import { insertPost } from './posts-repository.ts';

/**
 * Deletion is final for writes too: once `user.deleted` or
 * `organization.deleted` has been applied (posts deleted, tombstone written),
 * a token issued before it (valid for up to its lifetime) writes nothing more.
 * Each test has people and organizations of its own: tombstones are final.
 */
const postsApp = usePostsApp();
const { auth } = postsApp;

/** A member of an organization of their own (with the author's role there), neither known to any other test. */
function freshPersona(): Persona {
  const organization = PERSONAS.author.organization;
  return { user: `user_${randomUUID()}`, metadata: {}, organization: { ...organization, id: `org_${randomUUID()}` } };
}

function call(persona: Persona, path: string, options: SendOptions = {}): Promise<Reply> {
  return send(postsApp.app.baseUrl, path, { ...options, headers: { ...bearer(personaToken(auth, persona)), ...options.headers } });
}

async function postCount(): Promise<number> {
  const [row] = await postsApp.database.db.select({ total: count() }).from(posts);
  return row?.total ?? -1;
}

function expectRefusal(reply: Reply, code: string, wording: RegExp): void {
  expect(reply.status, reply.text).toBe(403);
  expect(ApiErrorBodySchema.parse(reply.json).error).toMatchObject({ code, message: expect.stringMatching(wording) });
}

describe('a token of a deleted account', () => {
  it('creates no post: 403 account_deleted, and nothing is stored', async () => {
    const persona = freshPersona();
    expect((await call(persona, '/api/posts', { method: 'POST', body: { title: 'Before' } })).status).toBe(201);
    await deleteUser(postsApp.database.db, persona.user);

    const reply = await call(persona, '/api/posts', { method: 'POST', body: { title: 'After' } });
    expectRefusal(reply, 'account_deleted', /account was deleted/);
    expect(await postCount()).toBe(0);
  });

  it('creates no post with an Idempotency-Key either, nor as a personal post', async () => {
    const persona = freshPersona();
    await deleteUser(postsApp.database.db, persona.user);
    const headers = { 'Idempotency-Key': randomUUID() };
    expectRefusal(await call(persona, '/api/posts', { method: 'POST', headers, body: { title: 'After' } }), 'account_deleted', /account/);
    expectRefusal(await call(withoutOrganization(persona), '/api/posts', { method: 'POST', body: { title: 'After' } }), 'account_deleted', /account/);
    expect(await postCount()).toBe(0);
  });

  it('edits nothing: a post left from before the deletion answers 403 account_deleted and stays as it was', async () => {
    const persona = freshPersona();
    const post = await insertPost(postsApp.database.db, personaActor(persona), { title: 'Left over', body: '' });
    // Only the tombstone (the row exists since the insert), as if the post had been written after the deletion removed the others.
    await postsApp.database.db
      .update(users)
      .set({ deletedAt: sql`now()` })
      .where(eq(users.id, persona.user));

    expectRefusal(await call(persona, `/api/posts/${post.id}`, { method: 'PATCH', body: { title: 'Edited' } }), 'account_deleted', /account/);
    const [stored] = await postsApp.database.db.select({ title: posts.title }).from(posts).where(eq(posts.id, post.id));
    expect(stored?.title).toBe('Left over');
  });

  it('leaves other accounts writing as before', async () => {
    const deleted = freshPersona();
    await deleteUser(postsApp.database.db, deleted.user);
    expect((await call(freshPersona(), '/api/posts', { method: 'POST', body: { title: 'Still here' } })).status).toBe(201);
  });
});

describe('a token whose active organization was deleted', () => {
  it('files no post under it: 403 organization_deleted, and nothing is stored', async () => {
    const persona = freshPersona();
    await deleteOrganization(postsApp.database.db, persona.organization!.id);

    const reply = await call(persona, '/api/posts', { method: 'POST', body: { title: 'After' } });
    expectRefusal(reply, 'organization_deleted', /organization was deleted/);
    expect(await postCount()).toBe(0);
  });

  it('still writes the same person’s personal posts', async () => {
    const persona = freshPersona();
    await deleteOrganization(postsApp.database.db, persona.organization!.id);
    const reply = await call(withoutOrganization(persona), '/api/posts', { method: 'POST', body: { title: 'Mine' } });
    expect(reply.status).toBe(201);
    expect(PostSchema.parse(reply.json).organizationId).toBeNull();
  });

  it('answers a retry of a post deleted with the organization 404 post_deleted, and writes nothing', async () => {
    const persona = freshPersona();
    const headers = { 'Idempotency-Key': randomUUID() };
    expect((await call(persona, '/api/posts', { method: 'POST', headers, body: { title: 'Filed' } })).status).toBe(201);
    await deleteOrganization(postsApp.database.db, persona.organization!.id);

    const retry = await call(persona, '/api/posts', { method: 'POST', headers, body: { title: 'Filed' } });
    expect(retry.status).toBe(404);
    expect(ApiErrorBodySchema.parse(retry.json).error.code).toBe('post_deleted');
    expect(await postCount()).toBe(0);
  });

  it('edits nothing filed under the deleted organization: 403 organization_deleted', async () => {
    const persona = freshPersona();
    const post = await insertPost(postsApp.database.db, personaActor(persona), { title: 'Left over', body: '' });
    await postsApp.database.db
      .update(organizations)
      .set({ deletedAt: sql`now()` })
      .where(eq(organizations.id, persona.organization!.id));

    const reply = await call(persona, `/api/posts/${post.id}`, { method: 'PATCH', body: { body: 'Edited' } });
    expectRefusal(reply, 'organization_deleted', /organization/);
  });
});

/**
 * A deletion applied while a write is under way. On PostgreSQL the two run on
 * separate connections and the test waits until one is blocked by the other's
 * lock; on PGlite (one connection) the second simply waits its turn.
 */
describe('a deletion racing a write', () => {
  it('refuses a post whose insert waited for an uncommitted user.deleted', async () => {
    const persona = freshPersona();
    expect((await call(persona, '/api/posts', { method: 'POST', body: { title: 'Before' } })).status).toBe(201);
    const peer = await postsApp.database.peer();
    try {
      let commit = () => {};
      const committed = new Promise<void>((resolve) => (commit = resolve));
      let tombstoned = () => {};
      const written = new Promise<void>((resolve) => (tombstoned = resolve));
      const deletion = peer.db.transaction(async (tx) => {
        await deleteUser(tx, persona.user);
        tombstoned();
        await committed;
      });
      await written;
      const racing = call(persona, '/api/posts', { method: 'POST', body: { title: 'Racing' } });
      await waitForLockWait('insert into "posts"');
      commit();
      await deletion;
      expectRefusal(await racing, 'account_deleted', /account/);
      expect(await postCount()).toBe(0);
    } finally {
      await peer.close();
    }
  });

  it('deletes a post whose insert held its lock while organization.deleted waited', async () => {
    const persona = freshPersona();
    const peer = await postsApp.database.peer();
    try {
      let commit = () => {};
      const committed = new Promise<void>((resolve) => (commit = resolve));
      let inserted = () => {};
      const written = new Promise<void>((resolve) => (inserted = resolve));
      const write = postsApp.database.db.transaction(async (tx) => {
        await insertPost(tx, personaActor(persona), { title: 'Racing', body: '' });
        inserted();
        await committed;
      });
      await written;
      const deletion = deleteOrganization(peer.db, persona.organization!.id);
      await waitForLockWait('insert into "organizations"');
      commit();
      await Promise.all([write, deletion]);
      expect(await postCount()).toBe(0);
    } finally {
      await peer.close();
    }
  });
});

/** PostgreSQL only: until a statement starting with `statementStart` waits for a lock (at most 5 s). */
async function waitForLockWait(statementStart: string): Promise<void> {
  if (testDatabaseUrl() === undefined) return;
  for (let attempt = 0; attempt < 100; attempt++) {
    const waiting = await queryRows<{ query: string }>(
      postsApp.database,
      sql`select query from pg_stat_activity where wait_event_type = 'Lock' and position(${statementStart} in query) > 0`,
    );
    if (waiting.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`No statement ${statementStart}… waited for a lock within 5 s`);
}
