/**
 * Clerk's event JSON for tests: `{ data, object: 'event', type, timestamp,
 * instance_id }`, with `data` shaped like the Backend API's objects (see
 * clerk-emulator/http/clerk-json.ts), private fields included, so tests can check
 * they are dropped.
 */
export interface UserFields {
  id: string;
  first_name?: string | null;
  last_name?: string | null;
  username?: string | null;
  image_url?: string | null;
  created_at?: number;
  updated_at: number;
}

export function clerkUser(fields: UserFields) {
  return {
    object: 'user',
    first_name: null,
    last_name: null,
    username: null,
    image_url: `https://img.example.test/${fields.id}.png`,
    created_at: fields.updated_at,
    email_addresses: [{ object: 'email_address', id: 'idn_1', email_address: `${fields.id}@example.test` }],
    primary_email_address_id: 'idn_1',
    public_metadata: {},
    private_metadata: { secretNote: 'never-stored' },
    unsafe_metadata: {},
    ...fields,
  };
}

export interface OrganizationFields {
  id: string;
  name: string;
  slug?: string;
  created_at?: number;
  updated_at: number;
}

export function clerkOrganization(fields: OrganizationFields) {
  return {
    object: 'organization',
    slug: fields.name.toLowerCase().replace(/\W+/g, '-'),
    image_url: `https://img.example.test/${fields.id}.png`,
    members_count: 1,
    public_metadata: {},
    private_metadata: { billing: 'never-stored' },
    created_at: fields.updated_at,
    ...fields,
  };
}

export function clerkEvent(type: string, data: unknown) {
  return { data, object: 'event', type, timestamp: Date.now(), instance_id: 'ins_test' };
}

export function deletedData(object: 'user' | 'organization', id: string) {
  return { id, object, deleted: true };
}
