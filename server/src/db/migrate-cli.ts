import { loadDotEnvFile } from '../common/dot-env.ts';
import { ConfigError } from '../common/env-parsing.ts';
import { loadDatabaseConfig } from '../env.ts';
import { openDatabase, type DatabaseConfig } from './database.ts';
import { migrateDatabase } from './migrate.ts';

/**
 * `npm run db:migrate`: applies pending migrations to the configured database
 * and exits. The API does the same at start-up; this is for deploy pipelines
 * that migrate before rolling out, and for a look at what start-up would do.
 */
async function main(): Promise<number> {
  let config: DatabaseConfig;
  try {
    loadDotEnvFile();
    config = loadDatabaseConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
  // The URL is never printed: it usually carries a password.
  const target = config.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`;
  try {
    const database = await openDatabase(config);
    try {
      await migrateDatabase(database);
    } finally {
      await database.close();
    }
  } catch (error) {
    process.stderr.write(`Could not migrate ${target}: ${describe(error)}\n`);
    return 1;
  }
  process.stdout.write(`${target} is up to date.\n`);
  return 0;
}

/**
 * One line: drizzle's "Failed query" wrapper says what ran, its cause says why;
 * a refused connection to a host with several addresses is an AggregateError without a message.
 */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { code, errors } = error as { code?: unknown; errors?: unknown };
  const own = error.message || (typeof code === 'string' ? code : '') || (Array.isArray(errors) ? errors.map(describe).join('; ') : error.name);
  return error.cause === undefined ? own : `${own.split('\n')[0]}: ${describe(error.cause)}`;
}

process.exitCode = await main();
