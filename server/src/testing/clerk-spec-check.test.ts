import { describe, expect, it } from 'vitest';
import { checkAnswer, checkWebhookEvent, definedInSpec } from './clerk-spec-check.ts';

/** The spec check's rules, on answers small enough to read (ClerkErrors, deleted objects). */
const notFound = { errors: [{ message: 'not found', long_message: 'No user with that id.', code: 'resource_not_found' }] };
const deletedUser = {
  object: 'event',
  type: 'user.deleted',
  timestamp: 1,
  instance_id: 'ins_1',
  data: { object: 'user', id: 'user_1', deleted: true },
};

describe('checkAnswer', () => {
  it('passes an answer with every required field, extra fields and nulls where the spec gives a type', () => {
    expect(checkAnswer('bapi', 'GET', '/users/user_123', 404, notFound)).toBeNull();
    const loose = { errors: [{ ...notFound.errors[0], meta: null, extra: 'allowed' }], clerk_trace_id: null };
    expect(checkAnswer('bapi', 'GET', '/users/user_123', 404, loose)).toBeNull();
  });

  it('names a missing required field and a value of the wrong type, with their path', () => {
    const { long_message: _, ...short } = notFound.errors[0]!;
    expect(checkAnswer('bapi', 'GET', '/users/user_123', 404, { errors: [short] })).toEqual({
      where: 'bapi GET /users/{user_id} 404',
      problems: ['/errors/0: missing long_message'],
    });
    const problems = checkAnswer('bapi', 'GET', '/users/user_123', 404, { errors: [{ ...notFound.errors[0], code: 404 }] })?.problems;
    expect(problems).toEqual([expect.stringMatching(/^\/errors\/0\/code: must be string/)]);
  });

  it('fails a status the spec does not define for the operation', () => {
    expect(checkAnswer('bapi', 'GET', '/users/user_123', 418, notFound)?.problems).toEqual(["status 418 is not among the spec's 200, 400, 401, 404"]);
  });

  it('matches a literal path segment before a parameter', () => {
    expect(checkAnswer('bapi', 'GET', '/users/count', 404, notFound)?.where).toBe('bapi GET /users/count 404');
  });

  it('checks the Frontend API by its /v1 paths', () => {
    expect(checkAnswer('fapi', 'GET', '/v1/client', 401, { errors: [{ message: 'm', code: 'c' }] })?.problems).toEqual([
      '/errors/0: missing long_message',
    ]);
  });

  it("checks a list asked for with `paginated=true` as `{ data, total_count }` around the spec's array", () => {
    const invitation = {
      object: 'invitation',
      id: 'inv_1',
      email_address: 'a@example.com',
      public_metadata: {},
      status: 'pending',
      created_at: 1,
      updated_at: 1,
    };
    expect(checkAnswer('bapi', 'GET', '/invitations', 200, [invitation])).toBeNull();
    expect(checkAnswer('bapi', 'GET', '/invitations', 200, { data: [invitation], total_count: 1 }, { paginated: true })).toBeNull();
    expect(checkAnswer('bapi', 'GET', '/invitations', 200, [invitation], { paginated: true })?.problems).toEqual([
      expect.stringMatching(/^\(root\): must be object/),
    ]);
    const { status: _, ...noStatus } = invitation;
    expect(checkAnswer('bapi', 'GET', '/invitations', 200, { data: [noStatus], total_count: 1 }, { paginated: true })?.problems).toEqual([
      '/data/0: missing status',
    ]);
  });

  it('leaves a path the spec does not have unchecked', () => {
    expect(checkAnswer('bapi', 'GET', '/no/such/route', 404, {})).toBeNull();
  });
});

describe('checkWebhookEvent', () => {
  it('checks an event by its type, envelope and data', () => {
    expect(checkWebhookEvent(deletedUser)).toBeNull();
    const { timestamp: _, ...noTimestamp } = deletedUser;
    expect(checkWebhookEvent({ ...noTimestamp, data: { object: 'user', id: 'user_1' } })?.problems).toEqual([
      '(root): missing timestamp',
      '/data: missing deleted',
    ]);
  });

  it('fails a type the spec does not define', () => {
    expect(checkWebhookEvent({ ...deletedUser, type: 'user.renamed' })?.problems).toEqual(['the spec has no event user.renamed']);
  });
});

it('knows every operation and event of the vendored specs', () => {
  const defined = definedInSpec();
  expect(defined.fapi).toContain('GET /v1/client');
  expect(defined.bapi).toContain('GET /users/{user_id}');
  expect(defined.events).toContain('user.created');
});
