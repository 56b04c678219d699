import { request } from 'node:http';

export interface SendOptions {
  method?: string;
  /** An array sends the header once per value. */
  headers?: Record<string, string | string[]>;
  /** Sent as-is; objects are sent as JSON with `Content-Type: application/json`. */
  body?: string | Buffer | object;
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown;
}

/**
 * A request with exactly the headers given. node:http rather than fetch, so that
 * nothing is added or refused on the way (Origin, Sec-Fetch-*, Cookie…).
 */
export function send(baseUrl: string, path: string, options: SendOptions = {}): Promise<Reply> {
  const { body, headers } = encodeBody(options);
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, baseUrl), { method: options.method ?? 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: parseJson(text) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function encodeBody(options: SendOptions): { body: string | Buffer | undefined; headers: Record<string, string | string[]> } {
  const headers = { ...options.headers };
  if (options.body === undefined || typeof options.body === 'string' || Buffer.isBuffer(options.body)) {
    return { body: options.body, headers };
  }
  return { body: JSON.stringify(options.body), headers: { 'Content-Type': 'application/json', ...headers } };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function bearer(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}
