import type { Roles } from '#shared/session-claims';

/** The signed-in caller, narrowed once from Clerk's auth object. */
export interface Caller {
  readonly userId: string;
  readonly sessionId: string;
  readonly orgId: string | null;
  readonly orgSlug: string | null;
  /** Clerk's role key in the active organization, e.g. `org:admin`. */
  readonly orgRole: string | null;
  readonly orgPermissions: readonly string[];
  /** The app-wide role from the `metadata.role` session claim. */
  readonly role: Roles | null;
}
