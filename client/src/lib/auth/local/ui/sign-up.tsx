import { SignUpRequestSchema } from '#shared/local-identity-protocol';
import type { LocalClerk } from '../local-clerk.ts';
import { withCurrentRedirectParams } from '../navigation.ts';
import { afterAuthTarget, otherScreenUrl } from './after-auth.ts';
import { ClerkLink, UnreachableNotice } from './clerk-link.tsx';
import type { LocalComponentProps } from './component-mounts.ts';
import { AuthCard, FormAlert, SubmitButton, TextField } from './form-controls.tsx';
import { useAuthForm } from './use-auth-form.ts';
import { useLocalStatus } from './use-local-clerk.ts';

/** Local mode's `<SignUp>`: a new local user with no app role and no organizations. */
export function LocalSignUp({ clerk, props }: { clerk: LocalClerk; props: LocalComponentProps }) {
  const status = useLocalStatus(clerk);
  const form = useAuthForm({
    initialValues: { firstName: '', lastName: '', emailAddress: '', password: '' },
    schema: SignUpRequestSchema,
    submit: async (request) => {
      const session = await clerk.authenticate('signUp', request);
      await clerk.setActive({ session, redirectUrl: afterAuthTarget(clerk, 'signUp', props) });
      clerk.closeSignUp();
    },
  });
  const { fieldErrors: errors, values, setValue } = form;
  return (
    <AuthCard title="Create your account" subtitle="Local mode: the account lives in the local identity server only.">
      {status === 'degraded' ? <UnreachableNotice clerk={clerk} /> : null}
      <form noValidate onSubmit={form.onSubmit} className="flex flex-col gap-4" aria-label="Sign up">
        <FormAlert message={form.formError} />
        <div className="grid grid-cols-2 gap-3">
          <TextField label="First name" name="firstName" autoComplete="given-name" required value={values.firstName}
            onChange={(event) => setValue('firstName', event.target.value)} errors={errors.firstName} />
          <TextField label="Last name" name="lastName" autoComplete="family-name" value={values.lastName}
            onChange={(event) => setValue('lastName', event.target.value)} errors={errors.lastName} />
        </div>
        <TextField label="Email address" type="email" name="emailAddress" autoComplete="email" required
          value={values.emailAddress} onChange={(event) => setValue('emailAddress', event.target.value)}
          errors={errors.emailAddress} />
        <TextField label="Password" type="password" name="password" autoComplete="new-password" required minLength={8}
          hint="At least 8 characters." value={values.password}
          onChange={(event) => setValue('password', event.target.value)} errors={errors.password} />
        <SubmitButton pending={form.pending} pendingLabel="Creating account…">
          Create account
        </SubmitButton>
      </form>
      <p className="mt-4 text-center text-sm text-slate-600 dark:text-slate-400">
        Already have an account?{' '}
        <ClerkLink clerk={clerk} href={withCurrentRedirectParams(otherScreenUrl(clerk, 'signUp', props))}>
          Sign in
        </ClerkLink>
      </p>
    </AuthCard>
  );
}
