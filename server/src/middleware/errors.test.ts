import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiErrorBodySchema } from '#shared/api-error';
import { createLogger } from '../logger.ts';
import { send } from '../testing/http.ts';
import { listen, type Listening } from '../testing/listen.ts';
import { errorHandler, notFound } from './errors.ts';
import { httpLogger } from './http-logger.ts';
import { requestId } from './request-id.ts';
import { HttpError } from '../common/http-error.ts';

/** The error envelope with no extra keys. */
const strictErrorBody = z.strictObject(ApiErrorBodySchema.shape);

const logLines: string[] = [];
let server: Listening;

beforeAll(async () => {
  const app = express();
  app.use(requestId());
  app.use(httpLogger(createLogger('info', { write: (line: string) => void logLines.push(line) })));
  app.get('/teapot', () => {
    throw new HttpError(418, 'bad_request', 'No coffee here.', { headers: { 'X-Extra': 'yes' } });
  });
  app.get('/zod', () => {
    z.object({ name: z.string(), address: z.object({ city: z.string() }) }).parse({ address: {} });
  });
  app.get('/boom', async () => {
    throw new Error('database password is hunter2');
  });
  app.get('/string', () => {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- what this test is about
    throw 'a string, not an Error';
  });
  app.use(notFound);
  app.use(errorHandler);
  server = await listen(app);
});
afterAll(() => server.close());

describe('error handler', () => {
  it('answers an HttpError with its status, code, message and headers', async () => {
    const reply = await send(server.baseUrl, '/teapot');
    expect(reply.status).toBe(418);
    expect(reply.headers['x-extra']).toBe('yes');
    expect(strictErrorBody.parse(reply.json).error).toEqual({
      code: 'bad_request',
      message: 'No coffee here.',
      requestId: reply.headers['x-request-id'],
    });
  });

  it('answers a ZodError with 400 validation_failed and messages keyed by dotted path', async () => {
    const reply = await send(server.baseUrl, '/zod');
    expect(reply.status).toBe(400);
    const { error } = ApiErrorBodySchema.parse(reply.json);
    expect(error.code).toBe('validation_failed');
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['address.city', 'name']);
  });

  it.each(['/boom', '/string'])('answers anything else from %s with a generic 500 and logs it with the request id', async (path) => {
    const reply = await send(server.baseUrl, path);
    expect(reply.status).toBe(500);
    expect(strictErrorBody.parse(reply.json).error).toEqual({
      code: 'internal_error',
      message: 'Something went wrong on our side. Try again later.',
      requestId: reply.headers['x-request-id'],
    });
    expect(reply.text).not.toMatch(/hunter2|a string|stack|\.ts:/);
    const logged = logLines.map((line) => JSON.parse(line) as { req?: { id?: string }; err?: { message?: string } });
    const entry = logged.find((line) => line.req?.id === reply.headers['x-request-id']);
    expect(entry?.err?.message).toMatch(/hunter2|a string/);
  });

  it('answers an unknown route with a JSON 404', async () => {
    const reply = await send(server.baseUrl, '/nowhere', { method: 'DELETE' });
    expect(reply.status).toBe(404);
    expect(ApiErrorBodySchema.parse(reply.json).error).toMatchObject({ code: 'not_found', message: 'No route for DELETE /nowhere' });
  });
});
