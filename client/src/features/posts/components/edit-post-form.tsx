import { PostPatchSchema, type Post } from '#shared/posts';
import { ErrorState } from '@/components/errors/error-state.tsx';
import { Button } from '@/components/ui/button.tsx';
import { useFocusFirstField } from '@/components/ui/use-focus-first-field.ts';
import { useUpdatePost } from '../api/update-post.ts';
import { PostFields } from './post-fields.tsx';
import { usePostForm } from './use-post-form.ts';

export interface EditPostFormProps {
  post: Post;
  /** Leaves editing on cancel. */
  onDone: () => void;
  /** Leaves editing after a save: the API answered with the post as saved. */
  onSaved: () => void;
}

/** Inline editing of a post the caller wrote; the API still refuses anyone else (403). */
export function EditPostForm({ post, onDone, onSaved }: EditPostFormProps) {
  const update = useUpdatePost();
  const formRef = useFocusFirstField<HTMLFormElement>();
  const form = usePostForm({
    initial: { title: post.title, body: post.body },
    schema: PostPatchSchema,
    apiError: update.error,
    onInvalid: () => update.reset(),
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
      <PostFields values={form.values} errors={form.errors} onChange={form.setField} />
      {form.formError ? <ErrorState error={form.formError} /> : null}
      <div className="flex gap-2">
        <Button type="submit" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save'}
        </Button>
        <Button variant="secondary" onClick={onDone} disabled={update.isPending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
