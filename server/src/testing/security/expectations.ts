import { expect } from 'vitest';
import { z } from 'zod';
import { ApiErrorBodySchema } from '#shared/api-error';
import { expectNothingPrivate } from '../emulator-stack.ts';
import type { Reply } from '../http.ts';

/** The error envelope and nothing else: no `stack`, no `cause`, no `details`. */
const StrictErrorBodySchema = z.strictObject({ error: z.strictObject(ApiErrorBodySchema.shape.error.shape) });

/**
 * What must never reach a caller: stack frames, source paths, exception class
 * names, driver and verifier wording, raw percent-decoding failures. An attacker
 * learns from each of them which layer a probe reached.
 */
const INTERNALS = [
  /\bat .+:\d+:\d+/,
  /node_modules|\/src\/|\.ts\b/,
  /\b(stack|cause)\b/i,
  /\w+Error\b/,
  /\b(jwt|azp|kid|alg|clock skew|signature|handshake)\b/i,
  /\b(sql|select|postgres|pglite|drizzle|relation|syntax)\b/i,
  /Failed to decode|decodeURI/i,
];

/** No internals and nothing private in `text`, whatever the status. */
export function expectNoLeak(text: string): void {
  expectNothingPrivate(text);
  for (const pattern of INTERNALS) expect(text, `the answer matches ${pattern}`).not.toMatch(pattern);
}

/**
 * The reply is `status` with the JSON error envelope carrying `code`, and tells
 * the caller nothing more: no internals, nothing private, no Clerk debug header.
 */
export function expectError(reply: Reply, status: number, code: string): void {
  expect(reply.status, reply.text).toBe(status);
  expect(reply.headers['content-type']).toMatch(/^application\/json/);
  expect(StrictErrorBodySchema.parse(reply.json).error.code).toBe(code);
  expect(Object.keys(reply.headers).filter((name) => name.startsWith('x-clerk'))).toEqual([]);
  expectNoLeak(reply.text);
}

/** 401 as RFC 6750 has it: `invalid_token` when a Bearer token came and was refused. */
export function expectUnauthenticated(reply: Reply, challenge: 'bare' | 'invalid_token'): void {
  expectError(reply, 401, 'unauthenticated');
  expect(reply.headers['www-authenticate']).toBe(challenge === 'bare' ? 'Bearer realm="api"' : 'Bearer realm="api", error="invalid_token"');
}

/** What the API logged about refusing the token of `reply` (Clerk's reason), from the request log. */
export function loggedRejection(logs: Array<Record<string, unknown>>, reply: Reply): { reason?: unknown; message?: unknown } | undefined {
  const line = logs.find(
    (candidate) => candidate.msg === 'bearer token rejected' && (candidate.req as { id?: unknown } | undefined)?.id === reply.headers['x-request-id'],
  );
  return line?.clerk as { reason?: unknown; message?: unknown } | undefined;
}
