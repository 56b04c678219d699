import { useState } from 'react';
import type { AdminUser } from '#shared/admin';
import { ERROR_CODES } from '#shared/api-error';
import { ROLES, type Roles } from '#shared/session-claims';
import { ErrorState } from '@/components/errors/error-state.tsx';
import { Button } from '@/components/ui/button.tsx';
import { isApiError } from '@/lib/api-client.ts';
import { useRemoveUserRole } from '../api/remove-user-role.ts';
import { useSetUserRole } from '../api/set-user-role.ts';

/**
 * The API's refusals that are about the caller's own role, with a heading that says what happened:
 * - `cannot_change_own_role`: an admin tried to demote themselves. Your own row offers no actions,
 *   so this shows only if the page did not know the row was yours.
 * - `last_admin` (409): two admins demoted each other at once, and the other's change came first;
 *   this one would have left the app without an admin, so nothing was changed.
 */
const OWN_ROLE_REFUSALS: Partial<Record<string, string>> = {
  [ERROR_CODES.cannotChangeOwnRole]: 'You cannot change your own admin role',
  [ERROR_CODES.lastAdmin]: 'Your own admin role was removed meanwhile',
};

function OwnRoleRefusal({ title, message }: { title: string; message: string }) {
  return (
    <div role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950/40">
      <p className="font-semibold text-amber-900 dark:text-amber-200">{title}</p>
      <p className="mt-1 text-amber-800 dark:text-amber-300">{message}</p>
    </div>
  );
}

function RoleError({ error }: { error: unknown }) {
  const title = isApiError(error) ? OWN_ROLE_REFUSALS[error.code] : undefined;
  if (isApiError(error) && title) return <OwnRoleRefusal title={title} message={error.message} />;
  return <ErrorState error={error} />;
}

/**
 * The API decides admin actions with the user's current role at once, but
 * their open session still carries the old role in its token (the SPA, and
 * other endpoints, read it there) until Clerk mints the next one.
 */
function RoleChanged({ name, role }: { name: string; role: Roles | null }) {
  return (
    <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
      {role ? `${name} is now ${role}.` : `${name} has no app role now.`} The API applies this at once; their open session picks it up with its next
      session token, within 60 seconds.
    </p>
  );
}

/** Admin is the role that can change every other: one click too many is cheaper than a mistaken one. */
function ConfirmAdmin({ name, onConfirm, onCancel }: { name: string; onConfirm: () => void; onCancel: () => void }) {
  return (
    <div role="group" aria-label={`Confirm making ${name} an admin`} className="flex flex-col gap-2">
      <p className="text-sm">Make {name} an admin? Admins can change the role of every user.</p>
      <div className="flex gap-2">
        <Button size="sm" onClick={onConfirm}>
          Yes, make admin
        </Button>
        <Button variant="secondary" size="sm" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}

/**
 * Set a user's app role or remove it; the API refuses anyone but an admin, and
 * any change to the caller's own role (403 `cannot_change_own_role`), so your
 * own row offers nothing that would always fail.
 */
export function RoleControls({ user, isSelf }: { user: AdminUser; isSelf: boolean }) {
  if (isSelf) return <p className="text-sm text-slate-500 dark:text-slate-400">You cannot change your own role: another admin can.</p>;
  return <OtherUserRoleControls user={user} />;
}

function OtherUserRoleControls({ user }: { user: AdminUser }) {
  const [confirmingAdmin, setConfirmingAdmin] = useState(false);
  const setRole = useSetUserRole();
  const removeRole = useRemoveUserRole();
  const pending = setRole.isPending || removeRole.isPending;
  const error = setRole.error ?? removeRole.error;
  const changed = setRole.data ?? removeRole.data;
  const name = user.fullName ?? user.primaryEmail ?? user.id;

  const assign = (role: Roles) => {
    setConfirmingAdmin(false);
    removeRole.reset();
    setRole.mutate({ userId: user.id, role });
  };
  const remove = () => {
    // Another action answers the "Make admin?" question too: it is not left open above the result.
    setConfirmingAdmin(false);
    setRole.reset();
    removeRole.mutate(user.id);
  };

  return (
    <div className="flex flex-col gap-2">
      <div role="group" aria-label={`Role of ${name}`} aria-busy={pending} className="flex flex-wrap gap-1">
        {ROLES.filter((role) => role !== user.role).map((role) => (
          <Button
            key={role}
            variant="secondary"
            size="sm"
            disabled={pending}
            onClick={() => (role === 'admin' ? setConfirmingAdmin(true) : assign(role))}
          >
            {setRole.isPending && setRole.variables.role === role ? 'Saving…' : `Make ${role}`}
          </Button>
        ))}
        {user.role ? (
          <Button variant="ghost" size="sm" disabled={pending} onClick={remove}>
            {removeRole.isPending ? 'Removing…' : 'Remove role'}
          </Button>
        ) : null}
      </div>
      {confirmingAdmin ? <ConfirmAdmin name={name} onConfirm={() => assign('admin')} onCancel={() => setConfirmingAdmin(false)} /> : null}
      {error ? <RoleError error={error} /> : null}
      {changed ? <RoleChanged name={name} role={changed.role} /> : null}
    </div>
  );
}
