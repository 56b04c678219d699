import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { avatarSvg, avatarUrl, initialsOf } from './avatars.ts';
import { makeTempDataDir, startTestEmulator, type TestEmulator } from '../../testing/test-emulator.ts';

describe('avatar images', () => {
  it('use up to two initials, or "?" without a name', () => {
    expect(initialsOf('Ada', 'Lovelace')).toBe('AL');
    expect(initialsOf('Acme Inc')).toBe('AI');
    expect(initialsOf('globex')).toBe('G');
    expect(initialsOf(null, '  ')).toBe('?');
  });

  it('fill their whole square, so the round or square frame Clerk and the app give them shows no corner of another colour', () => {
    expect(avatarSvg('org_1', 'G')).toMatch(/<svg[^>]*viewBox="0 0 128 128"><rect width="128" height="128" fill="#[0-9a-f]{6}"\/>/);
    expect(avatarSvg('org_1', 'G')).not.toContain('<circle');
  });

  it('escape the initials so a name cannot inject markup', () => {
    expect(avatarSvg('user_1', '<&')).toContain('&#60;&#38;</text>');
  });
});

describe('GET /v1/avatars/:id/avatar_placeholder.svg', () => {
  let temp: ReturnType<typeof makeTempDataDir>;
  let server: TestEmulator;

  beforeAll(async () => {
    temp = makeTempDataDir();
    server = await startTestEmulator(temp.dataDir);
  });

  afterAll(async () => {
    await server.close();
    temp.remove();
  });

  it("serves a cacheable SVG with the user's initials that other origins may embed", async () => {
    const ada = server.store.userByEmail('admin@example.com')!;
    const response = await fetch(avatarUrl(server.url, ada.id));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(response.headers.get('cache-control')).toMatch(/^public/);
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(await response.text()).toMatch(/<svg[^>]*>.*<rect.*>AL<\/text><\/svg>$/);
  });

  it('serves organizations too, and 404s unknown ids as JSON', async () => {
    const acme = server.store.organizationByIdOrSlug('acme')!;
    expect(await (await fetch(avatarUrl(server.url, acme.id))).text()).toContain('>AI</text>');
    const missing = await fetch(avatarUrl(server.url, 'user_nobody'));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ errors: [{ code: 'resource_not_found' }] });
  });

  it('still serves the URL before the placeholder name, which the API may have stored', async () => {
    const ada = server.store.userByEmail('admin@example.com')!;
    expect(await (await fetch(`${server.url}/v1/avatars/${ada.id}.svg`)).text()).toContain('>AL</text>');
    expect((await fetch(`${server.url}/v1/avatars/user_nobody.svg`)).status).toBe(404);
    expect((await fetch(`${server.url}/v1/avatars/${ada.id}.png`)).status).toBe(404);
  });
});
