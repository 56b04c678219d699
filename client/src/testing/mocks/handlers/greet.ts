import { delay, http, HttpResponse } from 'msw';
import { GreetRequestSchema, type GreetResponse } from '#shared/api-contracts';
import { ERROR_CODES } from '#shared/api-error';
import { apiUrl, errorResponse, readSessionClaims, unauthenticatedResponse, validationFailedResponse } from './api-auth.ts';
import { errorVariants } from './error-variants.ts';

const url = apiUrl('/api/greet');

/** POST /api/greet: validates the body with the shared schema, as the real API does. */
export const greetHandlers = {
  default: http.post(url, async ({ request }) => {
    const claims = await readSessionClaims(request);
    if (!claims) return unauthenticatedResponse();
    const parsed = GreetRequestSchema.safeParse(await request.json().catch(() => null));
    if (!parsed.success) return validationFailedResponse(parsed.error);
    const body: GreetResponse = {
      greeting: `Hello, ${parsed.data.name}!`,
      greetedBy: claims.sub,
      at: new Date().toISOString(),
    };
    return HttpResponse.json(body);
  }),
  /** A 400 the client cannot foresee: the API refuses a name its own rules reject. */
  nameRejected: http.post(url, () =>
    errorResponse(400, ERROR_CODES.validationFailed, 'The request body is not valid.', {
      name: ['This name is not allowed'],
    }),
  ),
  /** A 400 without field details. */
  badRequest: http.post(url, () => errorResponse(400, ERROR_CODES.badRequest, 'The greeting could not be sent.')),
  /** Answers successfully after `ms`, to watch the pending state. */
  slow: (ms: number) =>
    http.post(url, async () => {
      await delay(ms);
      return HttpResponse.json({ greeting: 'Hello, slowly!', greetedBy: 'user_slow', at: new Date().toISOString() });
    }),
  ...errorVariants('post', '/api/greet'),
};
