import { z } from 'zod';

/**
 * The few fields we keep of Clerk's Backend API JSON (what webhooks carry in
 * `data` and what `GET /v1/users` and `/v1/organizations` list). Loose
 * objects: Clerk adds fields freely, and everything else (email addresses,
 * metadata) is dropped here, before it could reach a table.
 */
/**
 * Clerk's timestamps, milliseconds since 1970. Bounded: past 8.64e15 a JS Date
 * is invalid (a database error, 500, were it let through), and a copy dated in
 * the future would win over every genuine update until that date (copies are
 * ordered by `updated_at`). A day ahead allows for clocks that disagree.
 */
const CLOCK_SKEW_MS = 86_400_000;
const clerkMillis = z
  .number()
  .int()
  .nonnegative()
  .refine((millis) => millis <= Date.now() + CLOCK_SKEW_MS, 'Not a time Clerk could have written (more than a day ahead)');

/** Clerk's ids (`user_…`, `org_…`): printable ASCII, so nothing invisible or unstorable reaches a key. */
const clerkId = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[\x21-\x7e]+$/, 'Not a Clerk id');

/**
 * Clerk publishes no length for names, usernames and slugs in its Backend
 * API's OpenAPI (clerk/openapi-specs `bapi`); its own forms and our emulator
 * accept 256 characters (clerk-emulator/backend-api/backend-users.ts), so a display field
 * is cut there, never refused: a user with a long name still gets a copy.
 */
export const DISPLAY_TEXT_MAX_LENGTH = 256;

/** Control characters (NUL, which PostgreSQL text cannot hold, escape sequences, bells) display as nothing anyway. */
const CONTROL_CHARACTERS = /\p{Cc}/gu;

function displayText(value: string): string {
  // By code point, so a cut never splits an emoji's surrogate pair.
  return Array.from(value.replace(CONTROL_CHARACTERS, '')).slice(0, DISPLAY_TEXT_MAX_LENGTH).join('');
}

/** Only http(s) images reach an `<img src>`; anything else (or an absurdly long URL) is treated as no image. */
const imageUrl = z
  .string()
  .nullish()
  .transform((value) => (value && value.length <= 2048 && /^https?:\/\/[^\p{Cc}\s]+$/iu.test(value) ? value : null));

const optionalText = z
  .string()
  .nullish()
  .transform((value) => (value == null ? null : displayText(value)));

export const ClerkUserSchema = z.looseObject({
  id: clerkId,
  first_name: optionalText,
  last_name: optionalText,
  username: optionalText,
  image_url: imageUrl,
  created_at: clerkMillis,
  updated_at: clerkMillis,
});
export type ClerkUser = z.output<typeof ClerkUserSchema>;

export const ClerkOrganizationSchema = z.looseObject({
  id: clerkId,
  name: optionalText,
  slug: optionalText,
  image_url: imageUrl,
  created_at: clerkMillis,
  updated_at: clerkMillis,
});
export type ClerkOrganization = z.output<typeof ClerkOrganizationSchema>;

/** What `*.deleted` events carry instead of the object. */
export const DeletedObjectSchema = z.looseObject({
  id: clerkId,
  deleted: z.literal(true),
});

export function userValues(user: ClerkUser) {
  return {
    id: user.id,
    firstName: user.first_name,
    lastName: user.last_name,
    username: user.username,
    imageUrl: user.image_url,
    clerkCreatedAt: new Date(user.created_at),
    clerkUpdatedAt: new Date(user.updated_at),
  };
}

export function organizationValues(organization: ClerkOrganization) {
  return {
    id: organization.id,
    name: organization.name,
    slug: organization.slug,
    imageUrl: organization.image_url,
    clerkCreatedAt: new Date(organization.created_at),
    clerkUpdatedAt: new Date(organization.updated_at),
  };
}
