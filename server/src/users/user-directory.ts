import type { ClerkClient, User } from '@clerk/express';
import { ERROR_CODES } from '#shared/api-error';
import { RoleSchema, type Roles } from '#shared/session-claims';
import { HttpError } from '../middleware/errors.ts';

/**
 * A user as the app may use it: an allow-list of Clerk's user fields. Private
 * and unsafe metadata never leave this module.
 */
export interface DirectoryUser {
  id: string;
  firstName: string | null;
  lastName: string | null;
  fullName: string | null;
  primaryEmail: string | null;
  imageUrl: string;
  role: Roles | null;
  createdAt: Date;
  lastSignInAt: Date | null;
}

export interface UserDirectory {
  /** The user, or null when Clerk does not know the id (e.g. deleted since the token was issued). */
  findUser(userId: string): Promise<DirectoryUser | null>;
}

export interface UserDirectoryOptions {
  /** A hung Backend API must not hang the request: after this the call counts as failed. */
  timeoutMs?: number;
}

/**
 * The app's only door to Clerk's Backend API for users, so that caching and
 * retries, when they come, have one place to live. Failures of the Backend API
 * (network, 5xx, 429, timeouts, answers that are not a user) become a 503
 * `upstream_unavailable`: the API is fine, its upstream is not.
 */
export function createUserDirectory(clerkClient: ClerkClient, options: UserDirectoryOptions = {}): UserDirectory {
  const timeoutMs = options.timeoutMs ?? 5000;
  return {
    async findUser(userId) {
      let user: User;
      try {
        user = await withTimeout(clerkClient.users.getUser(userId), timeoutMs);
      } catch (error) {
        if (statusOf(error) === 404) return null;
        throw upstreamUnavailable(error);
      }
      return toDirectoryUser(user);
    },
  };
}

function toDirectoryUser(user: User): DirectoryUser {
  if (typeof user?.id !== 'string' || typeof user.createdAt !== 'number') {
    throw upstreamUnavailable(new Error('The Backend API answered with something that is not a user'));
  }
  const role = RoleSchema.safeParse(user.publicMetadata?.role);
  return {
    id: user.id,
    firstName: user.firstName ?? null,
    lastName: user.lastName ?? null,
    fullName: user.fullName ?? null,
    primaryEmail: user.primaryEmailAddress?.emailAddress ?? null,
    imageUrl: user.imageUrl ?? '',
    role: role.success ? role.data : null,
    createdAt: new Date(user.createdAt),
    lastSignInAt: typeof user.lastSignInAt === 'number' ? new Date(user.lastSignInAt) : null,
  };
}

function upstreamUnavailable(cause: unknown): HttpError {
  const retryAfter = retryAfterOf(cause);
  return new HttpError(503, ERROR_CODES.upstreamUnavailable, 'The identity service is unavailable. Try again shortly.', {
    cause,
    headers: retryAfter === null ? {} : { 'Retry-After': String(retryAfter) },
    details: { upstream: 'clerk-backend-api', status: statusOf(cause), errors: clerkErrorsOf(cause) },
  });
}

/** Clerk's error codes and messages (`unexpected_error: fetch failed`, …): what the operator needs. */
function clerkErrorsOf(error: unknown): string[] | undefined {
  const errors = (error as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return undefined;
  return errors.map((entry: { code?: unknown; message?: unknown }) => `${String(entry.code)}: ${String(entry.message)}`);
}

/** Clerk's ClerkAPIResponseError carries `status` and, for 429, `retryAfter` in seconds. */
function statusOf(error: unknown): number | null {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : null;
}

function retryAfterOf(error: unknown): number | null {
  const retryAfter = (error as { retryAfter?: unknown } | null)?.retryAfter;
  return typeof retryAfter === 'number' && retryAfter >= 0 ? retryAfter : null;
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`The Backend API did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
