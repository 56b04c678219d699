import { useEffect, useRef, useState } from 'react';
import type { Post } from '#shared/posts';
import { ErrorState } from '@/components/errors/error-state.tsx';
import { Button } from '@/components/ui/button.tsx';
import { WAITING_FOR_NETWORK } from '@/components/ui/form-actions.tsx';
import { useDeletePost } from '../api/delete-post.ts';

/** "Delete", then an inline confirmation: nothing is deleted on a single click. */
export function DeletePostControl({ post }: { post: Post }) {
  const [confirming, setConfirming] = useState(false);
  const remove = useDeletePost();
  const cancelRef = useRef<HTMLButtonElement>(null);

  // The safe choice gets the focus when the question appears.
  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
  }, [confirming]);

  if (!confirming) {
    return (
      <Button variant="ghost" size="sm" onClick={() => setConfirming(true)} aria-label={`Delete “${post.title}”`}>
        Delete
      </Button>
    );
  }
  const cancel = () => {
    remove.reset();
    setConfirming(false);
  };
  return (
    <div role="group" aria-label="Confirm deletion" className="flex w-full flex-col gap-2 sm:w-auto">
      <p className="text-sm">Delete this post? This cannot be undone.</p>
      <div className="flex gap-2">
        <Button variant="danger" size="sm" disabled={remove.isPending} onClick={() => remove.mutate(post.id)}>
          {remove.isPaused ? WAITING_FOR_NETWORK : remove.isPending ? 'Deleting…' : 'Delete post'}
        </Button>
        <Button ref={cancelRef} variant="secondary" size="sm" disabled={remove.isPending} onClick={cancel}>
          Cancel
        </Button>
      </div>
      {remove.isError ? <ErrorState error={remove.error} /> : null}
    </div>
  );
}
