import type { SignInRequest, SignUpRequest } from '#shared/local-identity-protocol';
import { IdentityError } from './errors.ts';
import { newId } from './ids.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import type { IdentityStore, StoredUser } from './store.ts';

export interface NewUser {
  emailAddress: string;
  firstName: string | null;
  lastName: string | null;
  passwordHash: string;
  publicMetadata?: Record<string, unknown>;
  privateMetadata?: Record<string, unknown>;
  createdAt: number;
}

/** A user record with one verified email address, as Clerk creates it. */
export function buildUser(input: NewUser): StoredUser {
  const emailAddressId = newId('idn');
  return {
    id: newId('user'),
    firstName: input.firstName,
    lastName: input.lastName,
    primaryEmailAddressId: emailAddressId,
    emailAddresses: [{ id: emailAddressId, emailAddress: input.emailAddress.toLowerCase(), createdAt: input.createdAt }],
    passwordHash: input.passwordHash,
    // Copies, so later metadata changes never reach the caller's objects (the seed constants).
    publicMetadata: structuredClone(input.publicMetadata ?? {}),
    privateMetadata: structuredClone(input.privateMetadata ?? {}),
    unsafeMetadata: {},
    createdAt: input.createdAt,
    updatedAt: input.createdAt,
    lastSignInAt: null,
    lastActiveAt: null,
  };
}

/** Checks an email and password; Clerk's form error codes on failure. */
export async function authenticate(store: IdentityStore, request: SignInRequest): Promise<StoredUser> {
  const user = store.userByEmail(request.identifier);
  if (!user) {
    throw new IdentityError(422, 'form_identifier_not_found', "Couldn't find your account.", {
      identifier: ["Couldn't find your account."],
    });
  }
  if (!(await verifyPassword(request.password, user.passwordHash))) {
    throw new IdentityError(422, 'form_password_incorrect', 'Password is incorrect. Try again, or use another method.', {
      password: ['Password is incorrect. Try again, or use another method.'],
    });
  }
  return user;
}

/** Sign-up: a new user with no app role and no organization memberships. */
export async function registerUser(store: IdentityStore, request: SignUpRequest, now: number): Promise<StoredUser> {
  assertEmailFree(store, request.emailAddress);
  const passwordHash = await hashPassword(request.password);
  // Checked again: another sign-up for the same address may have finished while the hash was computed.
  assertEmailFree(store, request.emailAddress);
  const user = buildUser({
    emailAddress: request.emailAddress,
    firstName: request.firstName,
    lastName: request.lastName === '' ? null : request.lastName,
    passwordHash,
    createdAt: now,
  });
  store.update((data) => data.users.push(user));
  return user;
}

function assertEmailFree(store: IdentityStore, emailAddress: string): void {
  if (store.userByEmail(emailAddress)) {
    throw new IdentityError(422, 'form_identifier_exists', 'That email address is taken. Please try another.', {
      emailAddress: ['That email address is taken. Please try another.'],
    });
  }
}
