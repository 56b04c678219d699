import type { MouseEvent, ReactNode } from 'react';
import type { LocalClerk } from '../local-clerk.ts';
import { focusRing } from './form-controls.tsx';

/** A link that navigates with the app's router (through the instance), keeping new-tab clicks native. */
export function ClerkLink({ clerk, href, children }: { clerk: LocalClerk; href: string; children: ReactNode }) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    clerk.closeSignIn();
    clerk.closeSignUp();
    void clerk.navigate(href);
  };
  return (
    <a href={href} onClick={onClick} className={`font-medium text-indigo-600 hover:underline dark:text-indigo-400 ${focusRing}`}>
      {children}
    </a>
  );
}

/** Shown while the identity server does not answer; the form still works once it does. */
export function UnreachableNotice({ clerk }: { clerk: LocalClerk }) {
  return (
    <p role="status" className="mb-4 rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200">
      The local identity server at <code className="font-mono">{clerk.frontendApiUrl}</code> is not answering. Start it
      with <code className="font-mono">npm run dev</code>, then try again.
    </p>
  );
}
