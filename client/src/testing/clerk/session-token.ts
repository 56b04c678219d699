import type { JwtPayload } from '@clerk/shared/types';
import { ROLE_PERMISSIONS, type Persona, type PersonaMembership, testOrganization } from './personas.ts';

/** Clerk's default session token lifetime, as the emulator's. */
export const SESSION_TOKEN_TTL_SECONDS = 60;

/**
 * Session tokens for component tests: Clerk's session token v2 claims in a
 * well-formed JWT whose signature is a placeholder. Browsers never verify
 * session tokens (the API does), so the app and the MSW API handlers
 * (api-auth.ts) read them as real ones. The one way tests build a token.
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
  const iat = Math.floor(now / 1000);
  const payload = {
    azp: input.azp,
    exp: iat + (input.ttlSeconds ?? SESSION_TOKEN_TTL_SECONDS),
    fva: [Math.max(0, Math.floor((now - input.sessionCreatedAt) / 60_000)), -1] as [number, number],
    iat,
    iss: 'https://emulator.clerk.accounts.dev',
    jti: Math.random().toString(36).slice(2, 12),
    nbf: iat - 10,
    sid: input.sessionId,
    sts: 'active' as const,
    sub: input.persona.id,
    v: 2 as const,
    metadata: input.persona.publicMetadata,
    ...(input.activeMembership ? organizationClaims(input.activeMembership) : {}),
  };
  const header = { alg: 'RS256', typ: 'JWT', kid: 'test-double' };
  const encoded = { header: base64UrlJson(header), payload: base64UrlJson(payload), signature: base64UrlText('unsigned-test-token') };
  const raw = `${encoded.header}.${encoded.payload}.${encoded.signature}`;
  // clerk-js keeps the raw token beside the decoded claims.
  const claims: JwtPayload = { ...payload, __raw: raw };
  return { raw, header, claims, encoded };
}

/**
 * Session token v2 org claims (the encoding @clerk/shared's jwtPayloadParser
 * reads): features in `fea`, permission names in `o.per`, one bitmask per
 * feature in `o.fpm`. System permissions (`org:sys_*`) are never in tokens.
 */
interface OrganizationClaims {
  o: { id: string; slg: string; rol: string; per?: string; fpm?: string };
  fea?: string;
}

export function organizationClaims({ organization, role }: PersonaMembership): OrganizationClaims {
  const custom = ROLE_PERMISSIONS[role]
    .map((key) => key.split(':'))
    .filter((parts): parts is [string, string, string] => parts.length === 3 && parts[0] === 'org' && !parts[1]!.startsWith('sys_'));
  const features = [...new Set(custom.map(([, feature]) => feature))];
  const names = [...new Set(custom.map(([, , name]) => name))];
  const { id, slug } = testOrganization(organization);
  const o = { id, slg: slug, rol: role.replace(/^org:/, '') };
  if (features.length === 0) return { o };
  const masks = features.map((feature) => custom.filter(([, f]) => f === feature).reduce((mask, [, , name]) => mask | (1 << names.indexOf(name)), 0));
  return { o: { ...o, per: names.join(','), fpm: masks.join(',') }, fea: features.map((feature) => `o:${feature}`).join(',') };
}

function base64UrlText(text: string): string {
  const bytes = new TextEncoder().encode(text);
  const binary = Array.from(bytes, (byte) => String.fromCharCode(byte)).join('');
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function base64UrlJson(value: object): string {
  return base64UrlText(JSON.stringify(value));
}
