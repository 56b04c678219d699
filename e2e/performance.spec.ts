import type { Request } from '@playwright/test';
import { API_ORIGIN } from './support/origins.ts';
import { expect, test } from './support/fixtures.ts';

test("the dashboard's API calls run in parallel, not one after another", async ({ page, signIn }) => {
  const apiCalls: Request[] = [];
  page.on('requestfinished', (request) => {
    if (request.url().startsWith(`${API_ORIGIN}/api/`) && request.method() === 'GET') apiCalls.push(request);
  });
  await page.goto('/sign-in?redirect_url=' + encodeURIComponent('/dashboard'));
  await signIn('member');
  await expect(page.getByTestId('api-profile')).toBeVisible();
  await expect(page.getByTestId('api-me')).toBeVisible();
  await expect(page.getByTestId('api-hello')).toBeVisible();

  // The first call to each endpoint: later refetches (a refreshed token, a focus) are not the page load.
  const firstCalls = new Map<string, Request>();
  for (const request of apiCalls) {
    const path = new URL(request.url()).pathname;
    if (/^\/api\/(me|me\/profile|hello)$/.test(path) && !firstCalls.has(path)) firstCalls.set(path, request);
  }
  const dashboardCalls = [...firstCalls.values()];
  expect(dashboardCalls).toHaveLength(3);
  // Parallel: every call starts before the first one of them has finished.
  const windows = dashboardCalls.map((request) => {
    const timing = request.timing();
    return { start: timing.startTime, end: timing.startTime + timing.responseEnd };
  });
  const firstEnd = Math.min(...windows.map((window) => window.end));
  for (const window of windows) expect(window.start).toBeLessThan(firstEnd);
});
