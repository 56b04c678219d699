import { verifyWebhook } from '@clerk/express/webhooks';
import express, { Router, type Request, type Response } from 'express';
import { ZodError } from 'zod';
import { ERROR_CODES } from '#shared/api-error';
import type { Database } from '../db/database.ts';
import { ClerkEventSchema, type ClerkEvent } from './clerk-events.ts';
import { receiveDelivery } from './webhook-deliveries.ts';
import { HttpError } from '../common/http-error.ts';

/**
 * Clerk's largest objects (a user with many addresses, accounts and 8 KB of
 * metadata) are tens of kilobytes; 256 KB leaves ample room and still bounds
 * what an anonymous caller can make us buffer and hash before the signature
 * is checked.
 */
export const WEBHOOK_BODY_LIMIT_KB = 256;

export interface ClerkWebhooksDeps {
  database: Database;
  /** Null when unconfigured (Clerk mode without CLERK_WEBHOOK_SIGNING_SECRET): every delivery answers 503. */
  signingSecret: string | null;
}

/**
 * `POST /api/webhooks/clerk`: Clerk's events, delivered by Svix. Mounted
 * before the JSON parser and authentication: the signature covers the exact
 * bytes sent, so the body is kept raw, and the caller is Svix, not a user.
 * 2xx only once the change and the delivery's id are committed; anything
 * else makes Svix deliver again later.
 */
export function clerkWebhooksRouter(deps: ClerkWebhooksDeps): Router {
  const router = Router();
  router.post('/', rawBodyParser, async (req: Request, res: Response) => {
    if (deps.signingSecret === null) throw notConfigured();
    const event = await verified(req, deps.signingSecret);
    // Part of the signed content (`id.timestamp.body`), so it is Svix's and unforgeable.
    const svixId = req.get('svix-id')!.trim();
    const outcome = await receiveDelivery(deps.database.db, svixId, event).catch((error: unknown) => {
      if (!(error instanceof ZodError)) throw error;
      // Permanently bad: no retry can fix it, which a 4xx says (a 5xx would ask for retries). One line per attempt names it.
      req.log.warn({ webhook: { svixId, type: event.type, fields: issuePaths(error) } }, 'clerk webhook refused: its data is not valid');
      throw unexpectedData(event, error);
    });
    req.log.info({ webhook: { svixId, type: event.type, outcome } }, 'clerk webhook received');
    res.json({ received: true, outcome });
  });
  return router;
}

/** Any content type: what is verified is the bytes, not their parse. */
const rawBodyParser = express.raw({ type: () => true, limit: `${WEBHOOK_BODY_LIMIT_KB}kb` });

async function verified(req: Request, signingSecret: string): Promise<ClerkEvent> {
  // The parser leaves no body on a request without one; an empty buffer still fails verification as it should.
  if (!Buffer.isBuffer(req.body)) req.body = Buffer.alloc(0);
  let payload: unknown;
  try {
    payload = await verifyWebhook(req, { signingSecret });
  } catch (error) {
    // Clerk's reason (which header is missing, "timestamp too old") helps an operator; the caller gets one answer.
    req.log.warn({ webhook: { reason: error instanceof Error ? error.message : String(error) } }, 'clerk webhook refused');
    throw new HttpError(
      400,
      ERROR_CODES.invalidWebhook,
      'The webhook could not be verified: it needs svix-id, svix-timestamp and svix-signature headers, signed with this endpoint’s secret within the last 5 minutes.',
    );
  }
  const event = ClerkEventSchema.safeParse(payload);
  if (!event.success) throw new HttpError(400, ERROR_CODES.invalidWebhook, 'The webhook is signed but is not a Clerk event.');
  return event.data;
}

function issuePaths(error: ZodError): string {
  return error.issues.map((issue) => issue.path.join('.')).join(', ');
}

function unexpectedData(event: ClerkEvent, error: ZodError): HttpError {
  const fields = issuePaths(error);
  return new HttpError(400, ERROR_CODES.invalidWebhook, `The ${event.type} event is signed but its data is not what we expected (${fields}).`, {
    details: { type: event.type },
  });
}

function notConfigured(): HttpError {
  return new HttpError(
    503,
    ERROR_CODES.webhooksNotConfigured,
    'Webhooks are not configured on this server: set CLERK_WEBHOOK_SIGNING_SECRET to the endpoint’s signing secret from the Clerk dashboard.',
  );
}
