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
  /** Clerk's <OrganizationProfile> (path-routed below it), for the organization's admins. */
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
