import { avatarUrl } from '../frontend-api/avatars.ts';
import { uploadedImageUrl } from '../store/images.ts';

/**
 * A user's or an organization's image as Clerk's JSON gives it: the upload when
 * there is one, else the generated avatar, which like Clerk's own initials
 * avatar is a default image, so `has_image` is false until an upload and again
 * after its removal.
 */
export function imageJson(issuer: string, owner: { id: string; imageFile?: string | undefined }) {
  return {
    image_url: owner.imageFile ? uploadedImageUrl(issuer, owner.imageFile) : avatarUrl(issuer, owner.id),
    has_image: owner.imageFile !== undefined,
  };
}
