import { PostPatchSchema, type Post } from '#shared/posts';
import { ErrorState } from '@/components/errors/error-state.tsx';
import { FormActions } from '@/components/ui/form-actions.tsx';
import { useFocusFirstField } from '@/components/ui/use-focus-first-field.ts';
import { useForm } from '@/lib/use-form.ts';
import { useUpdatePost } from '../api/update-post.ts';
import { PostFields } from './post-fields.tsx';

export interface EditPostFormProps {
  post: Post;
  /** Leaves editing on cancel. */
  onDone: () => void;
  /** Leaves editing after a save, with the post as the API saved it. */
  onSaved: (saved: Post) => void;
}

/** Inline editing of a post the caller wrote; the API still refuses anyone else (403). */
export function EditPostForm({ post, onDone, onSaved }: EditPostFormProps) {
  const update = useUpdatePost();
  const formRef = useFocusFirstField<HTMLFormElement>();
  const form = useForm({
    initial: { title: post.title, body: post.body },
    schema: PostPatchSchema,
    mutation: update,
    onValid: (patch) => update.mutate({ postId: post.id, patch }, { onSuccess: onSaved }),
  });

  return (
    <form
      ref={formRef}
      noValidate
      aria-label={`Edit “${post.title}”`}
      aria-busy={update.isPending}
      onSubmit={form.handleSubmit}
      className="flex flex-col gap-4"
    >
      <PostFields form={form} />
      {form.formError ? <ErrorState error={form.formError} /> : null}
      <FormActions label="Save" pendingLabel="Saving…" pending={update.isPending} paused={update.isPaused} onCancel={onDone} />
    </form>
  );
}
