import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateWebhookSigningSecret, WebhookSecretSchema } from './local-keys.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'keys-'));
  dirs.push(dir);
  return dir;
};

describe('loadOrCreateWebhookSigningSecret', () => {
  it('creates a whsec_ secret once and hands every later caller the same one', () => {
    const dir = tempDir();
    const first = loadOrCreateWebhookSigningSecret(dir);
    expect(WebhookSecretSchema.safeParse(first).success).toBe(true);
    expect(Buffer.from(first.slice('whsec_'.length), 'base64')).toHaveLength(24);
    expect(loadOrCreateWebhookSigningSecret(dir)).toBe(first);
    expect(readFileSync(join(dir, 'webhook-signing-secret'), 'utf8')).toBe(first);
  });

  it('refuses a file that holds something other than a whsec_ secret', () => {
    const dir = tempDir();
    loadOrCreateWebhookSigningSecret(dir);
    const path = join(dir, 'webhook-signing-secret');
    rmSync(path);
    writeFileSync(path, 'not-a-secret');
    expect(() => loadOrCreateWebhookSigningSecret(dir)).toThrow();
  });
});
