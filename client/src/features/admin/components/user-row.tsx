import type { AdminUser } from '#shared/admin';
import { Avatar } from '@/components/ui/avatar.tsx';
import { Badge } from '@/components/ui/badge.tsx';
import { Empty } from '@/components/ui/data-list.tsx';
import { DateTime } from '@/components/ui/date-time.tsx';
import { RoleControls } from './role-controls.tsx';

export function UserRow({ user, isSelf }: { user: AdminUser; isSelf: boolean }) {
  return (
    <li className="flex flex-col gap-3 py-4 lg:flex-row lg:items-start">
      <div className="flex min-w-0 flex-1 gap-3">
        <Avatar src={user.imageUrl} />
        <div className="min-w-0">
          <p className="flex flex-wrap items-center gap-2 font-medium">
            <span dir="auto" className="truncate">
              {user.fullName ?? <Empty>No name</Empty>}
            </span>
            {isSelf ? <Badge>You</Badge> : null}
            {user.role ? <Badge tone={user.role === 'admin' ? 'amber' : 'brand'}>{user.role}</Badge> : null}
          </p>
          <p className="truncate text-sm text-slate-500 dark:text-slate-400">{user.primaryEmail ?? <Empty>No email</Empty>}</p>
          <p className="text-xs text-slate-500 dark:text-slate-400">
            Joined <DateTime value={user.createdAt} /> · Last sign-in <DateTime value={user.lastSignInAt} />
          </p>
        </div>
      </div>
      <div className="lg:max-w-xs">
        <RoleControls user={user} isSelf={isSelf} />
      </div>
    </li>
  );
}
