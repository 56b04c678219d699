import { describe, expect, it } from 'vitest';
import { LOCAL_CLERK_PROXY_PATH } from '#shared/local-clerk';
import { send } from '../../testing/http.ts';
import { useSeededEmulator } from '../../testing/test-emulator.ts';

const server = useSeededEmulator();
const withSecret = () => ({ headers: { Authorization: `Bearer ${server.keys.secretKey}` } });

describe('requests that do not decode', () => {
  it.each(['/v1/users/%E0%A4%A', '/v1/users/user_%zz', '/v1/users?query=%E0%A4%A', '/v1/users?%zz=1'])(
    "answers 400 in Clerk's error shape to %s, not 500",
    async (path) => {
      const reply = await send(server.url, path, withSecret());
      expect(reply.status).toBe(400);
      expect(reply.json).toMatchObject({ errors: [{ code: 'malformed_request' }] });
    },
  );

  it('answers 400 on the Frontend API too', async () => {
    const reply = await send(server.url, `${LOCAL_CLERK_PROXY_PATH}/v1/environment?__clerk_db_jwt=%E0%A4%A`);
    expect(reply.status).toBe(400);
  });

  it('still answers a query that decodes, with + for spaces', async () => {
    const reply = await send(server.url, '/v1/users?query=Ada+Lovelace&order_by=%2Bcreated_at', withSecret());
    expect(reply.status).toBe(200);
    expect(reply.json).toHaveLength(1);
  });
});

describe('order_by naming what every object has', () => {
  it.each(['__proto__', '-__proto__', 'constructor', 'hasOwnProperty', 'toString'])(
    'answers 422 form_param_value_invalid to order_by=%s on users, organizations and memberships',
    async (orderBy) => {
      const slug = server.store.data.organizations[0]!.slug;
      for (const path of ['/v1/users', '/v1/organizations', `/v1/organizations/${slug}/memberships`]) {
        const reply = await send(server.url, `${path}?order_by=${encodeURIComponent(orderBy)}`, withSecret());
        expect(reply.status, path).toBe(422);
        expect(reply.json).toMatchObject({ errors: [{ code: 'form_param_value_invalid', meta: { param_name: 'order_by' } }] });
      }
    },
  );
});
