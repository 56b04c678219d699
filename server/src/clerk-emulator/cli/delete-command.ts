import { createClerkClient, type ClerkClient } from '@clerk/express';
import { isClerkAPIResponseError } from '@clerk/shared/error';
import type { EmulatorConfig } from '../env.ts';
import { readKeysIfPresent } from '../../common/local-keys.ts';

/**
 * `npm run emulator:delete-user -- <email-or-id>` and
 * `npm run emulator:delete-organization -- <slug-or-id>`: deletes through the
 * running emulator's Backend API, with the local secret key, exactly as an
 * admin's `clerkClient.users.deleteUser` would. Not by editing the data
 * folder: the running emulator holds the store in memory and would write over
 * the edit, and only it records the webhooks the deletion causes.
 */
export type DeleteTarget = 'user' | 'organization';

export interface CommandOutput {
  info(line: string): void;
  error(line: string): void;
}

/** Returns the exit code. */
export async function runDeleteCommand(
  target: DeleteTarget,
  reference: string | undefined,
  config: EmulatorConfig,
  out: CommandOutput,
): Promise<number> {
  if (!reference) {
    out.error(
      target === 'user'
        ? 'usage: npm run emulator:delete-user -- <email-or-user-id>'
        : 'usage: npm run emulator:delete-organization -- <slug-or-organization-id>',
    );
    return 2;
  }
  const keys = readKeysIfPresent(config.dataDir);
  if (!keys) {
    out.error(`No emulator data in ${config.dataDir}: start the emulator first (npm run dev).`);
    return 1;
  }
  const clerk = createClerkClient({ secretKey: keys.secretKey, apiUrl: config.url, telemetry: { disabled: true } });
  try {
    const deleted = target === 'user' ? await deleteUser(clerk, reference) : await deleteOrganization(clerk, reference);
    if (!deleted) {
      out.error(`No ${target} ${reference} in the emulator.`);
      return 1;
    }
    out.info(`Deleted ${target} ${deleted}; its webhooks are on their way.`);
    return 0;
  } catch (error) {
    out.error(describeFailure(error, config.url));
    return 1;
  }
}

/** The deleted user's description, or null when there is no such user. */
async function deleteUser(clerk: ClerkClient, reference: string): Promise<string | null> {
  const user = reference.startsWith('user_')
    ? await clerk.users.getUser(reference).catch(nullWhenNotFound)
    : ((await clerk.users.getUserList({ emailAddress: [reference] })).data[0] ?? null);
  if (!user) return null;
  await clerk.users.deleteUser(user.id);
  return `${user.id} (${user.primaryEmailAddress?.emailAddress ?? 'no email'})`;
}

async function deleteOrganization(clerk: ClerkClient, reference: string): Promise<string | null> {
  const lookup = reference.startsWith('org_') ? { organizationId: reference } : { slug: reference };
  const organization = await clerk.organizations.getOrganization(lookup).catch(nullWhenNotFound);
  if (!organization) return null;
  await clerk.organizations.deleteOrganization(organization.id);
  return `${organization.id} (${organization.slug})`;
}

function nullWhenNotFound(error: unknown): null {
  if (isClerkAPIResponseError(error) && error.status === 404) return null;
  throw error;
}

function describeFailure(error: unknown, url: string): string {
  // The SDK reports a refused connection as a response error too, without a status.
  if (isClerkAPIResponseError(error) && typeof error.status === 'number')
    return `The emulator refused: ${error.status} ${error.errors[0]?.code ?? ''} ${error.errors[0]?.message ?? ''}`.trim();
  return `The emulator does not answer at ${url}: start it (npm run dev) and try again.`;
}
