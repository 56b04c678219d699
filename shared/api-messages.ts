/**
 * The words of the API's refusals, for the API and for the SPA's mock API
 * (client/src/testing/mocks): one copy, so the SPA's tests read what users of
 * the real API read. The codes are ERROR_CODES in api-error.ts.
 */
export const API_MESSAGES = {
  /** 401 on any endpoint that needs a signed-in caller. */
  unauthenticated: 'Sign in to continue.',
  /** 403 for a caller without the app role an endpoint needs (e.g. not an app admin on /api/admin). */
  forbidden: 'You do not have permission to do this.',
  /** 503 when the database does not answer. */
  databaseUnavailable: 'The database is unavailable right now. Try again shortly.',

  postNotFound: 'No such post.',
  postEditForbidden: 'Only the author may edit this post.',
  postDeleteForbidden: 'You may not delete this post.',
  postListAllForbidden: 'Only moderators and admins may list every post.',
  /** A `fields.scope` message: `scope=org` without an active organization. */
  postListNeedsOrganization: 'You have no active organization: choose one, or list your own posts',
  /** A `fields.cursor` message. */
  postCursorInvalid: 'Not a cursor from this list; start again from the first page',
  idempotencyKeyReused: 'This Idempotency-Key was already used for a different post. Send a new key for a new post.',

  userNotFound: 'No user with this id.',
  cannotChangeOwnRole: 'You cannot remove or downgrade your own admin role.',
  lastAdmin: 'Your own admin role was removed at the same time, so this would leave the app without an admin. Nothing was changed.',

  notOrganizationAdmin: 'Only an admin of this organization, with it active, can do this.',
} as const;
