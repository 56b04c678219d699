import { randomBytes } from 'node:crypto';
import type { LocalKeys } from '../../common/local-keys.ts';
import { userJson } from '../http/clerk-json.ts';
import type { EmulatorStore, StoredSession } from '../store/store.ts';
import { organizationClaim } from './token-minting.ts';
import { signJwt } from './session-token.ts';

/**
 * Clerk's JWT templates (`getToken({ template })`): the default claims (azp,
 * exp, iat, iss, jti, nbf, sub) and the template's own, whose `{{…}}`
 * shortcodes are filled from the user and the active organization, signed
 * with the emulator's key like session tokens. The templates are the
 * emulator's seed: a fixed list, as an instance's dashboard would hold.
 */
export interface JwtTemplate {
  name: string;
  /** Seconds. */
  lifetime: number;
  claims: Record<string, unknown>;
}

export const SEEDED_JWT_TEMPLATES: readonly JwtTemplate[] = [
  {
    name: 'api-test',
    lifetime: 60,
    claims: {
      aud: 'local-api-test',
      email: '{{user.primary_email_address}}',
      full_name: '{{user.first_name}} {{user.last_name}}',
      role: '{{user.public_metadata.role}}',
      org: { id: '{{org.id}}', slug: '{{org.slug}}', role: '{{org.role}}' },
    },
  },
];

type Shortcodes = Record<string, unknown>;

function shortcodesFor(store: EmulatorStore, session: StoredSession, issuer: string, now: number): Shortcodes {
  const user = store.userById(session.userId);
  if (!user) return {};
  const json = userJson(user, { store, issuer, now });
  const primary = user.emailAddresses.find((address) => address.id === user.primaryEmailAddressId)?.emailAddress ?? null;
  const organization = organizationClaim(store, user.id, session.lastActiveOrganizationId);
  return {
    user: { ...json, primary_email_address: primary, email_verified: primary !== null },
    org: organization ? { id: organization.id, slug: organization.slug, role: organization.role } : null,
  };
}

function lookup(values: Shortcodes, path: string): unknown {
  let current: unknown = values;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return null;
    current = (current as Record<string, unknown>)[key];
  }
  return current ?? null;
}

/** A claim that is one shortcode takes its value (any type, null when missing); shortcodes inside text are joined in. */
export function fillClaims(template: unknown, values: Shortcodes): unknown {
  if (typeof template === 'string') {
    const whole = /^\{\{\s*([\w.]+)\s*\}\}$/.exec(template);
    if (whole) return lookup(values, whole[1]!);
    return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_match, path: string) => {
      const value = lookup(values, path);
      return value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
    });
  }
  if (Array.isArray(template)) return template.map((item) => fillClaims(item, values));
  if (template && typeof template === 'object') {
    return Object.fromEntries(Object.entries(template).map(([key, value]) => [key, fillClaims(value, values)]));
  }
  return template;
}

export function mintTemplateToken(
  template: JwtTemplate,
  context: { store: EmulatorStore; keys: LocalKeys; issuer: string; session: StoredSession; azp: string; now: number },
): string {
  const iat = Math.floor(context.now / 1000);
  const custom = fillClaims(template.claims, shortcodesFor(context.store, context.session, context.issuer, context.now)) as Record<string, unknown>;
  // The default claims win over the template's, as Clerk reserves them.
  const claims = {
    ...custom,
    azp: context.azp,
    exp: iat + template.lifetime,
    iat,
    iss: context.issuer,
    jti: randomBytes(10).toString('hex'),
    nbf: iat - 5,
    sub: context.session.userId,
  };
  return signJwt(claims, context.keys);
}
