import { z } from 'zod';

/**
 * The few fields we keep of Clerk's Backend API JSON (what webhooks carry in
 * `data` and what `GET /v1/users` and `/v1/organizations` list). Loose
 * objects: Clerk adds fields freely, and everything else (email addresses,
 * metadata) is dropped here, before it could reach a table.
 */
const clerkMillis = z.number().int().nonnegative();

/** Only http(s) images reach an `<img src>`; anything else is treated as no image. */
const imageUrl = z
  .string()
  .nullish()
  .transform((value) => (value && /^https?:\/\//i.test(value) ? value : null));

const optionalText = z
  .string()
  .nullish()
  .transform((value) => value ?? null);

export const ClerkUserSchema = z.looseObject({
  id: z.string().min(1).max(255),
  first_name: optionalText,
  last_name: optionalText,
  username: optionalText,
  image_url: imageUrl,
  created_at: clerkMillis,
  updated_at: clerkMillis,
});
export type ClerkUser = z.output<typeof ClerkUserSchema>;

export const ClerkOrganizationSchema = z.looseObject({
  id: z.string().min(1).max(255),
  name: optionalText,
  slug: optionalText,
  image_url: imageUrl,
  created_at: clerkMillis,
  updated_at: clerkMillis,
});
export type ClerkOrganization = z.output<typeof ClerkOrganizationSchema>;

/** What `*.deleted` events carry instead of the object. */
export const DeletedObjectSchema = z.looseObject({
  id: z.string().min(1).max(255),
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
