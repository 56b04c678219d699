import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { ClerkProvider, type HeadlessBrowserClerk } from '@clerk/react';
import type { ClerkUIConstructor } from '@clerk/shared/types';
import { useNavigate } from 'react-router';
import { env } from '@/config/env.ts';
import { paths } from '@/config/paths.ts';
import { clerkAppearance } from './appearance.ts';
import { useColorScheme } from './use-color-scheme.ts';

export interface AuthProviderProps {
  children: ReactNode;
  /**
   * Component tests only: ClerkProvider's own `Clerk` (clerk-js, imported from its package) and `ui` props, since
   * jsdom runs no script tag (`@/testing/clerk/`). The app never passes them: ClerkProvider loads clerk-js and
   * Clerk's UI itself, from Clerk or, in local mode, from the emulator behind the proxy path.
   */
  clerk?: { Clerk: HeadlessBrowserClerk; ui: { ClerkUI: ClerkUIConstructor } } | undefined;
}

/**
 * The one place the app wires Clerk. Render it inside react-router: Clerk
 * navigates with the router. Local mode and Clerk mode are the same provider
 * and the same code; only the publishable key and the proxy URL (from env) differ.
 */
export function AuthProvider({ children, clerk }: AuthProviderProps) {
  const { routerPush, routerReplace } = useRouterNavigation();
  const scheme = useColorScheme();
  return (
    <ClerkProvider
      publishableKey={env.clerkPublishableKey}
      {...(env.clerkProxyUrl ? { proxyUrl: env.clerkProxyUrl } : {})}
      {...(clerk ? { Clerk: clerk.Clerk, ui: clerk.ui } : {})}
      {...(env.clerkTelemetry ? {} : { telemetry: false })}
      appearance={clerkAppearance(scheme)}
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
