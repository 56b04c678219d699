import type { StoreData, StoredUser } from './store.ts';

/**
 * In Clerk an email address identifies someone only once verified: anyone may add an address in <UserProfile>
 * and leave it unverified, and that must not keep its owner from signing up or verifying it elsewhere. When an
 * address becomes verified on `owner` (a sign-up completes, an added address is verified, the Backend API
 * creates a user), the unverified copies of it on other accounts go, with their pending codes; each account
 * that loses one is updated (its `user.updated` webhook follows from the store's change). Call it inside the
 * `store.update` that verifies the address.
 */
export function claimVerifiedEmail(data: StoreData, owner: StoredUser, emailAddress: string, now: number): void {
  const wanted = emailAddress.trim().toLowerCase();
  const removedIds = new Set<string>();
  for (const user of data.users) {
    if (user.id === owner.id) continue;
    const copies = user.emailAddresses.filter((address) => address.emailAddress === wanted && address.verifiedBy === null);
    if (copies.length === 0) continue;
    for (const copy of copies) removedIds.add(copy.id);
    user.emailAddresses = user.emailAddresses.filter((address) => !removedIds.has(address.id));
    user.updatedAt = now;
  }
  if (removedIds.size > 0) data.emailCodes = data.emailCodes.filter((code) => !removedIds.has(code.emailAddressId));
}
