import { ERROR_CODES, INVALID_FIELDS_MESSAGE, type ErrorCode } from '#shared/api-error';

export interface HttpErrorOptions {
  fields?: Record<string, string[]>;
  /** Response headers that belong to this error, e.g. `WWW-Authenticate`, `Retry-After`. */
  headers?: Record<string, string>;
  cause?: unknown;
  /** Context for the logs (pino's error serializer prints it); never sent to the caller. */
  details?: Record<string, unknown>;
}

/**
 * The one error type handlers throw; the error handler turns it into the JSON
 * envelope. `Code` is the API's codes; the Clerk emulator throws it with Clerk's
 * (clerk-emulator/http/errors.ts) and answers it in Clerk's envelope.
 */
export class HttpError<Code extends string = ErrorCode> extends Error {
  readonly status: number;
  readonly code: Code;
  readonly fields: Record<string, string[]> | undefined;
  readonly headers: Record<string, string>;
  readonly details: Record<string, unknown> | undefined;

  constructor(status: number, code: Code, message: string, options: HttpErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.fields = options.fields;
    this.headers = options.headers ?? {};
    this.details = options.details;
  }
}

/** A 400 `validation_failed` about one field, in the shape a failed schema gets: for checks a schema cannot make. */
export function invalidField(field: string, message: string): HttpError {
  return new HttpError(400, ERROR_CODES.validationFailed, INVALID_FIELDS_MESSAGE, { fields: { [field]: [message] } });
}

/** The `type` of a body parser's refusal (e.g. `entity.too.large`); null for any other error. Both APIs and the emulator read it. */
export function bodyParserErrorType(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || !('type' in error) || !('status' in error)) return null;
  const { type, status } = error;
  if (typeof type !== 'string' || typeof status !== 'number' || status < 400 || status >= 500) return null;
  return type;
}
