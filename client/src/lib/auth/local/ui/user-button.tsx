import { useState } from 'react';
import type { LocalClerk } from '../local-clerk.ts';
import type { LocalComponentProps } from './component-mounts.ts';
import { Spinner, focusRing } from './form-controls.tsx';
import { usePopover } from './use-popover.ts';
import { useLocalResources } from './use-local-clerk.ts';

const menuItem =
  'flex w-full items-center gap-2 rounded-md px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-100 ' +
  'focus:bg-slate-100 focus:outline-none disabled:opacity-60 dark:text-slate-200 dark:hover:bg-slate-800 dark:focus:bg-slate-800';

/** Local mode's `<UserButton>`: the avatar opens a menu with the user's name, email and "Sign out". */
export function LocalUserButton({ clerk, props }: { clerk: LocalClerk; props: LocalComponentProps }) {
  const { user } = useLocalResources(clerk);
  const popover = usePopover();
  const [signingOut, setSigningOut] = useState(false);
  if (!user) return null;
  const name = user.fullName ?? user.primaryEmailAddress?.emailAddress ?? 'Your account';
  const signOut = async () => {
    setSigningOut(true);
    const redirectUrl = typeof props.afterSignOutUrl === 'string' ? props.afterSignOutUrl : undefined;
    try {
      await clerk.signOut(redirectUrl ? { redirectUrl } : {});
    } finally {
      setSigningOut(false);
    }
  };
  return (
    <div ref={popover.containerRef} className="relative font-sans">
      <button
        type="button"
        {...popover.buttonProps}
        aria-label={`Open user menu for ${name}`}
        className={`block rounded-full ${focusRing}`}
      >
        <img src={user.imageUrl} alt="" className="size-8 rounded-full bg-slate-200 object-cover dark:bg-slate-700" />
      </button>
      {popover.open ? (
        <div
          {...popover.menuProps}
          aria-label="User menu"
          className="absolute right-0 z-50 mt-2 w-64 rounded-lg border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          <div className="px-3 py-2">
            <p className="truncate text-sm font-medium text-slate-900 dark:text-white">{name}</p>
            <p className="truncate text-xs text-slate-500 dark:text-slate-400">{user.primaryEmailAddress?.emailAddress}</p>
          </div>
          <div className="my-1 border-t border-slate-200 dark:border-slate-700" />
          <button type="button" role="menuitem" className={menuItem} disabled={signingOut} onClick={() => void signOut()}>
            {signingOut ? <Spinner /> : null}
            Sign out
          </button>
        </div>
      ) : null}
    </div>
  );
}
