import { createHmac, randomBytes } from 'node:crypto';

/**
 * Svix's signature scheme (Standard Webhooks), which Clerk's webhooks use and
 * `verifyWebhook` checks: HMAC-SHA256 of `${id}.${timestamp}.${body}` keyed
 * with the base64 part of the `whsec_` secret. node:crypto rather than the
 * `standardwebhooks` package: five lines, no new direct dependency, and the
 * tests verify every delivery with Clerk's own `verifyWebhook`.
 */
export interface SvixHeaders {
  'svix-id': string;
  'svix-timestamp': string;
  'svix-signature': string;
}

export function svixHeaders(secret: string, messageId: string, body: string, timestampSeconds: number): SvixHeaders {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signature = createHmac('sha256', key).update(`${messageId}.${timestampSeconds}.${body}`).digest('base64');
  return { 'svix-id': messageId, 'svix-timestamp': String(timestampSeconds), 'svix-signature': `v1,${signature}` };
}

/** Svix's message ids look like `msg_2Kj…`: the prefix and a random base62-ish body. */
export function newMessageId(): string {
  return `msg_${randomBytes(18).toString('base64url')}`;
}
