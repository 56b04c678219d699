import { describe, expect, it } from 'vitest';
import { ConfigError } from '../common/env-parsing.ts';
import { loadIdentityConfig } from './env.ts';

function problemsOf(env: NodeJS.ProcessEnv): readonly string[] {
  try {
    loadIdentityConfig(env, '/work');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('identity server configuration', () => {
  it('defaults to 127.0.0.1:3100, .local/identity under the working directory and the Vite origin', () => {
    expect(loadIdentityConfig({}, '/work')).toEqual({
      url: 'http://127.0.0.1:3100',
      port: 3100,
      dataDir: '/work/.local/identity',
      authorizedParties: ['http://localhost:5173'],
      logLevel: 'info',
      logFormat: 'json',
      tokenTtlSeconds: 60,
      webhookUrl: 'http://127.0.0.1:3001/api/webhooks/clerk',
      webhookSigningSecret: null,
    });
  });

  it("sends webhooks to the API's receiver on PORT, to LOCAL_IDENTITY_WEBHOOK_URL, or nowhere when it is off", () => {
    expect(loadIdentityConfig({ PORT: '4001' }, '/work').webhookUrl).toBe('http://127.0.0.1:4001/api/webhooks/clerk');
    expect(loadIdentityConfig({ LOCAL_IDENTITY_WEBHOOK_URL: 'http://localhost:9000/hooks' }, '/work').webhookUrl).toBe('http://localhost:9000/hooks');
    expect(loadIdentityConfig({ LOCAL_IDENTITY_WEBHOOK_URL: 'off' }, '/work').webhookUrl).toBeNull();
    expect(problemsOf({ LOCAL_IDENTITY_WEBHOOK_URL: 'ftp://example.com' })).toEqual([
      expect.stringMatching(/^LOCAL_IDENTITY_WEBHOOK_URL: must be an http\(s\) URL or off/),
    ]);
  });

  it('takes CLERK_WEBHOOK_SIGNING_SECRET when it is a whsec_ secret, and never repeats a bad one', () => {
    const secret = `whsec_${Buffer.from('twenty-four random bytes').toString('base64')}`;
    expect(loadIdentityConfig({ CLERK_WEBHOOK_SIGNING_SECRET: secret }, '/work').webhookSigningSecret).toBe(secret);
    const problems = problemsOf({ CLERK_WEBHOOK_SIGNING_SECRET: 'not-a-secret-value' });
    expect(problems).toEqual([expect.stringMatching(/^CLERK_WEBHOOK_SIGNING_SECRET: expected whsec_/)]);
    expect(problems.join()).not.toContain('not-a-secret-value');
  });

  it('writes pretty logs only when LOG_FORMAT says so, and refuses any other value in one line', () => {
    expect(loadIdentityConfig({ LOG_FORMAT: 'pretty' }, '/work').logFormat).toBe('pretty');
    expect(loadIdentityConfig({ LOG_FORMAT: '' }, '/work').logFormat).toBe('json');
    expect(problemsOf({ LOG_FORMAT: 'colour' })).toEqual(['LOG_FORMAT: must be one of json, pretty']);
  });

  it('reads every variable, treating empty values as unset', () => {
    const config = loadIdentityConfig(
      {
        LOCAL_IDENTITY_URL: 'http://127.0.0.1:4100/',
        LOCAL_IDENTITY_DATA_DIR: '/tmp/identity',
        CLERK_AUTHORIZED_PARTIES: 'http://localhost:5173, http://localhost:4173',
        LOG_LEVEL: '',
        NODE_ENV: 'development',
        LOCAL_IDENTITY_TOKEN_TTL_SECONDS: '20',
      },
      '/work',
    );
    expect(config).toMatchObject({ url: 'http://127.0.0.1:4100', port: 4100, dataDir: '/tmp/identity', logLevel: 'info', tokenTtlSeconds: 20 });
    expect(config.authorizedParties).toEqual(['http://localhost:5173', 'http://localhost:4173']);
  });

  it('refuses production with a clear line', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([expect.stringMatching(/^NODE_ENV: .*never runs in production/)]);
  });

  it('gives each bad variable its own line', () => {
    const problems = problemsOf({
      LOCAL_IDENTITY_URL: 'http://localhost:3100',
      CLERK_AUTHORIZED_PARTIES: 'http://localhost:5173/app,notaurl',
      LOG_LEVEL: 'loud',
      LOCAL_IDENTITY_TOKEN_TTL_SECONDS: '5',
    });
    expect(problems).toHaveLength(5);
    expect(problems[4]).toMatch(/^LOCAL_IDENTITY_TOKEN_TTL_SECONDS: must be at least 10/);
    expect(problems[0]).toMatch(/^LOCAL_IDENTITY_URL: must look like http:\/\/127\.0\.0\.1:3100/);
    expect(problems.filter((line) => line.startsWith('CLERK_AUTHORIZED_PARTIES: '))).toHaveLength(2);
    expect(problems[3]).toMatch(/^LOG_LEVEL: /);
  });
});
