import { ClerkLoading, SignIn } from '@clerk/react';
import { paths } from '@/config/paths.ts';
import { PageLoading } from '@/components/loading/page-loading.tsx';
import { ClerkCardSlot } from '@/features/auth/components/clerk-card-slot.tsx';
import { LocalModeHintSlot } from '@/features/auth/components/local-mode-hint-slot.tsx';
import { PageTitle } from '@/components/page-title.tsx';

/**
 * Clerk's sign-in component, path-routed under /sign-in/*. A `redirect_url`
 * query parameter (set by the protected-route guard) takes the visitor back;
 * otherwise they land on the dashboard.
 */
export function SignInRoute() {
  return (
    <div className="flex flex-col items-center gap-6 lg:flex-row lg:items-start lg:justify-center">
      <PageTitle name="Sign in" />
      <ClerkCardSlot flow="sign-in">
        <ClerkLoading>
          <PageLoading label="Loading sign-in…" />
        </ClerkLoading>
        <SignIn routing="path" path={paths.signIn} signUpUrl={paths.signUp} fallbackRedirectUrl={paths.dashboard} />
      </ClerkCardSlot>
      <LocalModeHintSlot flow="sign-in" />
    </div>
  );
}
