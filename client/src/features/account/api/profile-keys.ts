/**
 * The profile's query key, on its own so code that only refreshes the
 * profile (app/refresh-profile-on-user-update.tsx, in the first bundle) does
 * not pull in the response schema and zod's classic API with it.
 */
export const profileQueryKey = (userId: string | null | undefined) => ['profile', userId ?? null] as const;
