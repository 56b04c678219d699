import { asc } from 'drizzle-orm';
import { expect } from 'vitest';
import { PostSchema, type Post } from '#shared/posts';
import type { Database } from '../../db/database.ts';
import { posts, type PostRow } from '../../db/schema.ts';
import { send } from '../http.ts';

/** A post written the way the SPA writes one, so every destructive probe has a real target. */
export async function createPostThroughApi(
  baseUrl: string,
  headers: Record<string, string>,
  input: { title: string; body?: string } = { title: 'Original title', body: 'Original body' },
): Promise<Post> {
  const reply = await send(baseUrl, '/api/posts', { method: 'POST', headers, body: input });
  expect(reply.status, reply.text).toBe(201);
  return PostSchema.strict().parse(reply.json);
}

/** Every row of `posts`, every column: equal snapshots mean nothing was written. */
export function postsSnapshot(database: Database): Promise<PostRow[]> {
  return database.db.select().from(posts).orderBy(asc(posts.id));
}
