import type { JwtPayload } from '@clerk/shared/types';
import { activeOrganizationClaim, buildSessionClaims } from '#shared/session-token';
import { type Persona, type PersonaMembership, testOrganization } from './personas.ts';

/**
 * Session tokens for component tests: the claims of shared/session-token.ts
 * (the builder the emulator signs) in a well-formed JWT whose signature is a
 * placeholder. Browsers never verify session tokens (the API does), so the
 * app and the MSW API handlers (api-auth.ts) read them as real ones. The one
 * way tests build a token.
 */
export interface SessionTokenInput {
  persona: Persona;
  sessionId: string;
  /** The organization active in the session, if any. */
  activeMembership: PersonaMembership | null;
  /** The origin that asked: the token's authorized party. */
  azp: string;
  sessionCreatedAt: number;
  now?: number;
  ttlSeconds?: number;
}

export interface SessionToken {
  raw: string;
  header: { alg: string; typ: string; kid: string };
  claims: JwtPayload;
  encoded: { header: string; payload: string; signature: string };
}

export function mintSessionToken(input: SessionTokenInput): SessionToken {
  const now = input.now ?? Date.now();
  const membership = input.activeMembership;
  const payload = buildSessionClaims({
    userId: input.persona.id,
    sessionId: input.sessionId,
    jti: Math.random().toString(36).slice(2, 12),
    azp: input.azp,
    issuer: 'https://emulator.clerk.accounts.dev',
    publicMetadata: input.persona.publicMetadata,
    organization: membership && activeOrganizationClaim(testOrganization(membership.organization), membership.role),
    issuedAt: Math.floor(now / 1000),
    ...(input.ttlSeconds === undefined ? {} : { ttlSeconds: input.ttlSeconds }),
    factorVerificationAge: [Math.max(0, Math.floor((now - input.sessionCreatedAt) / 60_000)), -1],
  });
  const header = { alg: 'RS256', typ: 'JWT', kid: 'test-double' };
  const encoded = { header: base64UrlJson(header), payload: base64UrlJson(payload), signature: base64UrlText('unsigned-test-token') };
  const raw = `${encoded.header}.${encoded.payload}.${encoded.signature}`;
  // clerk-js keeps the raw token beside the decoded claims.
  const claims: JwtPayload = { ...payload, __raw: raw };
  return { raw, header, claims, encoded };
}

function base64UrlText(text: string): string {
  const bytes = new TextEncoder().encode(text);
  const binary = Array.from(bytes, (byte) => String.fromCharCode(byte)).join('');
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function base64UrlJson(value: object): string {
  return base64UrlText(JSON.stringify(value));
}
