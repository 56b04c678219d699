import { http, HttpResponse } from 'msw';
import { API_MESSAGES } from '#shared/api-messages';
import { OrganizationSlugSchema, isActiveOrganizationAdmin, type OrganizationMembersResponse } from '#shared/organizations';
import { avatarUrlFor, fullNameOf, isOrganizationSlug, listPersonas, testOrganization, type OrganizationSlug } from '../../clerk/personas.ts';
import { apiUrl, forbiddenResponse, unauthenticatedResponse, validationFailedResponse } from './api-auth.ts';
import { errorVariants } from './error-variants.ts';
import { callerOf } from './me.ts';

const MEMBERS = '/api/orgs/:slug/members';

/** Everyone with a membership in the organization, from the personas (Clerk's users in tests). */
function membersOf(slug: OrganizationSlug): OrganizationMembersResponse {
  const { id, name } = testOrganization(slug);
  const members = listPersonas().flatMap((user) =>
    user.memberships
      .filter((membership) => membership.organization === slug)
      .map((membership) => ({
        userId: user.id,
        fullName: fullNameOf(user),
        primaryEmail: user.emailAddress,
        imageUrl: avatarUrlFor(user.id),
        role: membership.role,
        joinedAt: new Date(user.createdAt).toISOString(),
      })),
  );
  return { organization: { id, slug, name }, members, totalCount: members.length };
}

/** GET /api/orgs/:slug/members: an org:admin with that organization active in the token, no one else. */
const membersDefault = http.get(apiUrl(MEMBERS), ({ request, params }) => {
  const caller = callerOf(request);
  if (!caller) return unauthenticatedResponse();
  const slug = OrganizationSlugSchema.safeParse(params.slug);
  if (!slug.success) return validationFailedResponse(slug.error);
  if (!isActiveOrganizationAdmin(caller, slug.data) || !isOrganizationSlug(slug.data)) {
    return forbiddenResponse(API_MESSAGES.notOrganizationAdmin);
  }
  return HttpResponse.json(membersOf(slug.data));
});

/** An organization page's endpoints; `empty` answers an organization with nobody in it. */
export const organizationsHandlers = {
  members: {
    default: membersDefault,
    empty: http.get(apiUrl(MEMBERS), ({ params }) =>
      HttpResponse.json({ organization: { id: 'org_empty', slug: String(params.slug), name: 'Empty' }, members: [], totalCount: 0 }),
    ),
    ...errorVariants('get', MEMBERS),
  },
};

export const organizationsDefaultHandlers = [membersDefault];
