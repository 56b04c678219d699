import { newId } from './ids.ts';
import type { StoredUser } from './store.ts';

export interface NewUser {
  /** A seeded user's fixed id; anyone else gets a new one. */
  id?: string;
  emailAddress: string;
  firstName: string | null;
  lastName: string | null;
  /** Null for a user created without one (the Backend API's `skip_password_requirement`). */
  passwordHash: string | null;
  publicMetadata?: Record<string, unknown>;
  privateMetadata?: Record<string, unknown>;
  createdAt: number;
  /** 'email_code' for a sign-up that verified its address, 'ticket' for one through an invitation's link; 'admin' (the default) otherwise. */
  verifiedBy?: 'admin' | 'email_code' | 'ticket';
}

/** A user record with one verified email address, as Clerk creates it. */
export function buildUser(input: NewUser): StoredUser {
  const emailAddressId = newId('idn');
  return {
    id: input.id ?? newId('user'),
    firstName: input.firstName,
    lastName: input.lastName,
    primaryEmailAddressId: emailAddressId,
    emailAddresses: [
      {
        id: emailAddressId,
        emailAddress: input.emailAddress.toLowerCase(),
        createdAt: input.createdAt,
        ...(input.verifiedBy ? { verifiedBy: input.verifiedBy } : {}),
      },
    ],
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
