import { HttpError } from '../../common/http-error.ts';

/**
 * A failure with an HTTP status and a stable Clerk error code, answered in
 * Clerk's `{ errors: [...] }` shape by both APIs (clerk-http.ts). `fields`
 * name the form parameters at fault (`meta.param_name`), `meta` carries
 * anything else Clerk puts there. The API's HttpError
 * with Clerk's codes: only the envelope it is answered in differs.
 */
export class EmulatorError extends HttpError<string> {
  /** Clerk's `meta` beside the code, e.g. `lockout_expires_in_seconds` on `user_locked`. */
  readonly meta: Record<string, unknown> | undefined;

  constructor(status: number, code: string, message: string, fields?: Record<string, string[]>, meta?: Record<string, unknown>) {
    super(status, code, message, fields === undefined ? {} : { fields });
    this.name = 'EmulatorError';
    this.meta = meta;
  }
}
