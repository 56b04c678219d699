import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EmulatorError } from '../http/errors.ts';
import type { EmulatorStore, StoredOrganization, StoredUser } from './store.ts';

/**
 * Uploaded profile images and organization logos: files in the data folder's
 * `images/`, named by their owner and a random part (so a replaced image gets
 * a new URL and caches never show the old one). The type is read from the
 * bytes, never from the upload's name or header; the size is bounded.
 */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
const IMAGES_DIR = 'images';

export type ImageType = 'png' | 'jpeg' | 'gif' | 'webp';

export const IMAGE_CONTENT_TYPES: Record<ImageType, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
};

/** The image type by its magic bytes, or null for anything else (SVG included: it can carry script). */
export function imageTypeOf(bytes: Uint8Array): ImageType | null {
  const starts = (signature: readonly number[], offset = 0) => signature.every((byte, i) => bytes[offset + i] === byte);
  const ascii = (text: string) => [...Buffer.from(text, 'latin1')];
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (starts([0xff, 0xd8, 0xff])) return 'jpeg';
  if (starts(ascii('GIF87a')) || starts(ascii('GIF89a'))) return 'gif';
  if (starts(ascii('RIFF')) && starts(ascii('WEBP'), 8)) return 'webp';
  return null;
}

/** `images/<file>` names this module makes: owner id, random part, type. */
const FILE_NAME = /^((?:user|org)_[A-Za-z0-9]+)_[a-f0-9]{16}\.(png|jpeg|gif|webp)$/;

function imagesDir(store: EmulatorStore): string {
  return join(dirname(store.path), IMAGES_DIR);
}

function checkedImage(bytes: Uint8Array): ImageType {
  if (bytes.length === 0) throw new EmulatorError(400, 'image_missing', 'Choose an image to upload.');
  if (bytes.length > MAX_IMAGE_BYTES) throw new EmulatorError(422, 'image_too_large', 'The image is larger than 10 MB.');
  const type = imageTypeOf(bytes);
  if (!type) throw new EmulatorError(422, 'image_type_invalid', 'The file is not a PNG, JPEG, GIF or WebP image.');
  return type;
}

/** Writes the image and points the owner at it; the previous one is removed. Answers the new file's name. */
export function setImage(store: EmulatorStore, owner: StoredUser | StoredOrganization, bytes: Uint8Array, now: number): string {
  const type = checkedImage(bytes);
  const file = `${owner.id}_${randomBytes(8).toString('hex')}.${type}`;
  mkdirSync(imagesDir(store), { recursive: true, mode: 0o700 });
  writeFileSync(join(imagesDir(store), file), bytes, { mode: 0o600 });
  const previous = owner.imageFile;
  store.update(() => {
    owner.imageFile = file;
    owner.updatedAt = now;
  });
  if (previous) removeImageFile(store, previous);
  return file;
}

export function removeImage(store: EmulatorStore, owner: StoredUser | StoredOrganization, now: number): void {
  const previous = owner.imageFile;
  if (!previous) throw new EmulatorError(404, 'resource_not_found', 'There is no uploaded image to remove.');
  store.update(() => {
    delete owner.imageFile;
    owner.updatedAt = now;
  });
  removeImageFile(store, previous);
}

/** Removes an image's file; for owners that are gone (deletions.ts) as for replaced images. */
export function removeImageFile(store: EmulatorStore, file: string): void {
  if (FILE_NAME.test(file)) rmSync(join(imagesDir(store), file), { force: true });
}

/** The bytes and type of a stored image that still belongs to its owner, or null. */
export function readImage(store: EmulatorStore, file: string): { bytes: Buffer; contentType: string } | null {
  const match = FILE_NAME.exec(file);
  if (!match) return null;
  const ownerId = match[1]!;
  const owner = store.userById(ownerId) ?? store.data.organizations.find((organization) => organization.id === ownerId);
  if (owner?.imageFile !== file) return null;
  try {
    return { bytes: readFileSync(join(imagesDir(store), file)), contentType: IMAGE_CONTENT_TYPES[match[2] as ImageType] };
  } catch {
    return null;
  }
}

/** Where an uploaded image is served: under the emulator's URL, or the proxy path for a browser (JsonContext.issuer). */
export function uploadedImageUrl(issuer: string, file: string): string {
  return `${issuer}/v1/images/${file}`;
}
