import { beforeEach, describe, expect, it } from 'vitest';
import { PostSchema, type Post } from '#shared/posts';
import { bearer, send } from '../http.ts';
import { PERSONAS, personaToken } from '../personas.ts';
import { usePostsApp } from '../posts-app.ts';
import { expectNoLeak, expectUnauthenticated, loggedRejection } from './expectations.ts';
import { createPostThroughApi, postsSnapshot } from './post-fixture.ts';

/**
 * Token lifetimes at the edges: Clerk's 5 s skew on `exp`, `nbf` and `iat` is pinned down ("within" is 1.5 to 2.5 s
 * outside the window), and past it each claim refuses on its own. Why: docs/security.md, "Token lifetimes at the edges".
 */
const postsApp = usePostsApp();
const { auth } = postsApp;
let post: Post;
beforeEach(async () => {
  post = await createPostThroughApi(postsApp.app.baseUrl, bearer(personaToken(auth, PERSONAS.author)));
});

const { author } = PERSONAS;
const seconds = (ms: number) => Math.floor(ms / 1000);
const secondsUp = (ms: number) => Math.ceil(ms / 1000);

/** The author's claims with the given times (seconds since the epoch). */
function authorToken(times: { exp: number; nbf: number; iat: number }): string {
  const claims = auth.claims({ userId: author.user, sessionId: `sess_${author.user}`, organization: author.organization });
  return auth.sign({ ...claims, ...times });
}

const now = () => Date.now();

const withinAllowance: Array<[name: string, times: () => { exp: number; nbf: number; iat: number }]> = [
  ['expired about 2 s ago', () => ({ exp: seconds(now() - 1500), iat: seconds(now()) - 60, nbf: seconds(now()) - 70 })],
  ['not valid before about 2 s from now (nbf)', () => ({ nbf: secondsUp(now() + 1500), iat: seconds(now()), exp: seconds(now()) + 60 })],
  ['issued about 2 s in the future (iat)', () => ({ iat: secondsUp(now() + 1500), nbf: seconds(now()) - 10, exp: seconds(now()) + 60 })],
];

const beyondAllowance: Array<[name: string, times: () => { exp: number; nbf: number; iat: number }, reason: RegExp]> = [
  ['expired 30 s ago', () => ({ exp: seconds(now()) - 30, iat: seconds(now()) - 90, nbf: seconds(now()) - 100 }), /^session-token-expired/],
  [
    'not valid before 30 s from now (nbf)',
    () => ({ nbf: seconds(now()) + 30, iat: seconds(now()), exp: seconds(now()) + 90 }),
    /^session-token-nbf$/,
  ],
  [
    'issued 30 s in the future (iat), nbf in the past',
    () => ({ iat: seconds(now()) + 30, nbf: seconds(now()) - 10, exp: seconds(now()) + 90 }),
    /^session-token-iat-in-the-future$/,
  ],
];

describe('token lifetimes within the 5 s clock-skew allowance are accepted (documented Clerk behaviour)', () => {
  it.each(withinAllowance)('%s: GET of the post answers 200, nothing changes', async (_name, times) => {
    const before = await postsSnapshot(postsApp.database);
    const reply = await send(postsApp.app.baseUrl, `/api/posts/${post.id}`, { headers: bearer(authorToken(times())) });
    expect(reply.status, reply.text).toBe(200);
    expect(PostSchema.strict().parse(reply.json)).toEqual(post);
    expectNoLeak(reply.text);
    expect(await postsSnapshot(postsApp.database)).toEqual(before);
  });
});

describe('token lifetimes beyond the allowance are refused', () => {
  it.each(beyondAllowance)('%s: DELETE answers 401, the post stays, the reason is logged', async (_name, times, reason) => {
    const before = await postsSnapshot(postsApp.database);
    const reply = await send(postsApp.app.baseUrl, `/api/posts/${post.id}`, { method: 'DELETE', headers: bearer(authorToken(times())) });
    expectUnauthenticated(reply, 'invalid_token');
    expect(await postsSnapshot(postsApp.database)).toEqual(before);
    expect(loggedRejection(postsApp.app.logs, reply)?.reason).toMatch(reason);
  });
});
