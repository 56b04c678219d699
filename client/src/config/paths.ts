const segment = encodeURIComponent;

/** Every route of the SPA in one place, so links and redirects cannot drift apart. */
export const paths = {
  home: '/',
  signIn: '/sign-in',
  signUp: '/sign-up',
  dashboard: '/dashboard',
  posts: '/posts',
  post: (id: string) => `/posts/${segment(id)}`,
  organization: (slug: string) => `/orgs/${segment(slug)}`,
  organizationMembers: (slug: string) => `/orgs/${segment(slug)}/members`,
  /** Clerk's <OrganizationProfile> (path-routed below it): what each member may see and change, Clerk decides. */
  organizationSettings: (slug: string) => `/orgs/${segment(slug)}/settings`,
  admin: '/admin',
} as const;

/** The router's patterns for the parameterised paths above; the parameter names are what the routes read. */
export const routePatterns = {
  post: '/posts/:postId',
  organization: '/orgs/:slug',
  organizationMembers: '/orgs/:slug/members',
  organizationSettings: '/orgs/:slug/settings/*',
} as const;

/** Where Clerk's organization switcher goes after a switch or a new organization (Clerk fills in `:slug`). */
export const clerkOrganizationUrl = '/orgs/:slug';

/**
 * Where the app goes once the active organization changed under an organization page: that
 * organization's page, or (null) the personal account's posts, as the switcher's own URLs.
 */
export const pathAfterSwitchTo = (slug: string | null) => (slug ? paths.organization(slug) : paths.posts);

/** The same organization page (members, a settings tab…) under another slug: `/orgs/old/settings` → `/orgs/new/settings`. */
export const withOrganizationSlug = (pathname: string, slug: string) => pathname.replace(/^\/orgs\/[^/]+/, paths.organization(slug));
