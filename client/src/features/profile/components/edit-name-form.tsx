import { useState, type FormEvent } from 'react';
import { ProfilePatchSchema, type ProfileResponse } from '#shared/api-contracts';
import { ErrorState } from '@/components/errors/error-state.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Field } from '@/components/ui/field.tsx';
import { useFocusFirstField } from '@/components/ui/use-focus-first-field.ts';
import { errorsFor, fieldErrorsOf, formLevelError, type FieldErrors } from '@/lib/form-errors.ts';
import { useUpdateProfile } from '../api/update-profile.ts';

export interface EditNameFormProps {
  profile: ProfileResponse;
  onDone: () => void;
}

/** Changes the user's first and last name, validated as the API validates them (ProfilePatchSchema). */
export function EditNameForm({ profile, onDone }: EditNameFormProps) {
  const [values, setValues] = useState({ firstName: profile.firstName ?? '', lastName: profile.lastName ?? '' });
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const update = useUpdateProfile();
  const formRef = useFocusFirstField<HTMLFormElement>();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = ProfilePatchSchema.safeParse(values);
    if (!parsed.success) {
      update.reset();
      setLocalErrors(fieldErrorsOf(parsed.error));
      return;
    }
    setLocalErrors({});
    update.mutate(parsed.data, { onSuccess: onDone });
  }

  const field = (name: 'firstName' | 'lastName', label: string) => (
    <Field
      label={label}
      name={name}
      autoComplete={name === 'firstName' ? 'given-name' : 'family-name'}
      value={values[name]}
      onChange={(event) => setValues((current) => ({ ...current, [name]: event.target.value }))}
      errors={errorsFor(name, localErrors, update.error)}
    />
  );
  const formError = formLevelError(update.error, ['firstName', 'lastName']);

  return (
    <form ref={formRef} noValidate aria-label="Edit name" aria-busy={update.isPending} onSubmit={handleSubmit} className="flex flex-col gap-4">
      <div className="grid gap-4 sm:grid-cols-2">
        {field('firstName', 'First name')}
        {field('lastName', 'Last name')}
      </div>
      {formError ? <ErrorState error={formError} /> : null}
      <div className="flex gap-2">
        <Button type="submit" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save name'}
        </Button>
        <Button variant="secondary" onClick={onDone} disabled={update.isPending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
