import type { ReactNode } from 'react';
import { ClerkProvider, type ClerkProp } from '@clerk/react';
import { render } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { onTestFinished } from 'vitest';
import { localPublishableKey } from '@/lib/auth/local-publishable-key.ts';
import type { LocalClerk } from '@/lib/auth/local/local-clerk.ts';

/**
 * Renders `ui` inside the real ClerkProvider with a local instance and no
 * router: navigations are recorded instead (`navigations` lists the paths).
 * The instance is destroyed when the test ends (timers, listeners, UI roots).
 */
export function renderWithLocalClerk(clerk: LocalClerk, ui: ReactNode) {
  const navigations: string[] = [];
  const record = (to: string) => {
    navigations.push(to);
  };
  onTestFinished(() => clerk.destroy());
  const user = userEvent.setup();
  const utils = render(
    <ClerkProvider
      publishableKey={localPublishableKey(clerk.frontendApiUrl)}
      Clerk={clerk as unknown as ClerkProp}
      signInUrl="/sign-in"
      signUpUrl="/sign-up"
      afterSignOutUrl="/"
      routerPush={record}
      routerReplace={record}
    >
      {ui}
    </ClerkProvider>,
  );
  return { ...utils, user, navigations };
}
