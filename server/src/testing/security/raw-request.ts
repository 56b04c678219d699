import { request } from 'node:http';
import type { Reply } from '../http.ts';

/**
 * A request whose path goes on the wire byte for byte. `send` builds a WHATWG
 * URL, which resolves `%2e%2e` as `..` before anything is sent: the probe would
 * never reach the server.
 */
export function sendRawPath(
  baseUrl: string,
  rawPath: string,
  options: { method?: string; headers?: Record<string, string | string[]>; body?: string } = {},
): Promise<Reply> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: rawPath, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: parseJson(text) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
