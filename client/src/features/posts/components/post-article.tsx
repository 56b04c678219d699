import { useId, useState } from 'react';
import { Link } from 'react-router';
import type { Post } from '#shared/posts';
import { paths } from '@/config/paths.ts';
import { Button } from '@/components/ui/button.tsx';
import { SuccessStatus } from '@/components/ui/success-status.tsx';
import { useSuccessMessage } from '@/lib/use-form.ts';
import { DeletePostControl } from './delete-post-control.tsx';
import { EditPostForm } from './edit-post-form.tsx';
import { PostMeta } from './post-meta.tsx';

export interface PostArticleProps {
  post: Post;
  /** `list`: the title links to the post's page; `page`: the title is the page's heading. */
  variant?: 'list' | 'page';
}

/**
 * One post with the actions the API says the caller may take
 * (`post.permissions`). Hiding a button is a courtesy: the API refuses the
 * action itself, and that refusal is shown in place.
 */
export function PostArticle({ post, variant = 'list' }: PostArticleProps) {
  const [editing, setEditing] = useState(false);
  // Says the last edit was saved, until the next one starts or the post changes: the editor closes on save, so it is said here.
  const saved = useSuccessMessage({ title: post.title, body: post.body });
  const titleId = useId();
  // On a list page the posts sit right under the page's h1, beside the h2 of the new-post card.
  const Heading = variant === 'page' ? 'h1' : 'h2';
  // A long unbroken title or body must wrap, not widen the page: overflow-wrap: anywhere (unlike break-words)
  // also lowers the min-content width that flex items are sized to.
  // User text is bidi-isolated (dir="auto", <bdi>): a U+202E in a title must not reverse what surrounds it.
  return (
    <article aria-labelledby={titleId} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      {editing ? (
        <>
          <p id={titleId} className="mb-4 text-base font-semibold [overflow-wrap:anywhere]">
            Editing “<bdi>{post.title}</bdi>”
          </p>
          <EditPostForm
            post={post}
            onDone={() => setEditing(false)}
            onSaved={(edited) => {
              saved.show({ title: edited.title, body: edited.body });
              setEditing(false);
            }}
          />
        </>
      ) : (
        <>
          <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
            <div className="min-w-0">
              <Heading
                id={titleId}
                dir="auto"
                className={`[overflow-wrap:anywhere] ${variant === 'page' ? 'text-3xl font-bold tracking-tight' : 'text-base font-semibold'}`}
              >
                {variant === 'page' ? (
                  post.title
                ) : (
                  <Link to={paths.post(post.id)} className="hover:underline">
                    {post.title}
                  </Link>
                )}
              </Heading>
              <div className="mt-1">
                <PostMeta post={post} />
              </div>
            </div>
            <div className="flex shrink-0 flex-wrap items-center gap-1">
              {saved.shown ? <SuccessStatus className="px-2">Saved</SuccessStatus> : null}
              {post.permissions.canEdit ? (
                <Button
                  variant="ghost"
                  size="sm"
                  onClick={() => {
                    saved.hide();
                    setEditing(true);
                  }}
                  aria-label={`Edit “${post.title}”`}
                >
                  Edit
                </Button>
              ) : null}
              {post.permissions.canDelete ? <DeletePostControl post={post} /> : null}
            </div>
          </div>
          {post.body ? (
            <p dir="auto" className="mt-3 max-w-prose whitespace-pre-wrap text-sm [overflow-wrap:anywhere] leading-6">
              {post.body}
            </p>
          ) : null}
        </>
      )}
    </article>
  );
}
