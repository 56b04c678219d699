import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { appendTraffic, startTrafficLog, type RecordedTraffic } from './spec-check-log.ts';

/**
 * Stands between the API and the Clerk emulator, both ways, so the end-to-end suite checks what passes there
 * against Clerk's spec as the unit tests do:
 * - the API's Backend API calls (its CLERK_EMULATOR_URL is this proxy) go on to the emulator, and each answer is
 *   recorded;
 * - the emulator's webhook deliveries (its CLERK_EMULATOR_WEBHOOK_URL is this proxy's `/api/webhooks/clerk`) go on
 *   to the API's receiver byte for byte, so the Svix signature still verifies, and each event is recorded.
 * Requests, answers and their headers pass unchanged, but for `Host`, which names the server they go to (the
 * emulator answers only its own hosts). What was recorded is checked by the global teardown
 * (spec-check-teardown.ts), not here: compiling a schema takes up to 1.5 s, longer than the API waits for a
 * Backend API answer (2 s an attempt, with the rest of its work).
 */
const port = Number(process.env.PORT);
const backendApi = new URL(requiredEnv('BACKEND_API_ORIGIN'));
const webhookReceiver = new URL(requiredEnv('WEBHOOK_RECEIVER_URL'));

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`spec-checking proxy: ${name} is not set`);
  return value;
}

interface Exchange {
  method: string;
  url: string;
  requestBody: Buffer;
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/**
 * Sends the request on to `target` once it has all arrived, and its answer back once that has all arrived:
 * `record` runs between, so each exchange is on file before whoever asked has the answer.
 */
function forward(req: IncomingMessage, res: ServerResponse, target: URL, record: (exchange: Exchange) => void): void {
  const requestChunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => requestChunks.push(chunk));
  req.on('end', () => {
    const requestBody = Buffer.concat(requestChunks);
    const upstream = request(
      { hostname: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, host: target.host } },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const body = Buffer.concat(chunks);
          const status = answer.statusCode ?? 502;
          record({ method: req.method ?? 'GET', url: req.url ?? '/', requestBody, status, headers: answer.headers, body });
          res.writeHead(status, answer.headers);
          res.end(body);
        });
      },
    );
    upstream.on('error', () => unreachable(res));
    upstream.end(requestBody);
  });
}

/** As a gateway answers when the server behind it is down: the API retries, the emulator's outbox keeps the event. */
function unreachable(res: ServerResponse): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(502, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ errors: [{ code: 'proxy_unreachable', message: 'The spec-checking proxy could not reach its upstream.' }] }));
}

function backendApiAnswer({ method, url, status, headers, body }: Exchange): RecordedTraffic {
  return { kind: 'bapi', method, url, status, contentType: headers['content-type'] ?? '', body: body.toString('utf8') };
}

function webhookDelivery({ requestBody, status, body }: Exchange, req: IncomingMessage): RecordedTraffic {
  const svixId = String(req.headers['svix-id'] ?? '');
  return { kind: 'webhook', svixId, body: requestBody.toString('utf8'), status, answer: body.toString('utf8') };
}

startTrafficLog();
const server = createServer((req, res) => {
  const isWebhook = req.method === 'POST' && new URL(req.url ?? '/', 'http://proxy').pathname === webhookReceiver.pathname;
  if (isWebhook) return forward(req, res, webhookReceiver, (exchange) => appendTraffic(webhookDelivery(exchange, req)));
  forward(req, res, backendApi, (exchange) => appendTraffic(backendApiAnswer(exchange)));
});

server.listen(port, '127.0.0.1', () => {
  console.log(`Spec-checking proxy on http://127.0.0.1:${port}: Backend API → ${backendApi.origin}, webhooks → ${webhookReceiver.href}`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    // The API's keep-alive connections would hold the close open.
    server.closeAllConnections();
  });
}
