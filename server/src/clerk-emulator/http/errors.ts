import { HttpError } from '../../common/http-error.ts';

/**
 * A failure with an HTTP status and a stable Clerk error code, answered in
 * Clerk's `{ errors: [...] }` shape by both APIs (clerk-http.ts). `fields`
 * name the form parameters at fault (`meta.param_name`). The API's HttpError
 * with Clerk's codes: only the envelope it is answered in differs.
 */
export class EmulatorError extends HttpError<string> {
  constructor(status: number, code: string, message: string, fields?: Record<string, string[]>) {
    super(status, code, message, fields === undefined ? {} : { fields });
    this.name = 'EmulatorError';
  }
}
