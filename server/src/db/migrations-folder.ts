import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `server/drizzle` of this checkout. The code runs from `server/src/db/` (tsx,
 * vitest) and from the esbuild bundle `dist/server/main.js`, so no fixed
 * relative path fits both: walk up to the folder that holds package.json.
 */
export function migrationsFolder(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  // Bounded by the depth of the path: dirname() of the root is the root.
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${fileURLToPath(from)}: cannot find server/drizzle`);
    dir = parent;
  }
  return join(dir, 'server', 'drizzle');
}
