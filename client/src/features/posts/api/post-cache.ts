import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import type { Post, PostPage } from '#shared/posts';
import { postKeys } from './post-keys.ts';

type PostPages = InfiniteData<PostPage, string | null>;

function mapPosts(data: PostPages | undefined, change: (posts: Post[]) => Post[]): PostPages | undefined {
  if (!data) return data;
  return { ...data, pages: data.pages.map((page) => ({ ...page, posts: change(page.posts) })) };
}

/**
 * An edited post, everywhere this user has it cached: every list and every
 * organization's copy. Only the content changes; `permissions` are per
 * organization and an edit does not change them.
 */
export function replaceEditedPost(queryClient: QueryClient, userId: string | null, edited: Post): void {
  const content = { title: edited.title, body: edited.body, updatedAt: edited.updatedAt };
  queryClient.setQueriesData<PostPages>({ queryKey: postKeys.lists(userId) }, (data) =>
    mapPosts(data, (posts) => posts.map((post) => (post.id === edited.id ? { ...post, ...content } : post))),
  );
  queryClient.setQueriesData<Post>({ queryKey: postKeys.details(userId, edited.id) }, (post) => post && { ...post, ...content });
}

/**
 * A deleted post leaves every cached list at once, and its cached copies are
 * dropped; the lists are then refetched in the background to re-align their
 * pages (not awaited: the deletion is done, the UI need not wait for that).
 */
export function forgetDeletedPost(queryClient: QueryClient, userId: string | null, postId: string): void {
  queryClient.setQueriesData<PostPages>({ queryKey: postKeys.lists(userId) }, (data) =>
    mapPosts(data, (posts) => posts.filter((post) => post.id !== postId)),
  );
  queryClient.removeQueries({ queryKey: postKeys.details(userId, postId) });
  void queryClient.invalidateQueries({ queryKey: postKeys.lists(userId) });
}
