import { createAuthFixtures, type AuthFixtures } from './auth-fixtures.ts';
import { startFakeBackendApi, type FakeBackendApi } from './fake-backend-api.ts';
import { startApp, type StartedApp } from './start-app.ts';
import { useForEach } from './use-for-each.ts';

export interface AppWithFakeBackendApi {
  auth: AuthFixtures;
  readonly backendApi: FakeBackendApi;
  readonly app: StartedApp;
}

/**
 * For a test file about the API's Backend API calls and their failures: the
 * real API whose Clerk client talks to a fake Backend API, which answers
 * normally again, with its request log emptied, after every test. Each test
 * gets an app of its own, so the failures one test provokes (which open the
 * Backend API circuit) do not refuse the next test's calls. Call it at the
 * top level of the file; it registers the hooks.
 */
export function useAppWithFakeBackendApi(): AppWithFakeBackendApi {
  const auth = createAuthFixtures();
  const backendApi = useForEach(
    'file',
    () => startFakeBackendApi(auth.keys.secretKey),
    (api) => api.close(),
  );
  const app = useForEach(
    'test',
    () => startApp(auth.clerkOptions({ apiUrl: backendApi().url })),
    async (started) => {
      backendApi().failWith(null);
      backendApi().requests.length = 0;
      await started.close();
    },
  );
  return {
    auth,
    get backendApi() {
      return backendApi();
    },
    get app() {
      return app();
    },
  };
}
