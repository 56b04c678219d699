import { loadDotEnvFile } from '../../common/dot-env.ts';
import { runDeleteCommand, type DeleteTarget } from './delete-command.ts';
import { ConfigError } from '../../common/env-parsing.ts';
import { clerkModeConfigured, loadEmulatorConfig } from '../env.ts';

/** Entry point of `npm run emulator:delete-user` and `npm run emulator:delete-organization` (see delete-command.ts). */
async function main(): Promise<number> {
  const [target, reference] = process.argv.slice(2);
  if (target !== 'user' && target !== 'organization') {
    console.error('usage: delete-cli.ts user|organization <reference>');
    return 2;
  }
  loadDotEnvFile();
  if (clerkModeConfigured()) {
    console.error('CLERK_SECRET_KEY is set: the app uses Clerk, so delete in the Clerk dashboard (or with clerkClient).');
    return 1;
  }
  try {
    return await runDeleteCommand(target satisfies DeleteTarget, reference, loadEmulatorConfig(), { info: console.log, error: console.error });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) console.error(`clerk emulator: ${problem}`);
    return 1;
  }
}

process.exitCode = await main();
