import { z } from 'zod/mini';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GreetResponseSchema } from '#shared/api-contracts';
import { ApiErrorBodySchema } from '#shared/api-error';
import { createAuthFixtures } from '../testing/auth-fixtures.ts';
import { bearer, send } from '../testing/http.ts';
import { startApp, type StartedApp } from '../testing/start-app.ts';

/** The error envelope with no extra keys. */
const strictErrorBody = z.strictObject(ApiErrorBodySchema.shape);

const auth = createAuthFixtures();
let app: StartedApp;
beforeAll(async () => {
  app = await startApp(auth.clerkOptions());
});
afterAll(() => app.close());

function greet(body: object | string | undefined, headers: Record<string, string> = bearer(auth.token())) {
  return send(app.baseUrl, '/api/greet', { method: 'POST', headers, ...(body === undefined ? {} : { body }) });
}

describe('POST /api/greet', () => {
  it('greets the trimmed name on behalf of the caller', async () => {
    const before = Date.now();
    const reply = await greet({ name: '  Grace  ' });
    expect(reply.status).toBe(200);
    const answer = GreetResponseSchema.strict().parse(reply.json);
    expect(answer).toMatchObject({ greeting: 'Hello, Grace!', greetedBy: 'user_test_ada' });
    expect(new Date(answer.at).toISOString()).toBe(answer.at);
    expect(Date.parse(answer.at)).toBeGreaterThanOrEqual(before - 1000);
  });

  it('answers 400 validation_failed with a message per field', async () => {
    const reply = await greet({ name: '   ' });
    expect(reply.status).toBe(400);
    expect(ApiErrorBodySchema.parse(reply.json).error).toMatchObject({
      code: 'validation_failed',
      fields: { name: ['Enter a name'] },
    });
    const tooLong = await greet({ name: 'x'.repeat(81) });
    expect(ApiErrorBodySchema.parse(tooLong.json).error.fields).toEqual({ name: ['Use at most 80 characters'] });
    const wrongType = await greet({ name: 42 });
    expect(ApiErrorBodySchema.parse(wrongType.json).error.fields).toHaveProperty('name');
  });

  it('answers 401 before looking at the body when signed out', async () => {
    const reply = await greet({ name: 'Grace' }, {});
    expect(reply.status).toBe(401);
    expect(reply.headers['www-authenticate']).toBe('Bearer realm="api"');
  });

  it('answers 415 for a body that is not JSON', async () => {
    const reply = await greet('name=Grace', { ...bearer(auth.token()), 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(reply.status).toBe(415);
    expect(ApiErrorBodySchema.parse(reply.json).error).toMatchObject({
      code: 'bad_request',
      message: 'Send the body as JSON (Content-Type: application/json).',
    });
  });

  it('answers 400 for a missing body', async () => {
    const reply = await greet(undefined);
    expect(reply.status).toBe(400);
    expect(ApiErrorBodySchema.parse(reply.json).error.code).toBe('bad_request');
  });

  it('answers 400 for JSON that is not an object', async () => {
    const json = { ...bearer(auth.token()), 'Content-Type': 'application/json' };
    const scalar = await greet('"Grace"', json);
    expect(scalar.status).toBe(400);
    expect(ApiErrorBodySchema.parse(scalar.json).error.code).toBe('bad_request');
    const array = await greet('["Grace"]', json);
    expect(array.status).toBe(400);
    expect(strictErrorBody.parse(array.json).error).toEqual({
      code: 'validation_failed',
      message: expect.stringMatching(/^The request body is not valid: .*object/),
      requestId: array.headers['x-request-id'],
    });
  });

  it('is not reachable with GET', async () => {
    const reply = await send(app.baseUrl, '/api/greet', { headers: bearer(auth.token()) });
    expect(reply.status).toBe(404);
  });
});
