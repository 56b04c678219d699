import type { ComponentProps, ReactNode } from 'react';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { AuthProvider } from '@/lib/auth/auth-provider.tsx';
import { ClearCacheOnUserChange } from '@/lib/auth/clear-cache-on-user-change.tsx';
import { CrashPage } from '@/components/errors/crash-page.tsx';
import { ErrorBoundary } from '@/components/errors/error-boundary.tsx';
import { OrganizationVisitsProvider } from '@/features/organizations/components/organization-visits.tsx';
import { RefreshProfileOnUserUpdate } from './refresh-profile-on-user-update.tsx';

export interface AppProviderProps {
  queryClient: QueryClient;
  /** Component tests only: clerk-js from its package and Clerk's UI as markers (see AuthProvider). The app never passes it. */
  clerk?: ComponentProps<typeof AuthProvider>['clerk'];
  children: ReactNode;
}

/**
 * Everything the pages need around them. It renders inside the router (the
 * root route's element) because Clerk navigates with react-router.
 */
export function AppProvider({ queryClient, clerk, children }: AppProviderProps) {
  return (
    <ErrorBoundary fallback={({ error, reset }) => <CrashPage error={error} onReset={reset} />}>
      <QueryClientProvider client={queryClient}>
        <AuthProvider clerk={clerk}>
          {/* One user's cached API answers must never be shown to the next one. */}
          <ClearCacheOnUserChange queryClient={queryClient} />
          {/* A name changed in Clerk's <UserProfile> shows at once in the API's answers. */}
          <RefreshProfileOnUserUpdate queryClient={queryClient} />
          {/* What each organization page's visit did, kept while Clerk switches (see useOrganizationSync). */}
          <OrganizationVisitsProvider>{children}</OrganizationVisitsProvider>
        </AuthProvider>
      </QueryClientProvider>
    </ErrorBoundary>
  );
}
