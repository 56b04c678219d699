import { setupServer } from 'msw/node';
import { apiHandlers } from './handlers/api.ts';
import { localIdentityHandlers } from './handlers/local-identity.ts';

/** Every network call a test makes ends here: the local identity Frontend API and the app's API. */
export const server = setupServer(...localIdentityHandlers, ...apiHandlers);
