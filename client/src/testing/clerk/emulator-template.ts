import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadOrCreateKeys } from '../../../../server/src/common/local-keys.ts';
import { openEmulatorStore } from '../../../../server/src/clerk-emulator/store/seed.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The seeded data folder every component test's emulator starts from (a copy of it). */
    clerkEmulatorTemplate: string;
  }
}

/**
 * Vitest global setup of the client project: seeds the Clerk emulator's data folder once for the whole run (seeding
 * hashes every seeded password and makes an RSA key pair, about half a second), for each test to copy.
 */
export default async function seedEmulatorTemplate(project: TestProject) {
  const dataDir = mkdtempSync(join(tmpdir(), 'clerk-emulator-template-'));
  const store = await openEmulatorStore(dataDir);
  await store.flush();
  loadOrCreateKeys(dataDir);
  project.provide('clerkEmulatorTemplate', dataDir);
  return () => rmSync(dataDir, { recursive: true, force: true });
}
