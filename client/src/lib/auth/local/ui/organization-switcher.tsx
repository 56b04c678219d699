import { useState } from 'react';
import type { LocalClerk } from '../local-clerk.ts';
import type { LocalOrganizationResource } from '../resources.ts';
import type { LocalComponentProps } from './component-mounts.ts';
import { Spinner, focusRing } from './form-controls.tsx';
import { usePopover } from './use-popover.ts';
import { useLocalResources } from './use-local-clerk.ts';

const option =
  'flex w-full items-center gap-2 rounded-md px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-100 ' +
  'focus:bg-slate-100 focus:outline-none disabled:opacity-60 dark:text-slate-200 dark:hover:bg-slate-800 dark:focus:bg-slate-800';

function OrganizationLabel({ organization, imageUrl }: { organization: LocalOrganizationResource | null; imageUrl: string | undefined }) {
  return (
    <>
      <img src={organization?.imageUrl ?? imageUrl} alt="" className="size-6 rounded-md bg-slate-200 object-cover dark:bg-slate-700" />
      <span className="truncate">{organization?.name ?? 'Personal account'}</span>
    </>
  );
}

/** Local mode's `<OrganizationSwitcher>`: the active organization (or personal account) and the user's others. */
export function LocalOrganizationSwitcher({ clerk, props }: { clerk: LocalClerk; props: LocalComponentProps }) {
  const { user, organization } = useLocalResources(clerk);
  const popover = usePopover();
  const [switching, setSwitching] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!user) return null;
  const choices: (LocalOrganizationResource | null)[] = [
    ...(props.hidePersonal === true ? [] : [null]),
    ...user.organizationMemberships.map((membership) => membership.organization),
  ];
  const choose = async (target: LocalOrganizationResource | null) => {
    setSwitching(target?.id ?? 'personal');
    setError(null);
    try {
      await clerk.setActive({ organization: target?.id ?? null });
      popover.close({ restoreFocus: true });
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'Could not switch organization.');
    } finally {
      setSwitching(null);
    }
  };
  return (
    <div ref={popover.containerRef} className="relative font-sans">
      <button
        type="button"
        {...popover.buttonProps}
        aria-label={`Switch organization (current: ${organization?.name ?? 'Personal account'})`}
        className={`flex max-w-56 items-center gap-2 rounded-lg border border-slate-300 px-2 py-1 text-sm text-slate-800 hover:bg-slate-100 dark:border-slate-700 dark:text-slate-100 dark:hover:bg-slate-800 ${focusRing}`}
      >
        <OrganizationLabel organization={organization} imageUrl={user.imageUrl} />
      </button>
      {popover.open ? (
        <div
          {...popover.menuProps}
          aria-label="Organizations"
          className="absolute left-0 z-50 mt-2 w-64 rounded-lg border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          {choices.map((choice) => (
            <button
              key={choice?.id ?? 'personal'}
              type="button"
              role="menuitemradio"
              aria-checked={(choice?.id ?? null) === (organization?.id ?? null)}
              disabled={switching !== null}
              className={option}
              onClick={() => void choose(choice)}
            >
              <OrganizationLabel organization={choice} imageUrl={user.imageUrl} />
              {switching === (choice?.id ?? 'personal') ? <Spinner /> : null}
            </button>
          ))}
          <p aria-live="polite" className="px-3 text-xs text-red-600 empty:hidden dark:text-red-400">
            {error}
          </p>
        </div>
      ) : null}
    </div>
  );
}
