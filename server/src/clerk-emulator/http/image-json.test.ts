import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localAccount } from '#shared/local-clerk';
import { fapiOrganization, fapiUser, publicUserData } from '../frontend-api/fapi-json.ts';
import { removeImage, setImage } from '../store/images.ts';
import { openEmulatorStore } from '../store/seed.ts';
import type { EmulatorStore, StoredInvitation, StoredOrganization, StoredUser } from '../store/store.ts';
import { makeTempDataDir } from '../../testing/test-emulator.ts';
import { membershipJson, organizationJson, userJson, type JsonContext } from './clerk-json.ts';
import type { imageJson } from './image-json.ts';
import { invitationJson } from './invitation-json.ts';

/**
 * `has_image` and the image URL of users and organizations, in every JSON that
 * carries them (the Backend API's and the webhooks' resources, the Frontend
 * API's, and the public data of memberships and invitations), before an upload,
 * after it and after its removal. The URL is also put to @clerk/ui's own test
 * for a default image, which decides whether `<UserProfile>` and
 * `<OrganizationProfile>` offer "Remove".
 */
type ImageFields = ReturnType<typeof imageJson>;

// @clerk/ui does not export it, so it is loaded from its file: the check the components run, not a copy of it.
const clerkUiImage = new URL('../../../../node_modules/@clerk/ui/dist/utils/image.js', import.meta.url).href;
const { isDefaultImage } = (await import(clerkUiImage)) as { isDefaultImage: (url: string) => boolean };

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const NOW = Date.UTC(2026, 0, 1);

let temp: ReturnType<typeof makeTempDataDir>;
let store: EmulatorStore;
let ctx: JsonContext;
let user: StoredUser;
let organization: StoredOrganization;
let invitation: StoredInvitation;

beforeAll(async () => {
  temp = makeTempDataDir();
  store = await openEmulatorStore(temp.dataDir);
  ctx = { store, issuer: 'http://localhost:5173/__clerk', now: NOW };
  user = store.userByEmail(localAccount('orgAdmin').emailAddress)!;
  const membership = store.membershipsOfUser(user.id).find((candidate) => candidate.role === 'org:admin')!;
  organization = store.organizationByIdOrSlug(membership.organizationId)!;
  invitation = {
    id: 'orginv_image',
    organizationId: organization.id,
    emailAddress: 'invited@example.com',
    role: 'org:member',
    inviterId: user.id,
    status: 'pending',
    publicMetadata: {},
    privateMetadata: {},
    expiresAt: NOW + 86_400_000,
    createdAt: NOW,
    updatedAt: NOW,
  };
  store.update((data) => data.invitations.push(invitation));
});

afterAll(async () => {
  await store.flush();
  temp.remove();
});

function userImages(): ImageFields[] {
  const membership = store.membership(user.id, organization.id)!;
  return [
    userJson(user, ctx),
    fapiUser(user, ctx),
    publicUserData(user, ctx),
    membershipJson(membership, ctx).public_user_data,
    invitationJson(invitation, ctx).public_inviter_data!,
  ];
}

function organizationImages(): ImageFields[] {
  const membership = store.membership(user.id, organization.id)!;
  return [
    organizationJson(organization, ctx),
    fapiOrganization(organization, ctx),
    membershipJson(membership, ctx).organization,
    invitationJson(invitation, ctx).public_organization_data!,
  ];
}

/** No upload: the generated avatar, a default image to Clerk's components; an upload: the owner's own image. */
function expectUploaded(images: ImageFields[], uploaded: boolean): void {
  for (const image of images) {
    expect(image.has_image).toBe(uploaded);
    expect(isDefaultImage(image.image_url)).toBe(!uploaded);
  }
}

describe('an image in Clerk JSON', () => {
  it('is a user’s own only from an upload until its removal', () => {
    expectUploaded(userImages(), false);
    setImage(store, user, PNG, NOW);
    expectUploaded(userImages(), true);
    removeImage(store, user, NOW);
    expectUploaded(userImages(), false);
  });

  it('is an organization’s own only from an upload until its removal', () => {
    expectUploaded(organizationImages(), false);
    setImage(store, organization, PNG, NOW);
    expectUploaded(organizationImages(), true);
    removeImage(store, organization, NOW);
    expectUploaded(organizationImages(), false);
  });
});
