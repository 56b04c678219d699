import { Suspense, use, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { ClerkProvider, type ClerkProp } from '@clerk/react';
import { useNavigate } from 'react-router';
import { env } from '@/config/env.ts';
import { paths } from '@/config/paths.ts';
import { clerkAppearance } from './appearance.ts';
import { loadLocalClerk } from './load-local-clerk.ts';
import { localPublishableKey } from './local-publishable-key.ts';
import type { LocalClerk } from './local/local-clerk.ts';

export interface AuthProviderProps {
  children: ReactNode;
  /** A ready local instance (tests). Without it: real Clerk when a publishable key is configured, else the local one. */
  clerk?: LocalClerk | undefined;
}

/**
 * The one place the app wires Clerk. Render it inside react-router: Clerk
 * navigates with the router. In Clerk mode it is Clerk's own provider; in
 * local mode the same provider with the local instance, so every
 * @clerk/react hook and component in the app runs the same code either way.
 */
export function AuthProvider({ children, clerk }: AuthProviderProps) {
  if (clerk) return <LocalModeProvider clerk={clerk}>{children}</LocalModeProvider>;
  if (env.clerkPublishableKey) return <RoutedClerkProvider publishableKey={env.clerkPublishableKey}>{children}</RoutedClerkProvider>;
  return (
    // The local instance is a separate chunk; until it arrives (a few ms, once) nothing renders.
    <Suspense fallback={null}>
      <LazyLocalModeProvider>{children}</LazyLocalModeProvider>
    </Suspense>
  );
}

function LazyLocalModeProvider({ children }: { children: ReactNode }) {
  const clerk = use(loadLocalClerk(env.localIdentityUrl));
  return <LocalModeProvider clerk={clerk}>{children}</LocalModeProvider>;
}

function LocalModeProvider({ clerk, children }: { clerk: LocalClerk; children: ReactNode }) {
  return (
    // The local instance implements the part of clerk-js that @clerk/react uses, not its whole type.
    <RoutedClerkProvider publishableKey={localPublishableKey(clerk.frontendApiUrl)} Clerk={clerk as unknown as ClerkProp}>
      {children}
    </RoutedClerkProvider>
  );
}

function RoutedClerkProvider({ publishableKey, Clerk, children }: { publishableKey: string; Clerk?: ClerkProp; children: ReactNode }) {
  const { routerPush, routerReplace } = useRouterNavigation();
  return (
    <ClerkProvider
      publishableKey={publishableKey}
      {...(Clerk ? { Clerk } : {})}
      appearance={clerkAppearance}
      signInUrl={paths.signIn}
      signUpUrl={paths.signUp}
      afterSignOutUrl={paths.home}
      routerPush={routerPush}
      routerReplace={routerReplace}
    >
      {children}
    </ClerkProvider>
  );
}

/**
 * Stable router callbacks: Clerk keeps the functions it got first, so they
 * read the latest `navigate` through a ref instead of closing over one.
 */
function useRouterNavigation() {
  const navigate = useNavigate();
  const latest = useRef(navigate);
  useEffect(() => {
    latest.current = navigate;
  }, [navigate]);
  return useMemo(
    () => ({
      routerPush: (to: string) => latest.current(to),
      routerReplace: (to: string) => latest.current(to, { replace: true }),
    }),
    [],
  );
}
