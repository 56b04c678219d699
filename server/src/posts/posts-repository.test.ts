import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { localOrganization } from '#shared/local-clerk';
import type { Database } from '../db/database.ts';
import { posts } from '../db/schema.ts';
import { OPEN_TIMEOUT_MS, openTestDatabase } from '../testing/test-database.ts';
import { PERSONAS, personaActor, withoutOrganization } from '../testing/personas.ts';
import { deletePost, findPost, insertPost, listPosts, updatePost } from './posts-repository.ts';
import { listedIn, type Actor } from './post-policy.ts';
import type { PostCursor } from '#shared/post-cursor';

/** The data layer on its own: no router, no service, the policy inside its statements. */
let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
}, OPEN_TIMEOUT_MS);
afterAll(() => database.close());
beforeEach(async () => {
  await database.db.delete(posts);
});

const author = personaActor(PERSONAS.author);
const orgAdmin = personaActor(PERSONAS.orgAdmin);
const orgMember = personaActor(PERSONAS.orgMember);
const outsider = personaActor(PERSONAS.otherOrgMember);
const moderator = personaActor(PERSONAS.moderator);

async function storedPost(id: string) {
  const [row] = await database.db.select().from(posts).where(eq(posts.id, id));
  return row;
}

async function postCount(): Promise<number> {
  const [row] = await database.db.select({ total: count() }).from(posts);
  return row?.total ?? -1;
}

describe('insertPost', () => {
  it("files the post under the actor's active organization and answers the actor's permissions", async () => {
    const post = await insertPost(database.db, author, { title: 'Hello', body: 'World' });
    expect(post).toMatchObject({
      authorId: author.userId,
      organizationId: localOrganization('acme').id,
      permissions: { canEdit: true, canDelete: true },
    });
    const personal = await insertPost(database.db, personaActor(withoutOrganization(PERSONAS.author)), { title: 'Mine', body: '' });
    expect(personal.organizationId).toBeNull();
  });

  it('leaves nothing behind when the database refuses the row (a title past the limit, unchecked by the caller)', async () => {
    await expect(insertPost(database.db, author, { title: 'x'.repeat(201), body: '' })).rejects.toThrow();
    expect(await postCount()).toBe(0);
  });
});

describe('findPost', () => {
  it('answers null for a post the actor may not see, and the post with their permissions otherwise', async () => {
    const { id } = await insertPost(database.db, author, { title: 'Acme news', body: '' });
    expect(await findPost(database.db, outsider, id)).toBeNull();
    expect(await findPost(database.db, personaActor(withoutOrganization(PERSONAS.orgAdmin)), id)).toBeNull();
    expect((await findPost(database.db, orgMember, id))?.permissions).toEqual({ canEdit: false, canDelete: false });
    expect((await findPost(database.db, orgAdmin, id))?.permissions).toEqual({ canEdit: false, canDelete: true });
    expect((await findPost(database.db, moderator, id))?.permissions).toEqual({ canEdit: false, canDelete: true });
  });
});

describe('updatePost', () => {
  it('refuses in the statement itself: forbidden when the actor sees the post, not-found when not; the row is untouched', async () => {
    const { id } = await insertPost(database.db, author, { title: 'Original', body: 'Text' });
    expect(await updatePost(database.db, orgAdmin, id, { title: 'Hijacked' })).toEqual({ ok: false, reason: 'forbidden' });
    expect(await updatePost(database.db, outsider, id, { title: 'Hijacked' })).toEqual({ ok: false, reason: 'not-found' });
    expect(await storedPost(id)).toMatchObject({ title: 'Original', body: 'Text' });
  });

  it('changes only the given fields for the author and moves updatedAt on', async () => {
    const created = await insertPost(database.db, author, { title: 'Original', body: 'Text' });
    const outcome = await updatePost(database.db, author, created.id, { title: 'Edited' });
    expect(outcome).toMatchObject({ ok: true, value: { title: 'Edited', body: 'Text', permissions: { canEdit: true } } });
    expect(outcome.ok && outcome.value.updatedAt >= created.updatedAt).toBe(true);
  });

  it('writes nothing when one of the fields is refused by the database', async () => {
    const { id } = await insertPost(database.db, author, { title: 'Original', body: 'Text' });
    await expect(updatePost(database.db, author, id, { title: 'Edited', body: 'x'.repeat(10_001) })).rejects.toThrow();
    expect(await storedPost(id)).toMatchObject({ title: 'Original', body: 'Text' });
  });
});

describe('deletePost', () => {
  it('refuses a member without org:posts:manage (forbidden) and a stranger (not-found), then lets the org admin delete', async () => {
    const { id } = await insertPost(database.db, author, { title: 'Acme news', body: '' });
    expect(await deletePost(database.db, orgMember, id)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await deletePost(database.db, outsider, id)).toEqual({ ok: false, reason: 'not-found' });
    expect(await storedPost(id)).toBeDefined();
    expect(await deletePost(database.db, orgAdmin, id)).toEqual({ ok: true, value: null });
    expect(await storedPost(id)).toBeUndefined();
  });

  it("does not let an org admin delete a personal post, whoever's it is", async () => {
    const { id } = await insertPost(database.db, personaActor(withoutOrganization(PERSONAS.author)), { title: 'Mine', body: '' });
    expect(await deletePost(database.db, orgAdmin, id)).toEqual({ ok: false, reason: 'not-found' });
    expect(await storedPost(id)).toBeDefined();
  });
});

describe('listPosts', () => {
  it("shows the actor's own posts and the active organization's, never another organization's", async () => {
    await insertPost(database.db, author, { title: 'Acme', body: '' });
    await insertPost(database.db, outsider, { title: 'Globex', body: '' });
    await insertPost(database.db, personaActor(withoutOrganization(PERSONAS.otherOrgMember)), { title: 'Outsider, personal', body: '' });
    const titles = async (actor: typeof author) =>
      (await listPosts(database.db, actor, { anyOf: listedIn(actor, 'mine-and-org')!, after: null, limit: 10 })).map((post) => post.title);
    expect(await titles(orgMember)).toEqual(['Acme']);
    expect((await titles(outsider)).sort()).toEqual(['Globex', 'Outsider, personal']);
    expect(listedIn(orgAdmin, 'all')).toBeNull();
  });

  /**
   * The feed merges two index-ordered branches (the author's posts, the
   * organization's): whatever the mix, it must list exactly what one
   * `WHERE mine OR my organization's` ordered newest first would, each post
   * once, across pages whose posts share timestamps.
   */
  it('pages through the feed exactly as the plain filter and order would, each post once', async () => {
    // 120 posts by 4 authors in 2 organizations or none, 3 posts per instant, so ties fall across pages.
    await database.db.execute(sql`
      insert into posts (author_id, organization_id, title, created_at)
      select 'user_' || (i % 4), (array['org_a', 'org_b', null])[1 + i % 3], 'Post ' || i,
             timestamptz '2026-01-01T00:00:00Z' - (i / 3) * interval '1 second'
      from generate_series(1, 120) as i`);
    const everyPost = await database.db.select().from(posts);
    const actors: Actor[] = [
      { userId: 'user_1', orgId: 'org_a', orgPermissions: [], role: null },
      { userId: 'user_2', orgId: 'org_b', orgPermissions: [], role: 'moderator' },
      { userId: 'user_3', orgId: null, orgPermissions: [], role: null },
      { userId: 'user_nobody', orgId: 'org_a', orgPermissions: [], role: null },
    ];
    for (const actor of actors) {
      const expected = everyPost
        .filter((post) => post.authorId === actor.userId || (actor.orgId !== null && post.organizationId === actor.orgId))
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id))
        .map((post) => post.id);
      for (const limit of [1, 7, 50]) {
        expect(await walkFeed(actor, limit), `${actor.userId}, pages of ${limit}`).toEqual(expected);
      }
    }
  });
});

async function walkFeed(actor: Actor, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let after: PostCursor | null = null;
  for (let page = 0; page < 200; page++) {
    const listed = await listPosts(database.db, actor, { anyOf: listedIn(actor, 'mine-and-org')!, after, limit });
    ids.push(...listed.map((post) => post.id));
    const last = listed.at(-1);
    if (listed.length < limit || !last) break;
    after = { createdAt: last.createdAt, id: last.id };
  }
  return ids;
}
