/**
 * A `Storage` kept in memory. Tests give each local Clerk instance its own, and
 * the instance falls back to one when `localStorage` is unavailable (disabled
 * storage, some private browsing modes): sign-in then lasts until a reload.
 */
export function createMemoryStorage(initial: Record<string, string> = {}): Storage {
  const items = new Map<string, string>(Object.entries(initial));
  const storage: Storage = {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => {
      items.delete(key);
    },
    setItem: (key, value) => {
      items.set(key, String(value));
    },
  };
  return storage;
}
