import { useOrganization } from '@clerk/react';
import { PostInputSchema } from '#shared/posts';
import { ErrorState } from '@/components/errors/error-state.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card } from '@/components/ui/card.tsx';
import { useForm, useSuccessMessage } from '@/lib/use-form.ts';
import { useCreatePost } from '../api/create-post.ts';
import { usePostDeleted } from '../api/delete-post.ts';
import { usePostEdited } from '../api/update-post.ts';
import { PostFields } from './post-fields.tsx';

const EMPTY_DRAFT = { title: '', body: '' };

/** Writes a post in the active organization (or the personal account): the API takes it from the token. */
export function NewPostForm() {
  const { organization } = useOrganization();
  const create = useCreatePost();
  // "Published “…”" names the post as it was: once it is edited or deleted, the message would be wrong.
  const publishedId = create.data?.id ?? null;
  const edited = usePostEdited(publishedId);
  const deleted = usePostDeleted(publishedId);
  const published = useSuccessMessage(edited || deleted ? null : publishedId);
  const form = useForm({
    initial: EMPTY_DRAFT,
    schema: PostInputSchema,
    mutation: create,
    onValid: (input) =>
      create.submit(input, {
        onSuccess: (post) => {
          form.reset();
          published.show(post.id);
        },
      }),
  });
  const where = organization ? `Visible to the members of ${organization.name}.` : 'Personal: visible to you (and moderators).';

  return (
    <Card title="New post" description={where}>
      <form noValidate aria-label="New post" aria-busy={create.isPending} onSubmit={form.handleSubmit} className="flex flex-col gap-4">
        <PostFields form={form} />
        {form.formError ? <ErrorState error={form.formError} /> : null}
        <div className="flex items-center gap-3">
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? 'Publishing…' : 'Publish'}
          </Button>
          {published.shown && create.data ? (
            <p role="status" className="min-w-0 text-sm text-emerald-700 [overflow-wrap:anywhere] dark:text-emerald-400">
              Published “<bdi>{create.data.title}</bdi>”.
            </p>
          ) : null}
        </div>
      </form>
    </Card>
  );
}
