import { ProfilePatchSchema, type ProfileResponse } from '#shared/api-contracts';
import { ErrorState } from '@/components/errors/error-state.tsx';
import { FormActions } from '@/components/ui/form-actions.tsx';
import { Field } from '@/components/ui/field.tsx';
import { useFocusFirstField } from '@/components/ui/use-focus-first-field.ts';
import { useForm } from '@/lib/use-form.ts';
import { useUpdateProfile } from '../api/update-profile.ts';

export interface EditNameFormProps {
  profile: ProfileResponse;
  onDone: () => void;
  /** Leaves editing after a save, with the profile as the API answered it. */
  onSaved: (saved: ProfileResponse) => void;
}

/** Changes the user's first and last name, validated as the API validates them (ProfilePatchSchema). */
export function EditNameForm({ profile, onDone, onSaved }: EditNameFormProps) {
  const update = useUpdateProfile();
  const formRef = useFocusFirstField<HTMLFormElement>();
  const form = useForm({
    initial: { firstName: profile.firstName ?? '', lastName: profile.lastName ?? '' },
    schema: ProfilePatchSchema,
    mutation: update,
    onValid: (patch) => update.mutate(patch, { onSuccess: onSaved }),
  });

  return (
    <form ref={formRef} noValidate aria-label="Edit name" aria-busy={update.isPending} onSubmit={form.handleSubmit} className="flex flex-col gap-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="First name" autoComplete="given-name" {...form.field('firstName')} />
        <Field label="Last name" autoComplete="family-name" {...form.field('lastName')} />
      </div>
      {form.formError ? <ErrorState error={form.formError} /> : null}
      <FormActions label="Save name" pendingLabel="Saving…" pending={update.isPending} onCancel={onDone} />
    </form>
  );
}
