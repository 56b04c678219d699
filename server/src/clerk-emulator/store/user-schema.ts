import { z } from 'zod';
import { Metadata, Timestamp } from './stored-fields.ts';

/** A user as the store keeps them, with their second factors, passkeys and the codes of addresses they are verifying. */
const StoredTotpSchema = z.object({
  id: z.string(),
  /** Base32, as authenticator apps take it; the emulator is a local stand-in, so it is kept as is. */
  secret: z.string(),
  verified: z.boolean(),
  /** The last time step accepted, so one code is never accepted twice (RFC 6238, 5.2). */
  lastUsedCounter: z.number().int().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const StoredBackupCodesSchema = z.object({
  id: z.string(),
  /** SHA-256 of each unused code: a code is shown once, and works once. */
  codeHashes: z.array(z.string()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

/** A WebAuthn credential registered in `<UserProfile>` (store/passkeys.ts): its public key, never a secret. */
const StoredPasskeySchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The credential's id and COSE public key, base64url, as @simplewebauthn/server gives and takes them. */
  credentialId: z.string(),
  publicKey: z.string(),
  /** The authenticator's signature counter, so a cloned authenticator's older count is refused. */
  counter: z.number().int(),
  transports: z.array(z.string()),
  /** The relying party (the page's host) it was made for. */
  rpId: z.string(),
  lastUsedAt: Timestamp.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const StoredUserSchema = z.object({
  id: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  primaryEmailAddressId: z.string(),
  emailAddresses: z.array(
    z.object({
      id: z.string(),
      emailAddress: z.string(),
      createdAt: Timestamp,
      // How it was verified, as Clerk records it; absent (seeded or Backend API users, older stores) is 'admin';
      // 'ticket': signed up through an invitation's link; null: added in <UserProfile> and not verified yet (its code, if sent, is in `emailCodes`).
      verifiedBy: z.enum(['admin', 'email_code', 'ticket']).nullable().optional(),
    }),
  ),
  /** Null once the user removed their password. */
  passwordHash: z.string().nullable(),
  /** When the user last set or changed it; absent or null for seeded and signed-up passwords. */
  passwordUpdatedAt: Timestamp.nullable().optional(),
  publicMetadata: Metadata,
  privateMetadata: Metadata,
  unsafeMetadata: Metadata,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  lastSignInAt: Timestamp.nullable(),
  lastActiveAt: Timestamp.nullable(),
  // Set through the Backend API's ban; absent in older stores.
  banned: z.boolean().optional(),
  // Two-step verification (store/second-factors.ts); absent in older stores and for users who never set it up.
  totp: StoredTotpSchema.optional(),
  backupCodes: StoredBackupCodesSchema.optional(),
  mfaEnabledAt: Timestamp.nullable().optional(),
  mfaDisabledAt: Timestamp.nullable().optional(),
  /** An uploaded profile image, a file in the data folder's images/ (store/images.ts); the generated avatar without one. */
  imageFile: z.string().optional(),
  // Absent in older stores and for users who never added one.
  passkeys: z.array(StoredPasskeySchema).optional(),
});

/** The code sent to an added, unverified email address: persisted, so a restart does not void a code in someone's inbox. */
export const StoredEmailCodeSchema = z.object({
  emailAddressId: z.string(),
  userId: z.string(),
  code: z.string(),
  attempts: z.number().int(),
  expireAt: Timestamp,
});

export type StoredUser = z.infer<typeof StoredUserSchema>;
export type StoredPasskey = z.infer<typeof StoredPasskeySchema>;
export type StoredEmailCode = z.infer<typeof StoredEmailCodeSchema>;
