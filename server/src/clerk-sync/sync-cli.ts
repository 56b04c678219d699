import { createApiClerkClient } from '../auth/clerk-client.ts';
import { clerkOptionsFor } from '../auth/clerk-options.ts';
import { openDatabase } from '../db/database.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { loadDotEnvFile } from '../common/dot-env.ts';
import { ConfigError } from '../common/env-parsing.ts';
import { loadConfig, type Config } from '../env.ts';
import { backfillFromClerk } from './backfill.ts';

/**
 * `npm run sync:clerk`: copies Clerk's users and organizations into the
 * configured database once (see backfill.ts), from Clerk with Clerk keys or
 * from the emulator in local mode. Safe to run at any time and more than
 * once, while the API runs too (on PostgreSQL: PGlite belongs to one process,
 * so stop the API first there).
 */
async function main(): Promise<number> {
  let config: Config;
  try {
    loadDotEnvFile();
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
  const source = config.auth.mode === 'clerk' ? 'Clerk' : `the Clerk emulator at ${config.auth.emulatorUrl}`;
  try {
    const clerkClient = createApiClerkClient(clerkOptionsFor(config));
    const database = await openDatabase(config.database);
    try {
      await migrateDatabase(database);
      const result = await backfillFromClerk(clerkClient, database.db);
      process.stdout.write(
        `Synced from ${source}: ${result.users.read} users read (${result.users.written} written), ` +
          `${result.organizations.read} organizations read (${result.organizations.written} written).\n`,
      );
    } finally {
      await database.close();
    }
  } catch (error) {
    process.stderr.write(`Could not sync from ${source}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  return 0;
}

process.exitCode = await main();
