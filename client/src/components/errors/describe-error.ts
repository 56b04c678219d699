import { ERROR_CODES } from '#shared/api-error';
import { CLIENT_ERROR_CODES, isApiError } from '@/lib/api-client.ts';

export interface ErrorDescription {
  title: string;
  message: string;
  /** 401: the cure is signing in again, not retrying. */
  needsSignIn: boolean;
  requestId?: string | undefined;
}

/** Words a person can act on, for any error a query or mutation can end with. */
export function describeError(error: unknown): ErrorDescription {
  if (!isApiError(error)) {
    return { title: 'Something went wrong', message: 'An unexpected error occurred.', needsSignIn: false };
  }
  const { requestId } = error;
  if (error.status === 401 || error.code === ERROR_CODES.unauthenticated) {
    return {
      title: 'You are not signed in',
      message: 'The API did not accept your session (401). Sign in again to continue.',
      needsSignIn: true,
      requestId,
    };
  }
  if (error.status === 403 || error.code === ERROR_CODES.forbidden) {
    return {
      title: 'Access denied',
      message: `You do not have permission to see this (403). ${error.message}`,
      needsSignIn: false,
      requestId,
    };
  }
  if (error.code === CLIENT_ERROR_CODES.network) {
    return { title: 'Cannot reach the API', message: error.message, needsSignIn: false, requestId };
  }
  return { title: 'Something went wrong', message: error.message, needsSignIn: false, requestId };
}
