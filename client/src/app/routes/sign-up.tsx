import { ClerkLoading, SignUp } from '@clerk/react';
import { paths } from '@/config/paths.ts';
import { PageLoading } from '@/components/loading/page-loading.tsx';
import { ClerkCardSlot } from '@/features/auth/components/clerk-card-slot.tsx';
import { LocalModeHintSlot } from '@/features/auth/components/local-mode-hint-slot.tsx';
import { PageTitle } from '@/components/page-title.tsx';

/** Clerk's sign-up component, path-routed under /sign-up/*. */
export function SignUpRoute() {
  return (
    <div className="flex flex-col items-center gap-6 lg:flex-row lg:items-start lg:justify-center">
      <PageTitle name="Create an account" />
      <ClerkCardSlot flow="sign-up">
        <ClerkLoading>
          <PageLoading label="Loading sign-up…" />
        </ClerkLoading>
        <SignUp routing="path" path={paths.signUp} signInUrl={paths.signIn} fallbackRedirectUrl={paths.dashboard} />
      </ClerkCardSlot>
      <LocalModeHintSlot flow="sign-up" />
    </div>
  );
}
