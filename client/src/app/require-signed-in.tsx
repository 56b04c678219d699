import { useEffect, useRef, type ReactNode } from 'react';
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
 * to sign-in and comes back here afterwards; someone who signs out here (in
 * this tab or another) goes home, where Clerk's `afterSignOutUrl` sends them
 * too, whichever of the two navigations runs first. This is a convenience,
 * not a security boundary: the API checks the token on every request.
 */
export function RequireSignedIn({ children }: { children: ReactNode }) {
  const { isLoaded, isSignedIn } = useAuth();
  const location = useLocation();
  const wasSignedIn = useRef(false);
  useEffect(() => {
    if (isSignedIn) wasSignedIn.current = true;
  }, [isSignedIn]);
  if (!isLoaded) return <PageLoading label="Checking your session…" />;
  if (!isSignedIn) return <Navigate to={wasSignedIn.current ? paths.home : signInUrlReturningTo(location)} replace />;
  return <>{children}</>;
}
