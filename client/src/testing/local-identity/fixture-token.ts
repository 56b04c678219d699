import { SESSION_TOKEN_TTL_SECONDS, type LocalMembership } from '#shared/local-identity-protocol';
import { env } from '@/config/env.ts';

/**
 * Session tokens for tests: Clerk's session token v2 claims in a well-formed
 * JWT whose signature is a placeholder. Browsers never verify session tokens
 * (the API does), so the SPA and the mock API handlers read them as real ones.
 */
export interface FixtureTokenInput {
  userId: string;
  sessionId: string;
  publicMetadata: Record<string, unknown>;
  activeMembership: LocalMembership | null;
  /** The origin that asked: the token's authorized party. */
  azp: string;
  sessionCreatedAt: number;
  now?: number;
  ttlSeconds?: number;
}

export function mintFixtureToken(input: FixtureTokenInput): string {
  const now = input.now ?? Date.now();
  const iat = Math.floor(now / 1000);
  const claims = {
    azp: input.azp,
    exp: iat + (input.ttlSeconds ?? SESSION_TOKEN_TTL_SECONDS),
    fva: [Math.max(0, Math.floor((now - input.sessionCreatedAt) / 60_000)), -1],
    iat,
    iss: env.localIdentityUrl,
    jti: Math.random().toString(36).slice(2, 12),
    nbf: iat - 10,
    sid: input.sessionId,
    sts: 'active',
    sub: input.userId,
    v: 2,
    metadata: input.publicMetadata,
    ...(input.activeMembership ? organizationClaims(input.activeMembership) : {}),
  };
  const header = { alg: 'RS256', typ: 'JWT', kid: 'local-fixture' };
  return `${base64UrlJson(header)}.${base64UrlJson(claims)}.${base64UrlText('unsigned-test-token')}`;
}

/**
 * Session token v2 org claims (the encoding @clerk/shared's jwtPayloadParser
 * reads): features in `fea`, permission names in `o.per`, one bitmask per
 * feature in `o.fpm`. System permissions (`org:sys_*`) are never in tokens.
 */
export function organizationClaims(membership: LocalMembership): { o: Record<string, string>; fea?: string } {
  const custom = membership.permissions
    .map((key) => key.split(':'))
    .filter((parts): parts is [string, string, string] => parts.length === 3 && parts[0] === 'org' && !parts[1]!.startsWith('sys_'));
  const features = [...new Set(custom.map(([, feature]) => feature))];
  const names = [...new Set(custom.map(([, , name]) => name))];
  const o: Record<string, string> = {
    id: membership.organization.id,
    slg: membership.organization.slug,
    rol: membership.role.replace(/^org:/, ''),
  };
  if (features.length === 0) return { o };
  const masks = features.map((feature) =>
    custom.filter(([, f]) => f === feature).reduce((mask, [, , name]) => mask | (1 << names.indexOf(name)), 0),
  );
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
