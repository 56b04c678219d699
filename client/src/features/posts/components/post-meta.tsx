import { useAuth, useUser } from '@clerk/react';
import type { Post } from '#shared/posts';
import { Badge } from '@/components/ui/badge.tsx';
import { DateTime } from '@/components/ui/date-time.tsx';

/** The organization's name when the user belongs to it; the API sends only its id. */
function useOrganizationName(organizationId: string): string {
  const { user } = useUser();
  const membership = user?.organizationMemberships.find((entry) => entry.organization.id === organizationId);
  return membership?.organization.name ?? 'Another organization';
}

function OrganizationBadge({ organizationId }: { organizationId: string }) {
  return (
    <Badge tone="brand">
      <bdi>{useOrganizationName(organizationId)}</bdi>
    </Badge>
  );
}

/** Who wrote it, where, and when. */
export function PostMeta({ post }: { post: Post }) {
  const { userId } = useAuth();
  const edited = post.updatedAt !== post.createdAt;
  return (
    <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-500 dark:text-slate-400">
      <span>
        By {post.authorId === userId ? 'you' : <span className="font-mono">{post.authorId}</span>}
      </span>
      <span aria-hidden="true">·</span>
      <DateTime value={post.createdAt} />
      {edited ? <span>(edited)</span> : null}
      {post.organizationId ? <OrganizationBadge organizationId={post.organizationId} /> : <Badge>Personal</Badge>}
    </p>
  );
}
