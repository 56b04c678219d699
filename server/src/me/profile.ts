import type { ProfileResponse } from '#shared/api-contracts';
import type { DirectoryUser } from '../users/user-directory.ts';

export function toProfileResponse(user: DirectoryUser): ProfileResponse {
  return {
    id: user.id,
    firstName: user.firstName,
    lastName: user.lastName,
    fullName: user.fullName,
    primaryEmail: user.primaryEmail,
    imageUrl: user.imageUrl,
    role: user.role,
    createdAt: user.createdAt.toISOString(),
    lastSignInAt: user.lastSignInAt?.toISOString() ?? null,
  };
}
