import { describe, expect, it } from 'vitest';
import { LOCAL_CLERK_PROXY_PATH } from '#shared/local-clerk';
import { send } from '../../testing/http.ts';
import { TEST_SPA_ORIGIN, useSeededEmulator } from '../../testing/test-emulator.ts';
import { allowedHosts } from './host-check.ts';

const server = useSeededEmulator();
const port = () => new URL(server.url).port;

describe('the Host a request may name', () => {
  it('knows the emulator by its configured host, by localhost and [::1] on its port, and by each SPA origin', () => {
    const hosts = allowedHosts('http://127.0.0.1:3100', ['http://localhost:5173', 'https://app.example.com']);
    expect([...hosts].sort()).toEqual(
      ['127.0.0.1:3100', 'localhost:3100', '[::1]:3100', 'localhost:5173', 'app.example.com', 'app.example.com:443'].sort(),
    );
  });

  it.each([
    ['its own address', () => `127.0.0.1:${port()}`],
    ['localhost on its port', () => `localhost:${port()}`],
    ["the SPA origin's host, as the dev proxy forwards it", () => new URL(TEST_SPA_ORIGIN).host],
    ['the same, in capitals', () => new URL(TEST_SPA_ORIGIN).host.toUpperCase()],
  ])('answers a request naming %s', async (_name, host) => {
    const reply = await send(server.url, `${LOCAL_CLERK_PROXY_PATH}/v1/environment`, { headers: { Host: host() } });
    expect(reply.status).toBe(200);
  });

  it.each([
    ['a rebinding name on its port', () => `attacker.example:${port()}`],
    ['its address on another port', () => '127.0.0.1:9'],
    ["the SPA's name on another port", () => 'localhost:1'],
  ])("refuses %s with 403 in Clerk's error shape, secret key or not", async (_name, host) => {
    const reply = await send(server.url, '/v1/organizations', { headers: { Host: host(), Authorization: `Bearer ${server.keys.secretKey}` } });
    expect(reply.status).toBe(403);
    expect(reply.json).toMatchObject({ errors: [{ code: 'host_invalid', message: expect.any(String), long_message: expect.any(String) }] });
  });

  it('refuses a foreign Host on the Frontend API too', async () => {
    const reply = await send(server.url, `${LOCAL_CLERK_PROXY_PATH}/v1/client`, { headers: { Host: 'rebind.example' } });
    expect(reply.status).toBe(403);
  });
});
