import type { ClerkClient } from '@clerk/express';
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { LOCAL_ACCOUNTS, LOCAL_ORGANIZATIONS, type LocalAccountKey } from '#shared/local-clerk';
import { callBackendApi } from '../clerk-backend/backend-call.ts';
import type { AppDatabase, Database } from '../db/database.ts';
import { posts } from '../db/schema.ts';
import type { Config } from '../env.ts';

/**
 * Local mode's first start: a board with a few posts by the emulator's seeded
 * users (shared/local-clerk.ts), so a newcomer sees the product working
 * instead of an empty page. Written only while the posts table is empty, so a
 * second start, or a board someone has used, is left alone.
 */

/** The whole budget of the look-ups: start-up must not wait long for an emulator that is not there. */
export const SEED_LOOKUP_TIMEOUT_MS = 3000;

type LocalOrganizationSlug = (typeof LOCAL_ORGANIZATIONS)[number]['slug'];

interface SeedPost {
  author: LocalAccountKey;
  /** The organization it was written in (the author is a member), or null for a personal post. */
  organization: LocalOrganizationSlug | null;
  title: string;
  body: string;
}

/** Oldest first; each author writes only where shared/local-clerk.ts makes them a member. */
const SEED_POSTS: readonly SeedPost[] = [
  {
    author: 'admin',
    organization: null,
    title: 'Welcome to the board',
    body: 'Personal posts are yours alone; posts written with an organization active are shared with its members.',
  },
  {
    author: 'admin',
    organization: 'globex',
    title: 'Globex planning notes',
    body: 'Agenda for the next planning meeting. Members of Globex can read this.',
  },
  { author: 'outsider', organization: 'globex', title: 'Launch checklist', body: 'Docs, changelog, announcement.' },
  { author: 'outsider', organization: null, title: 'Reading list', body: 'A Discipline of Programming; Go To Statement Considered Harmful.' },
  {
    author: 'orgAdmin',
    organization: 'acme',
    title: 'Welcome to Acme',
    body: 'Org admins (and roles with org:posts:manage) may remove any Acme post.',
  },
  { author: 'member', organization: 'acme', title: 'Lunch on Friday?', body: 'Reply in person; comments are not a feature yet.' },
  { author: 'member', organization: null, title: 'My first post', body: 'Only I can see this one.' },
  { author: 'moderator', organization: 'acme', title: 'Posting guidelines', body: 'Be kind, stay on topic.' },
  { author: 'moderator', organization: null, title: 'Notes to self', body: 'Review the reported posts.' },
];

/** The emulator's ids of the seeded users and organizations; a missing one (deleted since) is absent. */
interface SeedIds {
  users: Map<LocalAccountKey, string>;
  organizations: Map<LocalOrganizationSlug, string>;
}

export interface SeedLocalPostsDeps {
  config: Pick<Config, 'seedLocalPosts' | 'auth'>;
  database: Database;
  clerkClient: ClerkClient;
  logger: Logger;
  timeoutMs?: number;
}

/**
 * Resolves to the number of posts written: 0 when not wanted, when the board
 * has posts, or when it could not be done. Never throws: demo posts are not
 * worth a failed start, so a failure is one warning line.
 */
export async function seedLocalPosts(deps: SeedLocalPostsDeps): Promise<number> {
  const { config, database, logger } = deps;
  if (!config.seedLocalPosts || config.auth.mode !== 'local') return 0;
  const { emulatorUrl } = config.auth;
  try {
    if (!(await isEmpty(database.db))) return 0;
    const ids = await lookUpSeedIds(deps.clerkClient, deps.timeoutMs ?? SEED_LOOKUP_TIMEOUT_MS).catch((error: unknown) => {
      throw new SeedSkipped(`the Clerk emulator at ${emulatorUrl} did not answer`, { cause: error });
    });
    const written = await insertIfEmpty(database.db, seedRows(ids));
    if (written > 0) logger.info({ posts: written }, `seeded ${written} posts by the local accounts`);
    return written;
  } catch (error) {
    const why = error instanceof SeedSkipped ? error.message : 'the database refused them';
    logger.warn({ reason: reasonOf(error) }, `local posts not seeded: ${why}; the next start tries again while the board is empty`);
    return 0;
  }
}

class SeedSkipped extends Error {}

/** The underlying failure: callBackendApi wraps it in a 503 HttpError whose own message says nothing of it. */
function reasonOf(error: unknown): string {
  let innermost = error;
  while (innermost instanceof Error && innermost.cause instanceof Error) innermost = innermost.cause;
  return innermost instanceof Error ? innermost.message : String(innermost);
}

async function isEmpty(db: AppDatabase): Promise<boolean> {
  const rows = await db.select({ id: posts.id }).from(posts).limit(1);
  return rows.length === 0;
}

async function lookUpSeedIds(clerkClient: ClerkClient, budgetMs: number): Promise<SeedIds> {
  // No gate: a failed look-up at start-up must not open the circuit that admin calls rely on.
  const emails = LOCAL_ACCOUNTS.map((account) => account.emailAddress);
  const [userList, ...organizations] = await Promise.all([
    callBackendApi(() => clerkClient.users.getUserList({ emailAddress: emails, limit: emails.length }), budgetMs),
    ...LOCAL_ORGANIZATIONS.map(({ slug }) => callBackendApi(() => clerkClient.organizations.getOrganization({ slug }), budgetMs)),
  ]);
  const users = new Map<LocalAccountKey, string>();
  for (const account of LOCAL_ACCOUNTS) {
    const user = userList?.data.find((candidate) =>
      candidate.emailAddresses.some((address) => address.emailAddress.toLowerCase() === account.emailAddress),
    );
    if (user) users.set(account.key, user.id);
  }
  const organizationIds = new Map<LocalOrganizationSlug, string>();
  LOCAL_ORGANIZATIONS.forEach(({ slug }, index) => {
    const organization = organizations[index];
    if (organization) organizationIds.set(slug, organization.id);
  });
  return { users, organizations: organizationIds };
}

/** A minute apart, oldest first, so the board lists them in a stable order. */
function seedRows(ids: SeedIds): (typeof posts.$inferInsert)[] {
  const start = Date.now() - SEED_POSTS.length * 60_000;
  return SEED_POSTS.flatMap((post, index) => {
    const authorId = ids.users.get(post.author);
    const organizationId = post.organization === null ? null : ids.organizations.get(post.organization);
    if (authorId === undefined || organizationId === undefined) return [];
    const createdAt = new Date(start + index * 60_000);
    return [{ authorId, organizationId, title: post.title, body: post.body, createdAt, updatedAt: createdAt }];
  });
}

/** An arbitrary constant: the advisory lock that makes two instances starting at once seed once. */
const SEED_LOCK_KEY = 7_240_112;

async function insertIfEmpty(db: AppDatabase, rows: (typeof posts.$inferInsert)[]): Promise<number> {
  if (rows.length === 0) return 0;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK_KEY})`);
    if (!(await isEmpty(tx))) return 0;
    await tx.insert(posts).values(rows);
    return rows.length;
  });
}
