import { useEffect, useState, type ReactNode } from 'react';
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
 * How long a signed-in visitor may look signed out before this page gives up
 * on them: clerk-js passes through a signed-out-looking state while it
 * switches organization, which must not send anyone away.
 */
export const SIGN_OUT_GRACE_MS = 1_500;

/**
 * Renders its children for a signed-in visitor only. A signed-out visitor goes
 * to sign-in and comes back here afterwards. Someone who was signed in here
 * and is no longer (signed out in this tab or another) goes home, as Clerk's
 * `afterSignOutUrl` sends them, once they have stayed signed out for
 * SIGN_OUT_GRACE_MS. This is a convenience, not a security boundary: the API
 * checks the token on every request.
 */
export function RequireSignedIn({ children }: { children: ReactNode }) {
  const { isLoaded, isSignedIn } = useAuth();
  const location = useLocation();
  // State, not a ref, since what renders depends on it; updated while rendering,
  // as React advises for state that follows a previous render's values.
  const [wasSignedIn, setWasSignedIn] = useState(false);
  const [signedOutForGood, setSignedOutForGood] = useState(false);
  if (isSignedIn && !wasSignedIn) setWasSignedIn(true);
  if (isSignedIn && signedOutForGood) setSignedOutForGood(false);
  useEffect(() => {
    if (isSignedIn || !isLoaded || !wasSignedIn) return;
    const timer = setTimeout(() => setSignedOutForGood(true), SIGN_OUT_GRACE_MS);
    return () => clearTimeout(timer);
  }, [isLoaded, isSignedIn, wasSignedIn]);
  if (!isLoaded) return <PageLoading label="Checking your session…" />;
  if (isSignedIn) return <>{children}</>;
  if (!wasSignedIn) return <Navigate to={signInUrlReturningTo(location)} replace />;
  return signedOutForGood ? <Navigate to={paths.home} replace /> : <PageLoading label="Checking your session…" />;
}
