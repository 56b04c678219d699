import { useOrganization } from '@clerk/react';
import { PostInputSchema } from '#shared/posts';
import { ErrorState } from '@/components/errors/error-state.tsx';
import { Card } from '@/components/ui/card.tsx';
import { FormActions } from '@/components/ui/form-actions.tsx';
import { SuccessStatus } from '@/components/ui/success-status.tsx';
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
        <FormActions label="Publish" pendingLabel="Publishing…" pending={create.isPending} paused={create.isPaused}>
          {published.shown && create.data ? (
            <SuccessStatus className="min-w-0 pl-1 [overflow-wrap:anywhere]">
              Published “<bdi>{create.data.title}</bdi>”.
            </SuccessStatus>
          ) : null}
        </FormActions>
      </form>
    </Card>
  );
}
