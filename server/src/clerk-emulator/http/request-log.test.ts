import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LOCAL_CLERK_PROXY_PATH } from '#shared/local-clerk';
import { fapiBrowser } from '../../testing/fapi-browser.ts';
import { TEST_SPA_ORIGIN, useSeededEmulator } from '../../testing/test-emulator.ts';
import { createEmulatorLogger, redactDevBrowserIds, REQUEST_LOG_FIELD } from './request-log.ts';

const lines: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  },
});
const logger = createEmulatorLogger('info', sink);
const server = useSeededEmulator({ logger });
const logged = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

describe('the request log', () => {
  it('writes one short line per request: method, path, status and milliseconds', async () => {
    lines.length = 0;
    const browser = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
    await browser.start();
    await browser.call('GET', '/client');
    const line = logged().find((entry) => String(entry.msg).startsWith(`GET ${LOCAL_CLERK_PROXY_PATH}/v1/client `));
    expect(line?.msg).toMatch(new RegExp(`^GET ${LOCAL_CLERK_PROXY_PATH}/v1/client 200 \\d+ms$`));
    expect(line?.[REQUEST_LOG_FIELD]).toEqual({ method: 'GET', path: `${LOCAL_CLERK_PROXY_PATH}/v1/client`, status: 200, ms: expect.any(Number) });
    // No request or response objects: the whole line is the message and these few fields.
    expect(Object.keys(line ?? {}).sort()).toEqual(['hostname', 'level', 'msg', 'name', 'pid', REQUEST_LOG_FIELD, 'time'].sort());
  });

  it('never writes a dev-browser id, whatever the line', async () => {
    lines.length = 0;
    const browser = fapiBrowser(() => server.url, TEST_SPA_ORIGIN);
    await browser.start();
    await browser.call('GET', '/client');
    await browser.call('GET', '/not_a_route');
    logger.warn(
      { url: `/x?__clerk_db_jwt=${browser.devBrowser}`, nested: { __clerk_db_jwt: browser.devBrowser } },
      `redirected to /?__clerk_db_jwt=${browser.devBrowser}`,
    );
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(lines.join('\n')).not.toContain(browser.devBrowser!.slice(-12));
  });
});

describe('redactDevBrowserIds', () => {
  it.each([
    ['/v1/client?__clerk_db_jwt=dvb_abc123&_clerk_js_version=6', '/v1/client?__clerk_db_jwt=[redacted]&_clerk_js_version=6'],
    ['{"referer":"http://localhost:5173/?__clerk_db_jwt=dvb_abc"}', '{"referer":"http://localhost:5173/?__clerk_db_jwt=[redacted]"}'],
    ['{"__clerk_db_jwt":"dvb_abc","x":1}', '{"__clerk_db_jwt":"[redacted]","x":1}'],
    ['cookie: __clerk_db_jwt_Ab1-x=dvb_abc; other=1', 'cookie: __clerk_db_jwt_Ab1-x=[redacted]; other=1'],
    ['a%3F__clerk_db_jwt%3Ddvb_abc%26b', 'a%3F__clerk_db_jwt%3D[redacted]'],
  ])('redacts %s', (text, expected) => {
    expect(redactDevBrowserIds(text)).toBe(expected);
  });
});
