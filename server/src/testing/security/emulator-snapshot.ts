import type { EmulatorStore } from '../../clerk-emulator/store/store.ts';

/**
 * Everything in the emulator store that says who someone is and what they may
 * do: names, the three metadata bags (the app role lives in public metadata)
 * and organization roles. Equal snapshots mean no one's role or data changed.
 * Sessions are left out: every signed-in request of the tests opens one.
 */
export function emulatorSnapshot(store: EmulatorStore): unknown {
  const { users, organizations, memberships } = store.data;
  return structuredClone({
    users: users.map(({ id, firstName, lastName, publicMetadata, privateMetadata, unsafeMetadata }) => ({
      id,
      firstName,
      lastName,
      publicMetadata,
      privateMetadata,
      unsafeMetadata,
    })),
    organizations: organizations.map(({ id, slug, publicMetadata, privateMetadata }) => ({ id, slug, publicMetadata, privateMetadata })),
    memberships: memberships.map(({ userId, organizationId, role }) => ({ userId, organizationId, role })),
  });
}
