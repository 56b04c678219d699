import { applicationInvitationStatus } from '../store/application-invitations.ts';
import type { StoredApplicationInvitation } from '../store/store.ts';

/**
 * Clerk's application invitation (`object: 'invitation'`) as the Backend API sends it, alone or inside a waitlist
 * entry. `url` is its email's link, with its sign-up ticket (`__clerk_ticket`, store/application-invitations.ts).
 */
export function applicationInvitationJson(invitation: StoredApplicationInvitation, now: number) {
  const status = applicationInvitationStatus(invitation, now);
  return {
    object: 'invitation' as const,
    id: invitation.id,
    email_address: invitation.emailAddress,
    public_metadata: invitation.publicMetadata,
    revoked: status === 'revoked',
    status,
    url: invitation.url,
    expires_at: invitation.expiresAt,
    created_at: invitation.createdAt,
    updated_at: invitation.updatedAt,
  };
}
