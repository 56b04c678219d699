import { describe, expect, it } from 'vitest';
import { HttpError } from '../middleware/errors.ts';
import { callBackendApi, type RetryPolicy } from './backend-call.ts';

const FAST: RetryPolicy = { retries: 2, baseDelayMs: 1, maxRetryAfterMs: 1000 };

/** Clerk's ClerkAPIResponseError carries `status` and, for 429, `retryAfter` (seconds). */
function clerkError(status: number, retryAfter?: number): Error {
  return Object.assign(new Error(`clerk ${status}`), { status, ...(retryAfter === undefined ? {} : { retryAfter }) });
}

/** A call that fails with `failures` in order, then answers `value`; counts its attempts. */
function flaky<T>(failures: unknown[], value: T) {
  let attempts = 0;
  const call = async () => {
    const failure = failures[attempts];
    attempts += 1;
    if (failure !== undefined) throw failure;
    return value;
  };
  return { call, attempts: () => attempts };
}

async function failureOf(promise: Promise<unknown>): Promise<HttpError> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(HttpError);
  return error as HttpError;
}

describe('Backend API calls', () => {
  it('retries a 5xx and a network failure, then answers', async () => {
    const call = flaky([clerkError(503), new TypeError('fetch failed')], 'user');
    expect(await callBackendApi(call.call, 1000, FAST)).toBe('user');
    expect(call.attempts()).toBe(3);
  });

  it('gives up after the bounded retries with a 503 upstream_unavailable', async () => {
    const call = flaky([clerkError(500), clerkError(502), clerkError(503), clerkError(504)], 'never');
    const error = await failureOf(callBackendApi(call.call, 1000, FAST));
    expect(error.status).toBe(503);
    expect(error.code).toBe('upstream_unavailable');
    expect(call.attempts()).toBe(3);
  });

  it('waits out a short Retry-After on a 429 and tries again', async () => {
    const call = flaky([clerkError(429, 0)], 'user');
    expect(await callBackendApi(call.call, 1000, FAST)).toBe('user');
    expect(call.attempts()).toBe(2);
  });

  it('does not wait out a long Retry-After: 503 at once, passing the Retry-After on', async () => {
    const call = flaky([clerkError(429, 30)], 'user');
    const error = await failureOf(callBackendApi(call.call, 1000, FAST));
    expect(error.headers['Retry-After']).toBe('30');
    expect(call.attempts()).toBe(1);
  });

  it('does not retry what a retry cannot fix (a 4xx such as a refused secret key)', async () => {
    const call = flaky([clerkError(401)], 'user');
    expect((await failureOf(callBackendApi(call.call, 1000, FAST))).status).toBe(503);
    expect(call.attempts()).toBe(1);
  });

  it("answers null for Clerk's 404, without retrying", async () => {
    const call = flaky([clerkError(404)], 'user');
    expect(await callBackendApi(call.call, 1000, FAST)).toBeNull();
    expect(call.attempts()).toBe(1);
  });

  it('counts a hung call as failed after the timeout, and retries it', async () => {
    let attempts = 0;
    const call = () => {
      attempts += 1;
      return attempts === 1 ? new Promise<string>(() => {}) : Promise.resolve('user');
    };
    expect(await callBackendApi(call, 20, FAST)).toBe('user');
    expect(attempts).toBe(2);
  });
});
