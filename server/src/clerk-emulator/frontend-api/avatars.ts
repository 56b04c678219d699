import { createHash } from 'node:crypto';
import { Router, type Response } from 'express';
import { EmulatorError } from '../http/errors.ts';
import type { EmulatorStore } from '../store/store.ts';

/**
 * Generated avatars: initials on a colored square, served by the emulator
 * itself so user and organization images work offline. Full-bleed, as
 * Clerk's own images are: each place that shows one gives it its shape (Clerk
 * rounds a user's to a circle and an organization's to a rounded square), so a
 * drawn circle would sit inside the organization's square on grey.
 */
const COLORS = ['#4f46e5', '#0891b2', '#059669', '#d97706', '#dc2626', '#7c3aed', '#db2777', '#475569'];

/**
 * The file is named `avatar_placeholder` because Clerk's components tell a
 * default image from an upload by its URL, not by `has_image`: @clerk/ui's
 * `isDefaultImage` takes a URL containing `avatar_placeholder` (or
 * `gravatar`), or Clerk's own img.clerk.com URL whose path is base64 JSON
 * `{"type":"default",…}`. That path cannot sit under the proxy path, so the
 * marker it is; without it `<UserProfile>` and `<OrganizationProfile>` offer
 * to "Remove" an image nobody uploaded.
 */
export function avatarUrl(issuer: string, id: string): string {
  return `${issuer}/v1/avatars/${encodeURIComponent(id)}/avatar_placeholder.svg`;
}

export function initialsOf(...names: (string | null | undefined)[]): string {
  const words = names.flatMap((name) => (name ?? '').trim().split(/\s+/)).filter(Boolean);
  // eslint-disable-next-line @typescript-eslint/no-misused-spread -- by code point on purpose: an initial is never half a surrogate pair
  const letters = words.slice(0, 2).map((word) => [...word][0]!.toUpperCase());
  return letters.join('') || '?';
}

/** The same id always gets the same color. */
function colorFor(id: string): string {
  const digest = createHash('sha256').update(id).digest();
  return COLORS[digest[0]! % COLORS.length]!;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (char) => `&#${char.charCodeAt(0)};`);
}

export function avatarSvg(id: string, initials: string): string {
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">',
    `<rect width="128" height="128" fill="${colorFor(id)}"/>`,
    '<text x="64" y="64" dy="0.35em" text-anchor="middle" fill="#ffffff"',
    ' font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif" font-size="52" font-weight="600">',
    `${escapeXml(initials)}</text></svg>`,
  ].join('');
}

function initialsForId(store: EmulatorStore, id: string): string | null {
  const user = store.userById(id);
  if (user) {
    const fromName = initialsOf(user.firstName, user.lastName);
    return fromName !== '?' ? fromName : initialsOf(user.emailAddresses[0]?.emailAddress);
  }
  const organization = store.organizationByIdOrSlug(id);
  return organization?.id === id ? initialsOf(organization.name) : null;
}

const OWNER_ID = /^(?:user|org)_[A-Za-z0-9]+$/;

/**
 * `GET /v1/avatars/:id/avatar_placeholder.svg` for a user or an organization id; also `GET /v1/avatars/:id.svg`,
 * the URL before the placeholder name, which the API's directory may still hold for users synced back then.
 */
export function avatarsRouter(store: EmulatorStore): Router {
  const router = Router();
  router.get('/:id/avatar_placeholder.svg', (req, res) => sendAvatar(store, req.params.id, res));
  router.get('/:file', (req, res) => sendAvatar(store, /^(.+)\.svg$/.exec(req.params.file)?.[1], res));
  return router;
}

function sendAvatar(store: EmulatorStore, id: string | undefined, res: Response): void {
  const initials = id && OWNER_ID.test(id) ? initialsForId(store, id) : null;
  if (!id || initials === null) throw new EmulatorError(404, 'resource_not_found', 'No such avatar.');
  res
    .set({
      'Content-Type': 'image/svg+xml',
      'Cache-Control': 'public, max-age=3600',
      // The SPA on another origin shows these in <img>; the CSP keeps the SVG inert if opened directly.
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    })
    .send(Buffer.from(avatarSvg(id, initials)));
}
