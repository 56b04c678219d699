import {
  LocalClientSchema,
  type LocalClient,
  type LocalMembership,
  type LocalSession,
  type LocalUser,
} from '#shared/local-identity-protocol';
import { avatarUrl } from './avatars.ts';
import { organizationRole } from './roles.ts';
import { activeSessionsOfClient } from './sessions.ts';
import type { IdentityStore, StoredClient, StoredSession, StoredUser } from './store.ts';

/**
 * What the browser sees. Built field by field from an allow-list and then
 * parsed with the shared schemas (which strip unknown keys), so private and
 * unsafe metadata or password hashes cannot reach a Frontend API answer.
 */
export interface FrontendContext {
  store: IdentityStore;
  issuer: string;
  now: number;
}

export function localMemberships(userId: string, ctx: FrontendContext): LocalMembership[] {
  return ctx.store.membershipsOfUser(userId).flatMap((membership) => {
    const organization = ctx.store.organizationByIdOrSlug(membership.organizationId);
    if (!organization) return [];
    const role = organizationRole(membership.role);
    return [
      {
        id: membership.id,
        role: role.key,
        roleName: role.name,
        permissions: [...role.permissions],
        organization: {
          id: organization.id,
          name: organization.name,
          slug: organization.slug,
          imageUrl: avatarUrl(ctx.issuer, organization.id),
        },
      },
    ];
  });
}

export function localUser(user: StoredUser, ctx: FrontendContext): LocalUser {
  return {
    id: user.id,
    firstName: user.firstName,
    lastName: user.lastName,
    imageUrl: avatarUrl(ctx.issuer, user.id),
    primaryEmailAddressId: user.primaryEmailAddressId,
    emailAddresses: user.emailAddresses.map(({ id, emailAddress }) => ({ id, emailAddress })),
    publicMetadata: structuredClone(user.publicMetadata),
    organizationMemberships: localMemberships(user.id, ctx),
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
    lastSignInAt: user.lastSignInAt,
  };
}

function localSession(session: StoredSession, user: StoredUser, ctx: FrontendContext): LocalSession {
  return {
    id: session.id,
    status: session.status,
    lastActiveOrganizationId: session.lastActiveOrganizationId,
    user: localUser(user, ctx),
    createdAt: session.createdAt,
    updatedAt: session.updatedAt,
    expireAt: session.expireAt,
  };
}

/** The client with its active sessions only; the last one is the current one. */
export function localClient(client: StoredClient, ctx: FrontendContext): LocalClient {
  const sessions = activeSessionsOfClient(ctx.store, client.id, ctx.now).flatMap((session) => {
    const user = ctx.store.userById(session.userId);
    return user ? [localSession(session, user, ctx)] : [];
  });
  return LocalClientSchema.parse({
    id: client.id,
    sessions,
    lastActiveSessionId: sessions.at(-1)?.id ?? null,
  });
}
