/**
 * A failure with an HTTP status and a stable Clerk error code, answered in
 * Clerk's `{ errors: [...] }` shape by both APIs (clerk-http.ts). `fields`
 * name the form parameters at fault (`meta.param_name`).
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
