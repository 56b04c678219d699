import { API_ORIGIN } from './support/origins.ts';
import { expect, test } from './support/fixtures.ts';

const DASHBOARD_CALL = /^\/api\/(me|me\/profile|hello)$/;

test("the dashboard's API calls run in parallel, not one after another", async ({ page, signIn }) => {
  // The order in which the page issues the dashboard's calls and sees them finish.
  // Network timings would also measure CORS preflights and connection reuse; what the
  // app decides is when it asks, so: every call must be asked before any has answered.
  const events: Array<{ kind: 'issued' | 'finished'; path: string }> = [];
  const record = (kind: 'issued' | 'finished') => (request: { url(): string; method(): string }) => {
    const url = new URL(request.url());
    if (url.origin === API_ORIGIN && request.method() === 'GET' && DASHBOARD_CALL.test(url.pathname)) {
      events.push({ kind, path: url.pathname });
    }
  };
  page.on('request', record('issued'));
  page.on('requestfinished', record('finished'));

  await page.goto('/sign-in?redirect_url=' + encodeURIComponent('/dashboard'));
  await signIn('member');
  await expect(page.getByTestId('api-profile')).toBeVisible();
  await expect(page.getByTestId('api-me')).toBeVisible();
  await expect(page.getByTestId('api-hello')).toBeVisible();

  const firstFinished = events.findIndex((event) => event.kind === 'finished');
  expect(firstFinished).toBeGreaterThan(0);
  const issuedBeforeAnyAnswer = new Set(events.slice(0, firstFinished).map((event) => event.path));
  expect([...issuedBeforeAnyAnswer].sort()).toEqual(['/api/hello', '/api/me', '/api/me/profile']);
});
