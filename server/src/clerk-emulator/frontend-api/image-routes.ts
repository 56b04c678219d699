import express, { Router, type ErrorRequestHandler, type Request, type Response } from 'express';
import { EmulatorError } from '../http/errors.ts';
import { MAX_IMAGE_BYTES, readImage, removeImage, setImage, uploadedImageUrl } from '../store/images.ts';
import { organizationRole } from '#shared/organization-roles';
import type { EmulatorStore } from '../store/store.ts';
import { callerSession, sendWithClient, type FrontendDeps } from './fapi-context.ts';
import { fapiOrganization } from './fapi-json.ts';

/**
 * Profile images (`/v1/me/profile_image`) and organization logos
 * (`/v1/organizations/{id}/logo`), as `<UserProfile>` and
 * `<OrganizationProfile>` upload them: multipart with a `file` part (or the
 * bytes as base64, which clerk-js sends for a string). Served back by the
 * emulator under `/v1/images/`, so through the proxy path they stay on the
 * SPA's origin and its CSP's `img-src 'self'` holds.
 */
export function imagesRouter(store: EmulatorStore): Router {
  const router = Router();
  router.get('/:file', (req, res) => {
    const image = readImage(store, req.params.file);
    if (!image) throw new EmulatorError(404, 'resource_not_found', 'No such image.');
    res
      .set({
        'Content-Type': image.contentType,
        // The name changes with every upload, so an image never changes under its URL.
        'Cache-Control': 'public, max-age=31536000, immutable',
        'Cross-Origin-Resource-Policy': 'cross-origin',
      })
      .send(image.bytes);
  });
  return router;
}

// A little over the image bound, so a multipart envelope around a 10 MB image fits; larger bodies stop here.
const readBody = express.raw({ type: ['multipart/form-data', 'application/octet-stream'], limit: MAX_IMAGE_BYTES + 64 * 1024 });

/** Too large a body is Clerk's status for each endpoint: 413 where its spec has it, else 422. */
function bodyTooLarge(status: 413 | 422): ErrorRequestHandler {
  return (error: unknown, _req, _res, next) => {
    if ((error as { type?: string }).type === 'entity.too.large')
      next(new EmulatorError(status, 'image_too_large', 'The image is larger than 10 MB.'));
    else next(error);
  };
}

async function uploadedBytes(req: Request): Promise<Uint8Array> {
  const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const type = req.get('content-type') ?? '';
  if (type.startsWith('application/octet-stream')) {
    const text = body.toString('latin1').trim();
    return Buffer.from(text.replace(/^data:[^,]*;base64,/, ''), 'base64');
  }
  // The platform's own multipart parser (undici), as a browser's Request would read it. Deprecated for servers because it
  // buffers the whole body: this body is already buffered, and bounded by readBody.
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- see above
  const form = await new globalThis.Response(new Uint8Array(body), { headers: { 'content-type': type } }).formData().catch(() => null);
  const file = form?.get('file');
  if (!file || typeof file === 'string') throw new EmulatorError(400, 'image_missing', 'Choose an image to upload.');
  return new Uint8Array(await file.arrayBuffer());
}

export function profileImageRouter(deps: FrontendDeps): Router {
  const router = Router();
  const now = () => (deps.now ?? Date.now)();

  router.post('/profile_image', readBody, async (req, res) => {
    const { user } = callerSession(req, res, deps);
    const file = setImage(deps.store, user, await uploadedBytes(req), now());
    sendWithClient(req, res, deps, (ctx) => ({
      object: 'image',
      id: file.replace(/\.\w+$/, ''),
      name: file,
      public_url: uploadedImageUrl(ctx.issuer, file),
    }));
  });
  router.use('/profile_image', bodyTooLarge(422));

  router.delete('/profile_image', (req, res) => {
    const { user } = callerSession(req, res, deps);
    removeImage(deps.store, user, now());
    sendWithClient(req, res, deps, () => ({ object: 'image', deleted: true }));
  });
  return router;
}

export function organizationLogoRouter(deps: FrontendDeps): Router {
  const router = Router();
  const now = () => (deps.now ?? Date.now)();

  router.put('/:orgId/logo', readBody, async (req, res) => {
    const organization = requireProfileManager(req, res);
    setImage(deps.store, organization, await uploadedBytes(req), now());
    sendWithClient(req, res, deps, (ctx) => fapiOrganization(organization, ctx));
  });
  router.use('/:orgId/logo', bodyTooLarge(413));

  router.delete('/:orgId/logo', (req, res) => {
    const organization = requireProfileManager(req, res);
    removeImage(deps.store, organization, now());
    sendWithClient(req, res, deps, () => ({ object: 'organization', id: organization.id, deleted: true }));
  });

  /** Members with `org:sys_profile:manage` (admins) change the logo; others get 403, non-members 404. */
  function requireProfileManager(req: Request, res: Response) {
    const { user } = callerSession(req, res, deps);
    const organization = deps.store.organizationByIdOrSlug(String(req.params.orgId ?? ''));
    const membership = organization ? deps.store.membership(user.id, organization.id) : undefined;
    if (!organization || !membership) throw new EmulatorError(404, 'resource_not_found', 'No such organization.');
    if (!organizationRole(membership.role).permissions.includes('org:sys_profile:manage')) {
      throw new EmulatorError(403, 'not_allowed_access', 'You are not allowed to do this in this organization.');
    }
    return organization;
  }
  return router;
}
