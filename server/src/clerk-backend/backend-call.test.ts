import { describe, expect, it } from 'vitest';
import { callBackendApi, createBackendGate, type RetryPolicy } from './backend-call.ts';
import { HttpError } from '../common/http-error.ts';

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
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- each test picks what the call fails with
    if (failure !== undefined) throw failure;
    return value;
  };
  return { call, attempts: () => attempts };
}

async function failureOf(promise: Promise<unknown>): Promise<HttpError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(HttpError);
  return error as HttpError;
}

describe('Backend API calls', () => {
  it('retries a 5xx and a network failure, then answers', async () => {
    const call = flaky([clerkError(503), new TypeError('fetch failed')], 'user');
    expect(await callBackendApi(call.call, 1000, { retry: FAST })).toBe('user');
    expect(call.attempts()).toBe(3);
  });

  it('gives up after the bounded retries with a 503 upstream_unavailable', async () => {
    const call = flaky([clerkError(500), clerkError(502), clerkError(503), clerkError(504)], 'never');
    const error = await failureOf(callBackendApi(call.call, 1000, { retry: FAST }));
    expect(error.status).toBe(503);
    expect(error.code).toBe('upstream_unavailable');
    expect(call.attempts()).toBe(3);
  });

  it('waits out a short Retry-After on a 429 and tries again', async () => {
    const call = flaky([clerkError(429, 0)], 'user');
    expect(await callBackendApi(call.call, 1000, { retry: FAST })).toBe('user');
    expect(call.attempts()).toBe(2);
  });

  it('does not wait out a long Retry-After: 503 at once, passing the Retry-After on', async () => {
    const call = flaky([clerkError(429, 30)], 'user');
    const error = await failureOf(callBackendApi(call.call, 1000, { retry: FAST }));
    expect(error.headers['Retry-After']).toBe('30');
    expect(call.attempts()).toBe(1);
  });

  it('does not retry what a retry cannot fix (a 4xx such as a refused secret key)', async () => {
    const call = flaky([clerkError(401)], 'user');
    expect((await failureOf(callBackendApi(call.call, 1000, { retry: FAST }))).status).toBe(503);
    expect(call.attempts()).toBe(1);
  });

  it("answers null for Clerk's 404, without retrying", async () => {
    const call = flaky([clerkError(404)], 'user');
    expect(await callBackendApi(call.call, 1000, { retry: FAST })).toBeNull();
    expect(call.attempts()).toBe(1);
  });

  describe("Clerk refusing what the caller typed (400/422), for a call that sends the caller's input", () => {
    const inputFields = { first_name: 'firstName', last_name: 'lastName' };
    const refusal = (status: number, errors: object[]) => Object.assign(clerkError(status), { errors });

    it("is the caller's 400 validation_failed, each message at the field Clerk names, without retrying", async () => {
      const call = flaky(
        [
          refusal(422, [
            { code: 'form_param_format_invalid', message: 'is invalid', longMessage: 'First name is invalid.', meta: { paramName: 'first_name' } },
            {
              code: 'form_param_max_length_exceeded',
              message: 'is too long',
              longMessage: 'Last name is too long.',
              meta: { paramName: 'last_name' },
            },
          ]),
        ],
        'user',
      );
      const error = await failureOf(callBackendApi(call.call, 1000, { retry: FAST, inputFields }));
      expect(error).toMatchObject({
        status: 400,
        code: 'validation_failed',
        fields: { firstName: ['First name is invalid.'], lastName: ['Last name is too long.'] },
      });
      expect(call.attempts()).toBe(1);
    });

    it('puts a refusal of a parameter the caller did not send in the message, with no fields', async () => {
      const call = flaky(
        [
          refusal(400, [
            { code: 'form_param_unknown', message: 'is unknown', longMessage: 'username is not a valid parameter.', meta: { paramName: 'username' } },
          ]),
        ],
        'user',
      );
      const error = await failureOf(callBackendApi(call.call, 1000, { retry: FAST, inputFields }));
      expect(error).toMatchObject({ status: 400, code: 'validation_failed', message: 'username is not a valid parameter.', fields: undefined });
    });

    it("never maps a parameter named like one of Object's own properties to a field", async () => {
      const call = flaky(
        [refusal(422, [{ code: 'form_param_unknown', longMessage: 'constructor is not allowed.', meta: { paramName: 'constructor' } }])],
        'user',
      );
      const error = await failureOf(callBackendApi(call.call, 1000, { retry: FAST, inputFields }));
      expect(error).toMatchObject({ status: 400, message: 'constructor is not allowed.', fields: undefined });
    });

    it('stays a 503 for a call that sends no caller input: the app built that request', async () => {
      const call = flaky([refusal(422, [{ code: 'form_param_format_invalid', message: 'is invalid' }])], 'user');
      expect((await failureOf(callBackendApi(call.call, 1000, { retry: FAST }))).status).toBe(503);
    });
  });

  it('counts a hung attempt as failed when its share of the budget is up, aborts it, and retries', async () => {
    const signals: AbortSignal[] = [];
    const call = (signal: AbortSignal) => {
      signals.push(signal);
      return signals.length === 1 ? new Promise<string>(() => {}) : Promise.resolve('user');
    };
    expect(await callBackendApi(call, 1000, { retry: FAST, attemptTimeoutMs: 20 })).toBe('user');
    expect(signals.map((signal) => signal.aborted)).toEqual([true, false]);
  });

  it('keeps to one budget, retries included: a hung first attempt that uses it all is not retried', async () => {
    const signals: AbortSignal[] = [];
    const hung = (signal: AbortSignal) => {
      signals.push(signal);
      return new Promise<string>(() => {});
    };
    const started = Date.now();
    expect((await failureOf(callBackendApi(hung, 100, { retry: FAST }))).status).toBe(503);
    expect(signals).toHaveLength(1);
    expect(signals[0]!.aborted).toBe(true);
    // Loose on purpose (a busy machine): the old code took 3 × the budget at least.
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('Backend API calls through a gate', () => {
  const NO_RETRY: RetryPolicy = { retries: 0, baseDelayMs: 1, maxRetryAfterMs: 0 };

  it('makes one call for many concurrent calls for the same resource, and gives each its answer', async () => {
    const gate = createBackendGate();
    let calls = 0;
    let answer: (value: string) => void = () => {};
    const call = () => {
      calls += 1;
      return new Promise<string>((resolve) => (answer = resolve));
    };
    const pending = Array.from({ length: 20 }, () => callBackendApi(call, 1000, { gate, key: 'GET /v1/users/user_1' }));
    const other = callBackendApi(async () => 'other', 1000, { gate, key: 'GET /v1/users/user_2' });
    answer('user');
    expect(new Set(await Promise.all(pending))).toEqual(new Set(['user']));
    expect(await other).toBe('other');
    expect(calls).toBe(1);
    // Once answered, the next call is a call of its own.
    await callBackendApi(call, 50, { gate, key: 'GET /v1/users/user_1' }).catch(() => null);
    expect(calls).toBe(2);
  });

  it('opens the circuit after repeated failures: later calls answer 503 at once, with Retry-After, without calling', async () => {
    const gate = createBackendGate({ failureThreshold: 3, coolDownMs: 60_000 });
    const call = flaky([clerkError(500), clerkError(502), new TypeError('fetch failed')], 'user');
    for (let i = 0; i < 3; i += 1) await failureOf(callBackendApi(call.call, 1000, { gate, retry: NO_RETRY }));
    expect(gate.circuit.state()).toBe('open');
    const refused = await failureOf(callBackendApi(call.call, 1000, { gate, retry: NO_RETRY }));
    expect(refused).toMatchObject({ status: 503, code: 'upstream_unavailable', headers: { 'Retry-After': '60' } });
    expect(call.attempts()).toBe(3);
  });

  it('does not count answers as failures: a 404 or a refused input keeps the circuit closed', async () => {
    const gate = createBackendGate({ failureThreshold: 2 });
    for (let i = 0; i < 3; i += 1) await callBackendApi(flaky([clerkError(404)], 'x').call, 1000, { gate, retry: NO_RETRY });
    expect(gate.circuit.state()).toBe('closed');
  });

  it('lets one probe through after the cool-down: an answer closes the circuit, a failure opens it again', async () => {
    const gate = createBackendGate({ failureThreshold: 1, coolDownMs: 30 });
    await failureOf(callBackendApi(flaky([clerkError(503)], 'x').call, 1000, { gate, retry: NO_RETRY }));
    expect(gate.circuit.state()).toBe('open');
    await new Promise((resolve) => setTimeout(resolve, 40));
    await failureOf(callBackendApi(flaky([clerkError(503)], 'x').call, 1000, { gate, retry: NO_RETRY }));
    expect(gate.circuit.state()).toBe('open');
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(await callBackendApi(flaky([], 'user').call, 1000, { gate, retry: NO_RETRY })).toBe('user');
    expect(gate.circuit.state()).toBe('closed');
  });

  it('refuses other calls while the probe is out', async () => {
    const gate = createBackendGate({ failureThreshold: 1, coolDownMs: 1 });
    await failureOf(callBackendApi(flaky([clerkError(503)], 'x').call, 1000, { gate, retry: NO_RETRY }));
    await new Promise((resolve) => setTimeout(resolve, 10));
    let answer: (value: string) => void = () => {};
    const probe = callBackendApi(() => new Promise<string>((resolve) => (answer = resolve)), 1000, { gate, retry: NO_RETRY });
    expect(gate.circuit.state()).toBe('half-open');
    expect((await failureOf(callBackendApi(async () => 'other', 1000, { gate, retry: NO_RETRY }))).status).toBe(503);
    answer('user');
    expect(await probe).toBe('user');
  });
});
