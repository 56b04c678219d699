import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { verifyWebhook, type WebhookEvent } from '@clerk/express/webhooks';
import { checkWebhookEvent, formatViolations } from './clerk-spec-check.ts';

/**
 * For tests: a webhook endpoint that verifies each delivery exactly as the
 * API's receiver does (`verifyWebhook` from @clerk/express/webhooks) and
 * records it. It can refuse (500), hang, or be down (its port closed), and come back.
 * Every verified event is checked against Clerk's webhooks spec by its type
 * when it closes; close() rejects if one strayed, failing the test that received it.
 */
/** `fail`: 500, as a receiver that cannot store the event now; `refuse`: 400, as one that will never accept it. */
export type ReceiverBehaviour = 'accept' | 'fail' | 'refuse' | 'hang';

export interface ReceivedAttempt {
  svixId: string;
  svixTimestamp: number;
  verified: boolean;
  /** The verified event; null when verification failed. */
  event: WebhookEvent | null;
  /** What the receiver answered; null when it hung. */
  status: number | null;
}

export interface ReceivedEvent {
  svixId: string;
  event: WebhookEvent;
}

export interface WebhookTestReceiver {
  url: string;
  secret: string;
  /** For every delivery, or chosen per verified event. */
  behaviour: ReceiverBehaviour | ((event: WebhookEvent) => ReceiverBehaviour);
  /** Every request, in arrival order. */
  attempts: ReceivedAttempt[];
  /** Verified events it accepted (2xx), in arrival order. */
  accepted: ReceivedEvent[];
  /** Closes the port: deliveries meet a refused connection. */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  /** Resolves once `count` events were accepted; fails after `timeoutMs`. */
  waitForAccepted(count: number, timeoutMs?: number): Promise<ReceivedEvent[]>;
  close(): Promise<void>;
}

export async function startWebhookTestReceiver(
  secret: string,
  /** `checkSpec: false` for hand-made payloads that test delivery itself, not Clerk's events. */
  { checkSpec = true }: { checkSpec?: boolean } = {},
): Promise<WebhookTestReceiver> {
  const receiver: WebhookTestReceiver = {
    url: '',
    secret,
    behaviour: 'accept',
    attempts: [],
    accepted: [],
    down: () => stop(server),
    up: async () => {
      server = createServer(app);
      await listenOn(server, port);
    },
    waitForAccepted: async (count, timeoutMs = 5_000) => {
      const deadline = Date.now() + timeoutMs;
      while (receiver.accepted.length < count) {
        if (Date.now() > deadline)
          throw new Error(`expected ${count} webhooks, got ${receiver.accepted.length}: ${receiver.accepted.map((e) => e.event.type).join(', ')}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return receiver.accepted;
    },
    close: async () => {
      await stop(server);
      // Checked now, not on arrival: compiling a schema stalls the event loop the sender's timeouts share.
      const events = checkSpec
        ? new Map(receiver.attempts.flatMap((attempt) => (attempt.event ? [[attempt.svixId, attempt.event]] : [])))
        : new Map();
      const violations = [...events.values()].flatMap((event: WebhookEvent) => checkWebhookEvent(event) ?? []);
      if (violations.length) throw new Error(`webhook events that stray from Clerk's spec:\n${formatViolations(violations)}`);
    },
  };

  const app = express();
  // The raw bytes, as a receiver must verify what was signed.
  app.post('/webhooks', express.raw({ type: 'application/json' }), async (req, res) => {
    const event = await verifyWebhook(req, { signingSecret: secret }).catch(() => null);
    const attempt: ReceivedAttempt = {
      svixId: req.get('svix-id') ?? '',
      svixTimestamp: Number(req.get('svix-timestamp')),
      verified: event !== null,
      event,
      status: null,
    };
    receiver.attempts.push(attempt);
    const behaviour = typeof receiver.behaviour === 'function' ? (event ? receiver.behaviour(event) : 'accept') : receiver.behaviour;
    if (behaviour === 'hang') return;
    attempt.status = event === null || behaviour === 'refuse' ? 400 : behaviour === 'fail' ? 500 : 204;
    if (event && attempt.status === 204) receiver.accepted.push({ svixId: attempt.svixId, event });
    res.status(attempt.status).end();
  });

  let server = createServer(app);
  await listenOn(server, 0);
  const port = (server.address() as AddressInfo).port;
  receiver.url = `http://127.0.0.1:${port}/webhooks`;
  return receiver;
}

function listenOn(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
}

function stop(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
