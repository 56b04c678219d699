/** The `/api/me` query key, on its own for the same reason as profileQueryKey: no schema in the first bundle. */
export const meQueryKey = (userId: string | null | undefined) => ['me', userId ?? null] as const;
