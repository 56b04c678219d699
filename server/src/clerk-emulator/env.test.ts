import { describe, expect, it } from 'vitest';
import { ConfigError } from '../common/env-parsing.ts';
import { loadEmulatorConfig } from './env.ts';

function problemsOf(env: NodeJS.ProcessEnv): readonly string[] {
  try {
    loadEmulatorConfig(env, '/work');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('emulator configuration', () => {
  it('defaults to 127.0.0.1:3100, .local/clerk-emulator under the working directory and the Vite origin', () => {
    expect(loadEmulatorConfig({}, '/work')).toEqual({
      url: 'http://127.0.0.1:3100',
      port: 3100,
      dataDir: '/work/.local/clerk-emulator',
      authorizedParties: ['http://localhost:5173'],
      logLevel: 'info',
      logFormat: 'json',
      tokenTtlSeconds: 60,
      webhookUrl: 'http://127.0.0.1:3001/api/webhooks/clerk',
      webhookSigningSecret: null,
    });
  });

  it("sends webhooks to the API's receiver on PORT, to CLERK_EMULATOR_WEBHOOK_URL, or nowhere when it is off", () => {
    expect(loadEmulatorConfig({ PORT: '4001' }, '/work').webhookUrl).toBe('http://127.0.0.1:4001/api/webhooks/clerk');
    expect(loadEmulatorConfig({ CLERK_EMULATOR_WEBHOOK_URL: 'http://localhost:9000/hooks' }, '/work').webhookUrl).toBe('http://localhost:9000/hooks');
    expect(loadEmulatorConfig({ CLERK_EMULATOR_WEBHOOK_URL: 'off' }, '/work').webhookUrl).toBeNull();
    expect(problemsOf({ CLERK_EMULATOR_WEBHOOK_URL: 'ftp://example.com' })).toEqual([
      expect.stringMatching(/^CLERK_EMULATOR_WEBHOOK_URL: must be an http\(s\) URL or off/),
    ]);
  });

  it('takes CLERK_WEBHOOK_SIGNING_SECRET when it is a whsec_ secret, and never repeats a bad one', () => {
    const secret = `whsec_${Buffer.from('twenty-four random bytes').toString('base64')}`;
    expect(loadEmulatorConfig({ CLERK_WEBHOOK_SIGNING_SECRET: secret }, '/work').webhookSigningSecret).toBe(secret);
    const problems = problemsOf({ CLERK_WEBHOOK_SIGNING_SECRET: 'not-a-secret-value' });
    expect(problems).toEqual([expect.stringMatching(/^CLERK_WEBHOOK_SIGNING_SECRET: expected whsec_/)]);
    expect(problems.join()).not.toContain('not-a-secret-value');
  });

  it('writes pretty logs only when LOG_FORMAT says so, and refuses any other value in one line', () => {
    expect(loadEmulatorConfig({ LOG_FORMAT: 'pretty' }, '/work').logFormat).toBe('pretty');
    expect(loadEmulatorConfig({ LOG_FORMAT: '' }, '/work').logFormat).toBe('json');
    expect(problemsOf({ LOG_FORMAT: 'colour' })).toEqual(['LOG_FORMAT: must be one of json, pretty']);
  });

  it('reads every variable, treating empty values as unset', () => {
    const config = loadEmulatorConfig(
      {
        CLERK_EMULATOR_URL: 'http://127.0.0.1:4100/',
        CLERK_EMULATOR_DATA_DIR: '/tmp/emulator',
        CLERK_AUTHORIZED_PARTIES: 'http://localhost:5173, http://localhost:4173',
        LOG_LEVEL: '',
        NODE_ENV: 'development',
        CLERK_EMULATOR_TOKEN_TTL_SECONDS: '20',
      },
      '/work',
    );
    expect(config).toMatchObject({ url: 'http://127.0.0.1:4100', port: 4100, dataDir: '/tmp/emulator', logLevel: 'info', tokenTtlSeconds: 20 });
    expect(config.authorizedParties).toEqual(['http://localhost:5173', 'http://localhost:4173']);
  });

  it('refuses production with a clear line', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([expect.stringMatching(/^NODE_ENV: .*never runs in production/)]);
  });

  it('gives each bad variable its own line', () => {
    const problems = problemsOf({
      CLERK_EMULATOR_URL: 'http://localhost:3100',
      CLERK_AUTHORIZED_PARTIES: 'http://localhost:5173/app,notaurl',
      LOG_LEVEL: 'loud',
      CLERK_EMULATOR_TOKEN_TTL_SECONDS: '5',
    });
    expect(problems).toHaveLength(5);
    expect(problems[4]).toMatch(/^CLERK_EMULATOR_TOKEN_TTL_SECONDS: must be at least 10/);
    expect(problems[0]).toMatch(/^CLERK_EMULATOR_URL: must look like http:\/\/127\.0\.0\.1:3100/);
    expect(problems.filter((line) => line.startsWith('CLERK_AUTHORIZED_PARTIES: '))).toHaveLength(2);
    expect(problems[3]).toMatch(/^LOG_LEVEL: /);
  });
});
