/** Every route of the SPA in one place, so links and redirects cannot drift apart. */
export const paths = {
  home: '/',
  signIn: '/sign-in',
  signUp: '/sign-up',
  dashboard: '/dashboard',
} as const;
