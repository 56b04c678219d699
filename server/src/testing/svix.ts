import { createHmac, randomBytes } from 'node:crypto';

/**
 * Svix's signing scheme, as Clerk's deliveries use it: an HMAC-SHA256 of
 * `${id}.${timestamp}.${body}` keyed with the base64 part of the `whsec_`
 * secret, sent as `v1,<base64>`. Written out here from the specification
 * rather than borrowed from a library, so the tests check our verification
 * against the scheme itself.
 */
export interface SvixMessage {
  id: string;
  /** Seconds since the epoch. */
  timestamp: number;
  body: string;
}

export function svixSignature(secret: string, message: SvixMessage): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signed = `${message.id}.${message.timestamp}.${message.body}`;
  return `v1,${createHmac('sha256', key).update(signed).digest('base64')}`;
}

export function svixHeaders(secret: string, message: SvixMessage): Record<string, string> {
  return {
    'svix-id': message.id,
    'svix-timestamp': String(message.timestamp),
    'svix-signature': svixSignature(secret, message),
    'content-type': 'application/json',
  };
}

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

export function newSvixId(): string {
  return `msg_${randomBytes(12).toString('hex')}`;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
