import { createServer } from 'node:http';
import sirv from 'sirv';
import { isClerkProxyPath, proxyToClerk } from './clerk-proxy.ts';
import { securityHeaders } from './security-headers.ts';

/**
 * A CDN in miniature for the built SPA: the build's brotli or gzip copy of a
 * file when the browser accepts it, hashed assets cached for a year, the HTML
 * revalidated, `/sign-in` answered by `sign-in/index.html` where the build made
 * one, every other unknown path by `index.html` so deep links work (the "SPA
 * fallback"), and the recommended security headers. Clerk's proxy path goes to
 * the emulator, which compresses and caches its scripts itself.
 */
const [root = 'dist/client'] = process.argv.slice(2);
const port = Number(process.env.PORT ?? 4173);
const apiOrigin = process.env.API_ORIGIN ?? 'http://localhost:3001';
const emulatorOrigin = process.env.EMULATOR_ORIGIN;
const headers = securityHeaders({ apiOrigin });

const serve = sirv(root, {
  single: true,
  etag: true,
  // The `.br` and `.gz` files the build wrote (vite-plugin-compression2 in vite.config.ts).
  brotli: true,
  gzip: true,
  setHeaders(res, pathname) {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    const immutable = pathname.startsWith('/assets/');
    res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  },
});

const server = createServer((req, res) => {
  // Clerk's proxy path goes to the Frontend API (the local emulator in these tests).
  if (emulatorOrigin && isClerkProxyPath(req.url)) return proxyToClerk(req, res, emulatorOrigin);
  serve(req, res, () => {
    res.statusCode = 404;
    res.end('Not found');
  });
});

server.listen(port, '127.0.0.1', () => {
  console.log(`Serving ${root} on http://localhost:${port}`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
