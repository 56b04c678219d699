import type { Logger } from 'pino';
import type { LocalKeys } from '../common/local-keys.ts';
import type { Inbox } from './mail/inbox.ts';
import type { EmulatorStore } from './store/store.ts';
import type { UserLockout, UserLockoutSettings } from './store/user-lockout.ts';

/** What `createEmulatorApp` needs; tests build it around a temporary data folder. */
export interface EmulatorDeps {
  store: EmulatorStore;
  keys: LocalKeys;
  /** Where the emails the emulator would send go (mail/inbox.ts). */
  inbox: Inbox;
  /** The server's own URL, e.g. `http://127.0.0.1:3100`: token `iss` and the base of avatar URLs. */
  issuer: string;
  /** SPA origins allowed for CORS and as token `azp`. */
  authorizedParties: readonly string[];
  /** Request and error logging; silent when absent. */
  logger?: Logger;
  /** Session token lifetime in seconds; Clerk's 60 when absent. */
  tokenTtlSeconds?: number;
  /** The environment's `user_lockout`; Clerk's defaults when absent (tests lower `max_attempts`). */
  userLockout?: UserLockoutSettings;
  /** The failed-attempt counts behind it, made by createEmulatorApp from `userLockout` and shared by both APIs. */
  lockout?: UserLockout;
  /** Whether the environment offers passkeys; `PASSKEYS_OFFERED` (frontend-api/environment.ts) when absent. */
  passkeys?: boolean;
  /** Milliseconds since the epoch; injectable so tests can move time. */
  now?: () => number;
}
