import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import compression from 'compression';
import { Router } from 'express';
import { EmulatorError } from '../http/errors.ts';

/**
 * Clerk's browser bundles, served from node_modules as Clerk's CDN serves them, under both the major and the exact
 * version's path, for the installed version only. Why: docs/local-mode.md, "What the emulator answers".
 */
export interface BrowserPackage {
  name: '@clerk/clerk-js' | '@clerk/ui';
  version: string;
  distDir: string;
}

/** Walks up from the package's entry file to its package.json (neither package exports it). */
export function locateBrowserPackage(name: BrowserPackage['name']): BrowserPackage {
  const require = createRequire(import.meta.url);
  let dir = dirname(require.resolve(name));
  for (let depth = 0; depth < 5; depth++) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { name: found, version } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
      if (found === name && version) return { name, version, distDir: join(dir, 'dist') };
    }
    dir = dirname(dir);
  }
  throw new Error(`Cannot find ${name}'s package.json: run npm ci`);
}

// One file name inside dist/, nothing that climbs out of it.
const FILE_NAME = /^[A-Za-z0-9_.-]+\.js(?:\.map)?$/;

export function clerkScriptsRouter(packages: readonly BrowserPackage[]): Router {
  const router = Router();
  // Brotli or gzip, as Clerk's CDN sends them: about 1.4 MB of script on the sign-in page, a quarter of it compressed.
  router.use('/npm', compression());
  router.get('/npm/:scope/:nameAtVersion/dist/:file', (req, res) => {
    const { scope, nameAtVersion, file } = req.params;
    const at = nameAtVersion.lastIndexOf('@');
    const name = `${scope}/${nameAtVersion.slice(0, at)}`;
    const version = nameAtVersion.slice(at + 1);
    const found = packages.find((candidate) => candidate.name === name);
    if (!found || at <= 0 || !versionMatches(found.version, version) || !FILE_NAME.test(file)) {
      throw new EmulatorError(404, 'resource_not_found', `Not served locally: ${name}@${version}/dist/${file}`);
    }
    const path = join(found.distDir, file);
    if (!existsSync(path)) throw new EmulatorError(404, 'resource_not_found', `No such file: ${name}@${found.version}/dist/${file}`);
    // An exact version never changes; a major alias follows `npm ci`.
    const cacheControl = version === found.version ? 'public, max-age=31536000, immutable' : 'public, max-age=300';
    res.set({ 'Cache-Control': cacheControl, 'Cross-Origin-Resource-Policy': 'same-site' });
    res.sendFile(path);
  });
  return router;
}

/** `6` or `6.40.0` for 6.40.0; nothing else (no ranges, no tags). */
function versionMatches(installed: string, asked: string): boolean {
  return asked === installed || asked === installed.split('.')[0];
}
