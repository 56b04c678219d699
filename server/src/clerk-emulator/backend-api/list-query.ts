import { z } from 'zod';
import { EmulatorError } from '../http/errors.ts';

/**
 * Query parameters shared by the Backend API list endpoints, parsed from
 * Express's simple query parser (repeated keys arrive as arrays).
 */
const stringList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => (value === undefined ? undefined : [value].flat()));

export const PageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(10),
  offset: z.coerce.number().int().min(0).default(0),
});

export const ListQuerySchema = PageQuerySchema.extend({
  query: z.string().optional(),
  order_by: z.string().default('-created_at'),
  user_id: stringList,
  email_address: stringList,
  role: stringList,
  organization_id: stringList,
  // Query strings carry text: only the words `true` and `false` are a boolean here.
  banned: z.enum(['true', 'false']).optional(),
});
export type ListQuery = z.infer<typeof ListQuerySchema>;

export function page<T>(items: T[], query: { limit: number; offset: number }): T[] {
  return items.slice(query.offset, query.offset + query.limit);
}

/**
 * A list whose spec answers a bare array, under Clerk's `paginated` parameter: with `paginated=true` (which
 * @clerk/backend always sends, and reads back as `{ data, totalCount }`) the page and the total count instead.
 */
export function arrayOrPage<T>(query: { paginated?: unknown }, items: T[], totalCount: number): T[] | { data: T[]; total_count: number } {
  return query.paginated === 'true' ? { data: items, total_count: totalCount } : items;
}

export interface SortSpec<T> {
  field: string;
  descending: boolean;
  value: (item: T) => string | number | null;
}

/**
 * Clerk's `order_by`: a field name with an optional `+` (ascending, the
 * default) or `-` (descending) prefix. Null values sort last either way.
 */
export function parseOrderBy<T>(orderBy: string, fields: Record<string, (item: T) => string | number | null>): SortSpec<T> | null {
  const match = /^([+-]?)([a-z_]+)$/.exec(orderBy);
  // Own fields only: `__proto__` or `constructor` must not find Object.prototype's.
  const value = match && Object.hasOwn(fields, match[2]!) ? fields[match[2]!] : undefined;
  if (!match || !value) return null;
  return { field: match[2]!, descending: match[1] === '-', value };
}

/**
 * Like parseOrderBy, but an unsupported `order_by` (`__proto__` included) is Clerk's 422 `form_param_value_invalid`:
 * the one client-error status all three list operations' specs define (the memberships list has no 400).
 */
export function requireOrderBy<T>(orderBy: string, fields: Record<string, (item: T) => string | number | null>): SortSpec<T> {
  const spec = parseOrderBy(orderBy, fields);
  if (!spec) {
    const message = `order_by "${orderBy}" is not supported.`;
    throw new EmulatorError(422, 'form_param_value_invalid', message, { order_by: [message] });
  }
  return spec;
}

export function sortBy<T extends { id: string }>(items: T[], spec: SortSpec<T>): T[] {
  return [...items].sort((a, b) => {
    const left = spec.value(a);
    const right = spec.value(b);
    if (left === right) return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    if (left === null) return 1;
    if (right === null) return -1;
    const order = left < right ? -1 : 1;
    return spec.descending ? -order : order;
  });
}
