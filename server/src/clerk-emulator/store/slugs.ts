/** Organization slugs, as both APIs create and check them. */
const SLUG_MAX_LENGTH = 64;

/**
 * The emulator's own slug for a name sent without one: "Ünïcödé Labs" → "unicode-labs". Letters lose
 * their accents (NFKD splits them off, then they go), anything else becomes one dash, none at either end.
 */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, SLUG_MAX_LENGTH)
    .replace(/^-+|-+$/g, '');
  return slug || 'organization';
}

/**
 * Why a slug is refused, in words that name the actual rule, or null when it is valid. Clerk's own
 * <CreateOrganization> proposes a slug by replacing every run of other characters with a dash
 * ("QA Org Ünïcödé 🚀" → "qa-org-n-c-d-"), so "ends with a dash" is the common case: say so.
 */
export function slugProblem(slug: string): string | null {
  if (slug === '') return 'Enter a slug.';
  if (slug.length > SLUG_MAX_LENGTH) return `The slug can be at most ${SLUG_MAX_LENGTH} characters long.`;
  if (/[^a-z0-9-]/.test(slug)) return 'The slug can contain only lowercase letters (a–z), digits and dashes.';
  if (slug.startsWith('-')) return 'The slug cannot start with a dash.';
  if (slug.endsWith('-')) return 'The slug cannot end with a dash.';
  return null;
}

/**
 * A free slug: the one asked for (refused when taken, if `chosen`), or the derived one with `-2`, `-3`… appended.
 * Null when a chosen slug is taken or no suffix is free.
 */
export function freeSlug(slug: string, chosen: boolean, taken: (slug: string) => boolean): string | null {
  if (!taken(slug)) return slug;
  if (chosen) return null;
  for (let n = 2; n < 1000; n++) if (!taken(`${slug}-${n}`)) return `${slug}-${n}`;
  return null;
}
