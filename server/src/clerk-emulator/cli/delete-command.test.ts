import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refusedUrl } from '../../testing/listen.ts';
import { runDeleteCommand } from './delete-command.ts';
import { loadEmulatorConfig } from '../env.ts';
import { copyDataDir, useSeededTemplate, makeTempDataDir, startTestEmulator, type TestEmulator } from '../../testing/test-emulator.ts';

const templateDir = useSeededTemplate();
let temp: ReturnType<typeof copyDataDir>;
let server: TestEmulator;
let lines: { info: string[]; error: string[] };

beforeEach(async () => {
  temp = copyDataDir(templateDir());
  server = await startTestEmulator(temp.dataDir);
  lines = { info: [], error: [] };
});
afterEach(async () => {
  await server.close();
  temp.remove();
});

const output = () => ({ info: (line: string) => lines.info.push(line), error: (line: string) => lines.error.push(line) });
const configFor = (url: string, dataDir: string) => loadEmulatorConfig({ CLERK_EMULATOR_URL: url, CLERK_EMULATOR_DATA_DIR: dataDir }, '/');

describe('the local delete commands', () => {
  it('delete a user by email address through the running emulator', async () => {
    const id = server.store.userByEmail('member@example.com')!.id;
    expect(await runDeleteCommand('user', 'member@example.com', configFor(server.url, temp.dataDir), output())).toBe(0);
    expect(server.store.userById(id)).toBeUndefined();
    expect(lines.info).toEqual([expect.stringContaining(`Deleted user ${id} (member@example.com)`)]);
  });

  it('delete a user by id, and an organization by slug or id', async () => {
    const config = configFor(server.url, temp.dataDir);
    const userId = server.store.userByEmail('outsider@example.com')!.id;
    const globex = server.store.organizationByIdOrSlug('globex')!.id;
    expect(await runDeleteCommand('user', userId, config, output())).toBe(0);
    expect(await runDeleteCommand('organization', 'acme', config, output())).toBe(0);
    expect(await runDeleteCommand('organization', globex, config, output())).toBe(0);
    expect(server.store.userById(userId)).toBeUndefined();
    expect(server.store.data.organizations).toEqual([]);
  });

  it('say so when there is no such user or organization, with exit code 1', async () => {
    const config = configFor(server.url, temp.dataDir);
    expect(await runDeleteCommand('user', 'nobody@example.com', config, output())).toBe(1);
    expect(await runDeleteCommand('organization', 'org_doesnotexist', config, output())).toBe(1);
    expect(lines.error).toEqual(['No user nobody@example.com in the emulator.', 'No organization org_doesnotexist in the emulator.']);
    expect(server.store.data.users).toHaveLength(5);
  });

  it('tell the developer to start the emulator when it does not answer, or has never run', async () => {
    expect(await runDeleteCommand('user', 'member@example.com', configFor(await refusedUrl(), temp.dataDir), output())).toBe(1);
    const empty = makeTempDataDir();
    try {
      expect(await runDeleteCommand('user', 'member@example.com', configFor(server.url, empty.dataDir), output())).toBe(1);
    } finally {
      empty.remove();
    }
    expect(lines.error).toEqual([
      expect.stringMatching(/does not answer at http:\/\/127\.0\.0\.1:\d+: start it/),
      expect.stringMatching(/^No emulator data in .*: start the emulator first/),
    ]);
    expect(await runDeleteCommand('user', undefined, configFor(server.url, temp.dataDir), output())).toBe(2);
  });
});
