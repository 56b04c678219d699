import { describe, expect, it } from 'vitest';
import { verifyToken } from '@clerk/express';
import { __experimental_JWTPayloadToAuthObjectProperties as toAuth } from '@clerk/shared/jwtPayloadParser';
import { generateKeys } from '../../common/local-keys.ts';
import { organizationClaims } from '#shared/session-token';
import { mintSessionToken } from './session-token.ts';

const keys = generateKeys();
const base = {
  userId: 'user_1',
  sessionId: 'sess_1',
  azp: 'http://localhost:5173',
  issuer: 'http://127.0.0.1:3100',
  publicMetadata: { role: 'admin' },
};

describe('session tokens', () => {
  it('verify with Clerk verifyToken and the public key', async () => {
    const token = mintSessionToken(base, keys);
    const claims = await verifyToken(token, {
      jwtKey: keys.publicKeyPem,
      authorizedParties: ['http://localhost:5173'],
    });
    expect(claims).toMatchObject({ sub: 'user_1', sid: 'sess_1', v: 2, metadata: { role: 'admin' } });
    expect(claims.exp - claims.iat).toBe(60);
  });

  it('are refused for an azp outside the authorized parties', async () => {
    const token = mintSessionToken(base, keys);
    await expect(verifyToken(token, { jwtKey: keys.publicKeyPem, authorizedParties: ['https://app.example.com'] })).rejects.toThrow(
      /azp|authorized part/i,
    );
  });

  it('encode organization permissions as Clerk parses them', () => {
    const claims = {
      ...organizationClaims({
        id: 'org_1',
        slug: 'acme',
        role: 'org:admin',
        permissions: ['org:posts:manage', 'org:billing:read', 'org:billing:manage', 'org:sys_memberships:read'],
      }),
      v: 2,
      sub: 'user_1',
      sid: 'sess_1',
    };
    const auth = toAuth(claims as never);
    expect(auth.orgId).toBe('org_1');
    expect(auth.orgSlug).toBe('acme');
    expect(auth.orgRole).toBe('org:admin');
    expect(new Set(auth.orgPermissions)).toEqual(new Set(['org:posts:manage', 'org:billing:read', 'org:billing:manage']));
  });
});
