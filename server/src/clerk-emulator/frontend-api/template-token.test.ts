import { createPublicKey, verify } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { localAccount, LOCAL_SEED_PASSWORD } from '#shared/local-clerk';
import { fapiBrowser, jwtPayload, type FapiBrowser } from '../../testing/fapi-browser.ts';
import { TEST_SPA_ORIGIN, useSeededEmulator } from '../../testing/test-emulator.ts';
import { fillClaims } from '../tokens/jwt-templates.ts';

/** `getToken({ template: 'api-test' })`: a JWT from the emulator's seeded template, signed with its key. */
const server = useSeededEmulator();
const admin = localAccount('admin');
let browser: FapiBrowser;

beforeEach(async () => {
  browser = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
  await browser.start();
});

function verifiedPayload(jwt: string) {
  const [header, payload, signature] = jwt.split('.');
  const valid = verify(
    'RSA-SHA256',
    Buffer.from(`${header}.${payload}`),
    createPublicKey(server.keys.publicKeyPem),
    Buffer.from(signature!, 'base64url'),
  );
  expect(valid).toBe(true);
  return jwtPayload(jwt);
}

describe('JWT templates', () => {
  it("mints the api-test template's claims from the user, with Clerk's default claims, signed with the emulator's key", async () => {
    const sessionId = await browser.signIn(admin.emailAddress, LOCAL_SEED_PASSWORD);
    const answer = await browser.call<{ object: string; jwt: string }>('POST', `/client/sessions/${sessionId}/tokens/api-test`, {});
    expect(answer.status).toBe(200);
    expect(answer.body.object).toBe('token');
    const claims = verifiedPayload(answer.body.jwt);
    const userId = server.store.userByEmail(admin.emailAddress)!.id;
    expect(claims).toMatchObject({
      aud: 'local-api-test',
      email: admin.emailAddress,
      full_name: `${admin.firstName} ${admin.lastName}`,
      role: 'admin',
      org: { id: null, slug: null, role: null },
      sub: userId,
      azp: TEST_SPA_ORIGIN,
      iss: server.url,
    });
    expect(claims.exp - claims.iat).toBe(60);
    expect(claims.sid).toBeUndefined();
  });

  it('answers 404 for a template the seed does not define, and for another browser’s session', async () => {
    const sessionId = await browser.signIn(admin.emailAddress, LOCAL_SEED_PASSWORD);
    expect((await browser.call('POST', `/client/sessions/${sessionId}/tokens/nope`, {})).status).toBe(404);
    const other = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
    await other.start();
    expect((await other.call('POST', `/client/sessions/${sessionId}/tokens/api-test`, {})).status).toBe(404);
  });
});

describe('fillClaims', () => {
  const values = { user: { id: 'user_1', first_name: 'Ada', last_name: null, public_metadata: { role: 'admin', tags: ['a'] } }, org: null };

  it.each([
    ['{{user.id}}', 'user_1'],
    ['{{user.public_metadata}}', { role: 'admin', tags: ['a'] }],
    ['{{user.public_metadata.tags}}', ['a']],
    ['{{user.first_name}} {{user.last_name}}', 'Ada '],
    ['{{org.id}}', null],
    ['{{user.nope.deeper}}', null],
    ['{{user.__proto__}}', null],
    ['plain', 'plain'],
  ])('fills %s', (template, expected) => {
    expect(fillClaims(template, values)).toEqual(expected);
  });
});
