/**
 * A failure with an HTTP status and a stable code. The Frontend API renders it
 * as the app's error envelope, the Backend API in Clerk's `{ errors: [...] }`
 * shape, so the same service code serves both.
 */
export class IdentityError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string[]> | undefined;

  constructor(status: number, code: string, message: string, fields?: Record<string, string[]>) {
    super(message);
    this.name = 'IdentityError';
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}
