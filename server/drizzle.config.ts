import { defineConfig } from 'drizzle-kit';

/**
 * `npm run db:generate` writes SQL migrations from the schema. They are plain
 * PostgreSQL and serve both targets: PGlite (the default) and a real server.
 * Generating needs no database; applying them is `npm run db:migrate` (and the
 * API does it at start-up).
 */
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/src/db/schema.ts',
  out: './server/drizzle',
  strict: true,
  verbose: true,
});
