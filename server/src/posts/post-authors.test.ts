import { beforeEach, describe, expect, it } from 'vitest';
import { PostPageSchema, PostSchema } from '#shared/posts';
import { localOrganization } from '#shared/local-clerk';
import { deleteUser, upsertOrganization, upsertUser } from '../clerk-sync/directory-store.ts';
import { ClerkOrganizationSchema, ClerkUserSchema } from '../clerk-sync/clerk-objects.ts';
import { organizations, posts, users } from '../db/schema.ts';
import { clerkOrganization, clerkUser, type UserFields } from '../testing/clerk-events.ts';
import { bearer, send } from '../testing/http.ts';
import { PERSONAS, personaActor, personaToken, withoutOrganization } from '../testing/personas.ts';
import { usePostsApp } from '../testing/posts-app.ts';
import { insertPost } from './posts-repository.ts';

/**
 * Every post answers with its author from our copy of Clerk's users, joined
 * in the same statement: the test app's Clerk client points at no Backend API
 * at all, so a lookup per request would fail these tests.
 */
const postsApp = usePostsApp();
const { auth } = postsApp;
const AUTHOR = PERSONAS.author.user;

beforeEach(async () => {
  await postsApp.database.db.delete(users);
  await postsApp.database.db.delete(organizations);
});

async function syncUser(fields: UserFields) {
  await upsertUser(postsApp.database.db, ClerkUserSchema.parse(clerkUser(fields)));
}

async function writePost(title: string) {
  return insertPost(postsApp.database.db, personaActor(PERSONAS.author), { title, body: '' });
}

const asModerator = (path: string) => send(postsApp.app.baseUrl, path, { headers: bearer(personaToken(auth, PERSONAS.moderator)) });
const asAuthor = (path: string, options: Parameters<typeof send>[2] = {}) =>
  send(postsApp.app.baseUrl, path, { ...options, headers: { ...bearer(personaToken(auth, PERSONAS.author)), ...options.headers } });

describe('post authors', () => {
  it('lists each post with its author’s name and picture (the moderator’s All posts view)', async () => {
    await syncUser({ id: AUTHOR, first_name: 'Ada', last_name: 'Lovelace', updated_at: 1 });
    await writePost('Named');
    const page = PostPageSchema.parse((await asModerator('/api/posts?scope=all')).json);
    expect(page.posts.map((post) => post.author)).toEqual([
      { id: AUTHOR, name: 'Ada Lovelace', imageUrl: `https://img.example.test/${AUTHOR}.png`, deleted: false },
    ]);
  });

  it('falls back to the username, then to null when the API has no copy of the user yet', async () => {
    await writePost('Unknown author');
    expect(PostSchema.parse((await asAuthor(`/api/posts/${(await writePost('x')).id}`)).json).author).toEqual({
      id: AUTHOR,
      name: null,
      imageUrl: null,
      deleted: false,
    });
    await syncUser({ id: AUTHOR, username: 'ada', updated_at: 1 });
    const page = PostPageSchema.parse((await asAuthor('/api/posts')).json);
    expect(page.posts.map((post) => post.author.name)).toEqual(['ada', 'ada']);
  });

  it('marks an author whose account was deleted (a post that outlived the deletion, as one written before the API refused such writes)', async () => {
    await syncUser({ id: AUTHOR, first_name: 'Ada', updated_at: 1 });
    await deleteUser(postsApp.database.db, AUTHOR);
    // Straight into the table: the API itself no longer writes a deleted account's post (posts-after-deletion.test.ts).
    const [post] = await postsApp.database.db.insert(posts).values({ authorId: AUTHOR, organizationId: null, title: 'Written late' }).returning();
    const answer = PostSchema.parse((await asModerator(`/api/posts/${post!.id}`)).json);
    expect(answer.author).toEqual({ id: AUTHOR, name: null, imageUrl: null, deleted: true });
  });

  it('answers creation and edits with the author too', async () => {
    await syncUser({ id: AUTHOR, first_name: 'Ada', updated_at: 1 });
    const created = PostSchema.parse((await asAuthor('/api/posts', { method: 'POST', body: { title: 'New' } })).json);
    expect(created.author.name).toBe('Ada');
    const edited = PostSchema.parse((await asAuthor(`/api/posts/${created.id}`, { method: 'PATCH', body: { title: 'Renamed' } })).json);
    expect(edited.author.name).toBe('Ada');
  });
});

describe('the organization name of a post', () => {
  it('comes from our copy of Clerk’s organizations, in a single post and in the moderator’s list', async () => {
    await upsertOrganization(
      postsApp.database.db,
      ClerkOrganizationSchema.parse(clerkOrganization({ id: localOrganization('acme').id, name: 'Acme Inc', updated_at: 1 })),
    );
    const filed = await writePost('Filed under Acme');
    await insertPost(postsApp.database.db, personaActor(withoutOrganization(PERSONAS.author)), { title: 'Personal', body: '' });

    expect(PostSchema.parse((await asModerator(`/api/posts/${filed.id}`)).json).organizationName).toBe('Acme Inc');
    const page = PostPageSchema.parse((await asModerator('/api/posts?scope=all')).json);
    expect(page.posts.map((post) => [post.title, post.organizationName])).toEqual([
      ['Personal', null],
      ['Filed under Acme', 'Acme Inc'],
    ]);
  });

  it('is null while no copy of the organization has arrived', async () => {
    const post = await writePost('Filed under Acme');
    expect(PostSchema.parse((await asModerator(`/api/posts/${post.id}`)).json).organizationName).toBeNull();
  });
});
