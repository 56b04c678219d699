import { useState, type SubmitEvent } from 'react';
import { GreetRequestSchema, type GreetResponse } from '#shared/api-contracts';
import { ErrorState } from '@/components/errors/error-state.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Card } from '@/components/ui/card.tsx';
import { DateTime } from '@/components/ui/date-time.tsx';
import { Field } from '@/components/ui/field.tsx';
import { errorsFor, fieldErrorsOf, formLevelError, type FieldErrors } from '@/lib/form-errors.ts';
import { useGreet } from '../api/greet.ts';

function GreetAnswer({ answer }: { answer: GreetResponse }) {
  return (
    <div
      data-testid="api-greet"
      role="status"
      className="rounded-lg border border-emerald-200 bg-emerald-50 p-4 text-sm dark:border-emerald-900 dark:bg-emerald-950/40"
    >
      <p className="text-base font-medium">{answer.greeting}</p>
      <p className="mt-1 text-slate-600 dark:text-slate-400">
        Greeted by {answer.greetedBy} at <DateTime value={answer.at} />
      </p>
    </div>
  );
}

export function GreetForm() {
  const [name, setName] = useState('');
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const greet = useGreet();
  const fieldErrors = errorsFor('name', localErrors, greet.error);
  // Errors tied to the field are shown under it; anything else gets the general error box.
  const generalError = formLevelError(greet.error, ['name']);

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = GreetRequestSchema.safeParse({ name });
    if (!parsed.success) {
      greet.reset();
      setLocalErrors(fieldErrorsOf(parsed.error));
      return;
    }
    setLocalErrors({});
    greet.mutate(parsed.data);
  }

  return (
    <Card title="Greet someone" description="POST /api/greet: a protected mutation with a validated body.">
      <form
        noValidate
        aria-label="Greeting"
        aria-busy={greet.isPending}
        onSubmit={handleSubmit}
        className="flex flex-col gap-4"
      >
        <Field
          label="Name"
          name="name"
          autoComplete="off"
          value={name}
          onChange={(event) => setName(event.target.value)}
          errors={fieldErrors}
          hint="Up to 80 characters."
        />
        <div>
          <Button type="submit" disabled={greet.isPending}>
            {greet.isPending ? 'Sending…' : 'Send greeting'}
          </Button>
        </div>
      </form>
      <div className="mt-4 empty:hidden">
        {generalError ? <ErrorState error={generalError} /> : null}
        {greet.isSuccess ? <GreetAnswer answer={greet.data} /> : null}
      </div>
    </Card>
  );
}
