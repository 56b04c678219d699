import { SignInRequestSchema } from '#shared/local-identity-protocol';
import type { LocalClerk } from '../local-clerk.ts';
import { withCurrentRedirectParams } from '../navigation.ts';
import { afterAuthTarget, otherScreenUrl } from './after-auth.ts';
import { ClerkLink, UnreachableNotice } from './clerk-link.tsx';
import type { LocalComponentProps } from './component-mounts.ts';
import { AuthCard, FormAlert, SubmitButton, TextField } from './form-controls.tsx';
import { SEEDED_PASSWORD, SeededAccounts } from './seeded-accounts.tsx';
import { useAuthForm } from './use-auth-form.ts';
import { useLocalStatus } from './use-local-clerk.ts';

function initialEmail(props: LocalComponentProps): string {
  const initialValues = props.initialValues as { emailAddress?: unknown } | undefined;
  return typeof initialValues?.emailAddress === 'string' ? initialValues.emailAddress : '';
}

/** Local mode's `<SignIn>`: email and password against the local identity server. */
export function LocalSignIn({ clerk, props }: { clerk: LocalClerk; props: LocalComponentProps }) {
  const status = useLocalStatus(clerk);
  const form = useAuthForm({
    initialValues: { identifier: initialEmail(props), password: '' },
    schema: SignInRequestSchema,
    submit: async (request) => {
      const session = await clerk.authenticate('signIn', request);
      await clerk.setActive({ session, redirectUrl: afterAuthTarget(clerk, 'signIn', props) });
      clerk.closeSignIn();
    },
  });
  const errors = form.fieldErrors;
  return (
    <AuthCard title="Sign in" subtitle="Welcome back. Sign in to continue.">
      {status === 'degraded' ? <UnreachableNotice clerk={clerk} /> : null}
      <form noValidate onSubmit={form.onSubmit} className="flex flex-col gap-4" aria-label="Sign in">
        <FormAlert message={form.formError} />
        <TextField
          label="Email address"
          type="email"
          name="identifier"
          autoComplete="username"
          required
          value={form.values.identifier}
          onChange={(event) => form.setValue('identifier', event.target.value)}
          errors={errors.identifier}
        />
        <TextField
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={form.values.password}
          onChange={(event) => form.setValue('password', event.target.value)}
          errors={errors.password}
        />
        <SubmitButton pending={form.pending} pendingLabel="Signing in…">
          Sign in
        </SubmitButton>
      </form>
      <p className="mt-4 text-center text-sm text-slate-600 dark:text-slate-400">
        No account?{' '}
        <ClerkLink clerk={clerk} href={withCurrentRedirectParams(otherScreenUrl(clerk, 'signIn', props))}>
          Sign up
        </ClerkLink>
      </p>
      <SeededAccounts
        disabled={form.pending}
        onPick={(email) => form.setValues({ identifier: email, password: SEEDED_PASSWORD })}
      />
    </AuthCard>
  );
}
