import { http, HttpResponse } from 'msw';
import type { HelloResponse } from '#shared/api-contracts';
import { apiUrl, readSessionClaims } from './api-auth.ts';
import { errorVariants } from './error-variants.ts';

/** GET /api/hello: public; personalized when a valid token comes along. */
export const helloHandlers = {
  default: http.get(apiUrl('/api/hello'), async ({ request }) => {
    const claims = await readSessionClaims(request);
    const body: HelloResponse = claims ? { message: `Hello, ${claims.sub}!`, signedIn: true } : { message: 'Hello, stranger!', signedIn: false };
    return HttpResponse.json(body);
  }),
  ...errorVariants('get', '/api/hello'),
};
