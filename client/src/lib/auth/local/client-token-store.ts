import { createMemoryStorage } from './memory-storage.ts';

/** Where the browser keeps its client token, so a reload stays signed in. */
export const CLIENT_TOKEN_STORAGE_KEY = '__local_clerk_client';

export interface ClientTokenStore {
  readonly storage: Storage;
  read(): string | null;
  write(token: string): void;
  clear(): void;
}

export function createClientTokenStore(storage: Storage = defaultStorage()): ClientTokenStore {
  // Storage can throw (quota, disabled storage); losing the token only means signing in again.
  const attempt = <T>(action: () => T, fallback: T): T => {
    try {
      return action();
    } catch {
      return fallback;
    }
  };
  return {
    storage,
    read: () => attempt(() => storage.getItem(CLIENT_TOKEN_STORAGE_KEY), null),
    write: (token) => attempt(() => storage.setItem(CLIENT_TOKEN_STORAGE_KEY, token), undefined),
    clear: () => attempt(() => storage.removeItem(CLIENT_TOKEN_STORAGE_KEY), undefined),
  };
}

function defaultStorage(): Storage {
  try {
    const storage = window.localStorage;
    // Reading proves access: some browsers expose localStorage but throw on use.
    storage.getItem(CLIENT_TOKEN_STORAGE_KEY);
    return storage;
  } catch {
    return createMemoryStorage();
  }
}
