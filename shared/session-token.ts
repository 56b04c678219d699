import { tokenPermissions, type OrganizationRoleKey } from './organization-roles.ts';

/**
 * Clerk's session token, version 2, as @clerk/backend verifies it and as
 * @clerk/shared's `jwtPayloadParser` reads it: the claims only, never signed
 * here (signing needs a key, and shared/ does no I/O). The Clerk emulator signs
 * them; the API's tests sign them with test keys; the SPA's tests send them
 * unsigned (browsers never verify session tokens). One builder for all three.
 */
export interface SessionTokenClaims {
  azp: string;
  exp: number;
  fva: [number, number];
  iat: number;
  iss: string;
  jti: string;
  nbf: number;
  sid: string;
  sts: 'active';
  sub: string;
  v: 2;
  /** Custom claim: the user's public metadata (this app's role lives there). */
  metadata: Record<string, unknown>;
  /** Feature scopes for the organization permissions, e.g. `o:posts`. */
  fea?: string;
  o?: { id: string; slg: string; rol: string; per?: string; fpm?: string };
}

/** Session token lifetime, as Clerk's: 60 seconds. */
export const SESSION_TOKEN_TTL_SECONDS = 60;

export interface ActiveOrganizationClaim {
  id: string;
  slug: string;
  /** Clerk's role key with its prefix, e.g. `org:admin`. */
  role: string;
  /** Clerk permission keys, e.g. `org:posts:manage`. System (`org:sys_*`) ones are not put in tokens. */
  permissions: readonly string[];
}

export interface SessionTokenInput {
  userId: string;
  sessionId: string;
  /** The token's unique id: random, from whoever builds it (shared/ has no random source it may rely on). */
  jti: string;
  /** The origin that asked for the token: its authorized party. */
  azp: string;
  issuer: string;
  publicMetadata: Record<string, unknown>;
  organization?: ActiveOrganizationClaim | null;
  /** Seconds since the epoch; defaults to now. */
  issuedAt?: number;
  ttlSeconds?: number;
  /** Minutes since the first and second factor were verified (-1 = none). */
  factorVerificationAge?: [number, number];
}

/** The claim for `organization` active with the role `role`, its permissions from the one role table. */
export function activeOrganizationClaim(organization: { id: string; slug: string }, role: OrganizationRoleKey): ActiveOrganizationClaim {
  return { id: organization.id, slug: organization.slug, role, permissions: tokenPermissions(role) };
}

export function buildSessionClaims(input: SessionTokenInput): SessionTokenClaims {
  const iat = input.issuedAt ?? Math.floor(Date.now() / 1000);
  const claims: SessionTokenClaims = {
    azp: input.azp,
    exp: iat + (input.ttlSeconds ?? SESSION_TOKEN_TTL_SECONDS),
    fva: input.factorVerificationAge ?? [0, -1],
    iat,
    iss: input.issuer,
    jti: input.jti,
    // Clerk back-dates nbf by 10 s to absorb clock skew between servers.
    nbf: iat - 10,
    sid: input.sessionId,
    sts: 'active',
    sub: input.userId,
    v: 2,
    metadata: input.publicMetadata,
  };
  if (input.organization) Object.assign(claims, organizationClaims(input.organization));
  return claims;
}

/**
 * Encodes org permissions the way session token v2 does: features in `fea`
 * (`o:<feature>`), the distinct permission names in `o.per`, and per feature a
 * decimal bitmask in `o.fpm` whose bit i means "has permission i".
 */
export function organizationClaims(org: ActiveOrganizationClaim): Pick<SessionTokenClaims, 'fea' | 'o'> {
  const custom = org.permissions
    .map((key) => key.split(':'))
    .filter((parts): parts is [string, string, string] => parts.length === 3 && parts[0] === 'org' && !parts[1]!.startsWith('sys_'));
  const features = [...new Set(custom.map(([, feature]) => feature))];
  const permissionNames = [...new Set(custom.map(([, , permission]) => permission))];
  const masks = features.map((feature) =>
    custom.filter(([, f]) => f === feature).reduce((mask, [, , permission]) => mask | (1 << permissionNames.indexOf(permission)), 0),
  );
  const o: NonNullable<SessionTokenClaims['o']> = { id: org.id, slg: org.slug, rol: org.role.replace(/^org:/, '') };
  if (features.length === 0) return { o };
  o.per = permissionNames.join(',');
  o.fpm = masks.join(',');
  return { fea: features.map((feature) => `o:${feature}`).join(','), o };
}
