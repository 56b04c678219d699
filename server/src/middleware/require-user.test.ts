import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorBodySchema } from '#shared/api-error';
import { authenticate } from '../auth/authenticate.ts';
import { createApiClerkClient } from '../auth/clerk-client.ts';
import { createLogger } from '../logger.ts';
import { createAuthFixtures } from '../testing/auth-fixtures.ts';
import { bearer, send } from '../testing/http.ts';
import { listen, type Listening } from '../testing/listen.ts';
import { errorHandler } from './errors.ts';
import { httpLogger } from './http-logger.ts';
import { requestId } from './request-id.ts';
import { requireRole, requireUser } from './require-user.ts';

const auth = createAuthFixtures();
let server: Listening;

beforeAll(async () => {
  const clerk = auth.clerkOptions();
  const app = express();
  app.use(requestId(), httpLogger(createLogger('silent')));
  app.use(authenticate(createApiClerkClient(clerk), clerk));
  app.get('/moderation', requireRole('admin', 'moderator'), (req, res) => {
    res.json({ by: requireUser(req).userId });
  });
  app.use(errorHandler);
  server = await listen(app);
});
afterAll(() => server.close());

describe('requireRole', () => {
  it.each(['admin', 'moderator'])('lets a caller with the %s role through', async (role) => {
    const reply = await send(server.baseUrl, '/moderation', { headers: bearer(auth.token({ publicMetadata: { role } })) });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ by: 'user_test_ada' });
  });

  it.each([{}, { role: 'owner' }, { role: ['admin'] }])('answers 403 forbidden to a signed-in caller with metadata %j', async (publicMetadata) => {
    const reply = await send(server.baseUrl, '/moderation', { headers: bearer(auth.token({ publicMetadata })) });
    expect(reply.status).toBe(403);
    expect(ApiErrorBodySchema.parse(reply.json).error.code).toBe('forbidden');
  });

  it('answers 401, not 403, when signed out', async () => {
    const reply = await send(server.baseUrl, '/moderation');
    expect(reply.status).toBe(401);
    expect(reply.headers['www-authenticate']).toBe('Bearer realm="api"');
  });

  it('ignores an organization role: app roles come from the metadata claim only', async () => {
    const token = auth.token({ organization: { id: 'org_1', slug: 'one', role: 'org:admin', permissions: [] } });
    const reply = await send(server.baseUrl, '/moderation', { headers: bearer(token) });
    expect(reply.status).toBe(403);
  });
});
