import { removeImageFile } from './images.ts';
import type { EmulatorStore } from './store.ts';

/**
 * Deleting users and organizations, as Clerk does: what hangs off them goes
 * in the same change, so the webhooks of that change describe it whole
 * (memberships deleted, then the organization or user).
 */

/** The user, their memberships, sessions, pending email codes, sign-in tokens and profile image: their browsers are signed out at the next call. */
export function deleteUser(store: EmulatorStore, userId: string): void {
  const image = store.userById(userId)?.imageFile;
  store.update((data) => {
    data.memberships = data.memberships.filter((membership) => membership.userId !== userId);
    data.sessions = data.sessions.filter((session) => session.userId !== userId);
    data.emailCodes = data.emailCodes.filter((code) => code.userId !== userId);
    data.signInTokens = data.signInTokens.filter((token) => token.userId !== userId);
    data.users = data.users.filter((user) => user.id !== userId);
  });
  if (image) removeImageFile(store, image);
}

/** The organization and its memberships; sessions that had it active fall back to the personal account. */
export function deleteOrganization(store: EmulatorStore, organizationId: string): void {
  const image = store.data.organizations.find((organization) => organization.id === organizationId)?.imageFile;
  store.update((data) => {
    data.memberships = data.memberships.filter((membership) => membership.organizationId !== organizationId);
    data.organizations = data.organizations.filter((organization) => organization.id !== organizationId);
    for (const session of data.sessions) if (session.lastActiveOrganizationId === organizationId) session.lastActiveOrganizationId = null;
  });
  if (image) removeImageFile(store, image);
}

/** Clerk's answer to a deletion, which @clerk/backend reads as a `DeletedObject`. */
export function deletedObjectJson(object: 'user' | 'organization' | 'waitlist_entry', id: string) {
  return { object, id, deleted: true };
}
