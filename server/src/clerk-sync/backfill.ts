import type { ClerkClient } from '@clerk/express';
import { callBackendApi } from '../clerk-backend/backend-call.ts';
import type { AppDatabase } from '../db/database.ts';
import { ClerkOrganizationSchema, ClerkUserSchema, type ClerkOrganization, type ClerkUser } from './clerk-objects.ts';
import { upsertOrganization, upsertUser } from './directory-store.ts';

/**
 * `npm run sync:clerk`: copies every user and organization from the Backend API, oldest first, through the same
 * order-safe upserts as the webhooks. Why it is safe to run any time: docs/webhooks.md, "Backfill".
 */
export interface BackfillOptions {
  /** Clerk allows at most 500 a page. */
  pageSize?: number;
  /** A bound on the whole run: past it, it stops with an error rather than loop. */
  maxPages?: number;
  /** Each page's budget, retries included (see callBackendApi). */
  pageBudgetMs?: number;
}

export interface BackfillCounts {
  /** Read from Clerk. */
  read: number;
  /** Inserted or updated here (the rest were as new as ours, or tombstones). */
  written: number;
}

export interface BackfillResult {
  users: BackfillCounts;
  organizations: BackfillCounts;
}

const DEFAULTS = { pageSize: 100, maxPages: 10_000, pageBudgetMs: 15_000 } satisfies Required<BackfillOptions>;

export async function backfillFromClerk(clerk: ClerkClient, db: AppDatabase, options: BackfillOptions = {}): Promise<BackfillResult> {
  const settings = { ...DEFAULTS, ...options };
  const users = await copyAll(
    settings,
    (limit, offset) => userPage(clerk, limit, offset),
    (user) => upsertUser(db, user),
  );
  const organizations = await copyAll(
    settings,
    (limit, offset) => organizationPage(clerk, limit, offset),
    (organization) => upsertOrganization(db, organization),
  );
  return { users, organizations };
}

type PageReader<T> = (limit: number, offset: number) => Promise<T[]>;

async function copyAll<T>(
  settings: Required<BackfillOptions>,
  readPage: PageReader<T>,
  write: (item: T) => Promise<boolean>,
): Promise<BackfillCounts> {
  const counts = { read: 0, written: 0 };
  for (let pageNumber = 0; pageNumber < settings.maxPages; pageNumber++) {
    const items = await withinBudget(settings.pageBudgetMs, () => readPage(settings.pageSize, pageNumber * settings.pageSize), pageNumber);
    for (const item of items) {
      counts.read += 1;
      if (await write(item)) counts.written += 1;
    }
    // A short page is the last one.
    if (items.length < settings.pageSize) return counts;
  }
  throw new Error(`Stopped after ${settings.maxPages} pages of ${settings.pageSize}: raise maxPages if the instance is really that large`);
}

async function withinBudget<T>(budgetMs: number, call: (signal: AbortSignal) => Promise<T[]>, pageNumber: number): Promise<T[]> {
  const items = await callBackendApi(call, budgetMs);
  if (items === null) throw new Error(`The Backend API answered 404 to page ${pageNumber + 1}`);
  return items;
}

/**
 * Clerk's SDK answers camelCase resources; they go back to the Backend API's
 * JSON field names so that one schema (clerk-objects.ts) checks what webhooks
 * and the backfill store alike.
 */
async function userPage(clerk: ClerkClient, limit: number, offset: number): Promise<ClerkUser[]> {
  const { data } = await clerk.users.getUserList({ limit, offset, orderBy: '+created_at' });
  return data.map((user) =>
    ClerkUserSchema.parse({
      id: user.id,
      first_name: user.firstName,
      last_name: user.lastName,
      username: user.username,
      image_url: user.imageUrl,
      created_at: user.createdAt,
      updated_at: user.updatedAt,
    }),
  );
}

async function organizationPage(clerk: ClerkClient, limit: number, offset: number): Promise<ClerkOrganization[]> {
  const { data } = await clerk.organizations.getOrganizationList({ limit, offset, orderBy: '+created_at' });
  return data.map((organization) =>
    ClerkOrganizationSchema.parse({
      id: organization.id,
      name: organization.name,
      slug: organization.slug,
      image_url: organization.imageUrl,
      created_at: organization.createdAt,
      updated_at: organization.updatedAt,
    }),
  );
}
