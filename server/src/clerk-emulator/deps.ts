import type { Logger } from 'pino';
import type { LocalIdentityKeys } from '../common/local-keys.ts';
import type { IdentityStore } from './store/store.ts';

/** What `createIdentityApp` needs; tests build it around a temporary data folder. */
export interface IdentityAppDeps {
  store: IdentityStore;
  keys: LocalIdentityKeys;
  /** The server's own URL, e.g. `http://127.0.0.1:3100`: token `iss` and the base of avatar URLs. */
  issuer: string;
  /** SPA origins allowed for CORS and as token `azp`. */
  authorizedParties: readonly string[];
  /** Request and error logging; silent when absent. */
  logger?: Logger;
  /** Session token lifetime in seconds; Clerk's 60 when absent. */
  tokenTtlSeconds?: number;
  /** Milliseconds since the epoch; injectable so tests can move time. */
  now?: () => number;
}
