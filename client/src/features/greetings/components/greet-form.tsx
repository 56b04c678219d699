import { GreetRequestSchema, type GreetResponse } from '#shared/api-contracts';
import { ErrorState } from '@/components/errors/error-state.tsx';
import { FormActions } from '@/components/ui/form-actions.tsx';
import { Card } from '@/components/ui/card.tsx';
import { DateTime } from '@/components/ui/date-time.tsx';
import { Field } from '@/components/ui/field.tsx';
import { useForm, useSuccessMessage } from '@/lib/use-form.ts';
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
  const greet = useGreet();
  const form = useForm({
    initial: { name: '' },
    schema: GreetRequestSchema,
    mutation: greet,
    onValid: (request, submitted) => greet.mutate(request, { onSuccess: () => answered.show(submitted) }),
  });
  // The greeting answers the name as sent: once the name is changed, it no longer does.
  const answered = useSuccessMessage(form.values);

  return (
    <Card title="Greet someone" description="POST /api/greet: a protected mutation with a validated body.">
      <form noValidate aria-label="Greeting" aria-busy={greet.isPending} onSubmit={form.handleSubmit} className="flex flex-col gap-4">
        <Field label="Name" autoComplete="off" {...form.field('name')} hint="Up to 80 characters." />
        <FormActions label="Send greeting" pendingLabel="Sending…" pending={greet.isPending} />
      </form>
      <div className="mt-4 empty:hidden">
        {/* Problems with the name are shown under it; anything else here. */}
        {form.formError ? <ErrorState error={form.formError} /> : null}
        {answered.shown && greet.data ? <GreetAnswer answer={greet.data} /> : null}
      </div>
    </Card>
  );
}
