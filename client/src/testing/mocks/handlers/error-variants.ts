import { delay, http, HttpResponse } from 'msw';
import { ERROR_CODES } from '#shared/api-error';
import { apiUrl, errorResponse } from './api-auth.ts';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The failure modes every endpoint can have, as handlers to `server.use(...)` in a test. */
export function errorVariants(method: Method, path: string) {
  const url = apiUrl(path);
  return {
    unauthorized: http[method](url, () => errorResponse(401, ERROR_CODES.unauthenticated, 'Sign in to use this endpoint.')),
    forbidden: http[method](url, () => errorResponse(403, ERROR_CODES.forbidden, 'This needs a role you do not have.')),
    serverError: http[method](url, () => errorResponse(500, ERROR_CODES.internal, 'Something went wrong on our side.')),
    /** The connection fails: no answer at all. */
    networkError: http[method](url, () => HttpResponse.error()),
    /** Never answers, to look at loading states. */
    pending: http[method](url, async () => {
      await delay('infinite');
      return HttpResponse.error();
    }),
  };
}
