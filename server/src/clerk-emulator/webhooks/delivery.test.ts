import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDataDir } from '../../testing/test-emulator.ts';
import { WebhookDelivery, type WebhookDeliveryOptions } from './delivery.ts';
import { WebhookOutbox, type NewOutboxMessage } from './outbox.ts';
import { newMessageId } from './signing.ts';
import { startWebhookTestReceiver, type WebhookTestReceiver } from '../../testing/webhook-test-receiver.ts';

const SECRET = `whsec_${Buffer.from('a test secret of 24 bytes').toString('base64')}`;
const PRIVATE_MARKER = 'private-marker-never-logged';

let temp: ReturnType<typeof makeTempDataDir>;
let receiver: WebhookTestReceiver;
let logLines: Record<string, unknown>[];
const deliveries: WebhookDelivery[] = [];

beforeEach(async () => {
  temp = makeTempDataDir();
  // Hand-made payloads: these tests are about delivery; webhooks.test.ts checks Clerk's events against the spec.
  receiver = await startWebhookTestReceiver(SECRET, { checkSpec: false });
  logLines = [];
});

afterEach(async () => {
  await Promise.all(deliveries.splice(0).map((delivery) => delivery.close()));
  await receiver.close();
  temp.remove();
});

function startDelivery(outbox: WebhookOutbox, options: Partial<WebhookDeliveryOptions> = {}): WebhookDelivery {
  const sink = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      logLines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const delivery = new WebhookDelivery(outbox, {
    url: receiver.url,
    secret: SECRET,
    retryDelaysMs: [40, 40, 40, 40, 40, 40, 40, 40],
    attemptTimeoutMs: 1_000,
    refusedRetryDelaysMs: [40, 40],
    logger: pino({ level: 'info' }, sink),
    ...options,
  });
  deliveries.push(delivery);
  delivery.wake();
  return delivery;
}

/** A webhook about object `objectId`; `label` tells the messages of one object apart. */
function message(objectId: string, label: string): NewOutboxMessage {
  const event = { type: 'user.updated', object: 'event', data: { id: objectId, label, private_metadata: { note: PRIVATE_MARKER } } };
  return { id: newMessageId(), orderKey: objectId, type: event.type, body: JSON.stringify(event) };
}

const labelOf = (event: unknown) => (event as { data: { label: string } }).data.label;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The receiver answers before the sender has read the answer: wait for the sender's side too. */
async function waitUntilEmpty(outbox: WebhookOutbox): Promise<void> {
  for (let i = 0; i < 200 && outbox.size > 0; i++) await sleep(5);
  expect(outbox.size).toBe(0);
}

describe('webhook delivery', () => {
  it('signs every delivery as Svix does, so verifyWebhook accepts it, with the timestamp of the attempt', async () => {
    const outbox = WebhookOutbox.open(temp.dataDir);
    const sent = message('user_1', 'first');
    outbox.append([sent], Date.now());
    const before = Math.floor(Date.now() / 1000);
    startDelivery(outbox);
    const [received] = await receiver.waitForAccepted(1);
    expect(received!.svixId).toBe(sent.id);
    expect(received!.event).toEqual(JSON.parse(sent.body));
    expect(receiver.attempts[0]!.svixTimestamp).toBeGreaterThanOrEqual(before);
    expect(receiver.attempts[0]!.svixTimestamp).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    await waitUntilEmpty(outbox);
  });

  it('is refused by verifyWebhook under another secret', async () => {
    const outbox = WebhookOutbox.open(temp.dataDir);
    outbox.append([message('user_1', 'first')], Date.now());
    startDelivery(outbox, { secret: `whsec_${Buffer.from('some other secret here!!').toString('base64')}`, retryDelaysMs: [] });
    await waitUntilEmpty(outbox);
    expect(receiver.attempts).toEqual([expect.objectContaining({ verified: false, status: 400 })]);
    expect(receiver.accepted).toEqual([]);
  });

  it('delivers every message exactly once after the receiver was down, in order per object', async () => {
    await receiver.down();
    const outbox = WebhookOutbox.open(temp.dataDir);
    const sent = [message('user_a', 'a1'), message('user_b', 'b1'), message('user_a', 'a2'), message('user_b', 'b2'), message('user_a', 'a3')];
    outbox.append(sent, Date.now());
    startDelivery(outbox);
    await sleep(150);
    await receiver.up();
    const accepted = await receiver.waitForAccepted(sent.length);
    expect(accepted.map((received) => received.svixId).sort()).toEqual(sent.map((m) => m.id).sort());
    const labels = accepted.map((received) => labelOf(received.event));
    expect(labels.filter((label) => label.startsWith('a'))).toEqual(['a1', 'a2', 'a3']);
    expect(labels.filter((label) => label.startsWith('b'))).toEqual(['b1', 'b2']);
    // Refused connections: one line for the whole wait, none per message or per attempt.
    expect(logLines).toEqual([expect.objectContaining({ level: 30, msg: `waiting for the webhook receiver at ${receiver.url}` })]);
  });

  it('delivers everything to a receiver that starts 1.5 s late, with the default short retries and one log line', async () => {
    await receiver.down();
    const outbox = WebhookOutbox.open(temp.dataDir);
    // As many as the seed announces on a first start, each its own object (so none waits behind another).
    const sent = Array.from({ length: 12 }, (_, index) => message(`user_${index}`, `seed ${index}`));
    outbox.append(sent, Date.now());
    const startedAt = Date.now();
    startDelivery(outbox, { refusedRetryDelaysMs: undefined, retryDelaysMs: [60_000] });
    await sleep(1_500);
    await receiver.up();
    const accepted = await receiver.waitForAccepted(sent.length);
    // Retried 1 s then 2 s after the first refusal: there by about 3 s, long before the normal 60 s schedule.
    expect(Date.now() - startedAt).toBeLessThan(10_000);
    expect(accepted.map((received) => received.svixId).sort()).toEqual(sent.map((m) => m.id).sort());
    await waitUntilEmpty(outbox);
    expect(logLines).toEqual([expect.objectContaining({ level: 30, msg: `waiting for the webhook receiver at ${receiver.url}` })]);
  });

  it('counts refusals as attempts once the short retries are used up, and drops a message after the last with one warning', async () => {
    await receiver.down();
    const outbox = WebhookOutbox.open(temp.dataDir);
    outbox.append([message('user_a', 'a1')], Date.now());
    startDelivery(outbox, { refusedRetryDelaysMs: [10, 10], retryDelaysMs: [10, 10] });
    await waitUntilEmpty(outbox);
    expect(logLines.map((line) => line.msg)).toEqual([
      `waiting for the webhook receiver at ${receiver.url}`,
      'webhook user.updated not delivered after 3 attempts (ECONNREFUSED); dropped',
    ]);
    expect(receiver.attempts).toEqual([]);
  });

  it('retries a refused message with the same svix-id and holds back its object’s next message until it succeeds', async () => {
    let refusals = 0;
    receiver.behaviour = () => (refusals++ < 3 ? 'fail' : 'accept');
    const outbox = WebhookOutbox.open(temp.dataDir);
    const first = message('user_a', 'a1');
    outbox.append([first, message('user_a', 'a2')], Date.now());
    startDelivery(outbox);
    await receiver.waitForAccepted(2);
    // a1 four times under one id (three refusals, then accepted), and only then a2.
    expect(receiver.attempts.map((attempt) => [labelOf(attempt.event), attempt.svixId, attempt.status])).toEqual([
      ['a1', first.id, 500],
      ['a1', first.id, 500],
      ['a1', first.id, 500],
      ['a1', first.id, 204],
      ['a2', expect.any(String), 204],
    ]);
    expect(receiver.accepted.map((received) => labelOf(received.event))).toEqual(['a1', 'a2']);
    expect(logLines[0]).toMatchObject({ webhookId: first.id, type: 'user.updated', attempt: 1, reason: 'answered 500', retryInMs: 40 });
  });

  it('lets the object’s next message go at once when the receiver refuses one with a 4xx, and still retries that one on its schedule', async () => {
    let refusals = 0;
    receiver.behaviour = (event) => (labelOf(event) === 'a1' && refusals++ < 2 ? 'refuse' : 'accept');
    const outbox = WebhookOutbox.open(temp.dataDir);
    const first = message('user_a', 'a1');
    outbox.append([first, message('user_a', 'a2'), message('user_a', 'a3')], Date.now());
    startDelivery(outbox, { retryDelaysMs: [300, 300] });
    await receiver.waitForAccepted(3);
    // a2 and a3 did not wait for a1's retries (300 ms each); a1 was retried under its own id until accepted.
    expect(receiver.attempts.map((attempt) => [labelOf(attempt.event), attempt.status])).toEqual([
      ['a1', 400],
      ['a2', 204],
      ['a3', 204],
      ['a1', 400],
      ['a1', 204],
    ]);
    expect(receiver.attempts.filter((attempt) => labelOf(attempt.event) === 'a1').map((attempt) => attempt.svixId)).toEqual(Array(3).fill(first.id));
    await waitUntilEmpty(outbox);
  });

  it('times out a receiver that hangs and retries it', async () => {
    receiver.behaviour = 'hang';
    const outbox = WebhookOutbox.open(temp.dataDir);
    const sent = message('user_a', 'a1');
    outbox.append([sent], Date.now());
    startDelivery(outbox, { attemptTimeoutMs: 150 });
    for (let i = 0; i < 200 && receiver.attempts.length < 1; i++) await sleep(5);
    receiver.behaviour = 'accept';
    await receiver.waitForAccepted(1);
    expect(receiver.attempts.map((attempt) => attempt.svixId)).toEqual([sent.id, sent.id]);
    expect(logLines[0]).toMatchObject({ attempt: 1, reason: 'no answer within 150 ms' });
  });

  it('gives up after the last attempt with one warning, and moves on to the object’s next message', async () => {
    receiver.behaviour = (event) => (labelOf(event) === 'a1' ? 'fail' : 'accept');
    const outbox = WebhookOutbox.open(temp.dataDir);
    outbox.append([message('user_a', 'a1'), message('user_a', 'a2')], Date.now());
    startDelivery(outbox, { retryDelaysMs: [20, 20] });
    const [received] = await receiver.waitForAccepted(1);
    expect(labelOf(received!.event)).toBe('a2');
    expect(receiver.attempts.slice(0, 3).map((attempt) => labelOf(attempt.event))).toEqual(['a1', 'a1', 'a1']);
    const dropped = logLines.filter((line) => String(line.msg).includes('dropped'));
    expect(dropped).toEqual([expect.objectContaining({ attempt: 3, reason: 'answered 500' })]);
    await waitUntilEmpty(outbox);
    expect(logLines).toHaveLength(3);
  });

  it('keeps undelivered messages on disk: a new outbox over the same folder delivers them', async () => {
    await receiver.down();
    const first = WebhookOutbox.open(temp.dataDir);
    const sent = [message('user_a', 'a1'), message('org_b', 'b1')];
    first.append(sent, Date.now());
    const delivery = startDelivery(first);
    await sleep(100);
    await delivery.close();
    await receiver.up();
    const reopened = WebhookOutbox.open(temp.dataDir);
    expect(reopened.size).toBe(2);
    startDelivery(reopened);
    const accepted = await receiver.waitForAccepted(2);
    // Two objects: their messages may pass each other, each retried on its own schedule.
    expect(accepted.map((received) => received.svixId).sort()).toEqual(sent.map((m) => m.id).sort());
  });

  it('never logs a payload or the secret', async () => {
    receiver.behaviour = 'fail';
    const outbox = WebhookOutbox.open(temp.dataDir);
    outbox.append([message('user_a', 'a1')], Date.now());
    startDelivery(outbox, { retryDelaysMs: [10] });
    await waitUntilEmpty(outbox);
    expect(logLines).toHaveLength(2);
    const logged = JSON.stringify(logLines);
    expect(logged).not.toContain(PRIVATE_MARKER);
    expect(logged).not.toContain(SECRET.slice('whsec_'.length));
  });
});
