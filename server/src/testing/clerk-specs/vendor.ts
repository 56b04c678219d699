import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/**
 * Re-vendors Clerk's OpenAPI specs (github.com/clerk/openapi-specs, MIT) as JSON:
 * `tsx server/src/testing/clerk-specs/vendor.ts <clone of clerk/openapi-specs> [commit]`.
 * JSON because the tests parse it in every worker, and JSON.parse is much faster than YAML.
 * After running it, update the commit and file names in README.md beside it.
 */
const VENDORED_SPECS = { fapi: 'fapi/2026-05-12.yml', bapi: 'bapi/2026-05-12.yml', webhooks: 'webhooks/2025-04-15.yml' } as const;

function main(repo: string, commit = 'HEAD'): void {
  const show = (path: string) => execFileSync('git', ['-C', repo, 'show', `${commit}:${path}`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const here = import.meta.dirname;
  for (const [name, path] of Object.entries(VENDORED_SPECS)) {
    writeFileSync(join(here, `${name}.json`), `${JSON.stringify(parse(show(path), { maxAliasCount: -1 }))}\n`);
  }
  writeFileSync(join(here, 'LICENSE'), show('LICENSE'));
  console.log(
    `vendored ${Object.values(VENDORED_SPECS).join(', ')} at ${execFileSync('git', ['-C', repo, 'rev-parse', commit], { encoding: 'utf8' }).trim()}`,
  );
}

const [repo, commit] = process.argv.slice(2);
if (!repo) throw new Error('usage: vendor.ts <clone of clerk/openapi-specs> [commit]');
main(repo, commit);
