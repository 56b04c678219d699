import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCAL_INBOX_PATH } from '#shared/local-clerk';
import { makeTempDataDir, useSeededEmulator } from '../../testing/test-emulator.ts';
import { INBOX_LIMIT, Inbox, resetPasswordCodeEmail, verificationCodeEmail } from './inbox.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function tempDir(): string {
  const temp = makeTempDataDir();
  cleanups.push(temp.remove);
  return temp.dataDir;
}

describe('the inbox', () => {
  it('keeps messages newest first across a restart', () => {
    const dataDir = tempDir();
    const first = new Inbox(dataDir);
    first.send(verificationCodeEmail('jane@example.com', '111111'), 1);
    first.send(resetPasswordCodeEmail('jane@example.com', '222222'), 2);
    first.send(verificationCodeEmail('joe@example.com', '333333'), 3);

    const reopened = new Inbox(dataDir);
    expect(reopened.messages().map((message) => message.code)).toEqual(['333333', '222222', '111111']);
    expect(reopened.messages('JANE@example.com ').map((message) => message.kind)).toEqual(['reset_password_code', 'verification_code']);
  });

  it(`keeps the newest ${INBOX_LIMIT} messages`, () => {
    const inbox = new Inbox(null);
    for (let index = 0; index <= INBOX_LIMIT; index++) inbox.send(verificationCodeEmail('jane@example.com', String(index)), index);
    expect(inbox.messages()).toHaveLength(INBOX_LIMIT);
    expect(inbox.messages().at(-1)?.code).toBe('1');
  });

  it('writes each message to the log on one line, code included', () => {
    const lines: string[] = [];
    const logger = pino(
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(...chunk.toString().trim().split('\n'));
          done();
        },
      }),
    );
    new Inbox(null, logger).send(verificationCodeEmail('jane@example.com', '123456'), 1);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      to: 'jane@example.com',
      code: '123456',
      msg: 'email to jane@example.com: 123456 is your verification code',
    });
  });
});

describe('the inbox page', () => {
  const server = useSeededEmulator();

  it('lists every message newest first, escaped, and never cached', async () => {
    server.inbox.send(verificationCodeEmail('jane@example.com', '111111'), Date.UTC(2026, 0, 1));
    server.inbox.send(resetPasswordCodeEmail('<script>alert(1)</script>@example.com', '222222'), Date.UTC(2026, 0, 2));
    const response = await fetch(`${server.url}${LOCAL_INBOX_PATH}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const html = await response.text();
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;@example.com');
    expect(html.indexOf('222222')).toBeLessThan(html.indexOf('111111'));
    expect(html).toContain('Password reset code to');
  });

  it('shows one address with ?to=', async () => {
    server.inbox.send(verificationCodeEmail('jane@example.com', '111111'), 1);
    server.inbox.send(verificationCodeEmail('joe@example.com', '222222'), 2);
    const html = await (await fetch(`${server.url}${LOCAL_INBOX_PATH}?to=jane%40example.com`)).text();
    expect(html).toContain('111111');
    expect(html).not.toContain('222222');
  });

  it('says so when it is empty', async () => {
    expect(await (await fetch(`${server.url}${LOCAL_INBOX_PATH}`)).text()).toContain('No messages yet.');
  });
});
