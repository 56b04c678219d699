import { expect } from 'vitest';
import { verifyToken } from '@clerk/express';
import { AuthenticatedResponseSchema, FRONTEND_API_PATHS, TokenResponseSchema } from '#shared/local-identity-protocol';
import { SEED_PASSWORD } from './seed.ts';
import { TEST_SPA_ORIGIN, type IdentityTestServer } from './test-server.ts';

/** For tests: calls the Frontend API as the SPA's local Clerk instance would (fetch, Origin, Bearer client token). */
export interface CallOptions {
  method?: string;
  token?: string;
  origin?: string | null;
  body?: unknown;
}

export function frontendCaller(server: () => IdentityTestServer) {
  async function call(path: string, { method = 'POST', token, origin = TEST_SPA_ORIGIN, body }: CallOptions = {}) {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (origin) headers.origin = origin;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${server().url}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, headers: response.headers, json: (await response.json()) as unknown };
  }

  async function signIn(identifier: string, password = SEED_PASSWORD) {
    const { status, json } = await call(FRONTEND_API_PATHS.signIns, { body: { identifier, password } });
    expect(status).toBe(200);
    return AuthenticatedResponseSchema.parse(json);
  }

  async function mintToken(token: string, sessionId: string) {
    const { status, json } = await call(FRONTEND_API_PATHS.sessionTokens(sessionId), { token });
    expect(status).toBe(200);
    return TokenResponseSchema.parse(json).jwt;
  }

  function verify(jwt: string) {
    return verifyToken(jwt, { jwtKey: server().keys.publicKeyPem, authorizedParties: [TEST_SPA_ORIGIN] });
  }

  return { call, signIn, mintToken, verify };
}
