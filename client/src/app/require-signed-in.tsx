import type { ReactNode } from 'react';
import { useAuth } from '@clerk/react';
import { Navigate, useLocation } from 'react-router';
import { paths } from '@/config/paths.ts';
import { PageLoading } from '@/components/loading/page-loading.tsx';

/** `/sign-in?redirect_url=<absolute URL of here>`, the shape Clerk's own redirects use. */
export function signInUrlReturningTo(location: { pathname: string; search: string; hash: string }): string {
  const returnTo = new URL(`${location.pathname}${location.search}${location.hash}`, window.location.origin);
  return `${paths.signIn}?${new URLSearchParams({ redirect_url: returnTo.href })}`;
}

/**
 * Renders its children for a signed-in visitor only. A signed-out visitor goes
 * to sign-in and comes back here afterwards. This is a convenience, not a
 * security boundary: the API checks the token on every request.
 */
export function RequireSignedIn({ children }: { children: ReactNode }) {
  const { isLoaded, isSignedIn } = useAuth();
  const location = useLocation();
  if (!isLoaded) return <PageLoading label="Checking your session…" />;
  if (!isSignedIn) return <Navigate to={signInUrlReturningTo(location)} replace />;
  return <>{children}</>;
}
