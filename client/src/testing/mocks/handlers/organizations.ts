import { http, HttpResponse } from 'msw';
import { API_MESSAGES } from '#shared/api-messages';
import { OrganizationSlugSchema, isActiveOrganizationAdmin, type OrganizationMembersResponse } from '#shared/organizations';
import { organizationMemberships } from '../../clerk/personas.ts';
import { testEmulator } from '../../clerk/emulator.ts';
import { apiUrl, forbiddenResponse, unauthenticatedResponse, validationFailedResponse } from './api-auth.ts';
import { errorVariants } from './error-variants.ts';
import { callerOf } from './me.ts';

const MEMBERS = '/api/orgs/:slug/members';

/** Everyone with a membership in the organization, as the API reads them from Clerk's Backend API; null when Clerk has no such organization. */
async function membersOf(slug: string): Promise<OrganizationMembersResponse | null> {
  const organization = testEmulator().store.organizationByIdOrSlug(slug);
  if (!organization) return null;
  const members = (await organizationMemberships(organization.id)).map((membership) => {
    const user = membership.publicUserData;
    return {
      userId: user?.userId ?? '',
      fullName: [user?.firstName, user?.lastName].filter(Boolean).join(' ') || null,
      primaryEmail: user?.identifier ?? null,
      imageUrl: user?.imageUrl ?? '',
      role: membership.role,
      joinedAt: new Date(membership.createdAt).toISOString(),
    };
  });
  return { organization: { id: organization.id, slug: organization.slug, name: organization.name }, members, totalCount: members.length };
}

/** GET /api/orgs/:slug/members: an org:admin with that organization active in the token, no one else. */
const membersDefault = http.get(apiUrl(MEMBERS), async ({ request, params }) => {
  const caller = await callerOf(request);
  if (!caller) return unauthenticatedResponse();
  const slug = OrganizationSlugSchema.safeParse(params.slug);
  if (!slug.success) return validationFailedResponse(slug.error);
  const members = isActiveOrganizationAdmin(caller, slug.data) ? await membersOf(slug.data) : null;
  return members ? HttpResponse.json(members) : forbiddenResponse(API_MESSAGES.notOrganizationAdmin);
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
