import { createHmac, createPublicKey } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Post } from '#shared/posts';
import { generateKeys } from '../../common/local-keys.ts';
import { bearer, send } from '../http.ts';
import { PERSONAS, personaToken } from '../personas.ts';
import { usePostsApp } from '../posts-app.ts';
import { expectUnauthenticated, loggedRejection } from './expectations.ts';
import { createPostThroughApi, postsSnapshot } from './post-fixture.ts';

/**
 * Forged session tokens. Each claims to be the app admin, who may delete any
 * post, and tries to delete the author's: every one must get 401, the post must
 * stay as it was, and the log must say which check refused it.
 */
const postsApp = usePostsApp();
const { auth } = postsApp;
const foreign = generateKeys();
let post: Post;
beforeEach(async () => {
  post = await createPostThroughApi(postsApp.app.baseUrl, bearer(personaToken(auth, PERSONAS.author)));
});

const { admin } = PERSONAS;
const adminClaims = (overrides: object = {}) => ({
  ...auth.claims({ userId: admin.user, sessionId: `sess_${admin.user}`, publicMetadata: admin.metadata, organization: admin.organization }),
  ...overrides,
});

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

function unsigned(): string {
  return `${encode({ alg: 'none', typ: 'JWT', kid: auth.keys.kid })}.${encode(adminClaims())}.`;
}

/** Algorithm confusion: an HMAC keyed with the API's own public key, which anyone can read. */
function hmacWithPublicKey(): string {
  const signingInput = `${encode({ alg: 'HS256', typ: 'JWT', kid: auth.keys.kid })}.${encode(adminClaims())}`;
  return `${signingInput}.${createHmac('sha256', auth.keys.publicKeyPem).update(signingInput).digest('base64url')}`;
}

/** A stranger's genuine token with the admin's claims pasted in: the signature no longer matches. */
function tamperedPayload(): string {
  const [header, , signature] = personaToken(auth, PERSONAS.otherUser).split('.');
  return `${header}.${encode(adminClaims())}.${signature}`;
}

/** The admin's genuine token with one byte of its signature flipped (not the last character, which holds padding bits). */
function tamperedSignature(): string {
  const [header, payload, signature] = auth.sign(adminClaims()).split('.');
  const bytes = Buffer.from(signature ?? '', 'base64url');
  bytes[0] = (bytes[0] ?? 0) ^ 0x01;
  return `${header}.${payload}.${bytes.toString('base64url')}`;
}

function withoutAzp(): string {
  const { azp: _azp, ...claims } = adminClaims();
  return auth.sign(claims);
}

const foreignJwk = createPublicKey(foreign.publicKeyPem).export({ format: 'jwk' });

const forgeries: Array<[name: string, token: () => string, reason: string]> = [
  ['an unsigned token (alg: none)', unsigned, 'token-invalid-algorithm'],
  ['an HS256 token whose secret is the PEM public key', hmacWithPublicKey, 'token-invalid-algorithm'],
  [
    'a token with an unknown kid, signed with a foreign key',
    () => auth.sign(adminClaims(), { keys: foreign, header: { kid: 'ins_unknown' } }),
    'token-invalid-signature',
  ],
  [
    "a token carrying the forger's own key in its header (jwk)",
    () => auth.sign(adminClaims(), { keys: foreign, header: { jwk: foreignJwk } }),
    'token-invalid-signature',
  ],
  [
    "a token pointing at the forger's key set (jku)",
    () => auth.sign(adminClaims(), { keys: foreign, header: { jku: 'https://evil.example/jwks.json' } }),
    'token-invalid-signature',
  ],
  ['a genuine token whose payload was replaced', tamperedPayload, 'token-invalid-signature'],
  ['a genuine token whose signature was altered', tamperedSignature, 'token-invalid-signature'],
  ['a genuine token without azp', withoutAzp, 'token-invalid-authorized-parties'],
  [
    'a genuine token for a party that is not authorized',
    () => auth.sign(adminClaims({ azp: 'https://evil.example' })),
    'token-invalid-authorized-parties',
  ],
  [
    'a genuine token for a look-alike of the SPA origin',
    () => auth.sign(adminClaims({ azp: 'http://localhost:5173.evil.example' })),
    'token-invalid-authorized-parties',
  ],
  [
    'a token from another issuer, signed with its key',
    () => auth.sign(adminClaims({ iss: 'https://clerk.evil.example' }), { keys: foreign }),
    'token-invalid-signature',
  ],
];

describe("forged session tokens, on DELETE of the author's post", () => {
  it("control: the admin's genuine token deletes it", async () => {
    const reply = await send(postsApp.app.baseUrl, `/api/posts/${post.id}`, { method: 'DELETE', headers: bearer(auth.sign(adminClaims())) });
    expect(reply.status).toBe(204);
    expect(await postsSnapshot(postsApp.database)).toEqual([]);
  });

  it.each(forgeries)('%s: 401, post unchanged, refusal logged', async (_name, token, reason) => {
    const before = await postsSnapshot(postsApp.database);
    const reply = await send(postsApp.app.baseUrl, `/api/posts/${post.id}`, { method: 'DELETE', headers: bearer(token()) });
    expectUnauthenticated(reply, 'invalid_token');
    expect(await postsSnapshot(postsApp.database)).toEqual(before);
    expect(loggedRejection(postsApp.app.logs, reply)?.reason).toBe(reason);
  });
});
