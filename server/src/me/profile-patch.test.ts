import { describe, expect, it } from 'vitest';
import { ApiErrorBodySchema } from '#shared/api-error';
import { ProfileResponseSchema } from '#shared/api-contracts';
import { CALLERS, emailOf, SEEDED_CALLERS, useEmulatorStack, type Caller, type SeededCaller } from '../testing/emulator-stack.ts';

const stack = useEmulatorStack();

const patchProfile = (as: Caller, body: unknown) => stack.send('/api/me/profile', { as, method: 'PATCH', body: body as object });
const namesOf = (email: string) => {
  const user = stack.emulator.store.userByEmail(email)!;
  return { firstName: user.firstName, lastName: user.lastName };
};
const allNames = () => (Object.keys(SEEDED_CALLERS) as SeededCaller[]).map(emailOf).map((email) => [email, namesOf(email)]);

describe('PATCH /api/me/profile', () => {
  it.each(CALLERS)('as %s changes only the caller’s own names (401 when signed out)', async (as) => {
    const before = allNames();
    const reply = await patchProfile(as, { firstName: 'Renamed', lastName: 'Person' });
    if (as === 'signedOut') {
      expect(reply.status).toBe(401);
      expect(allNames()).toEqual(before);
      return;
    }
    expect(reply.status).toBe(200);
    const email = emailOf(as);
    expect(ProfileResponseSchema.strict().parse(reply.json)).toMatchObject({
      id: stack.userIdOf(email),
      firstName: 'Renamed',
      lastName: 'Person',
      fullName: 'Renamed Person',
      primaryEmail: email,
    });
    const expected = before.map(([other, names]) => [other, other === email ? { firstName: 'Renamed', lastName: 'Person' } : names]);
    expect(allNames()).toEqual(expected);
  });

  it('trims names, and an empty last name clears it; the next read shows it, though the old profile was cached', async () => {
    expect((await stack.send('/api/me/profile', { as: 'plainMember' })).status).toBe(200);
    const reply = await patchProfile('plainMember', { firstName: '  Alan  ', lastName: '   ' });
    expect(ProfileResponseSchema.parse(reply.json)).toMatchObject({ firstName: 'Alan', lastName: null, fullName: 'Alan' });
    expect((await stack.send('/api/me/profile', { as: 'plainMember' })).json).toMatchObject({ firstName: 'Alan', lastName: null });
  });

  it('ignores anything but the names: no role, metadata or other user can be slipped in', async () => {
    const reply = await patchProfile('plainMember', {
      firstName: 'Alan',
      lastName: 'Turing',
      role: 'admin',
      publicMetadata: { role: 'admin' },
      public_metadata: { role: 'admin' },
      id: stack.userIdOf('admin@example.com'),
    });
    expect(reply.status).toBe(200);
    expect(ProfileResponseSchema.parse(reply.json)).toMatchObject({ id: stack.userIdOf('member@example.com'), role: null });
    expect(stack.emulator.store.userByEmail('member@example.com')!.publicMetadata).toEqual({});
  });

  it.each([
    ['an empty first name', { firstName: '', lastName: 'x' }, 'firstName'],
    ['a blank first name', { firstName: '   ', lastName: 'x' }, 'firstName'],
    ['a first name over 64 characters', { firstName: 'a'.repeat(65), lastName: 'x' }, 'firstName'],
    ['markup', { firstName: '<img src=x>', lastName: 'x' }, 'firstName'],
    ['a control character', { firstName: 'Al\u0000an', lastName: 'x' }, 'firstName'],
    ['a missing last name', { firstName: 'Alan' }, 'lastName'],
    ['a last name that is not a string', { firstName: 'Alan', lastName: 42 }, 'lastName'],
  ])('refuses %s with 400, changing nothing', async (_name, body, field) => {
    const reply = await patchProfile('plainMember', body);
    expect(reply.status).toBe(400);
    expect(ApiErrorBodySchema.parse(reply.json).error).toMatchObject({ code: 'validation_failed', fields: { [field]: [expect.any(String)] } });
    expect(namesOf('member@example.com')).toEqual({ firstName: 'Alan', lastName: 'Turing' });
  });

  it('refuses a body that is not JSON with 415, and none with 400', async () => {
    const form = await stack.send('/api/me/profile', {
      as: 'plainMember',
      method: 'PATCH',
      headers: { 'Content-Type': 'text/plain' },
      body: 'firstName=Alan',
    });
    expect(form.status).toBe(415);
    expect((await stack.send('/api/me/profile', { as: 'plainMember', method: 'PATCH' })).status).toBe(400);
  });
});

describe('GET /api/me/profile after a change made in Clerk', () => {
  it('answers from its short cache, unless the SPA asks for fresh data with Cache-Control: no-cache', async () => {
    const read = async (headers: Record<string, string> = {}) =>
      ProfileResponseSchema.parse((await stack.send('/api/me/profile', { as: 'plainMember', headers })).json).firstName;
    expect(await read()).toBe('Alan');
    // What <UserProfile> does: the name changes in Clerk, not through this API.
    const user = stack.emulator.store.userByEmail(emailOf('plainMember'))!;
    stack.emulator.store.update(() => {
      user.firstName = 'Alan M.';
    });
    expect(await read()).toBe('Alan');
    expect(await read({ 'Cache-Control': 'no-cache' })).toBe('Alan M.');
    expect(await read()).toBe('Alan M.');
  });
});
