/**
 * Clerk's metadata merge (`PATCH /v1/users/:id/metadata`): nested objects are
 * merged, `null` removes a key at any level, anything else replaces.
 */
export type Metadata = Record<string, unknown>;

function isPlainObject(value: unknown): value is Metadata {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function mergeMetadata(current: Metadata, patch: Metadata): Metadata {
  const result: Metadata = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    // JSON.parse makes "__proto__" an own key; assigning it would replace the prototype instead.
    if (key === '__proto__') continue;
    if (value === null) {
      // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- Clerk's merge: null removes the key
      delete result[key];
    } else if (isPlainObject(value)) {
      const base = result[key];
      result[key] = mergeMetadata(isPlainObject(base) ? base : {}, value);
    } else {
      result[key] = structuredClone(value);
    }
  }
  return result;
}
