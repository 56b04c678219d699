import { useAuth, useUser } from '@clerk/react';
import type { Post, PostAuthor } from '#shared/posts';
import { Avatar } from '@/components/ui/avatar.tsx';
import { Badge } from '@/components/ui/badge.tsx';
import { DateTime } from '@/components/ui/date-time.tsx';

/** The organization's name from the viewer's memberships (freshest), else the API's copy; a moderator may belong to neither. */
function useOrganizationName(organizationId: string, apiName: string | null): string {
  const { user } = useUser();
  const membership = user?.organizationMemberships.find((entry) => entry.organization.id === organizationId);
  return membership?.organization.name ?? apiName ?? 'Another organization';
}

function OrganizationBadge({ organizationId, apiName }: { organizationId: string; apiName: string | null }) {
  return (
    <Badge tone="brand">
      <bdi>{useOrganizationName(organizationId, apiName)}</bdi>
    </Badge>
  );
}

/**
 * The author's name from the API (its copy of Clerk's users), isolated as
 * user text; a placeholder when the account was deleted or the API has no
 * name for it yet, never the raw id (kept in the tooltip for moderators).
 */
function AuthorName({ author, isViewer }: { author: PostAuthor; isViewer: boolean }) {
  if (isViewer) return <>you</>;
  if (author.deleted)
    return (
      <span className="italic" title={author.id}>
        Deleted user
      </span>
    );
  if (author.name === null)
    return (
      <span className="italic" title={author.id}>
        Unknown user
      </span>
    );
  return <bdi className="font-medium text-slate-700 dark:text-slate-300">{author.name}</bdi>;
}

function Byline({ author, isViewer }: { author: PostAuthor; isViewer: boolean }) {
  return (
    <span className="inline-flex items-center gap-1.5">
      <Avatar src={author.deleted ? null : author.imageUrl} size="small" />
      <span>
        By <AuthorName author={author} isViewer={isViewer} />
      </span>
    </span>
  );
}

/** Who wrote it, where, and when. */
export function PostMeta({ post }: { post: Post }) {
  const { userId } = useAuth();
  const edited = post.updatedAt !== post.createdAt;
  return (
    <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-500 dark:text-slate-400">
      <Byline author={post.author} isViewer={post.authorId === userId} />
      <span aria-hidden="true">·</span>
      <DateTime value={post.createdAt} />
      {edited ? <span>(edited)</span> : null}
      {post.organizationId ? <OrganizationBadge organizationId={post.organizationId} apiName={post.organizationName} /> : <Badge>Personal</Badge>}
    </p>
  );
}
