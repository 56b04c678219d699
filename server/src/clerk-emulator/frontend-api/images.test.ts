/* eslint-disable @typescript-eslint/no-unsafe-member-access --
   Clerk's JSON is read freely here: the test server checks every answer's shape against Clerk's spec (testing/clerk-spec-check.ts). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { localAccount, LOCAL_CLERK_PROXY_PATH, LOCAL_SEED_PASSWORD } from '#shared/local-clerk';
import { fapiBrowser, type ClerkEnvelope, type FapiBrowser } from '../../testing/fapi-browser.ts';
import { TEST_SPA_ORIGIN, useSeededEmulator } from '../../testing/test-emulator.ts';
import { imageTypeOf, MAX_IMAGE_BYTES } from '../store/images.ts';

/** Profile images and organization logos: uploaded as clerk-js uploads them, stored in the data folder, served back. */
const server = useSeededEmulator();
const member = localAccount('member');
const orgAdmin = localAccount('orgAdmin');
let browser: FapiBrowser;

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

beforeEach(async () => {
  browser = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
  await browser.start();
});

/** A multipart upload, as clerk-js sends a File (method override and session as fapiBrowser does). */
async function upload(method: 'POST' | 'PUT', path: string, bytes: Buffer, type = 'image/png'): Promise<{ status: number; body: ClerkEnvelope }> {
  const url = new URL(`${server.url}${LOCAL_CLERK_PROXY_PATH}/v1${path}`);
  url.searchParams.set('__clerk_db_jwt', browser.devBrowser!);
  url.searchParams.set('_clerk_session_id', browser.sessionId!);
  if (method === 'PUT') url.searchParams.set('_method', 'PUT');
  const form = new FormData();
  form.append('file', new Blob([bytes], { type }), 'image');
  const response = await fetch(url, { method: 'POST', body: form, headers: { Origin: TEST_SPA_ORIGIN } });
  return { status: response.status, body: (await response.json()) as ClerkEnvelope };
}

describe('imageTypeOf', () => {
  it.each([
    ['png', PNG],
    ['jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0])],
    ['gif', Buffer.from('GIF89a....')],
    ['webp', Buffer.from('RIFF\x00\x00\x00\x00WEBPVP8 ')],
    [null, SVG],
    [null, Buffer.from('%PDF-1.7')],
  ])('reads %s from the bytes', (type, bytes) => {
    expect(imageTypeOf(bytes)).toBe(type);
  });
});

describe('profile image', () => {
  it('stores an uploaded image in the data folder, serves it through the proxy path, and marks the user as having one', async () => {
    await browser.signIn(member.emailAddress, LOCAL_SEED_PASSWORD);
    const answer = await upload('POST', '/me/profile_image', PNG);
    expect(answer.status).toBe(200);
    expect(answer.body.response).toMatchObject({
      object: 'image',
      public_url: expect.stringContaining(`${TEST_SPA_ORIGIN}${LOCAL_CLERK_PROXY_PATH}/v1/images/`),
    });
    const me = (await browser.call('GET', '/me')).body.response;
    expect(me.has_image).toBe(true);
    expect(me.image_url).toBe(answer.body.response.public_url);
    const file = server.store.userByEmail(member.emailAddress)!.imageFile!;
    expect(existsSync(join(server.dataDir, 'images', file))).toBe(true);
    const served = await fetch(`${server.url}${LOCAL_CLERK_PROXY_PATH}/v1/images/${file}`);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer())).toEqual(PNG);
  });

  it('refuses what is not a PNG, JPEG, GIF or WebP by its bytes, whatever the declared type', async () => {
    await browser.signIn(member.emailAddress, LOCAL_SEED_PASSWORD);
    const answer = await upload('POST', '/me/profile_image', SVG, 'image/png');
    expect(answer.status).toBe(422);
    expect(answer.body.errors[0]!.code).toBe('image_type_invalid');
    expect(server.store.userByEmail(member.emailAddress)!.imageFile).toBeUndefined();
  });

  it('refuses an image over 10 MB', async () => {
    await browser.signIn(member.emailAddress, LOCAL_SEED_PASSWORD);
    const answer = await upload('POST', '/me/profile_image', Buffer.concat([PNG, Buffer.alloc(MAX_IMAGE_BYTES)]));
    expect(answer.status).toBe(422);
    expect(answer.body.errors[0]!.code).toBe('image_too_large');
  });

  it('removes the image, its file and its URL; the generated avatar is back', async () => {
    await browser.signIn(member.emailAddress, LOCAL_SEED_PASSWORD);
    await upload('POST', '/me/profile_image', PNG);
    const file = server.store.userByEmail(member.emailAddress)!.imageFile!;
    const removed = await browser.call('DELETE', '/me/profile_image');
    expect(removed.status).toBe(200);
    const me = (await browser.call('GET', '/me')).body.response;
    expect(me).toMatchObject({ has_image: false, image_url: expect.stringMatching(/\/v1\/avatars\/user_\w+\/avatar_placeholder\.svg$/) });
    expect(existsSync(join(server.dataDir, 'images', file))).toBe(false);
    expect((await fetch(`${server.url}/v1/images/${file}`)).status).toBe(404);
    expect((await browser.call('DELETE', '/me/profile_image')).status).toBe(404);
  });

  it('goes with its user when the account is deleted', async () => {
    await browser.signIn(member.emailAddress, LOCAL_SEED_PASSWORD);
    await upload('POST', '/me/profile_image', PNG);
    const file = server.store.userByEmail(member.emailAddress)!.imageFile!;
    await browser.call('DELETE', '/me');
    expect(existsSync(join(server.dataDir, 'images', file))).toBe(false);
  });
});

describe('organization logo', () => {
  it('lets an admin upload and remove the logo', async () => {
    await browser.signIn(orgAdmin.emailAddress, LOCAL_SEED_PASSWORD);
    const organization = server.store.membershipsOfUser(server.store.userByEmail(orgAdmin.emailAddress)!.id).find((m) => m.role === 'org:admin')!;
    const answer = await upload('PUT', `/organizations/${organization.organizationId}/logo`, PNG);
    expect(answer.status).toBe(200);
    expect(answer.body.response).toMatchObject({
      id: organization.organizationId,
      has_image: true,
      image_url: expect.stringContaining('/v1/images/'),
    });
    const removed = await browser.call('DELETE', `/organizations/${organization.organizationId}/logo`);
    expect(removed.body.response).toMatchObject({ object: 'organization', deleted: true });
    expect(server.store.organizationByIdOrSlug(organization.organizationId)!.imageFile).toBeUndefined();
  });

  it('refuses a member who may not manage the profile with 403', async () => {
    await browser.signIn(member.emailAddress, LOCAL_SEED_PASSWORD);
    const membership = server.store.membershipsOfUser(server.store.userByEmail(member.emailAddress)!.id).find((m) => m.role === 'org:member')!;
    const answer = await upload('PUT', `/organizations/${membership.organizationId}/logo`, PNG);
    expect(answer.status).toBe(403);
  });
});
