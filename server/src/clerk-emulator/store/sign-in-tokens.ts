import { EmulatorError } from '../http/errors.ts';
import { expiredTicket, invalidTicket, signInTokenIdOfTicket, signInTokenTicket } from '../tokens/tickets.ts';
import { newId } from './ids.ts';
import { LOCAL_APP_SIGN_IN_PATH } from '#shared/local-clerk';
import type { LocalKeys } from '../../common/local-keys.ts';
import type { EmulatorStore, StoredSignInToken, StoredUser } from './store.ts';

/**
 * Clerk's sign-in tokens (`POST /v1/sign_in_tokens`): a ticket that signs its user in once, with no credential and no
 * second factor (what `@clerk/testing`'s `signIn({ emailAddress })` relies on). Pending until used (`accepted`) or
 * revoked; past `expiresAt` it is refused as an expired ticket, its status still `pending`, as Clerk's enum has no
 * `expired`. Clerk's default lifetime is 30 days.
 */
export const SIGN_IN_TOKEN_LIFETIME_SECONDS = 30 * 24 * 60 * 60;

/** What a sign-in token's ticket and link need: the key it is signed with, and the app its link leads to. */
export interface SignInTokenLinks {
  keys: LocalKeys;
  /** The emulator's URL, the ticket's `iss`. */
  issuer: string;
  /** The SPA's first authorized origin: its sign-in page takes the ticket. */
  authorizedParties: readonly string[];
}

export function createSignInToken(
  store: EmulatorStore,
  user: StoredUser,
  options: { expiresInSeconds: number; organizationId: string | null },
  now: number,
): StoredSignInToken {
  if (options.organizationId !== null && !store.membership(user.id, options.organizationId)) {
    throw new EmulatorError(422, 'form_param_value_invalid', 'The user is not a member of org_id.', { org_id: ['Not a member.'] });
  }
  const token: StoredSignInToken = {
    id: newId('sit'),
    userId: user.id,
    organizationId: options.organizationId,
    status: 'pending',
    expiresAt: now + options.expiresInSeconds * 1000,
    createdAt: now,
    updatedAt: now,
  };
  store.update((data) => data.signInTokens.push(token));
  return token;
}

export function signInTokenTicketOf(links: SignInTokenLinks, token: StoredSignInToken): string {
  return signInTokenTicket(token, links.keys, links.issuer);
}

/**
 * The token's link, as Clerk's ticket link lands: the app's sign-in page with `__clerk_ticket` and `__clerk_status`,
 * which `<SignIn>` signs in with. (Clerk's own link goes through its `/v1/tickets/accept` redirect, not emulated.)
 */
export function signInTokenUrl(links: SignInTokenLinks, token: StoredSignInToken): string {
  const url = new URL(`${links.authorizedParties[0] ?? links.issuer}${LOCAL_APP_SIGN_IN_PATH}`);
  url.searchParams.set('__clerk_ticket', signInTokenTicketOf(links, token));
  url.searchParams.set('__clerk_status', 'sign_in');
  return url.toString();
}

export function revokeSignInToken(store: EmulatorStore, token: StoredSignInToken, now: number): void {
  if (token.status !== 'pending') throw new EmulatorError(400, 'sign_in_token_not_pending', 'Only a pending sign-in token can be revoked.');
  store.update(() => Object.assign(token, { status: 'revoked', updatedAt: now }));
}

/**
 * The pending sign-in token a ticket names. Used once already, revoked, or its user deleted: Clerk's
 * `ticket_invalid_code`; past its expiry, `ticket_expired_code` (tokens/tickets.ts).
 */
export function signInTokenOfTicket(store: EmulatorStore, keys: LocalKeys, ticket: string, now: number): StoredSignInToken {
  const token = store.signInTokenById(signInTokenIdOfTicket(ticket, keys, now));
  if (token?.status === 'pending' && token.expiresAt <= now) throw expiredTicket();
  if (token?.status !== 'pending' || !store.userById(token.userId)) throw invalidTicket();
  return token;
}

/** Used: the ticket works once. */
export function acceptSignInToken(store: EmulatorStore, token: StoredSignInToken, now: number): void {
  store.update(() => Object.assign(token, { status: 'accepted', updatedAt: now }));
}
