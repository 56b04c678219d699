import { setupServer } from 'msw/node';
import { emulatorHandlers } from '../clerk/emulator.ts';
import { apiHandlers } from './handlers/api.ts';

/**
 * Every network call a test makes ends here: the app's API (mocked), and Clerk's Frontend and Backend APIs, which
 * the Clerk emulator answers in-process (testing/clerk/emulator.ts).
 */
export const server = setupServer(...emulatorHandlers, ...apiHandlers);
