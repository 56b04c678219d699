/**
 * Reads `.env` from the working directory when there is one. Variables already
 * in the environment win, as the `.env.example` promises, even when empty: the
 * end-to-end suite clears the Clerk keys that way to stay in local mode.
 * For every entry point: the API, the emulator and the migration CLI.
 */
export function loadDotEnvFile(path = '.env'): void {
  try {
    process.loadEnvFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
