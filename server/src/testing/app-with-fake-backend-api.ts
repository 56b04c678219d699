import { afterAll, afterEach, beforeAll } from 'vitest';
import { createAuthFixtures, type AuthFixtures } from './auth-fixtures.ts';
import { startFakeBackendApi, type FakeBackendApi } from './fake-backend-api.ts';
import { startApp, type StartedApp } from './start-app.ts';

export interface AppWithFakeBackendApi {
  auth: AuthFixtures;
  readonly backendApi: FakeBackendApi;
  readonly app: StartedApp;
}

/**
 * For a test file about the API's Backend API calls and their failures: the
 * real API whose Clerk client talks to a fake Backend API, which answers
 * normally again, with its request log emptied, after every test. Call it at
 * the top level of the file; it registers the hooks.
 */
export function useAppWithFakeBackendApi(): AppWithFakeBackendApi {
  const auth = createAuthFixtures();
  let backendApi: FakeBackendApi | undefined;
  let app: StartedApp | undefined;
  beforeAll(async () => {
    backendApi = await startFakeBackendApi(auth.keys.secretKey);
    app = await startApp(auth.clerkOptions({ apiUrl: backendApi.url }));
  });
  afterEach(() => {
    backendApi?.failWith(null);
    if (backendApi) backendApi.requests.length = 0;
  });
  afterAll(async () => {
    await app?.close();
    await backendApi?.close();
  });
  return {
    auth,
    get backendApi() {
      return backendApi!;
    },
    get app() {
      return app!;
    },
  };
}
