import { z } from 'zod';
import type { AppDatabase } from '../db/database.ts';
import { ClerkOrganizationSchema, ClerkUserSchema, DeletedObjectSchema } from './clerk-objects.ts';
import { deleteOrganization, deleteUser, upsertOrganization, upsertUser } from './directory-store.ts';

/**
 * What each Clerk event does to our tables. Events we do not act on
 * (organizationMembership.*, session.*, anything Clerk adds later) are
 * acknowledged and ignored: memberships are read live from the Backend API
 * by the members page, and a post stays its organization's when its author
 * leaves it, so no table of ours depends on them.
 */
export type EventOutcome = 'applied' | 'unchanged' | 'ignored';

const handlers: Record<string, (db: AppDatabase, data: unknown) => Promise<EventOutcome>> = {
  'user.created': async (db, data) => changed(await upsertUser(db, ClerkUserSchema.parse(data))),
  'user.updated': async (db, data) => changed(await upsertUser(db, ClerkUserSchema.parse(data))),
  'user.deleted': async (db, data) => {
    await deleteUser(db, DeletedObjectSchema.parse(data).id);
    return 'applied';
  },
  'organization.created': async (db, data) => changed(await upsertOrganization(db, ClerkOrganizationSchema.parse(data))),
  'organization.updated': async (db, data) => changed(await upsertOrganization(db, ClerkOrganizationSchema.parse(data))),
  'organization.deleted': async (db, data) => {
    await deleteOrganization(db, DeletedObjectSchema.parse(data).id);
    return 'applied';
  },
};

function changed(wrote: boolean): EventOutcome {
  return wrote ? 'applied' : 'unchanged';
}

/** The envelope Clerk sends: `{ data, object: 'event', type, timestamp, instance_id }`. */
export const ClerkEventSchema = z.looseObject({
  type: z.string().min(1).max(100),
  data: z.unknown(),
});
export type ClerkEvent = z.infer<typeof ClerkEventSchema>;

/** Throws a ZodError when a known event's data is not the object it should carry. */
export async function applyEvent(db: AppDatabase, event: ClerkEvent): Promise<EventOutcome> {
  const handler = Object.hasOwn(handlers, event.type) ? handlers[event.type] : undefined;
  return handler ? handler(db, event.data) : 'ignored';
}
