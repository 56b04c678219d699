import { paths } from '@/config/paths.ts';
import { StatusPage } from '@/components/errors/status-page.tsx';

/**
 * The URL names an organization the user does not belong to (or one that does
 * not exist: the two look alike on purpose). Nothing was switched.
 */
export function NotAMember({ slug }: { slug: string }) {
  return (
    <StatusPage
      code="403"
      title="You are not a member of this organization"
      message={
        <>
          Your account does not belong to an organization called <bdi className="font-mono">“{slug}”</bdi>, so it was not made active. Ask one of its
          admins for an invitation, or pick one of your organizations in the header.
        </>
      }
      back={{ to: paths.posts, label: 'Go to your posts' }}
    />
  );
}
