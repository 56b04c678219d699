import type { OrganizationMember } from '#shared/organizations';
import { Avatar } from '@/components/ui/avatar.tsx';
import { Badge } from '@/components/ui/badge.tsx';
import { Empty } from '@/components/ui/data-list.tsx';
import { DateTime } from '@/components/ui/date-time.tsx';

/** `org:admin` → "Admin": Clerk's role keys, as people read them. */
export function roleLabel(role: string): string {
  const name = role.replace(/^org:/, '').replace(/_/g, ' ');
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function MemberRow({ member }: { member: OrganizationMember }) {
  return (
    <li className="flex flex-col gap-3 py-4 sm:flex-row sm:items-center">
      <Avatar src={member.imageUrl} />
      <div className="min-w-0 flex-1">
        <p dir="auto" className="truncate font-medium">
          {member.fullName ?? <Empty>No name</Empty>}
        </p>
        <p className="truncate text-sm text-slate-500 dark:text-slate-400">{member.primaryEmail ?? <Empty>No email</Empty>}</p>
      </div>
      <div className="flex flex-wrap items-center gap-3 text-sm text-slate-500 dark:text-slate-400">
        <Badge tone={member.role === 'org:admin' ? 'brand' : 'neutral'}>{roleLabel(member.role)}</Badge>
        <span>
          Joined <DateTime value={member.joinedAt} />
        </span>
      </div>
    </li>
  );
}

export function MembersList({ members }: { members: readonly OrganizationMember[] }) {
  if (members.length === 0) {
    return <p className="py-6 text-center text-sm text-slate-500 dark:text-slate-400">This organization has no members yet.</p>;
  }
  return (
    <ul aria-label="Members" className="divide-y divide-slate-200 dark:divide-slate-800">
      {members.map((member) => (
        <MemberRow key={member.userId} member={member} />
      ))}
    </ul>
  );
}
