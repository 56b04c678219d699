import { setupServer } from 'msw/node';
import { apiHandlers } from './handlers/api.ts';

/**
 * Every network call a test makes ends here: the app's API. Clerk is the
 * test double (testing/clerk/), which makes no requests.
 */
export const server = setupServer(...apiHandlers);
