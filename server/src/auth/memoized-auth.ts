/**
 * `getAuth(req)` calls Clerk's `toAuth(options)` on every use (the rate limiter, the logger, the handler), and
 * Clerk builds a new auth object each time, with a Backend API client inside. An auth object that cannot change (a
 * verified token's, or the one signed-out state of every request without a token) is built once per options value.
 */
export function memoizedByOptions<Auth>(build: (options?: unknown) => Auth): (options?: unknown) => Auth {
  const built = new Map<string, Auth>();
  const memoized = (options?: unknown) => {
    const key = JSON.stringify(options ?? null);
    let auth = built.get(key);
    if (auth === undefined) {
      auth = build(options);
      built.set(key, auth);
    }
    return auth;
  };
  // Keeps the function's own properties: @clerk/express brands its `req.auth` (a symbol) to know it for its own.
  return Object.assign(memoized, build);
}
