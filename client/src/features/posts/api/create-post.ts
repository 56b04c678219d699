import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { IDEMPOTENCY_KEY_HEADER, PostSchema, type Post, type ValidPostInput } from '#shared/posts';
import { useApi, type Api } from '@/lib/api-client.ts';
import { shouldRetry } from '@/lib/query-client.ts';
import { postKeys } from './post-keys.ts';

export interface CreatePostVariables {
  input: ValidPostInput;
  /** The same for every attempt at one post, so the API writes it once (see shared/posts.ts). */
  idempotencyKey: string;
}

/** POST /api/posts: the API files it under the caller's active organization (never sent). */
export function createPost(api: Api, { input, idempotencyKey }: CreatePostVariables): Promise<Post> {
  return api.request('/api/posts', {
    schema: PostSchema,
    method: 'POST',
    body: input,
    headers: { [IDEMPOTENCY_KEY_HEADER]: idempotencyKey },
  });
}

/**
 * Creating a post, retried like a read (network failures and 5xx, twice):
 * safe because every attempt carries the submission's Idempotency-Key, so an
 * attempt that did write before its answer was lost is answered, not repeated.
 * `submit(input)` picks the key: see useSubmissionKey.
 */
export function useCreatePost() {
  const api = useApi();
  const queryClient = useQueryClient();
  const submission = useSubmissionKey();
  const mutation = useMutation({
    mutationKey: postKeys.create(api.userId),
    mutationFn: (variables: CreatePostVariables) => createPost(api, variables),
    retry: shouldRetry,
    onSuccess: async (post) => {
      submission.published();
      queryClient.setQueryData(postKeys.detail(api.userId, post.id, api.orgId), post);
      // The author sees their own posts in every organization's list, so all of this user's lists change.
      await queryClient.invalidateQueries({ queryKey: postKeys.lists(api.userId) });
    },
  });
  const submit = (input: ValidPostInput, options?: Parameters<typeof mutation.mutate>[1]) =>
    mutation.mutate({ input, idempotencyKey: submission.keyFor(input) }, options);
  return { ...mutation, submit };
}

/**
 * One key per post the user means to write: the same while they submit the
 * same draft again (after a failure whose outcome is unknown: it may have
 * been written), a new one for a changed draft or once the post is published
 * (the next post is a new one, even with the same words).
 */
function useSubmissionKey() {
  const last = useRef<{ draft: string; key: string } | null>(null);
  return {
    keyFor(input: ValidPostInput): string {
      const draft = JSON.stringify([input.title, input.body]);
      if (last.current?.draft !== draft) last.current = { draft, key: crypto.randomUUID() };
      return last.current.key;
    },
    published(): void {
      last.current = null;
    },
  };
}
