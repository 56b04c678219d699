import { z } from 'zod';
import { RoleSchema } from './session-claims.ts';

/** GET /api/health */
export const HealthResponseSchema = z.object({ status: z.literal('ok') });
export type HealthResponse = z.infer<typeof HealthResponseSchema>;

/** GET /api/hello: public, personalized when a valid token is sent. */
export const HelloResponseSchema = z.object({
  message: z.string(),
  signedIn: z.boolean(),
});
export type HelloResponse = z.infer<typeof HelloResponseSchema>;

/** GET /api/me: read from the verified session claims alone, no Backend API call. */
export const MeResponseSchema = z.object({
  userId: z.string(),
  sessionId: z.string(),
  orgId: z.string().nullable(),
  orgSlug: z.string().nullable(),
  orgRole: z.string().nullable(),
  orgPermissions: z.array(z.string()),
  role: z.nullable(RoleSchema),
});
export type MeResponse = z.infer<typeof MeResponseSchema>;

/**
 * GET /api/me/profile: the fields of a Clerk user a browser may see.
 * Deliberately an allow-list: private and unsafe metadata never appear here.
 */
export const ProfileResponseSchema = z.object({
  id: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  fullName: z.string().nullable(),
  primaryEmail: z.string().nullable(),
  imageUrl: z.string(),
  role: z.nullable(RoleSchema),
  createdAt: z.string(),
  lastSignInAt: z.string().nullable(),
});
export type ProfileResponse = z.infer<typeof ProfileResponseSchema>;

/** PATCH /api/me/profile: a user changes their own name through the Backend API. */
const nameSchema = z
  .string()
  .trim()
  .max(64, 'Use at most 64 characters')
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  .refine((value) => !/[\u0000-\u001f\u007f<>]/.test(value), 'Use letters, spaces and punctuation only');
export const ProfilePatchSchema = z.object({
  firstName: nameSchema.min(1, 'Enter a first name'),
  lastName: nameSchema,
});
export type ProfilePatch = z.infer<typeof ProfilePatchSchema>;

/** POST /api/greet: a protected mutation with a validated body. */
export const GreetRequestSchema = z.object({
  name: z.string().trim().min(1, 'Enter a name').max(80, 'Use at most 80 characters'),
});
export type GreetRequest = z.infer<typeof GreetRequestSchema>;

export const GreetResponseSchema = z.object({
  greeting: z.string(),
  greetedBy: z.string(),
  at: z.string(),
});
export type GreetResponse = z.infer<typeof GreetResponseSchema>;
