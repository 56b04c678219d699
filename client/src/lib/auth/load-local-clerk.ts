import type { LocalClerk } from './local/local-clerk.ts';

let loading: Promise<LocalClerk> | null = null;

/**
 * The app's one local Clerk instance, created on first use. The import is
 * dynamic so a build with a Clerk publishable key never ships the local
 * instance or its UI: Vite puts them in a chunk that only local mode loads.
 */
export function loadLocalClerk(frontendApiUrl: string): Promise<LocalClerk> {
  loading ??= import('./local/local-clerk.ts').then(({ createLocalClerk }) => createLocalClerk({ frontendApiUrl }));
  return loading;
}
